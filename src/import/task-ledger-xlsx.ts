/**
 * Reads a task ledger from XLSX: the layout Rectify writes (src/export/xlsx-ledgers.ts) and the ledgers offices keep
 * themselves, whose header row may sit below a title and whose columns go by several names. Each data row becomes
 * one task; a bad row is a warning with its row number, never a crash.
 */
import type ExcelJS from 'exceljs';
import { AppError } from '../core/errors.js';
import type { ParsedReport, ParsedTask, ParseWarning } from '../core/report.js';
import { normalizeStatus } from '../core/status.js';
// The report reader's own rules for measures, documents, figures, numerals and units, so that a task reads the
// same from a ledger as from a report.
import { extractDocuments } from './documents.js';
import { extractFacts } from './facts.js';
import { buildMeasures } from './measures.js';
import { readNumeral } from './numerals.js';
import { splitUnits } from './units.js';
import { loadExcel } from '../export/load-excel.js';

type Field = 'code' | 'problem' | 'goal' | 'measures' | 'unit' | 'deadline' | 'status';

// Names by priority: the first name found claims its column, so 问题 wins over 存在问题 (which Rectify's own
// layout uses for the monthly "problems met" column) and 任务编号 over a running 序号.
const SYNONYMS: ReadonlyArray<readonly [Field, readonly string[]]> = [
  ['code', ['任务编号', '任务序号', '编号', '序号']],
  ['problem', ['问题', '具体问题', '问题描述', '具体内容', '反馈问题', '督察问题', '存在问题', '整改任务']],
  ['goal', ['整改目标', '目标']],
  ['measures', ['整改措施', '主要措施', '措施']],
  ['deadline', ['完成时限', '整改时限', '时限', '完成时间']],
  ['status', ['整改状态', '完成情况', '整改完成情况', '整改进展', '整改进展情况', '进展情况', '状态']],
];
// Every column of these names is a unit of the task (offices list 牵头单位 and 责任单位 side by side).
const UNIT_NAMES = ['责任单位', '牵头单位', '责任部门', '牵头责任单位', '主体责任单位', '配合单位'];

/** The text of a cell whatever exceljs made of it (rich text, hyperlink, formula result, date). */
function cellString(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value).trim();
  if ('richText' in value) return value.richText.map((t) => t.text).join('').trim();
  if ('text' in value) return cellString(value.text);
  if ('result' in value) return cellString(value.result ?? null);
  return '';
}

const headerKey = (text: string): string => text.replace(/\s+/g, '').replace(/[（(][^）)]*[）)]$/, '');

interface Header {
  row: number;
  columns: Map<Field, number[]>;
  title: string | null;
}

/** Finds the header row among the first 10 rows: the first row that names a problem column and one more. */
function findHeader(ws: ExcelJS.Worksheet): Header | null {
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const names = new Map<number, string>();
    ws.getRow(r).eachCell((cell, col) => names.set(col, headerKey(cellString(cell.value))));
    const columns = new Map<Field, number[]>();
    const taken = new Set<number>();
    const units = [...names].filter(([, n]) => UNIT_NAMES.includes(n)).map(([c]) => c);
    units.forEach((c) => taken.add(c));
    if (units.length) columns.set('unit', units);
    for (const [field, synonyms] of SYNONYMS) {
      for (const synonym of synonyms) {
        // Exact names first; containment only for names long enough not to catch others (目标 ⊂ 目标进展情况).
        const col = [...names].find(([c, n]) => !taken.has(c) && (n === synonym || (synonym.length >= 4 && n.includes(synonym))))?.[0];
        if (col !== undefined) { columns.set(field, [col]); taken.add(col); break; }
      }
    }
    if (columns.has('problem') && columns.size >= 2) {
      const title = r > 1 ? cellString(ws.getRow(1).getCell(1).value) || null : null;
      return { row: r, columns, title };
    }
  }
  return null;
}

/** Reads "12", "二十三" or "序号8(市序号9)" as a number (the first one), or null. */
function codeNumber(code: string): number | null {
  const n = /\d+|[零〇一二两三四五六七八九十百]+/.exec(code)?.[0];
  return n ? readNumeral(n) : null;
}

async function loadWorkbook(data: Uint8Array, name: string): Promise<ExcelJS.Workbook> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError('BAD_FILE', `${name}: 不是有效的 XLSX 文件（${error instanceof Error ? error.message : String(error)}）`);
  }
  return workbook;
}

/** Reads a task ledger XLSX into a report: one task per data row of the first sheet that has a header row. */
export async function parseTaskLedgerXlsx(data: Uint8Array, name: string): Promise<ParsedReport> {
  const workbook = await loadWorkbook(data, name);
  const found = workbook.worksheets.map((ws) => ({ ws, header: findHeader(ws) })).find((s) => s.header);
  if (!found?.header) throw new AppError('BAD_FILE', `${name}: 前 10 行中找不到表头（至少需要“问题”或“具体内容”列及另一列）`);
  const { ws, header } = found;
  const warnings: ParseWarning[] = [];
  const tasks: ParsedTask[] = [];
  const seen = new Map<string, number>();
  const read = (row: ExcelJS.Row, field: Field): string =>
    (header.columns.get(field) ?? []).map((c) => cellString(row.getCell(c).value)).filter(Boolean).join('、');

  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (![...header.columns.values()].flat().some((c) => cellString(row.getCell(c).value))) continue;
    const problem = read(row, 'problem');
    if (!problem) { warnings.push({ line: r, message: `第${r}行：没有问题描述，已跳过` }); continue; }
    const written = read(row, 'code').replace(/\s+/g, '');
    const code = written || String(tasks.length + 1);
    if (!written) warnings.push({ line: r, message: `第${r}行：没有任务编号，按顺序编为 ${code}` });
    const earlier = seen.get(code);
    if (earlier !== undefined) warnings.push({ line: r, message: `第${r}行：任务编号 ${code} 与第${earlier}行重复` });
    seen.set(code, r);
    const status = read(row, 'status') || null;
    const goal = read(row, 'goal') || null;
    const measures = read(row, 'measures');
    const allText = [problem, goal ?? '', measures].join('\n');
    tasks.push({
      code,
      number: codeNumber(code),
      problem,
      goal,
      status,
      statusCode: normalizeStatus(status).code,
      // One measure a line, or several inline (（一）…（二）…): the reader splits both.
      measures: buildMeasures(measures.split(/\n+/)),
      units: [...new Set(read(row, 'unit').split(/\n+/).flatMap(splitUnits))],
      deadline: read(row, 'deadline') || null,
      documents: extractDocuments(allText),
      facts: extractFacts(allText),
    });
  }
  if (!tasks.length) warnings.push({ line: null, message: `${name}: 表中没有任务行` });
  return { title: header.title ?? name.replace(/\.[^.]+$/, ''), region: null, inspection: null, asOf: null, tasks, summary: [], warnings };
}
