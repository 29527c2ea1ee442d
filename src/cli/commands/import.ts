import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { getConfig } from '../../config.js';
import { openContext } from '../../bootstrap.js';
import { SYSTEM_ACTOR } from '../../db/audit.repository.js';
import { AppError } from '../../core/errors.js';
import { action } from '../output.js';
import type { PlanCliOptions } from './import-plan.js';
import { addSheetImportOptions, importLedgerSheetIfAny, type SheetImportOptions } from './ledger-sheet.js';

const READABLE = /\.(txt|md|docx|doc|pdf)$/i;
const TABLES = /\.(xlsx|xls|et|ods|docx|doc)$/i;

/** A single spreadsheet or Word file that is a plan table goes to the plan import; true when it was one. */
async function importIfPlanTable(target: string, opts: PlanCliOptions): Promise<boolean> {
  if (!TABLES.test(target) || !fs.existsSync(target) || fs.statSync(target).isDirectory()) return false;
  // Read in the parse pool, under the same budgets as an upload.
  const { runParseJob } = await import('../../services/parse-jobs.js');
  const file = { name: path.basename(target), data: fs.readFileSync(target) };
  if (!(await runParseJob({ config: getConfig() }, 'plan-detect', file, {})).isPlan) return false;
  const { importPlanTable } = await import('./import-plan.js');
  const parsed = await runParseJob({ config: getConfig() }, 'plan-table', file, {});
  const ctx = await openContext(getConfig());
  try {
    if (!(await importPlanTable(ctx, parsed, file, opts))) process.exitCode = 1;
  } finally { await ctx.close(); }
  return true;
}

function filesOf(target: string): string[] {
  if (!fs.existsSync(target)) throw new AppError('BAD_FILE', `${target}：文件或目录不存在`);
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs.readdirSync(target).filter((f) => READABLE.test(f)).sort().map((f) => path.join(target, f));
}

export function registerImportCommand(program: Command): void {
  addSheetImportOptions(program.command('import <fileOrDir>')
    .description('load a progress report (TXT, MD, DOCX, PDF, DOC) or a folder of them into the ledger, a plan table (XLSX, XLS, DOCX) as an inspection\'s plan, or a ledger or round sheet Rectify exported (XLSX); each file is all or nothing')
    .option('--org <unit>', 'org unit the report belongs to, e.g. 辽宁省/抚顺市 (default: read from the title)')
    .option('--as-of <date>', 'the date the report speaks of, YYYY-MM-DD (default: read from the report, else today)')
    .option('--inspection <idOrName>', 'plan tables: the inspection the plan answers (id or full name)')
    .option('--parent-plan <id>', 'plan tables: the higher plan it carries out (default: the nearest higher unit\'s plan of the inspection; none for none)')
    .option('--map <name=unit>', 'plan tables: a responsible-unit name as written = the unit it means, e.g. "市环保局=辽宁省/抚顺市/抚顺市生态环境局" (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--create-units', 'plan tables: create the responsible units that match no unit, under the plan\'s unit'))
    .action(action(async (target: string, opts: { org?: string; asOf?: string } & PlanCliOptions & SheetImportOptions) => {
      // A sheet Rectify exported is recognized before any other reader; then a plan table; else a report.
      if (await importLedgerSheetIfAny(target, opts)) return;
      if (await importIfPlanTable(target, opts)) return;
      const { importReportFile } = await import('../../services/import-report-file.js');
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
