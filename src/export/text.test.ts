import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLedgerReport, splitSampleText } from '../../test/fixtures/export/factory.js';
import { chineseNumeral, measureText, oneLine } from './blocks.js';
import { escapeHtml, renderHtml } from './html.js';
import { escapeMarkdown, renderMarkdown, renderText } from './text.js';
import { defaultTitle, reportFromParsed, type ExportReport } from './types.js';

const sampleText = readFileSync(new URL('../../test/fixtures/fushun-progress-2023.txt', import.meta.url), 'utf8');
const sample: ExportReport = { ...reportFromParsed(splitSampleText(sampleText)), label: '附件' };
const paragraphs = (s: string) => s.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

describe('blocks', () => {
  it('writes ordinals as Chinese numerals', () => {
    expect([1, 9, 10, 11, 20, 23, 99].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十三', '九十九']);
  });
  it('labels numbered measures once and leaves unnumbered ones bare', () => {
    expect(measureText(3, '推进。一是甲。二是乙。')).toBe('（三）推进。一是甲。二是乙。');
    expect(measureText(2, '（二）已有标签')).toBe('（二）已有标签');
    expect(measureText(null, '一段话')).toBe('一段话');
  });
  it('joins lines broken inside a paragraph', () => {
    expect(oneLine('分别完成\n13家、6家\n  企业')).toBe('分别完成13家、6家企业');
    expect(oneLine('VOCs\nmonitoring')).toBe('VOCs monitoring');
  });
  it('gives a report without a title the standard one', () => {
    const parsed = { ...splitSampleText(sampleText), title: '' };
    expect(reportFromParsed(parsed).title).toBe(defaultTitle('抚顺市', '第二轮中央生态环境保护'));
    expect(defaultTitle('抚顺市', '第二轮中央生态环境保护')).toBe('抚顺市第二轮中央生态环境保护督察整改任务进展情况');
  });
});

describe('renderText', () => {
  const text = renderText(sample);
  const paras = paragraphs(text);

  it('prints label, title, then each task in plan order with its status and measures', () => {
    expect(paras[0]).toBe('附件');
    expect(paras[1]).toBe('抚顺市第二轮中央生态环境保护督察整改任务进展情况');
    const heads = paras.filter((p) => /^任务\d+：/.test(p)).map((p) => /^任务(\d+)/.exec(p)?.[1]);
    expect(heads).toEqual(['2', '30', '38', '41', '45', '48', '54', '61', '62', '63', '67', '82', '89']);
    const i = paras.findIndex((p) => p.startsWith('任务54：'));
    expect(paras[i + 1]).toBe('整改情况：完成整改。');
    expect(paras[i + 2]).toBe('抚顺市三宝屯污水处理厂产生的污泥，已委托有资质单位采用高温发酵处置工艺，进行无害化处置。');
  });

  it('reads back into the same tasks, statuses and measures', () => {
    const back = splitSampleText(text);
    expect(back.tasks.map((t) => [t.code, t.status, t.measures.map((m) => [m.ordinal, m.text])])).toEqual(
      sample.tasks.map((t) => [t.code, t.status, t.measures.map((m) => [m.ordinal, m.text])]),
    );
  });

  it('keeps the page-break repair: no sentence is split across paragraphs', () => {
    expect(text).toContain('2021、2022、2023年分别完成13家、6家、5家企业');
    expect(text).toContain('均达标。');
  });

  it('prints optional summary sections before the tasks', () => {
    const withSummary = renderText({ ...sample, summary: ['53个问题完成整改25个。'], caseSummary: ['交办的227件信访件已全部办结。'] });
    const p = paragraphs(withSummary);
    expect(p.slice(2, 6)).toEqual(['总体情况', '53个问题完成整改25个。', '信访件办理情况', '交办的227件信访件已全部办结。']);
    expect(p[6]).toMatch(/^任务2：/);
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(sample);

  it('marks the title and tasks as headings and keeps the genre lines', () => {
    const lines = paragraphs(md);
    expect(lines[0]).toBe('附件');
    expect(lines[1]).toBe('# 抚顺市第二轮中央生态环境保护督察整改任务进展情况');
    expect(lines.filter((l) => l.startsWith('## 任务'))).toHaveLength(13);
    expect(lines).toContain('**整改情况：达到序时进度。**');
    expect(lines).toContain('（四）大力发展清洁能源。推进了抚矿日拓等3个可再生能源项目建设。');
  });

  it('escapes text that Markdown would take as markup', () => {
    expect(escapeMarkdown('1. 列表')).toBe('1\\. 列表');
    expect(escapeMarkdown('# 标题')).toBe('\\# 标题');
    expect(escapeMarkdown('a*b*_c_ <x> [y]')).toBe('a\\*b\\*\\_c\\_ \\<x\\> \\[y\\]');
    expect(escapeMarkdown('普通文字（一）')).toBe('普通文字（一）');
  });
});

describe('renderHtml', () => {
  it('is a self-contained A4 document with the official margins and font families', () => {
    const html = renderHtml(sample, { forPrint: true });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    for (const family of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312', 'Noto Serif CJK SC', 'Noto Sans CJK SC']) expect(html).toContain(family);
    expect(html).not.toMatch(/<script|<link|src=|url\(/);
    expect(html).toContain('<h1>抚顺市第二轮中央生态环境保护督察整改任务进展情况</h1>');
    expect(html.match(/<h2>任务\d+：/g)).toHaveLength(13);
    expect(html).toContain('<p class="status">整改情况：完成整改。</p>');
    expect(html).toContain('counter(page)');
  });

  it('draws a page sheet on screen only', () => {
    expect(renderHtml(sample, { forPrint: false })).toContain('class="doc sheet"');
    expect(renderHtml(sample, { forPrint: true })).not.toContain('class="doc sheet"');
  });

  it('escapes every piece of report text', () => {
    const hostile: ExportReport = {
      ...buildLedgerReport(1),
      title: '<script>alert(1)</script>',
      summary: ['a & b "c" \'d\''],
    };
    const task = hostile.tasks[0];
    if (task) { task.problem = '<img src=x onerror=alert(1)>'; task.status = '</p><b>'; }
    const html = renderHtml(hostile, { forPrint: false });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</p><b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a &amp; b &quot;c&quot; &#39;d&#39;');
    expect(escapeHtml('<&>')).toBe('&lt;&amp;&gt;');
  });
});
