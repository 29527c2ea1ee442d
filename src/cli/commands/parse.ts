/**
 * `rectify parse FILE [--json]`: reads a report file or a plan table (整改方案 in XLSX/XLS/ODS, or a DOCX whose main
 * content is a plan table) and prints what was recognized — the ParsedReport as JSON (2-space indent) with --json,
 * otherwise a short summary in Chinese. Errors go to stderr as `rectify: <message>` with exit code 1. The file is read
 * in the parse pool like an upload, under the same budgets (PARSE_*), so what the command accepts is what the server
 * accepts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { isAppError } from '../../core/errors.js';
import type { ParsedReport, ParsedTask } from '../../core/report.js';
import { STATUS_LABELS } from '../../core/status.js';

function planTaskLine(t: ParsedTask): string {
  const parts = [`  ${t.code}`];
  if (t.parentCode) parts.push(`（上级${t.parentCode}）`);
  parts.push(`  ${t.problem.slice(0, 30)}${t.problem.length > 30 ? '…' : ''}`);
  parts.push(`  措施 ${t.measures.length} 条`);
  if (t.leadUnits?.length) parts.push(`  牵头：${t.leadUnits.join('、')}`);
  if (t.supportUnits?.length) parts.push(`  配合：${t.supportUnits.join('、')}`);
  if (t.leaders?.length) parts.push(`  责任领导：${t.leaders.join('、')}`);
  parts.push(`  时限：${t.deadline ?? '（无）'}`);
  return parts.join('');
}

/** The readable summary of a plan table: its tasks by category, then the cells that could not be read. */
function formatPlan(r: ParsedReport): string {
  const lines = [`整改方案：${r.title || '（无标题）'}`];
  if (r.region) lines.push(`地区：${r.region}`);
  if (r.inspection) lines.push(`督察：${r.inspection}`);
  lines.push(`任务：${r.tasks.length} 项`);
  let category: string | null | undefined;
  for (const t of r.tasks) {
    if (t.category !== category) {
      category = t.category;
      if (category) lines.push(`【${category}】`);
    }
    lines.push(planTaskLine(t));
  }
  if (r.warnings.length) {
    lines.push(`提示：${r.warnings.length} 条`);
    for (const w of r.warnings) lines.push(`  ${w.cell ? `[${w.cell}] ` : ''}${w.message}`);
  }
  return lines.join('\n');
}

/** The readable summary printed without --json. */
export function formatReport(r: ParsedReport): string {
  if (r.kind === 'plan') return formatPlan(r);
  const lines = [`标题：${r.title || '（无）'}`];
  if (r.region) lines.push(`地区：${r.region}`);
  if (r.inspection) lines.push(`督察：${r.inspection}`);
  if (r.asOf) lines.push(`截至：${r.asOf}`);
  if (r.notice) lines.push(`公示：${r.notice.text}`);
  lines.push(`任务：${r.tasks.length} 项`);
  for (const t of r.tasks) {
    const status = t.statusCode ? `${STATUS_LABELS[t.statusCode]}（${t.status ?? ''}）` : (t.status ?? '无状态');
    lines.push(`  任务${t.code}  ${status}  措施 ${t.measures.length} 条  ${t.problem.slice(0, 30)}${t.problem.length > 30 ? '…' : ''}`);
  }
  if (r.summary.length) {
    lines.push(`汇总数字：${r.summary.length} 个`);
    for (const s of r.summary) lines.push(`  ${s.text}`);
  }
  if (r.warnings.length) {
    lines.push(`提示：${r.warnings.length} 条`);
    for (const w of r.warnings) lines.push(`  ${w.line === null ? '' : `第${w.line}行：`}${w.message}`);
  }
  return lines.join('\n');
}

/** Registers `parse FILE [--json]` on the CLI program. */
export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('读取进展报告（TXT/MD/DOCX/PDF/DOC）或整改方案表格（XLSX/XLS/ODS/DOCX），输出识别出的任务、状态和措施')
    .argument('<file>', '报告或整改方案文件')
    .option('--json', '以 JSON 输出完整识别结果')
    .action(async (file: string, opts: { json?: boolean }) => {
      const [{ runParseJob }, { getConfig }] = await Promise.all([import('../../services/parse-jobs.js'), import('../../config.js')]);
      try {
        const data = await readFile(file);
        const report = await runParseJob({ config: getConfig() }, 'document', { data: new Uint8Array(data), name: path.basename(file) }, {});
        process.stdout.write(`${opts.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
      } catch (e) {
        const message = isAppError(e)
          ? e.message
          : (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? `${file}: 文件不存在`
            : `${file}: ${e instanceof Error ? e.message : String(e)}`;
        process.stderr.write(`rectify: ${message}\n`);
        process.exitCode = 1;
      }
    });
}
