/**
 * Checks a ZIP container (DOCX, XLSX, ODT) before any library unzips it: the central directory must be whole
 * (a truncated download has none), and every XML part is inflated here with a hard output cap — declared sizes can
 * lie, so a zip bomb is caught by what inflating actually produces, not by what the directory claims.
 */
import { inflateRawSync } from 'node:zlib';
import { AppError } from '../core/errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** Caps: no report needs more. */
export const ZIP_LIMITS = { entries: 5000, totalSize: 200 * 1024 * 1024, partSize: 64 * 1024 * 1024 };

const bad = (name: string, why: string): AppError => new AppError('BAD_FILE', `${name}: ${why}`);

function u16(d: Uint8Array, at: number): number {
  return (d[at] ?? 0) | ((d[at + 1] ?? 0) << 8);
}
function u32(d: Uint8Array, at: number): number {
  return (u16(d, at) | (u16(d, at + 2) << 16)) >>> 0;
}

/** Reads the central directory; throws BAD_FILE when it is missing, cut off or oversized. */
export function readZipDirectory(data: Uint8Array, name: string): ZipEntry[] {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65557); i--) {
    if (u32(data, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(name, '文件不完整或已损坏（ZIP 目录缺失，可能下载时被截断）');
  const count = u16(data, eocd + 10);
  const dirSize = u32(data, eocd + 12);
  const dirOffset = u32(data, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw bad(name, '不支持 ZIP64 格式的文档');
  if (dirOffset + dirSize > eocd || count > ZIP_LIMITS.entries) throw bad(name, '文件不完整或已损坏（ZIP 目录越界）');
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (u32(data, at) !== 0x02014b50) throw bad(name, '文件已损坏（ZIP 目录项无效）');
    const nameLen = u16(data, at + 28);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLen)),
      method: u16(data, at + 10),
      compressedSize: u32(data, at + 20),
      size: u32(data, at + 24),
      offset: u32(data, at + 42),
    };
    total += entry.size;
    if (total > ZIP_LIMITS.totalSize) throw bad(name, '解压后体积过大，疑似压缩炸弹，拒绝读取');
    entries.push(entry);
    at += 46 + nameLen + u16(data, at + 30) + u16(data, at + 32);
  }
  return entries;
}

/** Inflates one entry with a hard cap on its output; throws BAD_FILE on a bomb, a lie or damage. */
export function inflateEntry(data: Uint8Array, entry: ZipEntry, name: string): Uint8Array {
  if (u32(data, entry.offset) !== 0x04034b50) throw bad(name, `文件已损坏（${entry.name} 的数据缺失）`);
  const start = entry.offset + 30 + u16(data, entry.offset + 26) + u16(data, entry.offset + 28);
  const raw = data.subarray(start, start + entry.compressedSize);
  if (raw.length < entry.compressedSize) throw bad(name, '文件不完整（数据被截断）');
  if (entry.size > ZIP_LIMITS.partSize) throw bad(name, `${entry.name} 解压后过大，疑似压缩炸弹，拒绝读取`);
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw bad(name, `不支持的压缩方式（${entry.method}）`);
  let out: Buffer;
  try {
    out = inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (e) {
    const tooBig = e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw bad(name, tooBig ? `${entry.name} 解压后超过声明大小，疑似压缩炸弹，拒绝读取` : `文件已损坏（${entry.name} 无法解压）`);
  }
  if (out.length !== entry.size) throw bad(name, `文件已损坏（${entry.name} 大小不符）`);
  return out;
}

/** Checks every XML part of the container (the parts a document reader inflates). */
export function checkZip(data: Uint8Array, name: string): ZipEntry[] {
  const entries = readZipDirectory(data, name);
  for (const e of entries) if (/\.(xml|rels)$/i.test(e.name)) inflateEntry(data, e, name);
  return entries;
}
