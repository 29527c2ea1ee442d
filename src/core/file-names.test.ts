import { describe, expect, it } from 'vitest';
import { contentDisposition, extensionOf, sanitizeFileName } from './file-names.js';

describe('sanitizeFileName', () => {
  it('keeps a Chinese name as it is', () => {
    expect(sanitizeFileName('抚顺市整改验收材料（2023）.pdf')).toBe('抚顺市整改验收材料（2023）.pdf');
  });
  it('drops every path segment, in both separators', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\windows\\system.ini')).toBe('system.ini');
    expect(sanitizeFileName('/var/data/照片.jpg')).toBe('照片.jpg');
  });
  it('never leaves a dot-name or an empty name', () => {
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName('.htaccess')).toBe('htaccess');
    expect(sanitizeFileName('   ')).toBe('file');
  });
  it('removes control and bidi-override characters', () => {
    expect(sanitizeFileName('a\u0000b\r\nc.txt')).toBe('abc.txt');
    expect(sanitizeFileName('photo\u202egpj.exe')).toBe('photogpj.exe');
  });
  it('replaces characters reserved on Windows', () => {
    expect(sanitizeFileName('a:b*c?.pdf')).toBe('a_b_c_.pdf');
  });
  it('bounds the length and keeps the extension', () => {
    const long = sanitizeFileName(`${'长'.repeat(300)}.docx`);
    expect([...long].length).toBe(200);
    expect(long.endsWith('.docx')).toBe(true);
  });
});

describe('extensionOf', () => {
  it('reads the lower-case extension', () => {
    expect(extensionOf('A.PDF')).toBe('pdf');
    expect(extensionOf('noext')).toBe('');
    expect(extensionOf('trailing.')).toBe('');
  });
});

describe('contentDisposition', () => {
  it('carries an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    expect(contentDisposition("整改 it's (1).pdf")).toBe(
      `attachment; filename="__ it's (1).pdf"; filename*=UTF-8''%E6%95%B4%E6%94%B9%20it%27s%20%281%29.pdf`,
    );
  });
  it('cannot be broken out of by quotes', () => {
    expect(contentDisposition('a".pdf', 'inline')).toBe(`inline; filename="a_.pdf"; filename*=UTF-8''a%22.pdf`);
  });
});
