/**
 * Text → source lines: characters repaired, Markdown markup removed, page-number lines dropped, pipe tables
 * collected. Each line keeps its 1-based number in the input so that warnings can point at it.
 */
import { normalizeChars, squeezeSpaces } from './chars.js';
import { findVerticalTables } from './vertical-table.js';

export type { SourceItem, SourceLine, SourceTable } from './source-items.js';
import type { SourceItem, SourceLine, SourceTable } from './source-items.js';

// — 3 —, - 3 -, 3, 第3页, 第 3 页 共 9 页, 共9页 第3页, 3/9, Page 3 of 9.
const PAGE_NUMBER = [
  /^[-—–－─_~·•\s]*\d{1,4}[-—–－─_~·•\s]*$/,
  /^[-—–－─\s]*第\s*\d{1,4}\s*页\s*(?:[,，/、]?\s*共\s*\d{1,4}\s*页)?[-—–－─\s]*$/,
  /^共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页$/,
  /^[-—–－─\s]*\d{1,4}\s*\/\s*\d{1,4}[-—–－─\s]*$/,
  /^page\s*\d{1,4}(?:\s*of\s*\d{1,4})?$/i,
];

/** True for a line that is only a page number (dropped: it breaks sentences across pages). */
export function isPageNumber(line: string): boolean {
  return line.length <= 24 && PAGE_NUMBER.some((re) => re.test(line));
}

const MD_ESCAPE = /\\([\\`*_{}[\]()#+\-.!|<>~])/g;

/** Removes Markdown markup from one line; `heading` when it was a # heading. */
export function stripMarkdown(line: string): { text: string; heading: boolean } {
  if (!/[#>*_\\+-]/.test(line)) return { text: line, heading: false };
  let t = line;
  let heading = false;
  const h = /^\s{0,3}#{1,6}\s+/.exec(t);
  if (h) {
    heading = true;
    t = t.slice(h[0].length).replace(/\s#+\s*$/, '');
  }
  t = t.replace(/^\s{0,3}>\s?/, '').replace(/^\s{0,3}[-*+]\s+(?=\S)/, '');
  t = t.replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2').replace(MD_ESCAPE, '$1');
  return { text: t, heading };
}

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

function pipeCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => squeezeSpaces(stripMarkdown(c.replace(/<br\s*\/?>/gi, '\n')).text));
}

// Cells of a line pasted from a table: `a | b | c` (with or without the outer pipes) or tab-separated.
function delimitedCells(line: string): string[] | null {
  if (PIPE_ROW.test(line)) return pipeCells(line);
  const pipes = line.split(/(?<!\\)\|/);
  if (pipes.length >= 3 && pipes.every((c) => c.length <= 2000)) return pipeCells(`|${line}|`);
  const tabs = line.split('\t');
  if (tabs.length >= 3 && tabs.filter((c) => c.trim()).length >= 2) return tabs.map((c) => squeezeSpaces(c));
  return null;
}

const BARE_NUMBER = /^\d{1,4}$/;

/**
 * A pipe table whose rows were wrapped over several lines (cells holding line breaks, each line ending with |):
 * the lines are one stream of cells. The header runs to the first bare number (the first row's 序号); each row
 * starts at a bare number at least header-length-minus-three cells after the last one.
 */
function wrappedPipeTable(lines: readonly string[]): string[][] | null {
  const cells = lines.join(' ').split(/(?<!\\)\|/).map((c) => squeezeSpaces(c));
  if (cells[0] === '') cells.shift();
  const first = cells.findIndex((c) => BARE_NUMBER.test(c));
  if (first < 3) return null;
  const header = cells.slice(0, first);
  const rows: string[][] = [header];
  let start = first;
  for (let i = first + 1; i <= cells.length; i++) {
    if (i === cells.length || (BARE_NUMBER.test(cells[i] ?? '') && i - start >= header.length - 3)) {
      const row = cells.slice(start, i);
      while (row.length > header.length && row[row.length - 1] === '') row.pop();
      rows.push(row);
      start = i;
    }
  }
  return rows.length >= 2 ? rows : null;
}

/** Runs of lines ending with | that hold no complete row each: the start and end (exclusive) of each run. */
function wrappedRuns(raw: readonly string[]): Map<number, number> {
  const runs = new Map<number, number>();
  for (let i = 0; i < raw.length; ) {
    let j = i;
    let pipes = 0;
    while (j < raw.length && /\|\s*$/.test(raw[j] ?? '')) {
      pipes += (raw[j] ?? '').split('|').length - 1;
      j++;
    }
    if (j - i >= 3 && pipes >= 8 && raw.slice(i, j).some((l) => l.split('|').length <= 2)) runs.set(i, j);
    i = j > i ? j : i + 1;
  }
  return runs;
}

/** Splits text into source lines and pipe tables. Blank lines are dropped: page breaks make them meaningless. */
export function toSourceItems(input: string): SourceItem[] {
  const raw = normalizeChars(input, { keepTabs: true }).split('\n');
  const wrapped = input.includes('|') ? wrappedRuns(raw) : new Map<number, number>();
  const cells = raw.map((l) => (l.includes('|') || l.includes('\t') ? delimitedCells(l) : null));
  const items: SourceItem[] = [];
  const geometry = textGeometry(raw);
  let table: SourceTable | null = null;
  let afterHeading = false;
  const vertical = verticalTablesAt(raw);
  for (let i = 0; i < raw.length; i++) {
    const v = vertical.get(i);
    if (v) {
      items.push({ kind: 'table', value: { rows: v.rows, line: i + 1 } });
      table = null;
      i = v.end - 1;
      continue;
    }
    const runEnd = wrapped.get(i);
    const rows = runEnd ? wrappedPipeTable(raw.slice(i, runEnd)) : null;
    if (runEnd && rows) {
      items.push({ kind: 'table', value: { rows, line: i + 1 } });
      table = null;
      i = runEnd - 1;
      continue;
    }
    let rawLine = (raw[i] ?? '').replace(/\t/g, ' ');
    const row = cells[i];
    if (table && PIPE_RULE.test(rawLine)) continue;
    // A row of a table: outer pipes, or a delimited line next to another one (one line with two | is prose).
    if (row && (PIPE_ROW.test(rawLine) || table || cells[i + 1])) {
      if (!table) items.push({ kind: 'table', value: (table = { rows: [], line: i + 1 }) });
      table.rows.push(row);
      continue;
    }
    table = null;
    // A form saved one cell per line, each ending with its cell's pipe (反馈问题 | ⏎ 市餐厨… |): plain lines.
    if (!row && /^[^|]+\|\s*$/.test(rawLine)) rawLine = rawLine.replace(/\|\s*$/, '');
    // Lost indentation characters (????一、…) of pages saved in the wrong encoding.
    const md = stripMarkdown(rawLine.replace(/^\s*[?？]{2,}/, ''));
    const text = squeezeSpaces(md.text);
    if (!text || isPageNumber(text)) continue;
    const g = geometry?.(rawLine, text) ?? { indent: null, full: null };
    const line: SourceLine = { text, line: i + 1, ...g };
    const spaced = rawLine.trim();
    if (spaced.length !== text.length && spaced.length <= 200) line.raw = spaced;
    if (md.heading) line.hard = line.alone = true;
    if (afterHeading) line.hard = true;
    afterHeading = md.heading;
    items.push({ kind: 'line', value: line });
  }
  return items;
}

/** Tables saved one cell per line (vertical-table.ts), by the raw line where each starts; `end` is a raw index. */
function verticalTablesAt(raw: readonly string[]): Map<number, { rows: string[][]; end: number }> {
  const at = new Map<number, { rows: string[][]; end: number }>();
  if (!raw.some((l) => /序号|编号/.test(l) && l.trim().length <= 6)) return at;
  const index: number[] = [];
  const texts: string[] = [];
  raw.forEach((l, i) => {
    const t = squeezeSpaces(l.replace(/\t/g, ' '));
    if (t) {
      index.push(i);
      texts.push(t);
    }
  });
  for (const v of findVerticalTables(texts)) {
    const start = index[v.start];
    const last = index[v.end - 1];
    if (start !== undefined && last !== undefined) at.set(start, { rows: v.rows, end: last + 1 });
  }
  return at;
}

/**
 * Plain text keeps the layout of a hard-wrapped copy (pdftotext -layout) only through leading spaces. When enough
 * lines are indented to make indentation meaningful, read indent and "runs to the margin" from the text itself.
 */
function textGeometry(raw: string[]): ((rawLine: string, text: string) => { indent: boolean; full: boolean }) | null {
  const lines = raw.filter((l) => l.trim());
  if (lines.length < 10) return null;
  const indented = lines.filter((l) => /^ {2,}/.test(l)).length;
  if (indented < lines.length * 0.2 || indented > lines.length * 0.8) return null;
  const lengths = lines.map((l) => l.trim().length).sort((a, b) => a - b);
  const wide = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  if (wide < 15) return null;
  return (rawLine, text) => ({ indent: /^ {2,}/.test(rawLine), full: text.length >= wide * 0.85 });
}

/**
 * The same repair for lines that come from another format (a DOCX of pasted text, a web page): runs of lines
 * ending with | become the table they were.
 */
export function reassembleWrappedTables(source: readonly SourceItem[]): SourceItem[] {
  const items = delimitedTables(source);
  if (!items.some((it) => it.kind === 'line' && it.value.text.endsWith('|'))) return items.slice();
  const out: SourceItem[] = [];
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j < items.length && (items[j] as SourceItem).kind === 'line' && /\|$/.test((items[j] as { value: SourceLine }).value.text)) j++;
    const texts = items.slice(i, j).map((it) => (it as { value: SourceLine }).value.text);
    const runs = j - i >= 3 ? wrappedRuns(texts) : new Map<number, number>();
    const rows = runs.get(0) === texts.length ? wrappedPipeTable(texts) : null;
    if (rows) {
      out.push({ kind: 'table', value: { rows, line: (items[i] as { value: SourceLine }).value.line } });
      i = j;
    } else {
      out.push(items[i] as SourceItem);
      i++;
    }
  }
  return out;
}

/**
 * Tables saved one cell per line in lines from another format (a Word document or PDF made from such a text, a web
 * page): by the same rhythm as in plain text (vertical-table.ts). Those readers keep bare numbers for this (a row
 * number looks like a page number); lines that run to the right margin are joined to the next first, as a PDF wraps
 * a long cell. Whatever page numbers are left after the tables are found are dropped.
 */
export function verticalTablesInItems(source: readonly SourceItem[]): SourceItem[] {
  const bare = source.some((it) => it.kind === 'line' && isPageNumber(it.value.text));
  if (!bare) return source.slice();
  const out: SourceItem[] = [];
  const pushLine = (it: SourceItem): void => {
    if (it.kind === 'line' && isPageNumber(it.value.text)) return;
    out.push(it);
  };
  const header = source.some((it) => it.kind === 'line' && /^(序号|编号)$/.test(it.value.text.trim()));
  if (!header) {
    source.forEach(pushLine);
    return out;
  }
  // Logical lines: a run of line items, a line running to the margin joined with the next.
  for (let i = 0; i < source.length; ) {
    if ((source[i] as SourceItem).kind !== 'line') {
      out.push(source[i] as SourceItem);
      i++;
      continue;
    }
    let j = i;
    while (j < source.length && (source[j] as SourceItem).kind === 'line') j++;
    const run = source.slice(i, j) as { kind: 'line'; value: SourceLine }[];
    const texts: string[] = [];
    const firstItem: number[] = [];
    for (let k = 0; k < run.length; k++) {
      const start = k;
      let text = (run[k] as { value: SourceLine }).value.text;
      while ((run[k] as { value: SourceLine }).value.full === true && k + 1 < run.length && !isPageNumber((run[k + 1] as { value: SourceLine }).value.text)) {
        k++;
        text += (run[k] as { value: SourceLine }).value.text;
      }
      texts.push(text.trim());
      firstItem.push(start);
    }
    firstItem.push(run.length);
    let at = 0;
    for (const v of findVerticalTables(texts)) {
      const from = firstItem[v.start] ?? run.length;
      run.slice(at, from).forEach(pushLine);
      out.push({ kind: 'table', value: { rows: v.rows, line: (run[from] as { value: SourceLine }).value.line } });
      at = firstItem[v.end] ?? run.length;
    }
    run.slice(at).forEach(pushLine);
    i = j;
  }
  return out;
}

/**
 * Lines from another format (a DOCX of pasted text) holding a pasted table: `a | b | c` rows, by the same rule as
 * in plain text (outer pipes, or a delimited line next to another one).
 */
function delimitedTables(items: readonly SourceItem[]): SourceItem[] {
  if (!items.some((it) => it.kind === 'line' && (it.value.text.includes('|') || it.value.text.includes('\t')))) return items.slice();
  const cells = items.map((it) => (it.kind === 'line' && (it.value.text.includes('|') || it.value.text.includes('\t')) ? delimitedCells(it.value.text) : null));
  const out: SourceItem[] = [];
  let table: SourceTable | null = null;
  items.forEach((it, i) => {
    const row = cells[i];
    if (it.kind === 'line' && row && (PIPE_ROW.test(it.value.text) || table || cells[i + 1])) {
      if (PIPE_RULE.test(it.value.text)) return;
      // A header row (序号 | …) starts a table of its own: a blank line between two tables is lost in a PDF.
      if (table && table.rows.length && /^(序号|编号)$/.test(row[0] ?? '')) table = null;
      if (!table) out.push({ kind: 'table', value: (table = { rows: [], line: it.value.line }) });
      table.rows.push(row);
      return;
    }
    table = null;
    // A line laid out in columns that is no table row (a PDF's "发布日期  浏览次数  字号" line): plain text.
    if (it.kind === 'line' && it.value.text.includes('\t')) out.push({ kind: 'line', value: { ...it.value, text: squeezeSpaces(it.value.text.replace(/\t/g, ' ')) } });
    else out.push(it);
  });
  return out;
}
