/**
 * DOCX → grids, one per top-level Word table, from word/document.xml: gridSpan and vMerge (restart/continue) become
 * merged ranges, the paragraphs of a cell are joined with line breaks, a table nested in a cell reads as lines of
 * that cell. The paragraph before each table is kept as its caption (一、大气污染防治 headings a table per area).
 */
import { AppError } from '../../core/errors.js';
import { inflateEntry, readZipDirectory } from '../zip-guard.js';
import { WordNumbering } from './docx-numbering.js';
import type { Grid, Merge } from './grid.js';
import { MAX_COLS } from './grid.js';
import { attr, xmlTokens } from './xml.js';

export interface DocxGrids {
  grids: Grid[];
  /** Characters of text in the document, and inside its tables: whether a table is its main content. */
  textLength: number;
  tableTextLength: number;
  /** The first paragraph outside the tables (the document's title), null when there is none. */
  title: string | null;
}

interface RowDraft {
  cells: { col: number; span: number; vMerge: 'restart' | 'continue' | null; text: string }[];
}

/** Reads the tables of a DOCX. Throws BAD_FILE naming the file when it is damaged or not a Word document. */
export function readDocxGrids(data: Uint8Array, name: string): DocxGrids {
  const entries = readZipDirectory(data, name);
  const entry = entries.find((e) => e.name === 'word/document.xml');
  if (!entry) throw new AppError('BAD_FILE', `${name}: ZIP 文件中没有 word/document.xml，不是 Word 文档`);
  const decoder = new TextDecoder('utf-8');
  const xml = decoder.decode(inflateEntry(data, entry, name));
  const numberingEntry = entries.find((e) => e.name === 'word/numbering.xml');
  const numbering = new WordNumbering(numberingEntry ? decoder.decode(inflateEntry(data, numberingEntry, name)) : null);
  let numId: string | null = null;
  let ilvl = 0;
  let inPPr = false;

  const grids: Grid[] = [];
  let textLength = 0;
  let tableTextLength = 0;
  let depth = 0; // table nesting
  let fallback = 0; // inside mc:Fallback (a duplicate of the mc:Choice content)
  let inText = false;
  let paragraph = '';
  let lastParagraph = '';
  let rows: RowDraft[] = [];
  let row: RowDraft | null = null;
  let cellParas: string[] | null = null;
  let cell: RowDraft['cells'][number] | null = null;
  let col = 0;
  let caption: string | null = null;
  let title: string | null = null;

  for (const t of xmlTokens(xml)) {
    if (t.kind === 'text') {
      if (inText && fallback === 0) paragraph += t.text;
      continue;
    }
    const open = t.kind !== 'close';
    switch (t.name) {
      case 'Fallback':
        if (t.kind === 'open') fallback++;
        else if (t.kind === 'close') fallback--;
        break;
      case 't':
        inText = t.kind === 'open';
        break;
      case 'tab':
        if (open && fallback === 0 && depth > 0) paragraph += ' ';
        break;
      case 'br':
      case 'cr':
        if (open && fallback === 0) paragraph += '\n';
        break;
      case 'pPr':
        inPPr = t.kind === 'open';
        break;
      case 'numId':
        if (inPPr && open) numId = attr(t.attrs, 'w:val');
        break;
      case 'ilvl':
        if (inPPr && open) ilvl = Number(attr(t.attrs, 'w:val') ?? 0) || 0;
        break;
      case 'p':
        if (t.kind === 'open') {
          numId = null;
          ilvl = 0;
        }
        if (t.kind === 'close' || t.kind === 'empty') {
          const marker = numId && fallback === 0 ? numbering.next(numId, ilvl) : '';
          const text = (marker + paragraph.trim()).trim();
          paragraph = '';
          numId = null;
          textLength += text.length;
          if (depth > 0) {
            tableTextLength += text.length;
            cellParas?.push(text);
          } else if (text) {
            lastParagraph = text;
            // 附件1 above the title is not the title.
            if (!/^(附件|附表)\s*[\d一二三四五六七八九十]*[:：]?$/.test(text)) title ??= text.length <= 80 ? text.replace(/\s+/g, '') : null;
          }
        }
        break;
      case 'tbl':
        if (t.kind === 'open') {
          depth++;
          if (depth === 1) {
            rows = [];
            caption = lastParagraph.length <= 40 ? lastParagraph || null : null;
          }
        } else if (t.kind === 'close') {
          if (depth === 1) grids.push(toGrid(rows, `表${grids.length + 1}`, caption));
          depth = Math.max(0, depth - 1);
          lastParagraph = '';
        }
        break;
      case 'tr':
        if (depth !== 1) break;
        if (t.kind === 'open') {
          row = { cells: [] };
          col = 0;
        } else if (t.kind === 'close' && row) {
          rows.push(row);
          row = null;
        }
        break;
      case 'gridBefore':
        if (depth === 1 && row) col += Number(attr(t.attrs, 'w:val') ?? 0) || 0;
        break;
      case 'tc':
        if (depth !== 1) break;
        if (t.kind === 'open') {
          cell = { col, span: 1, vMerge: null, text: '' };
          cellParas = [];
        } else if (t.kind === 'close' && cell && row) {
          cell.text = (cellParas ?? []).join('\n').replace(/\n{2,}/g, '\n').trim();
          row.cells.push(cell);
          col += cell.span;
          cell = null;
          cellParas = null;
        }
        break;
      case 'gridSpan':
        if (depth === 1 && cell) cell.span = Math.max(1, Math.min(MAX_COLS, Number(attr(t.attrs, 'w:val') ?? 1) || 1));
        break;
      case 'vMerge':
        if (depth === 1 && cell) cell.vMerge = attr(t.attrs, 'w:val') === 'restart' ? 'restart' : 'continue';
        break;
    }
  }
  return { grids, textLength, tableTextLength, title };
}

function toGrid(drafts: RowDraft[], name: string, caption: string | null): Grid {
  const rows: string[][] = [];
  const merges: Merge[] = [];
  // The open vertical merge of each column: its range, extended by each "continue" cell below.
  const open = new Map<number, Merge>();
  drafts.forEach((draft, r) => {
    const texts: string[] = [];
    for (const c of draft.cells) {
      if (c.col >= MAX_COLS) continue;
      const right = Math.min(c.col + c.span - 1, MAX_COLS - 1);
      const above = open.get(c.col);
      if (c.vMerge === 'continue' && above && above.bottom === r - 1) {
        above.bottom = r;
        continue;
      }
      texts[c.col] = c.text;
      const m: Merge = { top: r, left: c.col, bottom: r, right };
      merges.push(m);
      open.set(c.col, m);
    }
    rows.push(Array.from(texts, (v) => v ?? ''));
  });
  return {
    name,
    kind: 'table',
    rows,
    merges: merges.filter((m) => m.bottom > m.top || m.right > m.left),
    hiddenRows: new Set(),
    hiddenCols: new Set(),
    errors: new Map(),
    caption,
  };
}
