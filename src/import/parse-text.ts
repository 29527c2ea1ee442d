/**
 * The reader's core, shared by every format once its text is out: source lines and tables → paragraphs → blocks →
 * outline → tasks, plus what the report says about itself and its summary figures. Pure and synchronous.
 */
import type { ImportCorrection, ParsedReport, ParsedTask, ParseWarning } from '../core/report.js';
import { applyCorrections, checkCorrections, type Entry, excludedFamilies } from './corrections.js';
import { normalizeStatus } from '../core/status.js';
import { type Block, classify, promoteMarkedProblems } from './blocks.js';
import { stripChrome } from './chrome.js';
import { assess, type TaskOrigin } from './confidence.js';
import { reassembleWrappedTables, toSourceItems, verticalTablesInItems, type SourceItem, type SourceLine } from './lines.js';
import type { Level } from './markers.js';
import { findAsOf, findInspection, findNotice, findRegion, findTitle } from './meta.js';
import { CN_RUN, firstNumeral, readNumeral } from './numerals.js';
import { outline } from './outline.js';
import { reflow } from './reflow.js';
import { verdictClause } from './status-text.js';
import { extractSummary } from './summary.js';
import { readTable } from './table.js';
import { buildTask, type Warn } from './task-builder.js';
import { isTraditional, toSimplified } from './traditional.js';

/** How a reading may be steered: what a person said about this file in the import preview. */
export interface ReadOptions {
  /** Heading families that are not tasks (0 task headings, 1–5 outline levels 一、（一）1.（1）①, 'fields'). */
  notTaskLevels?: readonly (Level | 'fields')[];
  /** Corrections from the import preview (see ImportCorrectionSchema); applied after reading. */
  corrections?: readonly ImportCorrection[];
}

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

const N = String.raw`(\d{1,4}|${CN_RUN}{1,6})`;
// A notice about one measure of a task: 第二十八项整改事项第三条整改措施 → 28.3.
const PART_CODE = new RegExp(String.raw`第\s*${N}\s*项(?:整改)?(?:任务|问题|事项)第\s*${N}\s*条`);
// In a title: 第45项 / 第四十五项, （序号十）, 问题编号十四, 任务3 (not 任务58项: a count).
const TITLE_CODE = new RegExp(String.raw`第\s*${N}\s*项|(?:编号|序号)\s*${N}|(?:任务|问题)\s*${N}(?![\d项个件条处家])`);
// In the opening sentences only the unambiguous forms: 第N项任务, 编号N/序号N.
const PREAMBLE_CODE = new RegExp(String.raw`第\s*${N}\s*项(?:整改)?(?:任务|问题|事项|关于|[“"])|(?:问题|任务)?(?:编号|序号)\s*[为是:：]?\s*${N}(?![\d项个件条处家])`);
// A county notice numbers its task twice, (市序号9、县序号8): the most local number is the notice's own.
const LOCAL_SERIALS = new RegExp(String.raw`([省市县区])序号\s*${N}`, 'g');

// 关于“…”整改任务 / 反馈问题“…”的问题: a quoted problem followed by what it is.
const QUOTED_PROBLEM = /(?:关于|反馈问题|反馈意见|问题)\s*[“"「]([^”"」]{6,400})[”"」]\s*(?:的)?(?:问题|整改任务|整改|反馈)/;

interface FallbackCode {
  code: string;
  number: number | null;
  from: 'field' | 'title' | 'opening' | 'body' | null;
}

function codeIn(text: string, pattern: RegExp): { code: string; number: number | null } | null {
  const part = PART_CODE.exec(text);
  if (part) {
    const [a, b] = [readNumeral(part[1] ?? ''), readNumeral(part[2] ?? '')];
    if (a !== null && b !== null) return { code: `${a}.${b}`, number: a };
  }
  const serials = [...text.matchAll(LOCAL_SERIALS)];
  if (serials.length > 1) {
    const rank = (m: RegExpMatchArray): number => '省市区县'.indexOf(m[1] ?? '');
    const local = serials.sort((x, y) => rank(y) - rank(x))[0];
    const c = local?.[2];
    if (c) return { code: c, number: readNumeral(c) };
  }
  const m = pattern.exec(text);
  const code = m?.[1] ?? m?.[2] ?? m?.[3];
  return code ? { code, number: readNumeral(code) } : null;
}

/** A code for a task that has no heading (a closure notice): 编号： in the preamble, or 第N项/序号N in the title or opening. */
function noticeCode(preamble: readonly Block[], title: string): FallbackCode {
  for (const b of preamble) {
    if (b.kind === 'field' && b.field.kind === 'code' && b.field.content) {
      return { code: b.field.content, number: firstNumeral(b.field.content), from: 'field' };
    }
  }
  const t = codeIn(title, TITLE_CODE);
  if (t) return { ...t, from: 'title' };
  for (const b of preamble.slice(0, 8)) {
    if (b.kind === 'table') continue;
    const p = codeIn(b.text, PREAMBLE_CODE);
    if (p) return { ...p, from: 'opening' };
  }
  return { code: '', number: null, from: null };
}

/** A notice whose number stands only in its body (…第79项整改任务…): every mention must agree. */
function bodyCode(texts: readonly string[]): { code: string; number: number | null } | null {
  const found = new Map<number, string>();
  for (const t of texts) {
    for (const m of t.matchAll(new RegExp(String.raw`第\s*${N}\s*项(?:整改)?(?:任务|问题|事项)`, 'g'))) {
      const n = readNumeral(m[1] ?? '');
      if (n !== null) found.set(n, m[1] ?? '');
    }
  }
  if (found.size !== 1) return null;
  const [[number, code]] = [...found.entries()] as [[number, string]];
  return { code, number };
}

/** Converts a traditional-character document to simplified, lines and table cells alike. */
function simplified(items: readonly SourceItem[]): SourceItem[] | null {
  const parts: string[] = [];
  let length = 0;
  for (const it of items) {
    const text = it.kind === 'line' ? it.value.text : it.value.rows.flat().join('');
    parts.push(text);
    length += text.length;
    if (length > 3000) break;
  }
  if (!isTraditional(parts.join(''))) return null;
  return items.map((it) =>
    it.kind === 'line'
      ? { kind: 'line', value: { ...it.value, text: toSimplified(it.value.text), ...(it.value.raw ? { raw: toSimplified(it.value.raw) } : {}) } }
      : { kind: 'table', value: { ...it.value, rows: it.value.rows.map((r) => r.map(toSimplified)) } },
  );
}

/**
 * Reads source items (lines and tables from any format) into a report, then applies a person's corrections when
 * given: an unknown task in them is an error (VALIDATION_FAILED), nothing else is.
 */
export function parseItems(source: readonly SourceItem[], warnings: ParseWarning[] = [], options: ReadOptions = {}): ParsedReport {
  const first = readItems(source, warnings, options);
  const corrections = options.corrections ?? [];
  if (!corrections.length) return first.report;
  checkCorrections(corrections, first.entries);
  const families = excludedFamilies(corrections, first.entries);
  const reading = families.length ? readItems(source, warnings, { notTaskLevels: [...(options.notTaskLevels ?? []), ...families] }) : first;
  applyCorrections(reading.report, reading.entries, corrections, families);
  return reading.report;
}

function readItems(source: readonly SourceItem[], warnings: readonly ParseWarning[], options: ReadOptions): { report: ParsedReport; entries: Entry[] } {
  const { warn, list } = warningSink();
  list.push(...warnings);
  const tabled = reassembleWrappedTables(verticalTablesInItems(source));
  const converted = simplified(tabled);
  if (converted) list.push({ line: null, message: '文件是繁体字，已按简体读取' });
  const chrome = stripChrome(converted ?? tabled, (it) => (it.kind === 'line' ? it.value.text : null), (it) => (it.kind === 'line' ? (it.value.raw ?? it.value.text) : ''));
  const items = chrome.kept;
  if (chrome.removed) list.push({ line: null, message: `网页的导航、来源、分享、页脚等 ${chrome.removed} 行不是报告内容，已略去` });
  const blocks: Block[] = [];
  const tableTasks: { line: number; task: ParsedTask; origin: TaskOrigin }[] = [];
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
    else if (reading.kind === 'tasks') tableTasks.push(...reading.tasks.map((t) => ({ ...t, origin: { source: 'table' as const } })));
  }
  flush();

  const o = outline(promoteMarkedProblems(blocks), { notTaskLevels: options.notTaskLevels ?? [] });
  const last = o.segments[o.segments.length - 1];
  if (last) while (last.blocks.length && SIGNATURE.test(blockText(last.blocks[last.blocks.length - 1] as Block))) last.blocks.pop();

  const preambleTexts = o.preamble.map(blockText).filter(Boolean);
  const title = findTitle(preambleTexts);
  const fallback = noticeCode(o.preamble, title);
  const textTasks: { line: number; task: ParsedTask; origin: TaskOrigin }[] = [];
  // A notice that never prints its problem (一、整改目标 二、整改时限 三、整改措施 四、整改完成情况): one task of
  // its sections, numbered by its title or opening.
  if (!o.segments.length && /公示|销号/.test(title + preambleTexts.slice(0, 3).join(''))) {
    const first = o.preamble.findIndex((b) => b.kind === 'field' && ['goal', 'measures', 'status'].includes(b.field.kind));
    const kinds = new Set(o.preamble.flatMap((b) => (b.kind === 'field' ? [b.field.kind] : [])));
    if (first >= 0 && ['goal', 'measures', 'status'].filter((k) => kinds.has(k as never)).length >= 2) {
      o.segments.push({ head: null, blocks: o.preamble.splice(first) });
    }
  }
  // A notice in running text: "…第7项关于“<problem>”整改任务落实情况进行公示" — its problem is the quoted text.
  if (!o.segments.length && /公示|销号|自查自验|验收/.test(title + preambleTexts.slice(0, 3).join(''))) {
    for (const b of o.preamble.slice(0, 6)) {
      if (b.kind === 'table') continue;
      const q = QUOTED_PROBLEM.exec(b.text);
      if (!q?.[1]) continue;
      o.segments.push({ head: null, blocks: [{ kind: 'field', field: { kind: 'problem', label: '', content: q[1] }, text: q[1], line: b.line }] });
      break;
    }
  }
  for (const seg of o.segments) {
    const built = buildTask(seg, fallback, warn);
    if (!built) continue;
    const { task, inferredStatus, codeFrom } = built;
    textTasks.push({
      line: seg.head?.line ?? seg.blocks[0]?.line ?? 0,
      task,
      origin: { source: 'text', level: o.level, support: o.support, ...(o.byWording ? { byWording: true } : {}), inferredStatus, codeFrom: seg.head ? 'heading' : codeFrom === 'field' ? 'field' : (fallback.from ?? 'none') },
    });
  }
  // A single-task notice states its verdict in its opening sentence ("…第38项问题已整改完成，并通过核查验收")
  // or its closing one. The opening decides when it says done and the status section does not (a section that
  // narrates 有序推进 under a notice of completion describes the work, not the verdict).
  const only = textTasks.length === 1 ? textTasks[0] : undefined;
  if (only) {
    const opening = preambleTexts.filter((p) => p !== title).slice(0, 4);
    const closing = only.task.progress ? [only.task.progress] : only.task.measures.slice(-1).map((m) => m.text);
    const done = (code: string | null | undefined): boolean => code === 'completed' || code === 'closed';
    let verdict: string | null = null;
    for (const t of opening) {
      const v = verdictClause(t);
      if (v && done(normalizeStatus(v).code)) {
        verdict = v;
        break;
      }
    }
    if (!verdict && !only.task.status) {
      for (const t of [...opening, ...closing, ...o.others.map(blockText)]) {
        verdict = verdictClause(t);
        if (verdict) break;
      }
    }
    if (verdict && (!only.task.status || (!done(only.task.statusCode) && done(normalizeStatus(verdict).code)))) {
      only.task.status = verdict;
      only.task.statusCode = normalizeStatus(verdict).code;
      if (only.origin.source === 'text') only.origin.inferredStatus = true;
    }
    if (!only.task.code) {
      const inBody = bodyCode(blocks.map(blockText));
      if (inBody) {
        only.task.code = inBody.code;
        only.task.number = inBody.number;
        if (only.origin.source === 'text') only.origin.codeFrom = 'body';
      }
    }
  }
  // A notice of several tasks (交办的2个问题…现已完成整改工作，进入销号程序) gives one verdict for all of them.
  if (textTasks.length > 1 && /公示|销号/.test(title + preambleTexts.slice(0, 3).join(''))) {
    const v = preambleTexts.filter((p) => p !== title).slice(0, 3).map(verdictClause).find((x) => x && ['completed', 'closed'].includes(normalizeStatus(x).code ?? ''));
    if (v) {
      for (const t of textTasks) {
        if (t.task.status) continue;
        t.task.status = v;
        t.task.statusCode = normalizeStatus(v).code;
        if (t.origin.source === 'text') t.origin.inferredStatus = true;
      }
    }
  }
  // Numbering that restarts under each category (一、…（一）（二） 二、…（一）): the category's number joins the
  // task's, as in 二十八（三）, so that every code is the task's own.
  const segCodes = textTasks.map((t) => t.task.code);
  if (new Set(segCodes).size < segCodes.length && o.segments.every((s) => s.parent && s.head)) {
    for (const [i, seg] of o.segments.entries()) {
      const t = textTasks.find((x) => x.line === (seg.head?.line ?? -1) && x.task.code === seg.head?.code);
      if (t && seg.parent && i >= 0) t.task.code = `${seg.parent.code}(${t.task.code})`;
    }
  }
  if (textTasks.length === 1 && !textTasks[0]?.task.code) {
    warn(textTasks[0]?.line ?? null, '公示未写明任务编号');
  }
  const ordered = [...textTasks, ...tableTasks].sort((a, b) => a.line - b.line);
  const tasks = ordered.map((t) => t.task);
  const codes = new Set<string>();
  for (const t of tasks) {
    if (t.code && codes.has(t.code)) warn(null, `任务编号重复：${t.code}`);
    codes.add(t.code);
  }
  list.push(...assess(ordered));

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
  return { report, entries: ordered };
}

/**
 * Reads the text of a report (UTF-8 string) into tasks, statuses, measures and figures. Never throws: whatever it
 * cannot read becomes a warning. Fast: a report of the sample's size takes about a millisecond.
 */
export function parseReportText(text: string, options: ReadOptions = {}): ParsedReport {
  return parseItems(toSourceItems(text), [], options);
}
