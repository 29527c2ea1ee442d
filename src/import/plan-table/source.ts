/**
 * A plan file → grids: XLSX read directly; .xls, WPS .et and .ods converted to XLSX with LibreOffice Calc; DOCX
 * tables read directly; .doc/.wps/.odt converted to DOCX. The type comes from the content, the name only tells
 * .xls from .doc inside an OLE container when its streams do not.
 */
import { AppError } from '../../core/errors.js';
import { convertToDocx, convertToXlsx } from '../convert.js';
import { containsUtf16, isEncryptedOle, sniff } from '../detect.js';
import { inflateEntry, readZipDirectory } from '../zip-guard.js';
import { readDocxGrids } from './docx-tables.js';
import type { Grid } from './grid.js';
import { readXlsxGrids } from './xlsx-sheets.js';

/** Inputs larger than this are refused (as for reports). */
export const MAX_PLAN_BYTES = 50 * 1024 * 1024;

export interface PlanSource {
  format: 'xlsx' | 'docx';
  grids: Grid[];
  /** Messages about parts left out (hidden sheets). */
  skipped: string[];
  /** DOCX: characters of all text and of the tables' text. */
  textLength: number;
  tableTextLength: number;
  /** DOCX: the document's first paragraph. */
  title: string | null;
}

export interface SourceOptions {
  soffice?: string;
  /** Read only the first rows of each sheet (a look at the headers). */
  maxRows?: number;
}

const ext = (name: string): string => /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toLowerCase() ?? '';

// One conversion per file even when detectPlanTable and parsePlanTable are both called on it.
const converted = new WeakMap<Uint8Array, Promise<{ format: 'xlsx' | 'docx'; data: Uint8Array }>>();

function mimetype(data: Uint8Array, name: string): string {
  const entry = readZipDirectory(data, name).find((e) => e.name === 'mimetype');
  return entry ? new TextDecoder().decode(inflateEntry(data, entry, name)).trim() : '';
}

/** What the file is once old formats are converted: XLSX or DOCX bytes. */
async function toOoxml(data: Uint8Array, name: string, soffice?: string): Promise<{ format: 'xlsx' | 'docx'; data: Uint8Array }> {
  switch (sniff(data)) {
    case 'zip': {
      const names = readZipDirectory(data, name).map((e) => e.name);
      if (names.includes('xl/workbook.xml')) return { format: 'xlsx', data };
      if (names.includes('word/document.xml')) return { format: 'docx', data };
      const mime = names.includes('mimetype') ? mimetype(data, name) : '';
      if (mime.endsWith('opendocument.spreadsheet')) return { format: 'xlsx', data: await convertToXlsx(data, name, 'ods', { soffice }) };
      if (mime.endsWith('opendocument.text')) return { format: 'docx', data: await convertToDocx(data, name, 'odt', { soffice }) };
      throw new AppError('UNSUPPORTED_FILE', `${name}: 不是 Excel 表格或 Word 文档，读不出整改方案表格`);
    }
    case 'ole': {
      if (isEncryptedOle(data)) throw new AppError('BAD_FILE', `${name}: 文件有密码保护，请解除密码后再导入`);
      const e = ext(name);
      const sheet = containsUtf16(data, 'Workbook') || containsUtf16(data, 'Book') || ['xls', 'et', 'ett', 'xlt'].includes(e);
      if (sheet) return { format: 'xlsx', data: await convertToXlsx(data, name, e === 'et' ? 'et' : 'xls', { soffice }) };
      if (containsUtf16(data, 'WordDocument') || ['doc', 'wps'].includes(e)) {
        return { format: 'docx', data: await convertToDocx(data, name, e === 'wps' ? 'wps' : 'doc', { soffice }) };
      }
      throw new AppError('UNSUPPORTED_FILE', `${name}: 不是 Excel 表格或 Word 文档，读不出整改方案表格`);
    }
    case 'pdf':
      throw new AppError('UNSUPPORTED_FILE', `${name}: 是 PDF 文件，读不出表格；请用 Excel（.xlsx/.xls）或 Word（.docx）格式的整改方案`);
    case 'image':
      throw new AppError('UNSUPPORTED_FILE', `${name}: 是图片，读不出表格；请用 Excel 或 Word 格式的整改方案`);
    case 'rtf':
      return { format: 'docx', data: await convertToDocx(data, name, 'rtf', { soffice }) };
    case 'text':
      throw new AppError('UNSUPPORTED_FILE', `${name}: 是文本文件，不是 Excel 表格或 Word 文档，读不出整改方案表格`);
  }
}

/** Reads a file into grids. Throws AppError (FILE_TOO_LARGE, BAD_FILE, UNSUPPORTED_FILE, CONVERTER_MISSING). */
export async function readPlanSource(data: Uint8Array, name: string, options: SourceOptions = {}): Promise<PlanSource> {
  if (data.length > MAX_PLAN_BYTES) throw new AppError('FILE_TOO_LARGE', `${name}: 文件超过 ${MAX_PLAN_BYTES / 1024 / 1024} MB，拒绝读取`);
  if (data.length === 0) throw new AppError('BAD_FILE', `${name}: 文件为空`);
  let pending = converted.get(data);
  if (!pending) {
    pending = toOoxml(data, name, options.soffice);
    converted.set(data, pending);
  }
  const file = await pending;
  if (file.format === 'xlsx') {
    const book = readXlsxGrids(file.data, name, { maxRows: options.maxRows });
    return { format: 'xlsx', grids: book.grids, skipped: book.skipped.map((s) => `工作表“${s.name}”是${s.reason}，已跳过`), textLength: 0, tableTextLength: 0, title: null };
  }
  const doc = readDocxGrids(file.data, name);
  return { format: 'docx', grids: doc.grids, skipped: [], textLength: doc.textLength, tableTextLength: doc.tableTextLength, title: doc.title };
}
