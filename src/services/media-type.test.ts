import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './media-type.js';
import * as f from '../../test/fixtures/evidence/samples.js';

const typeOf = (d: Uint8Array) => {
  const r = sniffMediaType(d);
  return r.ok ? r.mediaType : `refused: ${r.reason}`;
};

describe('sniffMediaType', () => {
  it('recognizes documents, images and video from their bytes', async () => {
    expect(typeOf(f.PDF)).toBe('application/pdf');
    expect(typeOf(f.PNG)).toBe('image/png');
    expect(typeOf(f.JPEG)).toBe('image/jpeg');
    expect(typeOf(f.GIF)).toBe('image/gif');
    expect(typeOf(f.WEBP)).toBe('image/webp');
    expect(typeOf(f.MP4)).toBe('video/mp4');
    expect(typeOf(await f.docx())).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(typeOf(await f.xlsx())).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(typeOf(f.ole('WordDocument'))).toBe('application/msword');
    expect(typeOf(f.ole('Workbook'))).toBe('application/vnd.ms-excel');
  });

  it('reads UTF-8 and GB18030 text and says which', () => {
    expect(typeOf(f.UTF8_TEXT)).toBe('text/plain; charset=utf-8');
    expect(typeOf(f.GB18030_TEXT)).toBe('text/plain; charset=gb18030');
  });

  it('marks only images and PDF as safe to show inline', async () => {
    const inline = (d: Uint8Array) => { const r = sniffMediaType(d); return r.ok && r.inlineSafe; };
    expect([f.PDF, f.PNG, f.JPEG, f.GIF, f.WEBP].every(inline)).toBe(true);
    expect([f.MP4, f.UTF8_TEXT, await f.docx()].some(inline)).toBe(false);
  });

  it('refuses markup, executables, other containers and empty files, saying why', () => {
    expect(typeOf(f.SVG)).toMatch(/refused: .*SVG/);
    expect(typeOf(f.HTML)).toMatch(/refused: .*HTML/);
    expect(typeOf(Buffer.from('  <html><body>hi</body></html>'))).toMatch(/refused/);
    expect(typeOf(f.EXE)).toMatch(/refused: 无法识别/);
    expect(typeOf(f.MOV)).toMatch(/refused: .*MP4/);
    expect(typeOf(f.ole('PowerPoint Document'))).toMatch(/refused: .*doc/);
    expect(typeOf(Buffer.alloc(0))).toBe('refused: 文件为空');
  });

  it('refuses plain archives and macro-enabled Office files', () => {
    expect(typeOf(f.zip({ 'a.txt': 'hello' }))).toMatch(/refused: ZIP 压缩包不是/);
    const docm = f.zip({
      '[Content_Types].xml': '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
      'word/document.xml': '<w:document/>',
    });
    expect(typeOf(docm)).toMatch(/refused: 不接受含宏/);
  });

  it('refuses a damaged ZIP instead of throwing', () => {
    const cut = f.zip({ '[Content_Types].xml': '<Types/>' }).subarray(0, 40);
    expect(typeOf(cut)).toMatch(/refused: 文件已损坏/);
  });

  it('refuses a content-type list inflating to megabytes without inflating it (the main thread sniffs evidence)', () => {
    const bomb = f.zip({ '[Content_Types].xml': `<Types>${' '.repeat(20 * 1024 * 1024)}</Types>`, 'word/document.xml': '<w:document/>' });
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(typeOf(bomb)).toMatch(/refused: 文件结构异常（内容类型清单过大）/);
  });
});
