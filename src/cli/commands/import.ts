import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { getConfig } from '../../config.js';
import { openContext } from '../../bootstrap.js';
import { SYSTEM_ACTOR } from '../../db/audit.repository.js';
import { AppError } from '../../core/errors.js';
import { action } from '../output.js';
import { addSheetImportOptions, importLedgerSheetIfAny, type SheetImportOptions } from './ledger-sheet.js';

const READABLE = /\.(txt|md|docx|doc|pdf)$/i;

function filesOf(target: string): string[] {
  if (!fs.existsSync(target)) throw new AppError('BAD_FILE', `${target}：文件或目录不存在`);
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs.readdirSync(target).filter((f) => READABLE.test(f)).sort().map((f) => path.join(target, f));
}

export function registerImportCommand(program: Command): void {
  addSheetImportOptions(program.command('import <fileOrDir>')
    .description('load a progress report (TXT, MD, DOCX, PDF, DOC) or a folder of them into the ledger, or a ledger or round sheet Rectify exported (XLSX); each file is all or nothing')
    .option('--org <unit>', 'org unit the report belongs to, e.g. 辽宁省/抚顺市 (default: read from the title)')
    .option('--as-of <date>', 'the date the report speaks of, YYYY-MM-DD (default: read from the report, else today)'))
    .action(action(async (target: string, opts: { org?: string; asOf?: string } & SheetImportOptions) => {
      // A sheet Rectify exported is recognized before any other reader.
      if (await importLedgerSheetIfAny(target, opts)) return;
      const { importReportFile } = await import('../../services/import-file.js');
      if (opts.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new AppError('VALIDATION_FAILED', '--as-of 须为 YYYY-MM-DD');
      const files = filesOf(target);
      if (files.length === 0) throw new AppError('BAD_FILE', `${target}：目录中没有可导入的报告（txt/md/docx/doc/pdf）`);
      const ctx = await openContext(getConfig());
      const bar = new cliProgress.SingleBar({ format: '导入 [{bar}] {value}/{total} {file}', noTTYOutput: files.length > 1, stream: process.stderr }, cliProgress.Presets.shades_classic);
      const totals = { created: 0, updated: 0, unchanged: 0, refused: 0 };
      const refused: string[] = [];
      try {
        bar.start(files.length, 0, { file: '' });
        for (const file of files) {
          bar.update({ file: path.basename(file) });
          try {
            const s = await importReportFile(ctx, SYSTEM_ACTOR, { name: path.basename(file), data: fs.readFileSync(file) }, { org: opts.org, asOf: opts.asOf });
            totals.created += s.created; totals.updated += s.updated; totals.unchanged += s.unchanged;
            for (const w of s.warnings) refused.push(`${path.basename(file)}${w.line ? `:${w.line}` : ''} 提示：${w.message}`);
          } catch (error) {
            totals.refused++;
            refused.push(`${path.basename(file)}：${error instanceof Error ? error.message : String(error)}`);
          }
          bar.increment();
        }
        bar.stop();
      } finally { await ctx.close(); }
      for (const line of refused) process.stderr.write(`${line}\n`);
      process.stdout.write(`导入完成：新建 ${totals.created} 项，更新 ${totals.updated} 项，未变 ${totals.unchanged} 项，拒收文件 ${totals.refused} 个\n`);
      if (totals.refused > 0) process.exitCode = 1;
    }));
}
