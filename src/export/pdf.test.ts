import { readFileSync } from 'node:fs';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitSampleText } from '../../test/fixtures/export/factory.js';
import { closePdfRenderer, renderPdf } from './pdf.js';
import { reportFromParsed } from './types.js';

const sampleText = readFileSync(new URL('../../test/fixtures/fushun-progress-2023.txt', import.meta.url), 'utf8');
const sample = { ...reportFromParsed(splitSampleText(sampleText)), label: '附件' };

/**
 * Counts the PDF's fonts and whether their glyphs travel with the file. Chromium (Skia) embeds TrueType fonts as
 * font files (/FontFile2) and CFF fonts such as Noto CJK as Type 3 fonts, whose glyphs are drawn by /CharProcs.
 */
function fonts(pdf: Buffer): { type3: number; type3Drawn: number; outline: number; files: number } {
  const text = pdf.toString('latin1');
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  return {
    type3: count(/\/Subtype\s*\/Type3\b/g),
    type3Drawn: count(/\/CharProcs\b/g),
    outline: count(/\/Subtype\s*\/(?:TrueType|Type1|CIDFontType0|CIDFontType2)\b/g),
    files: count(/\/FontFile[23]?\b/g),
  };
}

describe('renderPdf', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderPdf(sample);
  });
  afterAll(closePdfRenderer);

  it('is an A4 PDF whose fonts are all embedded', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 59[45]\.\d+ 84[12]\.\d+\s*\]/);
    const f = fonts(pdf);
    expect(f.type3 + f.outline).toBeGreaterThan(0);
    expect(f.type3Drawn).toBe(f.type3);
    expect(f.files).toBeGreaterThanOrEqual(f.outline);
  });

  it('has extractable text with the Chinese title, every task and page numbers (no missing glyphs)', async () => {
    const { text, totalPages } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const flat = text.normalize('NFKC').replace(/\s+/g, '');
    expect(totalPages).toBeGreaterThanOrEqual(5);
    expect(flat).toContain('抚顺市第二轮中央生态环境保护督察整改任务进展情况');
    // NFKC folds the full-width colon, and Chromium's U+2F00 look-alikes back to 一.
    for (const task of sample.tasks) expect(flat).toContain(`任务${task.code}:`);
    expect(flat).toContain('—2—');
    expect(flat).not.toMatch(/[\uFFFD\u25A1]/);
  });

  it('reuses one browser across calls', async () => {
    const again = await Promise.all([renderPdf({ ...sample, tasks: sample.tasks.slice(0, 1) }), renderPdf({ ...sample, tasks: sample.tasks.slice(1, 2) })]);
    for (const p of again) expect(p.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
