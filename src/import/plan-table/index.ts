/**
 * The plan-table reader: 整改方案 / 整改任务清单 tables in XLSX, XLS/ET/ODS (through LibreOffice Calc) and DOCX
 * (or DOC through LibreOffice) → ParsedReport with kind 'plan'. A pure converter: no database, no network; the
 * result is plain data (it may be computed in a worker thread).
 *
 * Decisions: every visible sheet (or Word table) with a plan header is read, each task knows its sheet through its
 * cells; hidden rows and hidden sheets are skipped with a warning, hidden columns ignored; a Word table without a
 * header continues the table before it when it has as many columns.
 */
import { AppError, isAppError } from '../../core/errors.js';
import type { ParsedReport, ParsedTask, ParseWarning } from '../../core/report.js';
import { buildTask } from './build.js';
import type { Grid } from './grid.js';
import { findHeader, headerTexts, type HeaderMap } from './headers.js';
import { groupName, groupRows } from './rows.js';
import { readPlanSource, type PlanSource } from './source.js';

export { readXlsxGrids } from './xlsx-sheets.js';
export { readDocxGrids } from './docx-tables.js';
export type { Grid } from './grid.js';
export { MAX_PLAN_BYTES } from './source.js';

export interface PlanTableInput {
  data: Uint8Array;
  /** The file name, used in messages and as the title when the table has none. */
  name: string;
}

export interface PlanTableOptions {
  /** The LibreOffice command for .xls/.et/.ods (and .doc) files; default `soffice` on the PATH. */
  soffice?: string;
}

export interface PlanTableDetection {
  isPlan: boolean;
  /** The header texts of the most header-like row found (for messages). */
  columnsFound: string[];
  /** The sheet (or 表N) where the plan header was found; null when none. */
  sheet: string | null;
  /** What the file is once read: a spreadsheet, a Word document, or neither (PDF, text, images…). */
  format?: 'spreadsheet' | 'document' | null;
}

/** What a plan table has, for "columns expected" messages. */
export const EXPECTED_COLUMNS = '序号、问题（反馈问题/存在问题/问题描述）、整改目标、整改措施、责任单位（牵头/配合）、完成时限';

/** Sheets a workbook names by default, which say nothing about their tasks. */
const DEFAULT_SHEET = /^(sheet|工作表|表)\s*\d*$/i;

function width(grid: Grid): number {
  return Math.max(0, ...grid.rows.slice(0, 30).map((r) => r.length));
}

function notAPlan(name: string, found: string[], format: 'xlsx' | 'docx', tables: number): AppError {
  if (format === 'docx' && tables === 0) return new AppError('NOT_A_PLAN', `${name}: Word 文档中没有表格，不是整改方案表格`);
  const seen = found.length ? `找到的列为“${found.slice(0, 12).join('、')}”` : '没有找到表头';
  return new AppError('NOT_A_PLAN', `${name}: 不是整改方案表格：${seen}，应有“${EXPECTED_COLUMNS}”等列`, { columnsFound: found });
}

/** Is this file a plan table? A cheap look at the headers of each sheet or Word table. */
export async function detectPlanTable(input: PlanTableInput, options: PlanTableOptions = {}): Promise<PlanTableDetection> {
  let source;
  try {
    source = await readPlanSource(input.data, input.name, { soffice: options.soffice, maxRows: 40 });
  } catch (e) {
    if (isAppError(e) && e.code === 'UNSUPPORTED_FILE') return { isPlan: false, columnsFound: [], sheet: null, format: null };
    throw e;
  }
  let best: string[] = [];
  const format = source.format === 'xlsx' ? 'spreadsheet' : 'document';
  for (const grid of source.grids) {
    const header = findHeader(grid);
    if (header) {
      // In Word, a plan is the document's main content and has no progress column (a report in a table has one).
      const isPlan =
        source.format === 'xlsx' || (source.tableTextLength * 2 >= source.textLength && !header.columns.some((c) => c.field === 'status'));
      return { isPlan, columnsFound: header.found, sheet: grid.name, format };
    }
    const texts = headerTexts(grid);
    if (texts.length > best.length) best = texts;
  }
  return { isPlan: false, columnsFound: best, sheet: null, format };
}

interface PlanPart {
  grid: Grid;
  header: HeaderMap;
  start: number;
}

/** The title of a table: the text above its header (a merged title row), if any. */
function titleAbove(part: PlanPart): string | null {
  for (let r = 0; r < part.header.firstRow; r++) {
    const texts = (part.grid.rows[r] ?? []).map((t) => t.trim()).filter(Boolean);
    if (texts.length === 1 && (texts[0]?.length ?? 0) >= 4 && !/^(附件|附表)\s*\d*$/.test(texts[0] ?? '')) return (texts[0] ?? '').replace(/\s+/g, '');
  }
  return null;
}

const REGION = /^([\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|自治州|州|盟|县|区|旗))(?=贯彻|落实|关于|第|中央|省|生态|环境|督察|整改|对|迎接|落|《)/;
const INSPECTION = /(?:第[一二三四五六七八九十]轮)?(?:中央|省级?|[\u4e00-\u9fa5]{2,3}省)?生态环境保护(?:专项)?督察/;

/**
 * Reads a plan table into a report of kind 'plan'. Throws AppError with a one-line message naming the file:
 * NOT_A_PLAN (the columns found and expected), BAD_FILE (damaged, empty, encrypted, a zip bomb), UNSUPPORTED_FILE
 * (neither a spreadsheet nor a Word document), CONVERTER_MISSING (.xls without LibreOffice Calc), FILE_TOO_LARGE.
 */
export async function parsePlanTable(input: PlanTableInput, options: PlanTableOptions = {}): Promise<ParsedReport> {
  return planFromSource(await readPlanSource(input.data, input.name, { soffice: options.soffice }), input.name);
}

/** The plan in grids already read (exported for tests that feed grids directly). */
export function planFromSource(source: PlanSource, name: string): ParsedReport {
  const warnings: ParseWarning[] = source.skipped.map((message) => ({ line: null, message }));
  const parts: PlanPart[] = [];
  let found: string[] = [];
  let previous: PlanPart | null = null;
  for (const grid of source.grids) {
    const header = findHeader(grid);
    if (header) {
      previous = { grid, header, start: header.lastRow + 1 };
      parts.push(previous);
      continue;
    }
    const texts = headerTexts(grid);
    if (texts.length > found.length) found = texts;
    if (source.format === 'docx' && previous && width(grid) === width(previous.grid)) {
      parts.push({ grid, header: previous.header, start: 0 });
    } else if (grid.rows.some((r) => r.some((t) => t.trim()))) {
      warnings.push({ line: null, message: `${grid.kind === 'sheet' ? '工作表' : ''}“${grid.name}”中没有找到整改方案的表头，已跳过` });
    }
  }
  if (!parts.length) throw notAPlan(name, found, source.format, source.grids.length);

  const grouped = parts.map((part) => ({ part, ...groupRows(part.grid, part.header, part.start) }));
  const notes = grouped.flatMap((g) => g.notes);
  const firstUnitLeads = notes.some((n) => /(第一|首位|首个|排名第一|排在首位|排在第一|列第一|第1)/.test(n) && /牵头/.test(n));
  const ownSheets = new Set(parts.filter((p) => p.start > 0).map((p) => p.grid.name));
  const tasks: ParsedTask[] = [];
  // Numbering runs per sheet, and through all the tables of a Word document (one plan split by area).
  const counters = new Map<string, { count: number; seen: Map<string, string> }>();
  for (const { part, drafts, warnings: rowWarnings } of grouped) {
    warnings.push(...rowWarnings);
    const { grid } = part;
    const caption = grid.caption && /^(?:第?[一二三四五六七八九十]+[、.．部分类]|[(（][一二三四五六七八九十]+[)）])/.test(grid.caption) ? groupName(grid.caption) : null;
    const fallbackCategory = caption ?? (grid.kind === 'sheet' && ownSheets.size > 1 && !DEFAULT_SHEET.test(grid.name) ? grid.name : null);
    const key = grid.kind === 'table' ? '' : grid.name;
    const counter = counters.get(key) ?? { count: 0, seen: new Map<string, string>() };
    counters.set(key, counter);
    for (const draft of drafts) {
      const task = buildTask(draft, { firstUnitLeads, fallbackCategory, nextNumber: () => counter.count + 1, warnings });
      if (!task) continue;
      counter.count++;
      const line = draft.row + 1;
      const earlier = counter.seen.get(task.code);
      if (earlier !== undefined) {
        const at = task.cells?.code?.[0];
        warnings.push({ line, taskCode: task.code, ...(at ? { cell: `${at.sheet ?? grid.name}!${at.ref}` } : {}), message: `${grid.name} 第${line}行：序号 ${task.code} 与${earlier}重复` });
      }
      counter.seen.set(task.code, `${grid.name} 第${line}行`);
      tasks.push(task);
    }
  }
  if (!tasks.length) warnings.push({ line: null, message: `${name}: 表中没有任务行` });
  const title = (source.format === 'docx' ? source.title : null) ?? titleAbove(parts[0]!) ?? name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return {
    kind: 'plan',
    title,
    region: REGION.exec(title)?.[1] ?? null,
    inspection: INSPECTION.exec(title)?.[0] ?? null,
    asOf: null,
    tasks,
    summary: [],
    warnings,
  };
}
