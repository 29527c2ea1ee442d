import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSampleText } from '../../test/fixtures/export/factory.js';
import type { ParsedReport } from '../core/report.js';
import { diffReports, renderDiffMarkdown } from './diff.js';
import { extractFigures } from './figures.js';
import { reportFromParsed } from './types.js';

const sampleText = readFileSync(new URL('../../test/fixtures/fushun-progress-2023.txt', import.meta.url), 'utf8');
const previous = splitSampleText(sampleText);

/** Next year's report: task 2 completed, task 61 closed with a new figure and a new measure, 89 dropped, 90 added. */
function nextYear(): ParsedReport {
  const current: ParsedReport = structuredClone(previous);
  const byCode = (code: string) => current.tasks.find((t) => t.code === code);
  const t2 = byCode('2');
  const t61 = byCode('61');
  const t63 = byCode('63');
  if (!t2 || !t61 || !t63) throw new Error('sample changed');
  t2.status = '完成整改';
  t61.status = '已销号';
  const m2 = t61.measures[1];
  if (m2) m2.text = m2.text.replace('农村生活污水治理率已达到 30%', '农村生活污水治理率已达到 45%');
  t61.measures.push({ ordinal: 6, text: '建立农村环境基础设施长效运维机制。', items: [] });
  t63.measures[0] = { ordinal: null, text: '垃圾焚烧发电项目竣工投产，并网发电，垃圾处理能力达到1500吨/日。', items: [] };
  current.tasks = current.tasks.filter((t) => t.code !== '89');
  current.tasks.push({ ...t2, code: '90', number: 90, problem: '新增问题。', measures: [] });
  return current;
}

describe('extractFigures', () => {
  it('keys each figure by the words around it in its clause, without digits', () => {
    const figures = extractFigures('截至目前，抚顺市已完成 98 个行政村环境整治工作，农村生活污水治理率已达到 30%。共投入2.78亿元。');
    expect(figures.map((f) => [f.key, f.value])).toEqual([
      ['抚顺市已完成…行政村环境整治工作|个', 98],
      ['农村生活污水治理率已达到|%', 30],
      ['共投入|亿元', 2.78],
    ]);
  });
  it('tells repeats in one clause apart and skips bare numbers and dates', () => {
    const figures = extractFigures('分别对17家、17家企业开展检查。分别对3个、3个。新建5座。新建6座。2023 年 6 月 28 日完成。');
    expect(figures.map((f) => f.key)).toEqual(['分别对…、家企业开展检查|家', '分别对家、…企业开展检查|家', '分别对…、个|个', '分别对个、|个', '新建|座', '新建|座#2']);
  });
});

describe('diffReports', () => {
  const diff = diffReports(previous, nextYear());

  it('finds added and removed tasks', () => {
    expect(diff.added.map((t) => t.code)).toEqual(['90']);
    expect(diff.removed.map((t) => t.code)).toEqual(['89']);
  });
  it('finds status changes, new completions and closures', () => {
    expect(diff.statusChanged).toEqual([
      { code: '2', from: '达到序时进度', to: '完成整改' },
      { code: '61', from: '达到序时进度', to: '已销号' },
    ]);
    expect(diff.newlyCompleted).toEqual(['2', '61']);
    expect(diff.newlyClosed).toEqual(['61']);
  });
  it('finds new measures but not measures whose figures were updated', () => {
    expect(diff.newMeasures).toEqual([{ code: '61', text: '建立农村环境基础设施长效运维机制。' }]);
  });
  it('finds figures changed under the same wording', () => {
    expect(diff.changedFigures).toEqual([
      { code: '61', context: '农村生活污水治理率已达到', unit: '%', before: 30, after: 45 },
      { code: '63', context: '垃圾处理能力达到', unit: '吨/日', before: 1200, after: 1500 },
    ]);
  });
  it('finds nothing between a report and itself, whatever its form', () => {
    const same = diffReports(previous, reportFromParsed(previous));
    expect(Object.values(same).every((list: unknown[]) => list.length === 0)).toBe(true);
    expect(renderDiffMarkdown(same)).toBe('# 与上期相比的变化\n\n无变化。\n');
  });
  it('renders the diff as Markdown sections with counts', () => {
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('## 新增任务（1）\n\n- 任务90：新增问题。');
    expect(md).toContain('- 任务61：达到序时进度 → 已销号');
    expect(md).toContain('## 新销号（1）');
    expect(md).toContain('- 任务63：垃圾处理能力达到：1200吨/日 → 1500吨/日');
  });
});
