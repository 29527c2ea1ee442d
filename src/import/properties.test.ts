import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { ParsedReportSchema } from '../core/report.js';
import { parseReport, parseReportText } from './index.js';
import { parseItems } from './parse-text.js';
import { fixture, fixtureText, SAMPLE } from './test-helpers.js';

const sample = fixtureText(SAMPLE);
const sampleLines = sample.split('\n');

// Pieces the reader reacts to, so random text exercises its rules rather than only plain prose.
const piece = fc.constantFrom(
  '任务 2：', '任务30:', '整改情况：', '完成整改。', '达到序时进度', '（一）', '（十一）', '1.', '2、', '一、', '二十、', '第3项：',
  '问题1：', '序号8(市序号9)：', '一是', '二是', '责任单位：', '整改时限：', '整改目标：', '《', '》', '〔2021〕', '24号', '\n', '\n\n',
  '— 3 —', '。', '；', '，', '2023年6月', '截至2022年底', '50-60毫升', '1200吨/日', '%', '|', '| 序号 | 问题 | 完成情况 |', '#', '**',
  '\u2F00', '\u3000', '\uFEFF', '\f', '公示时间：2023年8月1日至8月7日',
  // Shapes of issue #16: chrome, numbers in every form, quoted problems, pasted tables, traditional characters.
  '<div>', '</p>', '<table><tr><td>', '</td></tr></table>', '<script>', '<!--', '&gt;', '来源：', '浏览次数：', '上一篇：',
  '当前位置：首页 > ', '【打印本页】', '版权所有', '问题编号十四：', '（序号十）', '第二十七项', '反馈意见第二十七项整改任务',
  '关于“', '”整改进展情况：', '已经完成，长期坚持。', '（四）反馈问题：', '整改进展情况：', '第壹项', '二十八（三）、',
  '{编号364(35-11)}：', '????', '(zhěng)', '\t', ' | ', '是', '否', '30%', '整改情況：', '尚未達到序時進度', '同意销号',
  '达到销号条件', '整改问题', '该问题已完成整改。',
  // Shapes of the second study corpus: cell-per-line tables, page addresses, worded problems, pending closure.
  '\n序号\n整改任务\n进展情况\n', '\n1\n', '\n2\n', 'https://www.example.gov.cn/a.html\n', '政务公开>工作报告\n',
  '（一）关于某项资金未拨付的问题。', '拟按程序实施销号', '顺利推进', '\n目标完成情况\n',
);
const reportish = fc.array(fc.oneof(piece, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 60 }).map((a) => a.join(''));

describe('parseReportText never throws and always returns a valid report', () => {
  it('on random report-like text', () => {
    fc.assert(
      fc.property(reportish, (text) => {
        expect(() => ParsedReportSchema.parse(parseReportText(text))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('on the sample with lines deleted, duplicated, swapped and cut', () => {
    const mutation = fc.array(
      fc.tuple(fc.nat(sampleLines.length - 1), fc.constantFrom('delete', 'dup', 'swap', 'cut', 'join'), fc.nat(40)),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(mutation, (ops) => {
        const lines = sampleLines.slice();
        for (const [i, op, k] of ops) {
          const line = lines[i] ?? '';
          if (op === 'delete') lines.splice(i, 1);
          else if (op === 'dup') lines.splice(i, 0, line);
          else if (op === 'swap') [lines[i], lines[(i + k) % lines.length]] = [lines[(i + k) % lines.length] ?? '', line];
          else if (op === 'cut') lines.splice(i, 1, line.slice(0, k), line.slice(k));
          else lines.splice(i, 2, line + (lines[i + 1] ?? ''));
        }
        const r = parseReportText(lines.join('\n'));
        expect(() => ParsedReportSchema.parse(r)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('on random paragraphs of another format (Word lines with | and tabs, cell-per-line headers)', () => {
    fc.assert(
      fc.property(fc.array(reportish, { maxLength: 30 }), (lines) => {
        const items = lines.map((text, i) => ({ kind: 'line' as const, value: { text, line: i + 1, indent: null, full: null } }));
        expect(() => ParsedReportSchema.parse(parseItems(items))).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('on random lines of a Word or PDF copy (bare numbers, column names, wrapped lines, columns laid out with tabs)', () => {
    const cell = fc.oneof(
      fc.constantFrom('序号', '编号', '整改任务', '问题描述', '完成情况', '责任单位', '进展情况、存在问题及下步打算', '1', '2', '3', '12', '- 2 -', '第3页',
        '已完成', '顺利推进', '滞后', '序号\t问题描述\t完成情况', '3\t城区黑臭水体\t已完成整改', '发布日期：2024-05-06\t浏览次数：12\t字号'),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, fc.boolean()), { maxLength: 40 }), (lines) => {
        const items = lines.map(([text, full], i) => ({ kind: 'line' as const, value: { text, line: i + 1, indent: false, full } }));
        expect(() => ParsedReportSchema.parse(parseItems(items))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('on a table saved one cell per line of 20 000 rows in a PDF copy (read in one pass)', () => {
    const line = (text: string, i: number) => ({ kind: 'line' as const, value: { text, line: i, indent: false, full: false } });
    const cells = ['序号', '整改任务', '完成情况'];
    for (let n = 1; n <= 20_000; n++) cells.push(String(n), `第${n}处排污口封堵`, n % 2 ? '已完成' : '正在推进');
    const r = parseItems(cells.map(line));
    expect(r.tasks).toHaveLength(20_000);
    expect(r.tasks[1]?.statusCode).toBe('in_progress');
  });

  it('on pathological lines (one huge paragraph, runs of markers)', () => {
    const huge = `任务1：${'一是'.repeat(30_000)}\n整改情况：${'（一）'.repeat(20_000)}\n${'1.'.repeat(30_000)}`;
    const r = parseReportText(huge);
    expect(r.tasks[0]?.code).toBe('1');
    // One line of 40 000 inline fields: each field keeps its own text, not a copy of the line.
    const fields = parseReportText('整改情况：完成整改。责任单位：市生态环境局。'.repeat(20_000));
    expect(fields.tasks).toEqual([]);
  });
});

describe('the shapes of issue #16 never crash or stall the reader', () => {
  const shapes = [
    'web-notice.html', 'serial-in-title.txt', 'question-code.txt', 'marked-problems.txt', 'quoted-run.txt', 'pipe-text.txt', 'traditional.txt', 'capital-numbers.txt',
    'cell-per-line.txt', 'pending-closure.txt', 'worded-problems.txt', 'plan-preface.txt', 'sub-items.txt',
  ];
  for (const name of shapes) {
    it(`on mutated ${name}`, () => {
      const text = fixtureText(`import/shapes/${name}`);
      const edits = fc.array(fc.tuple(fc.nat(text.length), fc.nat(40), fc.oneof(piece, fc.string({ maxLength: 6 }))), { minLength: 1, maxLength: 10 });
      fc.assert(
        fc.property(edits, (ops) => {
          let t = text;
          for (const [at, cut, insert] of ops) t = t.slice(0, at) + insert + t.slice(at + cut);
          expect(() => ParsedReportSchema.parse(parseReportText(t))).not.toThrow();
        }),
        { numRuns: 60 },
      );
    });
  }

  it('on long runs of the new cues (each reading stays linear)', async () => {
    const runs = [
      '关于“'.repeat(30_000),
      `一、关于“${'问题'.repeat(20_000)}”整改进展情况：`.repeat(3),
      '问题编号十四：'.repeat(20_000),
      '<script>'.repeat(30_000),
      '<table><tr><td>'.repeat(10_000),
      `${'a |'.repeat(30_000)}\n`.repeat(3),
      'x |\n'.repeat(30_000),
      '\t'.repeat(50_000),
      '來源：浏览次数：'.repeat(10_000),
      '(zhěng)'.repeat(20_000),
      `第${'一'.repeat(5_000)}项`,
      // Cell-per-line tables: a header then row numbers without end; lines that only look like a header.
      `序号\n整改任务\n进展情况\n${Array.from({ length: 20_000 }, (_, i) => `${i + 1}\n问题\n完成`).join('\n')}`,
      '序号\n整改任务\n进展情况\n'.repeat(20_000),
      `${'关于某某的问题。'.repeat(10_000)}\n（一）关于${'某'.repeat(20_000)}的问题。已整改。`,
      'https://a.b/'.repeat(5_000),
      '首页>'.repeat(20_000),
      `1.问题\n${Array.from({ length: 20_000 }, (_, i) => `1.${i % 99} 子项\n整改进展：完成。`).join('\n')}`,
    ];
    for (const text of runs) {
      ParsedReportSchema.parse(parseReportText(text));
      const html = await parseReport({ data: new TextEncoder().encode(`<html><body>${text}</body></html>`), name: 'x.html' }).catch((e: unknown) => e);
      if (!(html instanceof AppError)) ParsedReportSchema.parse(html);
    }
  });
});

describe('parseReport gives a report or an AppError, never another exception', () => {
  const inputs: [string, Uint8Array][] = [
    ['sample.txt', fixture(SAMPLE)],
    ['sample.docx', fixture('import/fushun-progress-2023.docx')],
    ['table.docx', fixture('import/table-report.docx')],
    ['table.pdf', fixture('import/shapes/derived/table-report.pdf')],
    ['cell-per-line.pdf', fixture('import/shapes/derived/cell-per-line.pdf')],
  ];
  for (const [name, original] of inputs) {
    it(`on mutated bytes of ${name}`, async () => {
      const flips = fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 });
      await fc.assert(
        fc.asyncProperty(flips, fc.nat(original.length), async (changes, cut) => {
          const data = original.slice(0, Math.max(cut, 1));
          for (const [at, value] of changes) if (at < data.length) data[at] = value;
          try {
            ParsedReportSchema.parse(await parseReport({ data, name }));
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
          }
        }),
        { numRuns: name.endsWith('.docx') || name.endsWith('.pdf') ? 40 : 200 },
      );
    });
  }
});
