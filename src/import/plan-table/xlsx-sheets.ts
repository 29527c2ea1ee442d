/**
 * XLSX → grids, straight from the sheet XML (exceljs takes seconds on big merged sheets): shared and inline
 * strings, cached formula results (`<v>`), date cells by their number format, merged ranges, hidden rows, columns
 * and sheets. Each part is inflated through the zip guard, with its size capped before and during inflation.
 */
import { AppError } from '../../core/errors.js';
import { inflateEntry, readZipDirectory, type ZipEntry } from '../zip-guard.js';
import { cellKey, MAX_COLS, parseA1, type Grid, type Merge } from './grid.js';
import { attr, isOn, xmlTokens } from './xml.js';

export interface SheetReadOptions {
  /** Read only this many rows of each sheet (a cheap look at the headers). */
  maxRows?: number;
}

export interface WorkbookGrids {
  grids: Grid[];
  /** Sheets left out, with why (hidden, chart sheets). */
  skipped: { name: string; reason: string }[];
}

const decoder = new TextDecoder('utf-8');

/** Rows read from one sheet; a plan or a ledger never comes near (an .xls holds 65 536). */
export const MAX_ROWS = 100_000;

function partText(data: Uint8Array, entries: Map<string, ZipEntry>, path: string, name: string): string | null {
  const entry = entries.get(path);
  return entry ? decoder.decode(inflateEntry(data, entry, name)) : null;
}

/** Text of `<si>` items (rich runs joined; phonetic guides `<rPh>` left out). */
function readSharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let current: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'open' && t.name === 'si') current = [];
    else if (t.kind === 'empty' && t.name === 'si') out.push('');
    else if (t.kind === 'close' && t.name === 'si') {
      out.push((current ?? []).join(''));
      current = null;
    } else if (t.kind === 'open' && t.name === 'rPh') phonetic++;
    else if (t.kind === 'close' && t.name === 'rPh') phonetic--;
    else if (t.kind === 'open' && t.name === 't') inT = true;
    else if (t.kind === 'close' && t.name === 't') inT = false;
    else if (t.kind === 'text' && inT && phonetic === 0 && current) current.push(t.text);
  }
  return out;
}

// Built-in number formats that show dates (ECMA-376 18.8.30, and the CJK ones Excel uses in China).
const BUILTIN_DATES = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

/** For each cell style index, whether it formats numbers as dates. */
function readDateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inXfs = false;
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'close') {
      if (t.name === 'cellXfs') inXfs = false;
      continue;
    }
    if (t.kind === 'text') continue;
    if (t.name === 'numFmt') {
      // A date format has y, m or d outside quotes and brackets ([Red], [$-804], "年").
      const code = (attr(t.attrs, 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
      custom.set(Number(attr(t.attrs, 'numFmtId')), /[ymd]/i.test(code) && !/^[#0.,%\s]*$/.test(code));
    } else if (t.name === 'cellXfs') inXfs = t.kind === 'open';
    else if (t.name === 'xf' && inXfs) {
      const id = Number(attr(t.attrs, 'numFmtId') ?? 0);
      styles.push(custom.get(id) ?? BUILTIN_DATES.has(id));
    }
  }
  return styles;
}

/** An Excel date serial as an ISO date (1900 or 1904 system). */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

function numberText(v: string): string {
  if (/^-?\d+(\.\d+)?$/.test(v) && v.length < 16) return v;
  const n = Number(v);
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : v;
}

interface SheetRef {
  name: string;
  path: string;
  hidden: boolean;
}

function readWorkbook(xml: string, relsXml: string | null): { sheets: SheetRef[]; date1904: boolean } {
  const targets = new Map<string, string>();
  for (const t of relsXml ? xmlTokens(relsXml) : []) {
    if (t.kind !== 'close' && t.kind !== 'text' && t.name === 'Relationship') {
      const target = attr(t.attrs, 'Target') ?? '';
      targets.set(attr(t.attrs, 'Id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
    }
  }
  const sheets: SheetRef[] = [];
  let date1904 = false;
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'close' || t.kind === 'text') continue;
    if (t.name === 'workbookPr') date1904 = isOn(attr(t.attrs, 'date1904'));
    if (t.name === 'sheet') {
      const id = attr(t.attrs, 'r:id') ?? '';
      const path = targets.get(id);
      if (path) sheets.push({ name: attr(t.attrs, 'name') ?? `Sheet${sheets.length + 1}`, path, hidden: (attr(t.attrs, 'state') ?? 'visible') !== 'visible' });
    }
  }
  return { sheets, date1904 };
}

interface SheetContext {
  shared: string[];
  dateStyles: boolean[];
  date1904: boolean;
  maxRows: number;
}

/** One worksheet's XML → a grid. */
export function readSheetXml(xml: string, sheetName: string, ctx: SheetContext): Grid {
  const rows: string[][] = [];
  const merges: Merge[] = [];
  const hiddenRows = new Set<number>();
  const hiddenCols = new Set<number>();
  const errors = new Map<number, string>();
  let row = -1;
  let cell: { col: number; type: string; style: number } | null = null;
  let inValue = false;
  let inInline = false;
  let inPhonetic = false;
  let value = '';
  let nextCol = 0;
  const put = (): void => {
    if (!cell || row < 0 || row >= MAX_ROWS || cell.col >= MAX_COLS) return;
    let text = '';
    switch (cell.type) {
      case 's':
        text = ctx.shared[Number(value)] ?? '';
        break;
      case 'inlineStr':
      case 'str':
        text = value;
        break;
      case 'b':
        text = value === '1' ? 'TRUE' : value ? 'FALSE' : '';
        break;
      case 'e':
        if (value) errors.set(cellKey(row, cell.col), value);
        break;
      default:
        if (value !== '') {
          const iso = ctx.dateStyles[cell.style] ? serialToIso(Number(value), ctx.date1904) : null;
          text = iso ?? numberText(value.trim());
        }
    }
    if (!text) return;
    const r = (rows[row] ??= []);
    r[cell.col] = text;
  };
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'text') {
      if ((inValue || inInline) && !inPhonetic) value += t.text;
      continue;
    }
    if (t.kind === 'close') {
      if (t.name === 'c') {
        put();
        cell = null;
      } else if (t.name === 'v' || t.name === 't') inValue = false;
      else if (t.name === 'is') inInline = false;
      else if (t.name === 'rPh') inPhonetic = false;
      continue;
    }
    switch (t.name) {
      case 'row': {
        const r = Number(attr(t.attrs, 'r'));
        row = Number.isInteger(r) && r > 0 ? r - 1 : row + 1;
        nextCol = 0;
        if (row >= ctx.maxRows) {
          // The rest of the sheet is not wanted; merges come after sheetData and are not needed for a look.
          return finish();
        }
        if (isOn(attr(t.attrs, 'hidden'))) hiddenRows.add(row);
        break;
      }
      case 'c': {
        const ref = attr(t.attrs, 'r');
        const col = ref ? (parseA1(ref)?.col ?? nextCol) : nextCol;
        nextCol = col + 1;
        cell = { col, type: attr(t.attrs, 't') ?? 'n', style: Number(attr(t.attrs, 's') ?? 0) };
        value = '';
        if (t.kind === 'empty') cell = null;
        break;
      }
      case 'v':
        if (t.kind === 'open') inValue = true;
        break;
      case 'is':
        if (t.kind === 'open') inInline = true;
        break;
      case 't':
        if (t.kind === 'open' && inInline) inValue = true;
        break;
      case 'rPh':
        if (t.kind === 'open') inPhonetic = true;
        break;
      case 'col':
        if (isOn(attr(t.attrs, 'hidden'))) {
          const min = Number(attr(t.attrs, 'min') ?? 0);
          const max = Math.min(Number(attr(t.attrs, 'max') ?? 0), MAX_COLS);
          for (let c = min; c <= max; c++) if (c >= 1) hiddenCols.add(c - 1);
        }
        break;
      case 'mergeCell': {
        const [a, b] = (attr(t.attrs, 'ref') ?? '').split(':');
        const from = a ? parseA1(a) : null;
        const to = b ? parseA1(b) : from;
        if (from && to) merges.push({ top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col) });
        break;
      }
    }
  }
  return finish();

  function finish(): Grid {
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    return { name: sheetName, kind: 'sheet', rows: rows.map((r) => Array.from(r, (v) => v ?? '')), merges, hiddenRows, hiddenCols, errors, caption: null };
  }
}

/** Reads every worksheet of an XLSX into grids. Throws BAD_FILE naming the file when it is damaged or not XLSX. */
export function readXlsxGrids(data: Uint8Array, name: string, options: SheetReadOptions = {}): WorkbookGrids {
  const entries = new Map(readZipDirectory(data, name).map((e) => [e.name, e]));
  const workbookXml = partText(data, entries, 'xl/workbook.xml', name);
  if (workbookXml === null) throw new AppError('BAD_FILE', `${name}: ZIP 文件中没有 xl/workbook.xml，不是 Excel 工作簿`);
  const { sheets, date1904 } = readWorkbook(workbookXml, partText(data, entries, 'xl/_rels/workbook.xml.rels', name));
  const ctx: SheetContext = {
    shared: readSharedStrings(partText(data, entries, 'xl/sharedStrings.xml', name)),
    dateStyles: readDateStyles(partText(data, entries, 'xl/styles.xml', name)),
    date1904,
    maxRows: options.maxRows ?? Number.POSITIVE_INFINITY,
  };
  const grids: Grid[] = [];
  const skipped: WorkbookGrids['skipped'] = [];
  for (const sheet of sheets) {
    if (sheet.hidden) {
      skipped.push({ name: sheet.name, reason: '隐藏的工作表' });
      continue;
    }
    const xml = partText(data, entries, sheet.path, name);
    if (xml === null || !xml.includes('<sheetData') && !xml.includes(':sheetData')) {
      skipped.push({ name: sheet.name, reason: '不是数据工作表（图表等）' });
      continue;
    }
    grids.push(readSheetXml(xml, sheet.name, ctx));
  }
  return { grids, skipped };
}
