/**
 * Reads a handover table of complaint cases (交办信访件清单) from XLSX or CSV: finds the header row (often below a
 * title such as "第3批转办信访件"), suggests which column holds which field from the header's words, and returns
 * every data row's cells as text with its row number. It decides nothing about validity: the service maps the
 * (possibly user-edited) columns and reports bad rows by number, so a wrong suggestion can be corrected.
 */
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../core/errors.js';
import { decodeText } from './decode.js';
import { sniff } from './detect.js';
import { readNumeral } from './numerals.js';
import { checkZip } from './zip-guard.js';
import { loadExcel } from '../xlsx/load-excel.js';

export const CASE_BATCH_FIELDS = [
  'caseNo', 'batchNo', 'handedOverAt', 'complainantName', 'complainantContact', 'target', 'region', 'content',
  'pollutionType', 'source', 'isKey',
] as const;
export type CaseBatchField = (typeof CASE_BATCH_FIELDS)[number];
/** Field → column index (0-based, into `headers`). */
export type CaseColumnMapping = Partial<Record<CaseBatchField, number>>;

export interface CaseBatchRow { row: number; cells: string[] }
export interface CaseBatchWarning { row: number | null; message: string }

export interface ParsedCaseBatch {
  format: 'xlsx' | 'csv';
  /** Row number of the header (1-based, as a spreadsheet shows it). */
  headerRow: number;
  headers: string[];
  suggestedMapping: CaseColumnMapping;
  /** Text above the header, e.g. 第3批转办信访件清单, and the batch number read from it. */
  title: string | null;
  titleBatchNo: string | null;
  rows: CaseBatchRow[];
  warnings: CaseBatchWarning[];
}

export const MAX_CASE_ROWS = 100_000;
const HEADER_SCAN_ROWS = 15;

// By priority within a field. The first pass takes exact header names; the second, containment (so 举报人联系方式
// finds the contact column), in field order — contact before name, since 举报人联系方式 also contains 举报人.
const SYNONYMS: ReadonlyArray<readonly [CaseBatchField, readonly string[]]> = [
  ['caseNo', ['受理编号', '交办编号', '信访件编号', '信访编号', '举报编号', '案件编号', '件号', '编号']],
  ['batchNo', ['交办批次', '批次', '批次号', '批号']],
  ['handedOverAt', ['交办日期', '交办时间', '转办日期', '转办时间', '受理日期', '受理时间']],
  ['complainantContact', ['联系方式', '联系电话', '举报人电话', '电话', '手机', '手机号码']],
  ['complainantName', ['举报人', '举报人姓名', '投诉人', '信访人', '来信人', '来电人']],
  ['target', ['被举报对象', '被投诉对象', '举报对象', '投诉对象', '被举报单位', '涉及对象']],
  ['region', ['行政区域', '行政区', '所属区域', '所在区域', '区域', '属地', '所在地区', '地区', '所属地']],
  ['content', ['举报内容', '投诉内容', '信访内容', '反映问题', '反映内容', '主要内容', '问题描述', '交办问题基本情况', '内容']],
  ['pollutionType', ['污染类型', '问题类型', '污染类别', '类型', '类别']],
  ['source', ['来源', '举报方式', '信访方式', '受理方式', '来电来信', '渠道']],
  ['isKey', ['是否重点', '重点', '重点件', '重点信访件', '是否重点件', '重点关注']],
];

const headerKey = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').replace(/[（(][^）)]*[）)]$/, '').replace(/[:：*]$/, '');

/** Suggests a mapping from header names; fields with no matching header are left out. */
export function suggestCaseMapping(headers: readonly string[]): CaseColumnMapping {
  const keys = headers.map(headerKey);
  const mapping: CaseColumnMapping = {};
  const taken = new Set<number>();
  const claim = (match: (key: string, synonym: string) => boolean) => {
    for (const [field, synonyms] of SYNONYMS) {
      if (mapping[field] !== undefined) continue;
      for (const synonym of synonyms) {
        const col = keys.findIndex((k, i) => !taken.has(i) && k !== '' && match(k, synonym));
        if (col >= 0) { mapping[field] = col; taken.add(col); break; }
      }
    }
  };
  claim((k, s) => k === s);
  claim((k, s) => s.length >= 3 && k.includes(s));
  return mapping;
}

/** The cell as text whatever the workbook made of it (rich text, hyperlink, formula result, date, number). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value).trim();
  if ('richText' in value) return value.richText.map((t) => t.text).join('').trim();
  if ('text' in value) return cellText(value.text);
  if ('result' in value) return cellText(value.result ?? null);
  return '';
}

async function xlsxGrid(data: Uint8Array, name: string): Promise<{ row: number; cells: string[] }[]> {
  checkZip(data, name);
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError('BAD_FILE', `${name}: 不是有效的 XLSX 文件（${error instanceof Error ? error.message : String(error)}）`);
  }
  // The first sheet with a recognizable header; handover workbooks sometimes open with a cover or notes sheet.
  const sheets = workbook.worksheets.map((ws) => {
    const grid: { row: number; cells: string[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: string[] = [];
      // Merged cells repeat the master's value in every slave; keep only the master so a title is not read as a header.
      row.eachCell({ includeEmpty: false }, (cell, c) => { cells[c - 1] = cell.isMerged && cell.master !== cell ? '' : cellText(cell.value); });
      grid.push({ row: r, cells: Array.from(cells, (v) => v ?? '') });
    });
    return grid;
  });
  return sheets.find((g) => findHeader(g)?.guessed === false) ?? sheets.find((g) => findHeader(g)) ?? sheets[0] ?? [];
}

function csvGrid(data: Uint8Array, name: string): { grid: { row: number; cells: string[] }[]; warning?: string } {
  const decoded = decodeText(data, name);
  const parsed = Papa.parse<string[]>(decoded.text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  // Record numbers, not line numbers: a quoted cell spanning lines is one row, as a spreadsheet would show it.
  return { grid: parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => String(c ?? '').trim()) })), warning: decoded.warning };
}

/**
 * The header row: the one among the first rows whose words name the most fields, one of them the case number or the
 * content. Failing that, the fullest row is taken (guessed) so the user can still map the columns by hand.
 */
function findHeader(grid: readonly { row: number; cells: string[] }[]): { index: number; mapping: CaseColumnMapping; guessed: boolean } | null {
  let best: { index: number; mapping: CaseColumnMapping; score: number } | null = null;
  let fullest: { index: number; filled: number } | null = null;
  for (let i = 0; i < Math.min(grid.length, HEADER_SCAN_ROWS); i++) {
    const cells = grid[i]!.cells;
    const mapping = suggestCaseMapping(cells);
    const score = Object.keys(mapping).length;
    const anchored = mapping.caseNo !== undefined || mapping.content !== undefined;
    if (anchored && score >= 2 && (!best || score > best.score)) best = { index: i, mapping, score };
    const filled = cells.filter(Boolean).length;
    if (filled >= 3 && (!fullest || filled > fullest.filled)) fullest = { index: i, filled };
  }
  if (best) return { index: best.index, mapping: best.mapping, guessed: false };
  return fullest ? { index: fullest.index, mapping: suggestCaseMapping(grid[fullest.index]!.cells), guessed: true } : null;
}

function batchNoFromTitle(title: string | null): string | null {
  const m = title ? /第\s*([0-9０-９一二三四五六七八九十百零〇两]+)\s*批/.exec(title.normalize('NFKC')) : null;
  const n = m ? readNumeral(m[1]!) : null;
  return n === null ? null : String(n);
}

/** Parses a handover table. Throws BAD_FILE when it is unreadable or has no header within its first rows. */
export async function parseCaseBatch(data: Uint8Array, name: string): Promise<ParsedCaseBatch> {
  const kind = sniff(data);
  if (kind !== 'zip' && kind !== 'text') throw new AppError('UNSUPPORTED_FILE', `${name}: 信访件交办清单须为 XLSX 或 CSV 文件`);
  const warnings: CaseBatchWarning[] = [];
  let grid: { row: number; cells: string[] }[];
  if (kind === 'zip') grid = await xlsxGrid(data, name);
  else {
    const csv = csvGrid(data, name);
    grid = csv.grid;
    if (csv.warning) warnings.push({ row: null, message: `${name}: ${csv.warning}` });
  }
  const header = findHeader(grid);
  if (!header) {
    throw new AppError('BAD_FILE', `${name}: 前 ${HEADER_SCAN_ROWS} 行中找不到表头（需要“受理编号”“举报内容”等列名，或至少三列的一行）`);
  }
  const headers = grid[header.index]!.cells;
  if (header.guessed) warnings.push({ row: grid[header.index]!.row, message: `未能从列名识别表头，暂以第${grid[header.index]!.row}行作为表头，请核对各列对应的内容` });
  const title = grid.slice(0, header.index).map((r) => r.cells.filter(Boolean).join(' ')).filter(Boolean).join(' ') || null;
  const rows: CaseBatchRow[] = [];
  for (const r of grid.slice(header.index + 1)) {
    const filled = r.cells.filter(Boolean);
    if (filled.length === 0) continue;
    // A lone cell below the table is a note (注：…, 合计, 填表人…), not a case.
    if (filled.length === 1) { warnings.push({ row: r.row, message: `第${r.row}行只有一格内容，视为备注，已跳过：${filled[0]!.slice(0, 30)}` }); continue; }
    rows.push({ row: r.row, cells: headers.map((_, i) => r.cells[i] ?? '') });
  }
  if (rows.length > MAX_CASE_ROWS) throw new AppError('BAD_FILE', `${name}: 超过 ${MAX_CASE_ROWS} 行，请分批导入`);
  if (rows.length === 0) warnings.push({ row: null, message: `${name}: 表头下没有信访件` });
  return {
    format: kind === 'zip' ? 'xlsx' : 'csv', headerRow: grid[header.index]!.row, headers, suggestedMapping: header.mapping,
    title, titleBatchNo: batchNoFromTitle(title), rows, warnings,
  };
}
