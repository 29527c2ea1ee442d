import { describe, expect, it } from 'vitest';
import { normalizeStatus } from '../core/status.js';
import { normalizeChars, squeezeSpaces } from './chars.js';
import { extractDocuments } from './documents.js';
import { extractFacts } from './facts.js';
import { isPageNumber } from './lines.js';
import { readMarker } from './markers.js';
import { buildMeasures, splitItems } from './measures.js';
import { findRegion, isoFromChinese } from './meta.js';
import { chineseToNumber, numberToChinese } from './numerals.js';
import { parseReportText } from './parse-text.js';
import { splitUnits } from './units.js';

describe('numerals', () => {
  it.each([
    ['一', 1], ['十', 10], ['十一', 11], ['二十', 20], ['二十三', 23], ['一百零三', 103], ['一〇三', 103], ['两', 2], ['九十九', 99],
  ])('%s → %i', (text, n) => expect(chineseToNumber(text)).toBe(n));
  it('refuses what is not a numeral', () => expect(chineseToNumber('十分')).toBeNull());
  it('writes numerals', () => expect([1, 10, 11, 20, 99].map(numberToChinese)).toEqual(['一', '十', '十一', '二十', '九十九']));
});

describe('characters and lines', () => {
  it('folds Kangxi radicals and fullwidth digits but keeps Chinese punctuation', () => {
    expect(normalizeChars('⼀是２０２３年⻓期（⼾）：')).toBe('一是2023年长期（户）：');
  });
  it('squeezes spaces around Chinese, keeps them between Latin words', () => {
    expect(squeezeSpaces('2019 年 能耗 为 1.16， VOCs and PM2.5 治理')).toBe('2019年能耗为1.16，VOCs and PM2.5治理');
  });
  it.each(['— 3 —', '- 3 -', '3', '第3页', '第 3 页 共 9 页', '共9页 第3页', '3/9', 'Page 3 of 9'])('drops page number %s', (l) =>
    expect(isPageNumber(l)).toBe(true),
  );
  it('keeps lines that only start with a number', () => expect(isPageNumber('3家企业')).toBe(false));
});

describe('markers', () => {
  it.each([
    ['任务 2: 问题', 0, '2', 2, '问题'],
    ['任务30：问题', 0, '30', 30, '问题'],
    ['第十二项：问题', 0, '十二', 12, '问题'],
    ['问题3、问题', 0, '3', 3, '问题'],
    ['序号8(市序号9)：问题', 0, '序号8(市序号9)', 8, '问题'],
    ['二十、问题', 1, '二十', 20, '问题'],
    ['（四）问题', 2, '四', 4, '问题'],
    ['1.措施', 3, '1', 1, '措施'],
    ['2、措施', 3, '2', 2, '措施'],
    ['（3）措施', 4, '3', 3, '措施'],
    ['②措施', 5, '②', 2, '措施'],
  ])('%s', (text, level, code, number, rest) => expect(readMarker(text)).toEqual({ level, code, number, rest }));
  it.each(['2.5万吨', '1、2号机组', '一、二批次', '2023年', '问题整改', '任务完成'])('%s is not a marker', (t) => expect(readMarker(t)).toBeNull());
});

describe('measures', () => {
  it('splits inline enumerations and keeps the text whole', () => {
    const m = buildMeasures(['主要措施如下：1.建立台账；2.开展排查。']);
    expect(m).toEqual([
      { ordinal: null, text: '主要措施如下：', items: [] },
      { ordinal: 1, text: '建立台账；', items: [] },
      { ordinal: 2, text: '开展排查。', items: [] },
    ]);
  });
  it('reads items up to 十一是', () => {
    const text = Array.from({ length: 11 }, (_, i) => `${numberToChinese(i + 1)}是第${i + 1}项。`).join('');
    expect(splitItems(text)).toHaveLength(11);
    expect(splitItems(text)[10]).toBe('第11项。');
  });
  it('needs a chain 一是, 二是', () => expect(splitItems('统一是基础。二是后来。')).toEqual([]));
});

describe('facts, documents, units, dates', () => {
  it('reads documents in every bracket style, normalized', () => {
    expect(extractDocuments('依据辽政办〔2020〕33 号、抚政发[2021]5号、环办【2022】 7号和国办发(2019)12号').map((d) => d.number)).toEqual([
      '辽政办〔2020〕33号', '抚政发〔2021〕5号', '环办〔2022〕7号', '国办发〔2019〕12号',
    ]);
  });
  it('pairs a title with its number in brackets', () => {
    expect(extractDocuments('印发《方案》（抚政办〔2021〕24号）')).toEqual([{ title: '方案', number: '抚政办〔2021〕24号' }]);
  });
  it('reads dates as sortable values', () => {
    expect(extractFacts('截至2022年底；2023年6月28日；2022年10月；2021年8月底；上半年').map((f) => [f.text, f.value])).toEqual([
      ['截至2022年底', 20221231], ['2023年6月28日', 20230628], ['2022年10月', 20221000], ['2021年8月底', 20210831],
    ]);
  });
  it('reads kinds and units', () => {
    expect(extractFacts('完成3,321件，投资1.05亿元，达标率95.5%，治理1.2万亩，处理600吨/日').map((f) => [f.kind, f.value, f.unit])).toEqual([
      ['count', 3321, '件'], ['money', 1.05, '亿元'], ['percent', 95.5, '%'], ['quantity', 1.2, '万亩'], ['quantity', 600, '吨/日'],
    ]);
  });
  it('splits unit lists and drops role words', () => {
    expect(splitUnits('市生态环境局（牵头），市住房和城乡建设局、市水务局配合；各县区政府')).toEqual([
      '市生态环境局', '市住房和城乡建设局', '市水务局', '各县区政府',
    ]);
  });
  it('reads ISO dates as precisely as printed', () => {
    expect(['2023年', '2023年6月', '2023年6月28日', '2022年底', '2023年2月底'].map(isoFromChinese)).toEqual([
      '2023', '2023-06', '2023-06-28', '2022-12-31', '2023-02-28',
    ]);
  });
  it('reads regions at the start of titles', () => {
    expect(findRegion('辽宁省抚顺市第二轮中央生态环境保护督察整改进展')).toBe('辽宁省抚顺市');
    expect(findRegion('中共抚顺市委 抚顺市人民政府关于…')).toBe('抚顺市');
    expect(findRegion('关于第二轮中央生态环境保护督察整改进展的报告')).toBeNull();
  });
});

describe('status words', () => {
  it.each([
    ['完成整改并通过验收', 'completed'], ['未完成整改', 'in_progress'], ['已通过市级验收', 'completed'], ['按照序时进度推进', 'on_schedule'],
    ['未完成但达到序时进度', 'on_schedule'], ['未达序时进度', 'behind_schedule'], ['需长期持续整改', 'long_term'],
  ])('%s → %s', (written, code) => expect(normalizeStatus(written).code).toBe(code));
});

describe('warnings', () => {
  it('warns about a heading with no text and an unreadable status, and skips empty tasks', () => {
    const r = parseReportText('督察整改进展情况\n任务1：\n整改情况：完成整改。\n（一）建立台账。\n任务2：问题二。\n整改情况：有所好转。\n任务3：\n任务4：问题四。\n整改情况：完成整改。');
    expect(r.tasks.map((t) => t.code)).toEqual(['1', '2', '4']);
    expect(r.warnings).toEqual([
      { line: 2, message: '任务1没有问题内容' },
      { line: 5, message: '任务2的整改状态无法识别：有所好转' },
      { line: 7, message: '任务3只有标题，没有问题、状态或措施，已跳过' },
      { line: 5, message: '任务2需要人工确认（把握55%）：整改状态「有所好转」无法识别；问题内容很短（「问题二。」）', taskCode: '2' },
    ]);
    expect(r.tasks.map((t) => t.confidence)).toEqual([0.7, 0.55, 0.85]);
    expect(r.tasks[0]?.confidenceNotes).toEqual(['没有问题内容']);
  });
});
