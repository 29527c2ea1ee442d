import { chmodSync, copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { MAX_INPUT_BYTES, parseReport } from './index.js';
import { fixture } from './test-helpers.js';

async function failure(data: Uint8Array, name: string, options = {}): Promise<AppError> {
  try {
    await parseReport({ data, name }, options);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

/** A one-entry ZIP whose directory declares `declared` bytes for data that inflates to `real` zero bytes. */
function zipWith(entry: string, real: number, declared: number): Uint8Array {
  const data = deflateRawSync(Buffer.alloc(real));
  const name = Buffer.from(entry);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const dirOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

describe('bad input gives one AppError naming the file', () => {
  it('empty file', async () => {
    const e = await failure(new Uint8Array(), 'empty.txt');
    expect([e.code, e.message]).toEqual(['BAD_FILE', 'empty.txt: 文件为空']);
  });

  it('whitespace only', async () => {
    const e = await failure(new TextEncoder().encode(' \n\n  \n'), 'blank.txt');
    expect(e.message).toBe('blank.txt: 文件没有文字内容');
  });

  it('binary garbage', async () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const e = await failure(junk, 'junk.docx');
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toMatch(/^junk\.docx: 不是文本文件/);
  });

  it('truncated DOCX', async () => {
    const docx = fixture('import/fushun-progress-2023.docx');
    const e = await failure(docx.subarray(0, Math.floor(docx.length / 2)), 'half.docx');
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toMatch(/^half\.docx: 文件不完整或已损坏/);
  });

  it('truncated PDF', async () => {
    const pdf = fixture('import/fushun-progress-2023.pdf');
    const e = await failure(pdf.subarray(0, Math.floor(pdf.length / 2)), 'half.pdf');
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toMatch(/^half\.pdf: PDF 文件不完整/);
  });

  it('damaged PDF body', async () => {
    const e = await failure(new TextEncoder().encode('%PDF-1.7\nthis is not a pdf\n%%EOF\n'), 'broken.pdf');
    expect(e.message).toBe('broken.pdf: PDF 文件已损坏，无法读取');
  });

  it('PDF without a text layer', async () => {
    const e = await failure(fixture('import/scanned.pdf'), 'scan.pdf');
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toMatch(/^scan\.pdf: 扫描版 PDF，没有文字层，需先 OCR/);
  });

  it('text in an encoding that is neither UTF-8 nor GB18030 (Big5)', async () => {
    // 臺灣環境保護督察… in Big5: valid GB18030 byte pairs, but nonsense as GB18030 text.
    const big5 = [0xbb, 0x4f, 0xc6, 0x57, 0xc0, 0xf4, 0xb9, 0xd2, 0xab, 0x4f, 0xc5, 0x40, 0xb7, 0xfe, 0xb9, 0xee];
    const data = new Uint8Array(Array.from({ length: 40 }, () => big5).flat());
    const e = await failure(data, 'big5.txt');
    expect(e.message).toBe('big5.txt: 文字编码无法识别（既不是 UTF-8 也不是 GB18030/GBK），请另存为 UTF-8 后再导入');
  });

  it('text with nothing recognizable', async () => {
    const e = await failure(new TextEncoder().encode('会议纪要\n\n今天天气很好，大家讨论了食堂菜单。\n'), 'memo.txt');
    expect(e.code).toBe('NOTHING_RECOGNIZED');
    expect(e.message).toMatch(/^memo\.txt: 没有识别出整改任务/);
  });

  it('an image', async () => {
    const e = await failure(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'photo.pdf');
    expect([e.code, e.message]).toEqual(['UNSUPPORTED_FILE', 'photo.pdf: 是图片，需先 OCR 识别成文字后再导入']);
  });

  it('a file over the size limit', async () => {
    const e = await failure(new Uint8Array(MAX_INPUT_BYTES + 1), 'huge.txt');
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toMatch(/^huge\.txt: /);
  });

  it('a zip bomb: an entry inflating past its declared size', async () => {
    const e = await failure(zipWith('word/document.xml', 5_000_000, 100), 'bomb.docx');
    expect(e.message).toBe('bomb.docx: word/document.xml 解压后超过声明大小，疑似压缩炸弹，拒绝读取');
  });

  it('a zip bomb: entries declaring more than the total cap', async () => {
    const e = await failure(zipWith('word/document.xml', 10, 300 * 1024 * 1024), 'big.docx');
    expect(e.message).toBe('big.docx: 解压后体积过大，疑似压缩炸弹，拒绝读取');
  });

  it('a ZIP that is not a Word document', async () => {
    const e = await failure(zipWith('xl/workbook.xml', 10, 10), 'ledger.docx');
    expect(e.code).toBe('UNSUPPORTED_FILE');
    expect(e.message).toMatch(/^ledger\.docx: 是 Excel 表格/);
    // It says where a spreadsheet goes instead of naming an import that does not exist.
    expect(e.message).toContain('导入整改方案');
    expect(e.message).toContain('导入回填表格');
  });

  it('.doc without LibreOffice', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = await failure(ole, 'old.doc', { soffice: '/nonexistent/soffice' });
    expect(e.code).toBe('CONVERTER_MISSING');
    expect(e.message).toMatch(/^old\.doc: .*LibreOffice/);
  });
});

describe('.doc through LibreOffice', () => {
  it('converts with a private profile per call and reads the DOCX it writes', async () => {
    // A stand-in for soffice: checks its arguments and "converts" by copying the sample DOCX to --outdir.
    const dir = mkdtempSync(path.join(tmpdir(), 'fake-soffice-'));
    const docx = path.join(dir, 'sample.docx');
    copyFileSync(path.resolve('test/fixtures/import/fushun-progress-2023.docx'), docx);
    const script = path.join(dir, 'soffice');
    writeFileSync(
      script,
      `#!/bin/sh\ncase "$1" in -env:UserInstallation=file://*) ;; *) exit 3;; esac\n` +
        `while [ "$1" != "--outdir" ]; do shift; done\ncp "${docx}" "$2/input.docx"\n`,
    );
    chmodSync(script, 0o755);
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const r = await parseReport({ data: ole, name: 'old.doc' }, { soffice: script });
    expect(r.tasks).toHaveLength(13);
  });

  it('reports a conversion that produced nothing', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = await failure(ole, 'bad.doc', { soffice: '/bin/true' });
    expect(e.message).toBe('bad.doc: LibreOffice 无法转换该文件（文件可能已损坏）');
  });
});
