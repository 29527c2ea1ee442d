import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { splitSampleText } from '../../test/fixtures/export/factory.js';
import { LINE_PITCH, PAGE, renderDocx } from './docx.js';
import { reportFromParsed } from './types.js';

const sampleText = readFileSync(new URL('../../test/fixtures/fushun-progress-2023.txt', import.meta.url), 'utf8');
const sample = { ...reportFromParsed(splitSampleText(sampleText)), label: '附件' };

async function parts(buffer: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buffer);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    if (name.endsWith('.xml')) out[name] = (await zip.file(name)?.async('string')) ?? '';
  }
  return out;
}

describe('renderDocx (GB/T 9704 layout)', async () => {
  const buffer = await renderDocx(sample);
  const xml = await parts(buffer);
  const document = xml['word/document.xml'] ?? '';
  const styles = xml['word/styles.xml'] ?? '';
  const footers = Object.entries(xml).filter(([n]) => /^word\/footer\d+\.xml$/.test(n)).map(([, x]) => x);

  it('is a DOCX (zip) with the report text in order', () => {
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const text = [...document.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    expect(text.indexOf('附件')).toBeLessThan(text.indexOf('抚顺市第二轮中央生态环境保护督察整改任务进展情况'));
    expect(text).toContain('任务2：辽宁省经济增长对能源消费依赖性强');
    expect(text).toContain('整改情况：达到序时进度。');
    expect(text).toContain('（六）按照《辽宁省重点企业2021年度碳排放数据核查实施方案》');
    expect(text.indexOf('任务30：')).toBeLessThan(text.indexOf('任务89：'));
  });

  it('has an A4 page with the official margins in twips', () => {
    expect(PAGE).toMatchObject({ width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 });
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = /<w:pgMar [^>]*\/>/.exec(document)?.[0] ?? '';
    expect(margin).toContain('w:top="2098"');
    expect(margin).toContain('w:bottom="1984"');
    expect(margin).toContain('w:left="1587"');
    expect(margin).toContain('w:right="1474"');
  });

  it('names the official fonts for East Asian text, in the official sizes', () => {
    for (const font of ['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312']) expect(styles).toContain(`w:eastAsia="${font}"`);
    expect(styles).toMatch(/<w:sz w:val="44"\/>/); // 二号 title
    expect(styles).toMatch(/<w:sz w:val="32"\/>/); // 三号 body
    expect(styles).toContain('<w:spacing w:val="-5"/>'); // −0.25 pt: 28 characters a line
    expect(styles).toMatch(/<w:ind w:firstLine="630" w:firstLineChars="200"\/>|<w:ind w:firstLineChars="200" w:firstLine="630"\/>/);
  });

  it('sets an exact line pitch for 22 lines a page', () => {
    expect(LINE_PITCH).toBe(579);
    expect(LINE_PITCH * 22).toBeLessThanOrEqual(PAGE.height - PAGE.top - PAGE.bottom);
    expect(styles).toContain(`w:line="${LINE_PITCH}" w:lineRule="exact"`);
    expect(document).toContain(`w:linePitch="${LINE_PITCH}"`);
  });

  it('prints — n — page numbers, odd pages right and even pages left', () => {
    expect(xml['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    expect(document).toMatch(/<w:footerReference w:type="default"/);
    expect(document).toMatch(/<w:footerReference w:type="even"/);
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]*> —<\/w:t>/);
      expect(footer).toContain('w:eastAsia="宋体"');
      expect(footer).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
  });
});
