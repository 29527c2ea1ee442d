/**
 * Reads back a ledger or round sheet that Rectify exported (src/export/xlsx-roundtrip.ts), as a plain object: the
 * metadata sheet and, per data sheet, each row's cells by column. A pure function of the bytes (no key, no database),
 * so it can run in a worker: the caller checks signatures and compares with the database.
 *
 * The sheet XML is scanned part by part through the zip guard (every part inflated with a hard cap), not loaded into
 * a spreadsheet object model: a 10,000-row sheet is read in one pass over its XML text.
 */
import { AppError } from '../core/errors.js';
import { LEDGER_SHEET_COLUMNS, LEDGER_SHEET_FORMAT, META_SHEET_NAME, type LedgerColumnKey, type LedgerSheetMeta } from '../core/ledger-sheet.js';
import { inflateEntry, readZipDirectory, type ZipEntry } from './zip-guard.js';

export type SheetCell = string | number | null;

export interface LedgerSheetRow {
  /** The row's number in the sheet as Excel shows it (the line a message names). */
  line: number;
  cells: Partial<Record<LedgerColumnKey, SheetCell>>;
}

export interface LedgerSheetData {
  name: string;
  unitId: number | null;
  unitName: string | null;
  rows: LedgerSheetRow[];
}

export interface LedgerSheetFile {
  fileName: string;
  meta: LedgerSheetMeta;
  sheets: LedgerSheetData[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return ENTITIES[e] ?? '';
    })
    // OOXML's own escape for characters XML cannot hold (Excel writes a carriage return as _x000D_).
    .replace(/_x([0-9a-f]{4})_/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The text of a string item (<si> or <is>): every <t> run joined, phonetic runs (<rPh>) left out. */
function itemText(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of plain.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += m[1] ?? '';
  return unescapeXml(out);
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? '') n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

interface Part { get(path: string): string | null }

function partsOf(data: Uint8Array, name: string): Part {
  const entries = new Map<string, ZipEntry>(readZipDirectory(data, name).map((e) => [e.name, e]));
  const decoder = new TextDecoder();
  return { get: (path) => { const e = entries.get(path); return e ? decoder.decode(inflateEntry(data, e, name)) : null; } };
}

/** Rows of a sheet as cell arrays (1-based columns), with their row numbers. */
function* sheetRows(xml: string, shared: readonly string[]): Generator<{ line: number; cells: Map<number, SheetCell> }> {
  let lastLine = 0;
  for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const line = Number(attr(rm[1]!, 'r') ?? lastLine + 1);
    lastLine = line;
    const cells = new Map<number, SheetCell>();
    let col = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = cm[1]!;
      const ref = attr(tag, 'r');
      col = ref ? columnIndex(ref) : col + 1;
      const body = cm[2] ?? '';
      const type = attr(tag, 't');
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: SheetCell = null;
      if (type === 'inlineStr') value = itemText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (type === 's') value = v === undefined ? null : shared[Number(v)] ?? null;
      else if (type === 'str' || type === 'e') value = v === undefined ? null : unescapeXml(v);
      else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else if (v !== undefined) value = Number(v);
      if (value !== null && value !== '') cells.set(col, value);
    }
    yield { line, cells };
  }
}

const text = (c: SheetCell | undefined): string => (c === null || c === undefined ? '' : String(c)).trim();

function notALedger(name: string, found: string): AppError {
  return new AppError('NOTHING_RECOGNIZED',
    `${name}: 不是 Rectify 导出的可回填台账或调度表（${found}）；请先在“台账”或“调度”页导出可回填的表格，填写后再导入`);
}

function readMeta(rows: Iterable<{ cells: Map<number, SheetCell> }>, name: string): LedgerSheetMeta {
  const kv = new Map<string, string>();
  for (const r of rows) kv.set(text(r.cells.get(1)), text(r.cells.get(2)));
  const num = (k: string): number | null => (kv.get(k) ? Number(kv.get(k)) : null);
  const format = num('format');
  if (format !== LEDGER_SHEET_FORMAT) throw new AppError('BAD_FILE', `${name}: 表格格式版本 ${kv.get('format') || '缺失'} 无法识别（本系统为 ${LEDGER_SHEET_FORMAT}），请重新导出`);
  const kind = kv.get('kind');
  if (kind !== 'ledger' && kind !== 'round') throw new AppError('BAD_FILE', `${name}: 标识工作表中的表格类型“${kind ?? ''}”无法识别，请重新导出`);
  let sheets: LedgerSheetMeta['sheets'];
  try {
    sheets = (JSON.parse(kv.get('sheets') ?? '[]') as LedgerSheetMeta['sheets']).map((s) => ({ name: String(s.name), unitId: s.unitId ?? null, unitName: s.unitName ?? null }));
  } catch {
    throw new AppError('BAD_FILE', `${name}: 标识工作表已损坏（工作表清单无法读取），请重新导出`);
  }
  return {
    format, kind, exportId: kv.get('exportId') ?? '', roundId: num('roundId'), roundName: kv.get('roundName') || null,
    exportedAt: kv.get('exportedAt') ?? '', exportedById: num('exportedById'), exportedByName: kv.get('exportedByName') ?? '',
    sheets, signature: kv.get('signature') ?? '',
  };
}

const HEADERS = new Map(LEDGER_SHEET_COLUMNS.map((c) => [c.header, c.key]));

function readDataSheet(xml: string, shared: readonly string[], name: string, sheetName: string): LedgerSheetRow[] {
  let columns: Map<number, LedgerColumnKey> | null = null;
  const rows: LedgerSheetRow[] = [];
  for (const r of sheetRows(xml, shared)) {
    if (!columns) {
      const found = new Map<number, LedgerColumnKey>();
      for (const [col, v] of r.cells) { const key = HEADERS.get(text(v)); if (key) found.set(col, key); }
      if ([...found.values()].includes('rowId')) {
        const missing = LEDGER_SHEET_COLUMNS.filter((c) => ![...found.values()].includes(c.key)).map((c) => `“${c.header}”`);
        if (missing.length) throw new AppError('BAD_FILE', `${name}: 工作表“${sheetName}”缺少列 ${missing.join('、')}，请勿删除或改动表头后重新导入`);
        columns = found;
      }
      continue;
    }
    const cells: LedgerSheetRow['cells'] = {};
    for (const [col, key] of columns) cells[key] = r.cells.get(col) ?? null;
    // Blank rows (and rows a person added below without an id) carry nothing to apply; rows with any content but
    // no id are kept so the caller can refuse them by line.
    if ([...r.cells.values()].every((v) => text(v) === '')) continue;
    rows.push({ line: r.line, cells });
  }
  if (!columns) throw new AppError('BAD_FILE', `${name}: 工作表“${sheetName}”找不到表头行（含“行编号”“校验码”列），请勿删除表头后重新导入`);
  return rows;
}

/**
 * Reads a workbook Rectify exported for the round trip. Throws NOTHING_RECOGNIZED (naming what was found) when it is
 * some other workbook, BAD_FILE when it is damaged, a zip bomb, or its structure was altered.
 */
export function readLedgerSheetXlsx(data: Uint8Array, name: string): LedgerSheetFile {
  const parts = partsOf(data, name);
  const workbook = parts.get('xl/workbook.xml');
  if (!workbook) throw notALedger(name, '不是 Excel 工作簿');
  const rels = new Map<string, string>();
  for (const m of (parts.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const sheets = [...workbook.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => ({
    name: unescapeXml(attr(m[1]!, 'name') ?? ''), path: rels.get(attr(m[1]!, 'r:id') ?? '') ?? '',
  }));
  const shared = [...(parts.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => itemText(m[1]!));
  const sheetXml = (path: string) => parts.get(path) ?? '';
  const metaSheet = sheets.find((s) => s.name === META_SHEET_NAME);
  if (!metaSheet) {
    const first = sheets[0];
    const headers = first ? firstHeaders(sheetXml(first.path), shared) : [];
    throw notALedger(name, `工作表：${sheets.map((s) => `“${s.name}”`).join('、') || '无'}${headers.length ? `；首个工作表的表头：${headers.join('、')}` : ''}；缺少 Rectify 的标识工作表与“行编号”“版本”“校验码”列`);
  }
  const meta = readMeta(sheetRows(sheetXml(metaSheet.path), shared), name);
  const data_ = meta.sheets.map((s) => {
    const found = sheets.find((x) => x.name === s.name);
    if (!found) throw new AppError('BAD_FILE', `${name}: 找不到工作表“${s.name}”（是否被改名或删除？），请恢复原名后再导入`);
    return { name: s.name, unitId: s.unitId, unitName: s.unitName, rows: readDataSheet(sheetXml(found.path), shared, name, s.name) };
  });
  return { fileName: name, meta, sheets: data_ };
}

/** The first non-empty row's texts (what a foreign workbook's header looks like), at most 12. */
function firstHeaders(xml: string, shared: readonly string[]): string[] {
  for (const r of sheetRows(xml, shared)) {
    const texts = [...r.cells.values()].map(text).filter(Boolean);
    if (texts.length >= 2) return texts.slice(0, 12).map((t) => `“${t.slice(0, 20)}”`);
  }
  return [];
}

/** True when the bytes are a workbook carrying Rectify's metadata sheet (cheap: reads only the workbook part). */
export function isLedgerSheetXlsx(data: Uint8Array, name: string): boolean {
  try {
    const entries = readZipDirectory(data, name);
    const wb = entries.find((e) => e.name === 'xl/workbook.xml');
    if (!wb) return false;
    return new TextDecoder().decode(inflateEntry(data, wb, name)).includes(`name="${META_SHEET_NAME}"`);
  } catch {
    return false;
  }
}
