/**
 * The reader's core, shared by every format once its text is out: source lines and tables → paragraphs → blocks →
 * outline → tasks, plus what the report says about itself and its summary figures. Pure and synchronous.
 */
import type { ParsedReport, ParsedTask, ParseWarning } from '../core/report.js';
import { type Block, classify } from './blocks.js';
import { toSourceItems, type SourceItem, type SourceLine } from './lines.js';
import { findAsOf, findInspection, findNotice, findRegion, findTitle } from './meta.js';
import { readNumeral } from './numerals.js';
import { outline } from './outline.js';
import { reflow } from './reflow.js';
import { extractSummary } from './summary.js';
import { readTable } from './table.js';
import { buildTask, type Warn } from './task-builder.js';

// What follows the last task without belonging to it: the issuer, the date, 抄送/印发 lines, 此件公开发布.
const SIGNATURE =
  /^(?:[\u4e00-\u9fa5]{2,24}(?:人民政府|政府|委员会|办公室|领导小组|指挥部|局|厅|委|办)|\d{4}年\d{1,2}月\d{1,2}日|(?:抄送|印发|联系人|联系电话)[:：].*|[(（]此件公开发布[)）])$/;

function blockText(b: Block): string {
  return b.kind === 'table' ? '' : b.text;
}

/** Collects warnings; repeated "未读取的栏目" warnings are counted, not repeated. */
function warningSink(): { warn: Warn; list: ParseWarning[] } {
  const list: ParseWarning[] = [];
  const repeated = new Map<string, { w: ParseWarning; n: number }>();
  const warn: Warn = (line, message) => {
    if (!message.startsWith('未读取的栏目')) {
      list.push({ line, message });
      return;
    }
    const seen = repeated.get(message);
    if (seen) {
      seen.n += 1;
      seen.w.message = `${message}（共${seen.n}处）`;
      return;
    }
    const w = { line, message };
    repeated.set(message, { w, n: 1 });
    list.push(w);
  };
  return { warn, list };
}

/** A code for a task that has no heading (a closure notice): 编号： in the preamble, or 第N项/任务N in the title. */
function noticeCode(preamble: readonly Block[], title: string): { code: string; number: number | null } {
  for (const b of preamble) {
    if (b.kind === 'field' && b.field.kind === 'code' && b.field.content) {
      const n = /\d+|[零〇一二两三四五六七八九十百]+/.exec(b.field.content)?.[0];
      return { code: b.field.content, number: n ? readNumeral(n) : null };
    }
  }
  const m = /第\s*(\d{1,4}|[一二三四五六七八九十百]{1,6})\s*项|(?:任务|问题|序号)\s*(\d{1,4})/.exec(title);
  const code = m?.[1] ?? m?.[2];
  return code ? { code, number: readNumeral(code) } : { code: '', number: null };
}

/** Reads source items (lines and tables from any format) into a report. */
export function parseItems(items: readonly SourceItem[], warnings: ParseWarning[] = []): ParsedReport {
  const { warn, list } = warningSink();
  list.push(...warnings);
  const blocks: Block[] = [];
  const tableTasks: { line: number; task: ParsedTask }[] = [];
  let pending: SourceLine[] = [];
  const flush = (): void => {
    for (const p of reflow(pending)) blocks.push(...classify(p));
    pending = [];
  };
  for (const item of items) {
    if (item.kind === 'line') {
      pending.push(item.value);
      continue;
    }
    flush();
    const reading = readTable(item.value.rows, item.value.line, warn);
    if (reading.kind === 'fields') for (const p of reading.paras) blocks.push(...classify(p));
    else if (reading.kind === 'tasks') tableTasks.push(...reading.tasks);
  }
  flush();

  const o = outline(blocks);
  const last = o.segments[o.segments.length - 1];
  if (last) while (last.blocks.length && SIGNATURE.test(blockText(last.blocks[last.blocks.length - 1] as Block))) last.blocks.pop();

  const preambleTexts = o.preamble.map(blockText).filter(Boolean);
  const title = findTitle(preambleTexts);
  const fallback = noticeCode(o.preamble, title);
  const textTasks: { line: number; task: ParsedTask }[] = [];
  for (const seg of o.segments) {
    const task = buildTask(seg, fallback, warn);
    if (task) textTasks.push({ line: seg.head?.line ?? seg.blocks[0]?.line ?? 0, task });
  }
  if (textTasks.length === 1 && !textTasks[0]?.task.code && !fallback.code) {
    warn(textTasks[0]?.line ?? null, '公示未写明任务编号');
  }
  const tasks = [...textTasks, ...tableTasks].sort((a, b) => a.line - b.line).map((t) => t.task);
  const codes = new Set<string>();
  for (const t of tasks) {
    if (t.code && codes.has(t.code)) warn(null, `任务编号重复：${t.code}`);
    codes.add(t.code);
  }

  const bodyAfterTitle = preambleTexts.filter((t) => t !== title);
  const summaryTexts = [...bodyAfterTitle, ...o.others.map(blockText)];
  const taskTexts = tasks.flatMap((t) => [t.status ?? '', ...t.measures.map((m) => m.text), t.progress ?? '']);
  const report: ParsedReport = {
    title,
    region: findRegion(title),
    inspection: findInspection([title, ...bodyAfterTitle.slice(0, 5)]),
    asOf: findAsOf(title, bodyAfterTitle.slice(0, 10), taskTexts),
    tasks,
    summary: extractSummary(summaryTexts),
    warnings: list,
  };
  const texts = blocks.map(blockText);
  // A label standing alone (五、公示时间) has its dates in the next paragraph.
  const notice = findNotice(texts.map((t, i) => t + (texts[i + 1] ?? '')));
  if (notice) report.notice = notice;
  return report;
}

/**
 * Reads the text of a report (UTF-8 string) into tasks, statuses, measures and figures. Never throws: whatever it
 * cannot read becomes a warning. Fast: a report of the sample's size takes about a millisecond.
 */
export function parseReportText(text: string): ParsedReport {
  return parseItems(toSourceItems(text));
}
