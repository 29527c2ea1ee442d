/**
 * PDF → source lines through unpdf (pdf.js) text items, with the layout the reflow needs: a line is indented (a new
 * paragraph in official documents, whose first lines are indented two characters) or runs to the right margin (a
 * wrap). A PDF with no text layer is a scan and must be OCR'd first; that is said, not guessed around.
 */
import { getDocumentProxy } from 'unpdf';
import { AppError } from '../core/errors.js';
import type { ParseWarning } from '../core/report.js';
import { normalizeChars, squeezeSpaces } from './chars.js';
import { isPageNumber, type SourceItem, type SourceLine } from './lines.js';
import { headerColumn } from './table.js';
import { startsBlock } from './markers.js';
import { tooComplex } from './pool/budgets.js';

export const MAX_PAGES = 2000;

/** How much of a PDF the reader takes on: pages, and text pieces of all pages together (REPORT_BUDGETS' values). */
export interface PdfLimits {
  pages: number;
  textItems: number;
}

const DEFAULT_LIMITS: PdfLimits = { pages: MAX_PAGES, textItems: 1_000_000 };

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  hasEOL: boolean;
}

interface PdfLine {
  text: string;
  x: number;
  right: number;
  size: number;
  /** The line's pieces of text, left to right, with their extent (a table's cells are told apart by them). */
  parts: { str: string; x: number; right: number }[];
}

const CJK_BLANK = /([\u3400-\u9fff\uff01-\uff60])[ \u3000]+(?=[\u3400-\u9fff])/g;

function pageLines(items: readonly Item[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let group: Item[] = [];
  const close = (): void => {
    // Blank pieces are kept for their width: a tab is drawn as a wide blank.
    const all = group.slice().sort((a, b) => a.x - b.x);
    group = [];
    const parts = all.filter((i) => i.str.trim());
    if (!parts.length) return;
    const size = Math.max(...parts.map((p) => p.fontSize || 10));
    // A gap of two characters or more (a tab, or the space between a table's columns) is a column break.
    const wide = size * 1.5;
    const pieces: { str: string; gap: number }[] = [];
    let end = -Infinity;
    let blank = 0;
    for (const p of all) {
      if (!p.str.trim()) {
        blank = Math.max(blank, p.width);
        continue;
      }
      pieces.push({ str: p.str, gap: Math.max(blank, p.x - end) });
      blank = 0;
      end = p.x + p.width;
    }
    // A line is laid out in columns when it has two column breaks or more; then a blank between two Chinese
    // characters inside a piece (a short tab) is a break as well — Chinese prose has no spaces.
    const columns = pieces.filter((p, i) => i > 0 && p.gap >= wide).length >= 2;
    let text = '';
    pieces.forEach((p, i) => {
      const str = columns ? p.str.replace(CJK_BLANK, '$1\t') : p.str;
      const blank = p.gap > size * 0.25;
      const cjk = /[\u3400-\u9fff\uff01-\uff60]$/.test(text) && /^[\u3400-\u9fff]/.test(str);
      text += (i === 0 ? '' : columns && (p.gap >= wide || (blank && cjk)) ? '\t' : blank ? ' ' : '') + str;
    });
    const cells = normalizeChars(text, { keepTabs: columns }).split('\t').map(squeezeSpaces);
    lines.push({ text: cells.join('\t'), x: (parts[0] as Item).x, right: end, size, parts: parts.map((p) => ({ str: p.str, x: p.x, right: p.x + p.width })) });
  };
  for (const item of items) {
    const prev = group[group.length - 1];
    if (prev && Math.abs(item.y - prev.y) > Math.max(prev.fontSize, 4) * 0.5) close();
    group.push(item);
    if (item.hasEOL) close();
  }
  close();
  return lines;
}

/**
 * Running headers and footers (a bulletin's name, "抚顺市生态环境局 第 3 页") repeat at the top or bottom of most
 * pages and would be joined into sentences crossing pages; their keys (digits folded) are returned.
 */
function runningLines(pages: readonly PdfLine[][]): Set<string> {
  const seen = new Map<string, number>();
  for (const lines of pages) {
    // A status line or a heading may well repeat at page edges; it is content, never a running header.
    const edge = new Set(
      [...lines.slice(0, 2), ...lines.slice(-2)].filter((l) => !startsBlock(l.text)).map((l) => l.text.replace(/\d+/g, '#')),
    );
    for (const key of edge) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const min = Math.max(3, Math.ceil(pages.length / 2));
  return new Set([...seen].filter(([key, n]) => n >= min && key.length <= 40).map(([key]) => key));
}

const bad = (name: string, why: string): AppError => new AppError('BAD_FILE', `${name}: ${why}`);

/** Each page's text pieces, one page at a time, stopping as soon as the pieces pass the limit. */
async function readPages(data: Uint8Array, name: string, limits: PdfLimits): Promise<Item[][]> {
  const pdf = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 });
  try {
    if (pdf.numPages > limits.pages) throw tooComplex(name, `PDF 共 ${pdf.numPages} 页，超过 ${limits.pages} 页`);
    const pages: Item[][] = [];
    let count = 0;
    for (let p = 1; p <= pdf.numPages; p++) {
      const content = await (await pdf.getPage(p)).getTextContent();
      count += content.items.length;
      if (count > limits.textItems) throw tooComplex(name, `PDF 的文字片段超过 ${limits.textItems.toLocaleString('en-US')} 个`);
      pages.push(content.items.flatMap((item) => {
        if (!('str' in item)) return [];
        const [, , c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
        return [{ str: item.str, x, y, width: item.width, fontSize: Math.hypot(c, d), hasEOL: item.hasEOL }];
      }));
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/**
 * A table laid out in a PDF (a Word table printed to PDF): a header line of column names, the first a number column
 * (序号/编号), whose cells start where the columns do; the text pieces below it are placed in the column they start
 * in, each cell's wrapped lines joined, a new row at each piece in the number column (a number). A line across the
 * columns that is a section heading (一、大气污染防治) is a row of its own; any other line across them, or one left
 * of the table, ends it. Returns the rows and the index one past the table's last line, or null.
 */
function ruledTable(lines: readonly { l: PdfLine }[], at: number): { rows: string[][]; end: number } | null {
  const head = lines[at]?.l;
  if (!head || head.parts.length < 3) return null;
  // The header's cells: pieces separated by a gap of two characters or more.
  const cells: { text: string; x: number; right: number }[] = [];
  for (const p of head.parts) {
    const last = cells[cells.length - 1];
    if (last && p.x - last.right < head.size * 1.5) {
      last.text += p.str;
      last.right = p.right;
    } else cells.push({ text: p.str, x: p.x, right: p.right });
  }
  if (cells.length < 3 || headerColumn((cells[0] as { text: string }).text) !== 'code') return null;
  if (cells.filter((c) => headerColumn(c.text) !== null).length < Math.max(3, cells.length - 1)) return null;
  const tol = head.size * 0.5;
  const starts = cells.map((c) => c.x - tol);
  const column = (x: number): number => {
    let k = -1;
    starts.forEach((s, i) => {
      if (x >= s) k = i;
    });
    return k;
  };
  const width = cells.length;
  const rows: string[][] = [cells.map((c) => c.text.trim())];
  let row: string[] | null = null;
  let i = at + 1;
  for (; i < lines.length; i++) {
    const l = (lines[i] as { l: PdfLine }).l;
    if (l.x < (starts[0] ?? 0) - head.size) break;
    // A piece running across a column boundary: a section heading row, or the end of the table.
    const across = l.parts.some((p) => column(p.right - tol) > column(p.x));
    if (across) {
      if (l.text.length <= 30 && startsBlock(l.text) && !/^\d/.test(l.text)) {
        rows.push(Array.from({ length: width }, () => l.text));
        row = null;
        continue;
      }
      break;
    }
    for (const p of l.parts) {
      const k = column(p.x);
      if (k < 0) continue;
      if (k === 0 && /^\d/.test(p.str.trim())) {
        row = Array.from({ length: width }, () => '');
        rows.push(row);
      }
      if (!row) {
        row = Array.from({ length: width }, () => '');
        rows.push(row);
      }
      row[k] = row[k] ? `${row[k]} ${p.str}` : p.str;
    }
  }
  // A cell's wrapped lines and pieces are one text: the blanks between them count only between Latin letters.
  return rows.length >= 2 ? { rows: rows.map((r) => r.map(squeezeSpaces)), end: i } : null;
}

/** Reads a PDF's text layer into source lines; throws BAD_FILE naming the file for damaged or scanned PDFs. */
export async function pdfToItems(
  data: Uint8Array,
  name: string,
  limits: PdfLimits = DEFAULT_LIMITS,
): Promise<{ items: SourceItem[]; warnings: ParseWarning[] }> {
  const tail = new TextDecoder('latin1').decode(data.subarray(Math.max(0, data.length - 16384)));
  if (!tail.includes('%%EOF')) throw bad(name, 'PDF 文件不完整（缺少文件尾，可能下载或复制时被截断）');
  let pages: Item[][];
  try {
    pages = await readPages(data, name, limits);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const why = e instanceof Error && /password/i.test(`${e.name} ${e.message}`) ? 'PDF 有密码保护，无法读取' : 'PDF 文件已损坏，无法读取';
    throw bad(name, why);
  }
  const perPage = pages.map(pageLines);
  const chars = perPage.map((ls) => ls.reduce((n, l) => n + l.text.replace(/\s/g, '').length, 0));
  const total = chars.reduce((a, b) => a + b, 0);
  if (total < 20 || total < pages.length * 10) {
    throw bad(name, '扫描版 PDF，没有文字层，需先 OCR（如 tesseract-ocr + chi_sim）识别成文字后再导入');
  }
  const all = perPage.flat().map((l) => l.text).join('');
  const junk = all.match(/[\uE000-\uF8FF\uFFFD]/g)?.length ?? 0;
  if (junk > all.length * 0.3) throw bad(name, 'PDF 文字层无法解码（字体缺少字符映射），需先 OCR 后再导入');
  const warnings: ParseWarning[] = [];
  const items: SourceItem[] = [];
  let n = 0;
  const running = runningLines(perPage);
  const kept: { l: PdfLine; line: SourceLine }[] = [];
  perPage.forEach((lines, p) => {
    if (chars[p] === 0) warnings.push({ line: null, message: `PDF 第${p + 1}页没有文字层（可能是扫描页），该页未读取` });
    const body = lines.filter((l) => l.text.length >= 8);
    const left = Math.min(...(body.length ? body : lines).map((l) => l.x));
    const right = Math.max(...lines.map((l) => l.right));
    lines.forEach((l, i) => {
      n += 1;
      const atEdge = i < 2 || i >= lines.length - 2;
      // A page number is dropped here only at the page's foot (or its head, unless a bare number): a bare number
      // inside the page may be a row number of a table saved one cell per line, found later (verticalTablesInItems).
      const pageNumber = isPageNumber(l.text) && (i === lines.length - 1 || (i === 0 && !/^\d+$/.test(l.text)));
      if (!l.text || pageNumber || (atEdge && running.has(l.text.replace(/\d+/g, '#')))) return;
      kept.push({ l, line: { text: l.text, line: n, indent: l.x - left > l.size * 0.9, full: right - l.right < l.size * 1.5 } });
    });
  });
  for (let i = 0; i < kept.length; i++) {
    const table = ruledTable(kept, i);
    if (table) {
      items.push({ kind: 'table', value: { rows: table.rows, line: (kept[i] as { line: SourceLine }).line.line } });
      i = table.end - 1;
      continue;
    }
    items.push({ kind: 'line', value: (kept[i] as { line: SourceLine }).line });
  }
  return { items, warnings };
}
