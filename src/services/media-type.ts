/**
 * What a file really is, read from its bytes (never from its name or the browser's claim). Only types a
 * rectification file needs are accepted: PDF, images, Office documents, plain text/CSV and MP4 video. Markup (HTML,
 * SVG, XML) is refused even though it is text, because a browser may run scripts in it; macro-enabled Office files
 * are refused too.
 */
import { inflateEntry, readZipDirectory, type ZipEntry } from '../import/zip-guard.js';

export interface SniffedType {
  mediaType: string;
  /** Human label for messages: 「PDF 文档」. */
  label: string;
  /** Extensions a file of this type may carry, the canonical one first. */
  extensions: readonly string[];
  /** Safe for a browser to show inline (images and PDF). */
  inlineSafe: boolean;
}
export type SniffResult = ({ ok: true } & SniffedType) | { ok: false; reason: string };

const type = (mediaType: string, label: string, extensions: string[], inlineSafe = false): SniffResult =>
  ({ ok: true, mediaType, label, extensions, inlineSafe });
const refuse = (reason: string): SniffResult => ({ ok: false, reason });

const ascii = (d: Uint8Array, from: number, to: number) => String.fromCharCode(...d.subarray(from, to));
const startsWith = (d: Uint8Array, bytes: readonly number[]) => bytes.every((b, i) => d[i] === b);

const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'f4v ', 'dash', 'mmp4', 'MSNV']);

/** Identifies the file from its content; `ok: false` carries the reason it is refused. */
export function sniffMediaType(d: Uint8Array): SniffResult {
  if (d.length === 0) return refuse('文件为空');
  if (ascii(d, 0, 5) === '%PDF-') return type('application/pdf', 'PDF 文档', ['pdf'], true);
  if (startsWith(d, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return type('image/png', 'PNG 图片', ['png'], true);
  if (startsWith(d, [0xff, 0xd8, 0xff])) return type('image/jpeg', 'JPEG 图片', ['jpg', 'jpeg'], true);
  if (ascii(d, 0, 6) === 'GIF87a' || ascii(d, 0, 6) === 'GIF89a') return type('image/gif', 'GIF 图片', ['gif'], true);
  if (ascii(d, 0, 4) === 'RIFF' && ascii(d, 8, 12) === 'WEBP') return type('image/webp', 'WebP 图片', ['webp'], true);
  if (ascii(d, 4, 8) === 'ftyp') {
    return MP4_BRANDS.has(ascii(d, 8, 12)) ? type('video/mp4', 'MP4 视频', ['mp4', 'm4v']) : refuse('只接受 MP4 视频');
  }
  if (startsWith(d, [0x50, 0x4b, 0x03, 0x04])) return sniffOfficeZip(d);
  if (startsWith(d, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(d);
  return sniffText(d);
}

/** DOCX/XLSX: a ZIP whose [Content_Types].xml declares the main document part of that kind (and no macros). */
function sniffOfficeZip(d: Uint8Array): SniffResult {
  let entries: ZipEntry[];
  let types: string;
  try {
    entries = readZipDirectory(d, 'zip');
    const ct = entries.find((e) => e.name === '[Content_Types].xml');
    if (!ct) return refuse('ZIP 压缩包不是 Word/Excel 文档；请上传文档本身或逐个上传文件');
    // Real content-type lists are a few kB; a huge one is a bomb aimed at the main thread, which sniffs evidence.
    if (ct.size > 256 * 1024) return refuse('文件结构异常（内容类型清单过大），疑似压缩炸弹');
    types = new TextDecoder().decode(inflateEntry(d, ct, 'zip'));
  } catch {
    return refuse('文件已损坏或不完整（ZIP 结构无效）');
  }
  if (/macroEnabled|vbaProject/i.test(types) || entries.some((e) => /vbaProject\.bin$/i.test(e.name))) {
    return refuse('不接受含宏的 Office 文件（.docm/.xlsm），请另存为 .docx/.xlsx 后上传');
  }
  if (types.includes(DOCX_MAIN)) return type('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word 文档', ['docx']);
  if (types.includes(XLSX_MAIN)) return type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel 表格', ['xlsx']);
  return refuse('ZIP 压缩包不是 Word/Excel 文档；请上传文档本身或逐个上传文件');
}

/**
 * DOC/XLS: an OLE compound file whose directory holds a "WordDocument" or "Workbook"/"Book" stream. Directory entries
 * are 128 bytes, aligned, with a UTF-16LE name; scanning aligned slots avoids walking the FAT of a damaged file.
 */
function sniffOle(d: Uint8Array): SniffResult {
  for (let at = 512; at + 128 <= d.length; at += 128) {
    const nameBytes = (d[at + 64] ?? 0) | ((d[at + 65] ?? 0) << 8);
    if (d[at + 66] !== 2 || nameBytes < 4 || nameBytes > 64) continue; // 2 = stream
    const name = new TextDecoder('utf-16le').decode(d.subarray(at, at + nameBytes - 2));
    if (name === 'WordDocument') return type('application/msword', 'Word 97-2003 文档', ['doc']);
    if (name === 'Workbook' || name === 'Book') return type('application/vnd.ms-excel', 'Excel 97-2003 表格', ['xls']);
  }
  return refuse('只接受 Word/Excel 97-2003 文档（.doc/.xls）这一类 OLE 文件');
}

const MARKUP = /^\s*<(\?xml|!doctype|html|svg|script|head|body|iframe|object)\b/i;
const MARKUP_ANYWHERE = /<(svg|script|html|iframe)[\s>]/i;

/** UTF-8 or GB18030 text without binary control characters; markup is refused. */
function sniffText(d: Uint8Array): SniffResult {
  let text: string | undefined;
  let charset = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(d);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(d);
      charset = 'gb18030';
    } catch {
      return refuse('无法识别的文件类型');
    }
  }
  // Tab, LF, FF, CR are text; any other control character means binary data.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return refuse('无法识别的文件类型');
  const head = text.slice(0, 4096).replace(/^\ufeff/, '');
  if (MARKUP.test(head) || MARKUP_ANYWHERE.test(head)) return refuse('不接受 HTML、SVG 或 XML 文件（其中可能含有脚本）；请转为 PDF 或图片后上传');
  return type(`text/plain; charset=${charset}`, '文本文件', ['txt', 'csv']);
}
