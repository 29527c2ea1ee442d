/**
 * mammoth's HTML → source items. mammoth writes a small, regular subset of HTML (p, h1–h6, ol/ul/li, table/tr/td/th,
 * strong/em/sup/a, br, img), so a tag scanner suffices. Each Word paragraph is a hard paragraph boundary; a line
 * break inside one (Shift+Enter) is an ordinary line, reflowed like a PDF line. Table cells keep their paragraphs
 * on separate lines, and merged cells (rowspan/colspan) are spread over the grid they cover.
 */
import { normalizeChars, squeezeSpaces } from './chars.js';
import type { SourceItem } from './lines.js';

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITY[e.toLowerCase()] ?? m;
  });
}

const FOOTNOTE_REF = /<sup><a href="#(?:foot|end)note-[^"]*"[^>]*>[^<]*<\/a><\/sup>/g;
const FOOTNOTE = /<li id="(?:foot|end)note-[^"]*">[\s\S]*?<\/li>/g;

const clean = (s: string): string => squeezeSpaces(normalizeChars(s));
// A Word paragraph's tabs (columns of a table pasted as text) are kept as tabs: each cell squeezed on its own.
const cleanKeepingTabs = (s: string): string => {
  const cells = normalizeChars(s, { keepTabs: true }).split('\t');
  return cells.length >= 3 ? cells.map(squeezeSpaces).join('\t').replace(/^\t+|\t+$/g, '') : clean(s);
};

interface Cell {
  text: string;
  rowspan: number;
  colspan: number;
}

/** Lays cells with rowspan/colspan out on a grid; a merged cell's text is repeated in every slot it covers. */
function grid(rows: Cell[][]): string[][] {
  const out: string[][] = [];
  rows.forEach((row, r) => {
    const line = (out[r] ??= []);
    let c = 0;
    for (const cell of row) {
      while (line[c] !== undefined) c++;
      for (let dr = 0; dr < Math.min(cell.rowspan, 1000); dr++) {
        const target = (out[r + dr] ??= []);
        for (let dc = 0; dc < Math.min(cell.colspan, 100); dc++) target[c + dc] = cell.text;
      }
      c += cell.colspan;
    }
  });
  return out.slice(0, rows.length).map((r) => Array.from(r, (v) => v ?? ''));
}

/**
 * Converts mammoth HTML into paragraphs and tables, in order. `tabs`: the text's tabs are a Word document's (kept
 * when they lay a paragraph out in columns), not a web page's source formatting.
 */
export function htmlToItems(html: string, options: { tabs?: boolean } = {}): SourceItem[] {
  const items: SourceItem[] = [];
  let text = '';
  let pieces: string[] = [];
  let tableDepth = 0;
  let rows: Cell[][] = [];
  let cell: Cell | null = null;
  let index = 0;
  const endParagraph = (): void => {
    pieces.push(text);
    text = '';
    // Page numbers are kept here: a bare number may be the row number of a table saved one cell per line; the
    // reader drops those left once such tables are found (verticalTablesInItems).
    const lines = pieces.map(options.tabs && !cell ? cleanKeepingTabs : clean).filter((l) => l);
    pieces = [];
    if (!lines.length) return;
    if (cell) {
      cell.text = cell.text ? `${cell.text}\n${lines.join('\n')}` : lines.join('\n');
      return;
    }
    lines.forEach((l, i) => items.push({ kind: 'line', value: { text: l, line: ++index, indent: null, full: null, hard: i === 0 } }));
  };
  // Footnote references ([1]) and the footnotes themselves would land inside the last task's measures.
  const body = html.replace(FOOTNOTE_REF, '').replace(FOOTNOTE, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z0-9]+)([^>]*)>|([^<]+)/g)) {
    if (m[4] !== undefined) {
      text += decodeEntities(m[4]);
      continue;
    }
    const closing = m[1] === '/';
    const tag = (m[2] ?? '').toLowerCase();
    const attrs = m[3] ?? '';
    if (tag === 'br') {
      pieces.push(text);
      text = '';
    } else if (/^(p|h[1-6]|li)$/.test(tag)) endParagraph();
    else if (tag === 'table') {
      endParagraph();
      if (!closing && ++tableDepth === 1) rows = [];
      if (closing && --tableDepth === 0) {
        items.push({ kind: 'table', value: { rows: grid(rows), line: ++index } });
        rows = [];
      }
      tableDepth = Math.max(0, tableDepth);
    } else if (tag === 'tr' && tableDepth === 1 && !closing) rows.push([]);
    else if ((tag === 'td' || tag === 'th') && tableDepth === 1) {
      if (!closing) {
        const span = (a: string): number => Math.max(1, Number(new RegExp(`${a}="(\\d+)"`).exec(attrs)?.[1] ?? 1));
        cell = { text: '', rowspan: span('rowspan'), colspan: span('colspan') };
      } else {
        endParagraph();
        if (cell) (rows[rows.length - 1] ?? (rows[0] = [])).push(cell);
        cell = null;
      }
    }
  }
  endParagraph();
  return items;
}

/** True when a text file is an HTML page (a report saved from a website). */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  return /<(?:!doctype\s+html|html|head|body)\b/i.test(head) || (text.match(/<\/(?:p|div|td|span|li)>/gi)?.length ?? 0) >= 5;
}

const BLOCK_TAGS = /<\/?(?:div|section|article|header|footer|nav|aside|main|ul|ol|dl|dd|dt|center|blockquote|pre|form|h[1-6]|address|figure|figcaption|hr)\b[^>]*>/gi;

/**
 * Layout tables (a table holding another table, or a one-column table) are page structure, not data: their tags
 * become paragraph breaks so that the article inside them is read as text.
 */
export function unwrapLayoutTables(html: string): string {
  const tags = [...html.matchAll(/<(\/?)(table|tr|td|th)\b[^>]*>/gi)];
  const stack: { at: number; cols: number; maxCols: number; nested: boolean }[] = [];
  const ranges: { start: number; end: number }[] = [];
  for (const m of tags) {
    const tag = (m[2] ?? '').toLowerCase();
    const closing = m[1] === '/';
    const top = stack[stack.length - 1];
    if (tag === 'table' && !closing) {
      // Only the direct parent: each ancestor was marked when its own child table opened.
      if (top) top.nested = true;
      stack.push({ at: m.index, cols: 0, maxCols: 0, nested: false });
    } else if (tag === 'table' && closing) {
      const t = stack.pop();
      if (t && (t.nested || t.maxCols <= 1)) ranges.push({ start: t.at, end: m.index });
    } else if (top && tag === 'tr' && !closing) top.cols = 0;
    else if (top && (tag === 'td' || tag === 'th') && !closing) top.maxCols = Math.max(top.maxCols, ++top.cols);
  }
  // Every table tag of a layout table (not those of the data tables inside it) becomes a paragraph break.
  const layoutStarts = new Set(ranges.map((r) => r.start));
  let out = '';
  let last = 0;
  const owner: number[] = [];
  for (const m of tags) {
    const tag = (m[2] ?? '').toLowerCase();
    const closing = m[1] === '/';
    if (tag === 'table' && !closing) owner.push(m.index);
    const tableStart = owner[owner.length - 1] ?? -1;
    if (tag === 'table' && closing) owner.pop();
    if (layoutStarts.has(tableStart)) {
      out += html.slice(last, m.index) + '<p>';
      last = m.index + m[0].length;
    }
  }
  return out + html.slice(last);
}

/** An HTML page → source items: scripts, styles and the head dropped, layout tables unwrapped, blocks as paragraphs. */
export function webPageToItems(html: string): SourceItem[] {
  const body = dropElements(html).replace(/<![^>]*>|<\?[^>]*>/g, '').replace(BLOCK_TAGS, '<p>');
  return htmlToItems(unwrapLayoutTables(body));
}

const SKIPPED = /<!--|<(script|style|noscript|template|head|select|button|iframe|svg|textarea)\b/gi;

/** Removes comments and non-text elements in one pass (an unclosed one runs to the end of the page). */
function dropElements(html: string): string {
  let out = '';
  let last = 0;
  const lower = html.toLowerCase();
  SKIPPED.lastIndex = 0;
  for (let m = SKIPPED.exec(html); m; m = SKIPPED.exec(html)) {
    if (m.index < last) continue;
    out += html.slice(last, m.index);
    const close = m[1] ? lower.indexOf(`</${m[1].toLowerCase()}`, m.index) : html.indexOf('-->', m.index);
    if (close < 0) return out;
    const end = html.indexOf('>', close);
    last = end < 0 ? html.length : end + 1;
    SKIPPED.lastIndex = last;
  }
  return out + html.slice(last);
}
