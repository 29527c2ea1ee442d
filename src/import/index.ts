/**
 * The report reader: a progress report, closure notice or plan in TXT/Markdown (UTF-8 or GB18030), DOCX, PDF or
 * (through LibreOffice) DOC → ParsedReport. A pure converter: no database, no network.
 */
import { AppError } from '../core/errors.js';
import type { ParsedReport, ParseWarning } from '../core/report.js';
import { convertToDocx } from './convert.js';
import { decodeText } from './decode.js';
import { isEncryptedOle, sniff } from './detect.js';
import { docxToItems } from './docx.js';
import { looksLikeHtml, webPageToItems } from './html-items.js';
import { toSourceItems, type SourceItem } from './lines.js';
import { parseItems, parseReportText, type ReadOptions } from './parse-text.js';
import { pdfToItems, type PdfLimits } from './pdf.js';
import { readZipDirectory } from './zip-guard.js';

export { parseReportText };

/** Inputs larger than this are refused (no report comes near it). */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export interface ParseInput {
  data: Uint8Array;
  /** The file name, used in messages and as the title when the report has none. */
  name: string;
}

export interface ParseOptions extends ReadOptions {
  /** The LibreOffice command for .doc/.wps/.rtf/.odt (default `soffice` on the PATH). */
  soffice?: string;
  /** How long a LibreOffice conversion may take before it is killed (default CONVERT_TIMEOUT_MS). */
  convertTimeoutMs?: number;
  /** How much of a PDF to take on (the parse pool passes the job's budgets). */
  limits?: PdfLimits;
}

const TRADE_WORDS = /督察|督查|整改|销号|銷號|生态环境|生態環境|环境保护|環境保護|环保|環保/;

function aboutRectification(items: readonly SourceItem[]): boolean {
  let seen = 0;
  for (const it of items) {
    const text = it.kind === 'line' ? it.value.text : it.value.rows.flat().join('');
    if (TRADE_WORDS.test(text) && ++seen >= 1) return true;
  }
  return false;
}

const ext = (name: string): string => /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toLowerCase() ?? '';

async function zipItems(data: Uint8Array, name: string, options: ParseOptions): Promise<SourceItem[]> {
  const names = readZipDirectory(data, name).map((e) => e.name);
  if (names.includes('word/document.xml')) return docxToItems(data, name);
  if (names.includes('content.xml') && names.includes('mimetype')) {
    return docxToItems(await convertToDocx(data, name, 'odt', options), name);
  }
  const what = names.some((n) => n.startsWith('xl/'))
    ? '是 Excel 表格（XLSX），不是报告：整改方案表格请在“督察与方案”页用“导入整改方案”，Rectify 导出的台账或调度表请在台账页或调度页用“导入回填表格”（命令行 rectify import 会自动识别这两种表格）'
    : names.some((n) => n.startsWith('ppt/'))
      ? '是 PowerPoint 演示文稿，不是报告'
      : '是 ZIP 压缩包，不是 Word 文档';
  throw new AppError('UNSUPPORTED_FILE', `${name}: ${what}`);
}

async function oleItems(data: Uint8Array, name: string, options: ParseOptions): Promise<SourceItem[]> {
  if (isEncryptedOle(data)) throw new AppError('BAD_FILE', `${name}: 文档有密码保护，请解除密码后再导入`);
  const e = ext(name);
  if (['xls', 'ppt', 'msg'].includes(e)) throw new AppError('UNSUPPORTED_FILE', `${name}: .${e} 文件不是报告`);
  return docxToItems(await convertToDocx(data, name, e === 'wps' ? 'wps' : 'doc', options), name);
}

function textItems(data: Uint8Array, name: string, warnings: ParseWarning[]): SourceItem[] {
  const decoded = decodeText(data, name);
  if (decoded.warning) warnings.push({ line: null, message: decoded.warning });
  if (!decoded.text.trim()) throw new AppError('BAD_FILE', `${name}: 文件没有文字内容`);
  // A page saved from a website (.html, or .txt holding HTML): its text, not its markup.
  return looksLikeHtml(decoded.text) ? webPageToItems(decoded.text) : toSourceItems(decoded.text);
}

/**
 * Reads a report file. The type comes from the content (magic bytes), not the name. Throws AppError with a
 * one-line message naming the file: FILE_TOO_LARGE, BAD_FILE (empty, binary, damaged, truncated, scanned PDF,
 * unknown encoding), UNSUPPORTED_FILE (images, spreadsheets), CONVERTER_MISSING (.doc without LibreOffice),
 * NOTHING_RECOGNIZED (no task and no summary figure).
 */
export async function parseReport(input: ParseInput, options: ParseOptions = {}): Promise<ParsedReport> {
  const { data, name } = input;
  if (data.length > MAX_INPUT_BYTES) {
    throw new AppError('FILE_TOO_LARGE', `${name}: 文件超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB，拒绝读取`);
  }
  if (data.length === 0) throw new AppError('BAD_FILE', `${name}: 文件为空`);
  const warnings: ParseWarning[] = [];
  let items: SourceItem[];
  switch (sniff(data)) {
    case 'zip':
      items = await zipItems(data, name, options);
      break;
    case 'pdf': {
      const pdf = await pdfToItems(data, name, options.limits);
      warnings.push(...pdf.warnings);
      items = pdf.items;
      break;
    }
    case 'ole':
      items = await oleItems(data, name, options);
      break;
    case 'rtf':
      items = await docxToItems(await convertToDocx(data, name, 'rtf', options), name);
      break;
    case 'image':
      throw new AppError('UNSUPPORTED_FILE', `${name}: 是图片，需先 OCR 识别成文字后再导入`);
    case 'text':
      items = textItems(data, name, warnings);
      break;
  }
  const report = parseItems(items, warnings, options);
  if (!report.tasks.length && !report.summary.length) {
    // A readable document of the trade (a narrative report, a news item, a plan's preface) is read, not refused:
    // it has no tasks, and the import refuses it then; a file about something else is refused here.
    if (!aboutRectification(items)) {
      throw new AppError('NOTHING_RECOGNIZED', `${name}: 没有识别出整改任务（任务N、一、…整改情况：…）或整改汇总数字`);
    }
    report.warnings.push({ line: null, message: '没有识别出整改任务或整改汇总数字：这份材料是叙述性的，没有逐项的整改任务' });
  }
  if (!report.title) report.title = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return report;
}
