/**
 * What one parse job may cost. A file over a budget is refused before (or while) the library reading it spends the
 * server's time and memory: FILE_TOO_LARGE (413) for the bytes uploaded, FILE_TOO_COMPLEX (422) for everything the
 * bytes unfold into. The messages name the file and the budget, so a person knows what to split or simplify.
 * Wall time and heap are enforced by the pool (parse-pool.ts): the worker is terminated and replaced.
 */
import { AppError } from '../../core/errors.js';

export interface ParseBudgets {
  /** Bytes of the uploaded file. */
  inputBytes: number;
  /** Bytes all parts of a ZIP container (DOCX, XLSX, ODT) actually inflate to. */
  inflatedBytes: number;
  /** Elements in all XML parts together (paragraphs, runs, cells, shared strings…). */
  xmlElements: number;
  /** Nesting depth of any XML part. */
  xmlDepth: number;
  /** Highest row number a sheet may use (a far cell makes readers walk every row up to it). */
  sheetRows: number;
  /** Highest column number a sheet may use. */
  sheetCols: number;
  /** Cells a workbook holds or names: written cells plus the cells of merged ranges, validations and defined names. */
  sheetCells: number;
  /** Pages of a PDF. */
  pdfPages: number;
  /** Indirect objects of a PDF (each font, image and content stream is one). */
  pdfObjects: number;
  /** Text pieces extracted from a PDF, all pages together. */
  pdfTextItems: number;
  /** Wall time of the job in the worker, LibreOffice conversion included. */
  timeMs: number;
  /** Bytes of the result (as JSON) sent back from the worker. */
  resultBytes: number;
}

const MB = 1024 * 1024;

/** Report files: a 60-page report is about 40 kB of DOCX XML and 5,000 elements; these allow a hundred times that. */
export const REPORT_BUDGETS: ParseBudgets = {
  inputBytes: 50 * MB,
  inflatedBytes: 200 * MB,
  xmlElements: 250_000,
  xmlDepth: 128,
  sheetRows: 100_000,
  sheetCols: 1024,
  sheetCells: 500_000,
  pdfPages: 2000,
  pdfObjects: 200_000,
  pdfTextItems: 1_000_000,
  timeMs: 60_000,
  resultBytes: 16 * MB,
};

/** Spreadsheets (case handover sheets, plan tables, ledgers): a batch of 50,000 cases of a dozen columns fits. */
export const SHEET_BUDGETS: ParseBudgets = {
  ...REPORT_BUDGETS,
  xmlElements: 3_000_000,
  sheetRows: 100_100,
  sheetCells: 1_000_000,
  timeMs: 90_000,
  resultBytes: 64 * MB,
};

/** Deployment overrides (config PARSE_*): a value set there replaces the kind's default for every kind. */
export type BudgetOverrides = Partial<ParseBudgets>;

export function withOverrides(budgets: ParseBudgets, overrides: BudgetOverrides = {}): ParseBudgets {
  const merged = { ...budgets };
  for (const [key, value] of Object.entries(overrides) as [keyof ParseBudgets, number | undefined][]) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

const count = (n: number): string => n.toLocaleString('en-US');
const megabytes = (bytes: number): string => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** FILE_TOO_COMPLEX naming the file, what was found and the budget it broke. */
export function tooComplex(name: string, what: string): AppError {
  return new AppError('FILE_TOO_COMPLEX', `${name}: ${what}，超出系统的解析上限，已拒绝读取；请拆分或精简文件后再导入`);
}

/** The one-line reasons, in one place so the tests and the docs match the messages. */
export const over = {
  input: (name: string, size: number, b: ParseBudgets) =>
    new AppError('FILE_TOO_LARGE', `${name}: 文件 ${megabytes(size)}，超过 ${megabytes(b.inputBytes)} 上限，已拒绝读取`),
  inflated: (name: string, b: ParseBudgets) => tooComplex(name, `解压后超过 ${megabytes(b.inflatedBytes)}（疑似压缩炸弹）`),
  elements: (name: string, part: string, b: ParseBudgets) => tooComplex(name, `${part} 等部分的 XML 元素超过 ${count(b.xmlElements)} 个`),
  depth: (name: string, part: string, b: ParseBudgets) => tooComplex(name, `${part} 的 XML 嵌套超过 ${b.xmlDepth} 层`),
  rows: (name: string, part: string, row: number, b: ParseBudgets) => tooComplex(name, `${part} 用到第 ${count(row)} 行，超过 ${count(b.sheetRows)} 行`),
  cols: (name: string, part: string, col: number, b: ParseBudgets) => tooComplex(name, `${part} 用到第 ${count(col)} 列，超过 ${count(b.sheetCols)} 列`),
  cells: (name: string, b: ParseBudgets) => tooComplex(name, `表格的单元格（含合并区域、数据验证和名称引用的范围）超过 ${count(b.sheetCells)} 个`),
  pages: (name: string, pages: number, b: ParseBudgets) => tooComplex(name, `PDF 共 ${count(pages)} 页，超过 ${count(b.pdfPages)} 页`),
  objects: (name: string, b: ParseBudgets) => tooComplex(name, `PDF 的对象超过 ${count(b.pdfObjects)} 个`),
  textItems: (name: string, b: ParseBudgets) => tooComplex(name, `PDF 的文字片段超过 ${count(b.pdfTextItems)} 个`),
  time: (name: string, b: ParseBudgets) => tooComplex(name, `解析超过 ${b.timeMs / 1000} 秒`),
  heap: (name: string, heapMb: number) => tooComplex(name, `解析所需内存超过 ${heapMb} MB`),
  result: (name: string, b: ParseBudgets) => tooComplex(name, `识别结果超过 ${megabytes(b.resultBytes)}`),
};
