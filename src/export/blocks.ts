/**
 * The printed shape of a progress report, shared by every writer: a flat list of blocks in reading order.
 * Writers differ only in how they dress each block, so the text of a report is the same in every format and the
 * reader (src/import) reads every format back the same way.
 */
import type { ParsedTask } from '../core/report.js';
import type { ExportReport } from './types.js';

export type Block =
  | { kind: 'label'; text: string }
  | { kind: 'title'; text: string }
  /** A heading of an optional section (总体情况, 信访件办理情况). */
  | { kind: 'section'; text: string }
  | { kind: 'paragraph'; text: string }
  /** 任务N：problem */
  | { kind: 'task'; code: string; text: string }
  /** 整改目标：… / 责任单位：… / 整改时限：… (only when the task has them) */
  | { kind: 'field'; text: string }
  /** 整改情况：status。 */
  | { kind: 'status'; text: string }
  /** （一）measure, or an unnumbered measure paragraph. */
  | { kind: 'measure'; text: string };

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Writes 1–99 as Chinese numerals (十一, 二十三); larger numbers stay Arabic, which no plan reaches. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${DIGITS[n % 10] ?? ''}`;
}

// A measure whose text already starts with its own label must not get a second one.
const LABELLED = /^\s*(（[一二三四五六七八九十百]+）|\(\s*[一二三四五六七八九十百]+\s*\)|\d+\s*[.、．])/;

/**
 * Joins the lines of one paragraph: a line break inside Chinese text is an artefact (PDF page breaks), while one
 * between two Latin words stands for a space.
 */
export function oneLine(text: string): string {
  return text
    .replace(/([A-Za-z0-9])[ \t]*\r?\n\s*(?=[A-Za-z0-9])/g, '$1 ')
    .replace(/[ \t]*\r?\n\s*/g, '')
    .trim();
}

/** The printed text of a measure: its label (（一）) and its text as read, items included. */
export function measureText(ordinal: number | null, text: string): string {
  const body = oneLine(text);
  if (ordinal === null || LABELLED.test(body)) return body;
  return `（${chineseNumeral(ordinal)}）${body}`;
}

/** The status line, ending with a full stop as in the sample (整改情况：完成整改。). */
export function statusLine(status: string): string {
  const s = oneLine(status);
  return `整改情况：${/[。！？.]$/.test(s) ? s : `${s}。`}`;
}

function taskBlocks(task: ParsedTask): Block[] {
  const blocks: Block[] = [{ kind: 'task', code: task.code, text: `任务${task.code}：${oneLine(task.problem)}` }];
  // Labelled as the plans label them, so that the reader files each under its field again.
  if (task.goal?.trim()) blocks.push({ kind: 'field', text: `整改目标：${oneLine(task.goal)}` });
  if (task.units.length) blocks.push({ kind: 'field', text: `责任单位：${task.units.join('、')}` });
  if (task.deadline?.trim()) blocks.push({ kind: 'field', text: `整改时限：${oneLine(task.deadline)}` });
  const progress = task.status?.trim() ? oneLine(task.progress ?? '') : '';
  if (task.status?.trim()) blocks.push({ kind: 'status', text: statusLine(task.status) });
  // A progress narrative kept apart from the measures (closure notices, tables) follows the status line; the
  // measures then go under their own 整改措施 label, as such notices print them and as the reader tells them apart.
  if (progress) blocks.push({ kind: 'paragraph', text: progress }, { kind: 'field', text: '整改措施：' });
  for (const m of task.measures) {
    if (m.text.trim()) blocks.push({ kind: 'measure', text: measureText(m.ordinal, m.text) });
  }
  return blocks;
}

function section(heading: string, paragraphs: string[] | undefined): Block[] {
  const texts = (paragraphs ?? []).map(oneLine).filter(Boolean);
  if (!texts.length) return [];
  return [{ kind: 'section', text: heading }, ...texts.map((text): Block => ({ kind: 'paragraph', text }))];
}

/**
 * Lays a report out as blocks: label, title, the optional summary sections, then the tasks in plan order.
 * The summary sections come before the tasks on purpose: a paragraph after the last task would be read back as
 * part of that task's last measure.
 */
export function reportBlocks(report: ExportReport): Block[] {
  const blocks: Block[] = [];
  if (report.label?.trim()) blocks.push({ kind: 'label', text: report.label.trim() });
  blocks.push({ kind: 'title', text: oneLine(report.title) });
  blocks.push(...section('总体情况', report.summary), ...section('信访件办理情况', report.caseSummary));
  for (const task of report.tasks) blocks.push(...taskBlocks(task));
  return blocks;
}
