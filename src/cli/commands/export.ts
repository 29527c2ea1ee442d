import fs from 'node:fs';
import type { Command } from 'commander';
import { getConfig } from '../../config.js';
import { openContext } from '../../bootstrap.js';
import { AppError } from '../../core/errors.js';
import { resolveOrgUnit } from '../../services/resolve-org.js';
import { buildReport } from '../../services/report-from-ledger.js';
import { REPORT_FORMATS, renderReportFile, type ReportFormat } from '../../services/report-file.js';
import { closePdfRenderer } from '../../export/pdf.js';
import { action } from '../output.js';
import { addSheetExportOptions, exportLedgerSheetIfAsked, type SheetExportOptions } from './ledger-sheet.js';

export function registerExportCommand(program: Command): void {
  addSheetExportOptions(program.command('export')
    .description('write the progress report (docx, pdf, md, txt) or the task ledger (xlsx) of an org unit from the ledger; or a ledger or round sheet that can come back (--roundtrip, --round)')
    .option('--org <unit>', 'org unit, e.g. 辽宁省/抚顺市')
    .option('--format <format>', REPORT_FORMATS.join('|'))
    .requiredOption('--out <file>', 'where to write the file')
    .option('--as-of <date>', 'the date the report speaks of, YYYY-MM-DD (default today)')
    .option('--summary', 'add the summary paragraph of figures')
    .option('--with-links', 'print the linked higher or lower plans\' task numbers beside each task: 任务8（对应省任务9）'))
    .action(action(async (opts: { org?: string; format?: string; out: string; asOf?: string; summary?: boolean; withLinks?: boolean } & SheetExportOptions) => {
      if (await exportLedgerSheetIfAsked(opts)) return;
      if (!opts.org) throw new AppError('VALIDATION_FAILED', '请用 --org 指明单位，例如 --org 辽宁省/抚顺市');
      if (!opts.format) throw new AppError('VALIDATION_FAILED', `请用 --format 指明格式：${REPORT_FORMATS.join(' / ')}`);
      const org = opts.org;
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) throw new AppError('VALIDATION_FAILED', `--format 须为 ${REPORT_FORMATS.join(' / ')} 之一`);
      if (opts.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new AppError('VALIDATION_FAILED', '--as-of 须为 YYYY-MM-DD');
      const ctx = await openContext(getConfig());
      try {
        const unit = await resolveOrgUnit(ctx.db, org, { create: false });
        const built = await buildReport(ctx, [unit.path], { orgUnitId: unit.id, asOf: opts.asOf, withSummary: opts.summary, linkedNumbers: opts.withLinks === true });
        fs.writeFileSync(opts.out, await renderReportFile(built, opts.format as ReportFormat));
        for (const c of built.checks) process.stderr.write(`${c.severity === 'error' ? '错误' : '提示'}${c.taskCode ? `（任务${c.taskCode}）` : ''}：${c.message}\n`);
        process.stdout.write(`已写出 ${opts.out}：${built.report.title}，${built.report.tasks.length} 项任务\n`);
      } finally {
        await closePdfRenderer();
        await ctx.close();
      }
    }));
}
