/**
 * Bytes of a text file → string. UTF-8 (with or without BOM) first; UTF-16 with a BOM; otherwise GB18030 (a
 * superset of GBK and GB2312, the encodings of Chinese Windows). A fatal UTF-8 decoder tells UTF-8 from the rest.
 * A few stray bytes in otherwise valid UTF-8 are replaced (with a warning) rather than re-read as GB18030, which
 * would garble the whole file.
 */
import { AppError } from '../core/errors.js';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
  /** Set when the text was decoded with replacements. */
  warning?: string;
}

// The most frequent characters of Chinese official prose; GB18030-decoded text in another encoding has few.
const COMMON = /[的一是在了和有不中市年作工改问题对发展进行生环境保护督察整完成务项治理理设建]/g;
const HAN = /[\u4e00-\u9fff]/g;

function count(re: RegExp, text: string): number {
  return text.match(re)?.length ?? 0;
}

/** True when the bytes look binary (NUL or many control bytes) rather than text in any 8-bit/multibyte encoding. */
export function looksBinary(data: Uint8Array): boolean {
  const n = Math.min(data.length, 8192);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = data[i] ?? 0;
    if (b === 0) return true;
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) controls++;
  }
  return controls > n * 0.01;
}

/** Decodes a text file; throws BAD_FILE naming the file when it is binary or in no encoding we read. */
export function decodeText(data: Uint8Array, name: string): Decoded {
  if (data[0] === 0xff && data[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(data), encoding: 'utf-16le' };
  if (data[0] === 0xfe && data[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(data), encoding: 'utf-16be' };
  if (looksBinary(data)) {
    throw new AppError('BAD_FILE', `${name}: 不是文本文件（含二进制内容），也不是可识别的 DOCX/PDF/DOC 文件`);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    // not UTF-8: see below
  }
  const lossy = new TextDecoder('utf-8').decode(data);
  const bad = count(/\uFFFD/g, lossy);
  if (bad <= 3 && bad * 1000 < lossy.length) {
    return { text: lossy, encoding: 'utf-8', warning: `${bad} 处字节不是有效的 UTF-8，已替换为 �` };
  }
  const text = new TextDecoder('gb18030').decode(data);
  const han = count(HAN, text);
  if (han >= 50 && count(COMMON, text) < han * 0.05) {
    throw new AppError('BAD_FILE', `${name}: 文字编码无法识别（既不是 UTF-8 也不是 GB18030/GBK），请另存为 UTF-8 后再导入`);
  }
  return { text, encoding: 'gb18030' };
}
