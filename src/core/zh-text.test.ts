import { describe, expect, it } from 'vitest';
import { chinaDay, joinClauses, joinSentences, parseQuarter, zhDate, zhPeriod, zhQuarter } from './zh-text.js';

describe('Chinese dates, quarters and sentences', () => {
  it('writes days and months as 2026年12月7日 and 2026年12月, leaving words alone', () => {
    expect(zhDate('2026-12-07')).toBe('2026年12月7日');
    expect(zhDate('2026-01')).toBe('2026年1月');
    expect(zhDate('长期坚持')).toBe('长期坚持');
    expect(zhDate(null)).toBe('');
  });

  it('gives a timestamp its day in China', () => {
    expect(zhDate('2026-12-06T17:30:00.000Z')).toBe('2026年12月7日');
    expect(zhDate('2026-12-06T15:59:00.000Z')).toBe('2026年12月6日');
    expect(chinaDay(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07');
  });

  it('writes quarters as 2026年第3季度', () => {
    expect(zhQuarter(2026, 3)).toBe('2026年第3季度');
    expect(parseQuarter('2026Q3')).toEqual({ year: 2026, quarter: 3 });
    expect(parseQuarter('2026-q4')).toEqual({ year: 2026, quarter: 4 });
    expect(parseQuarter('2026Q5')).toBeNull();
    expect(zhPeriod('2026Q3')).toBe('2026年第3季度');
    expect(zhPeriod('2026-07')).toBe('2026年7月');
  });

  it('joins sentences without doubled punctuation', () => {
    expect(joinSentences('现场照片。', '请修改')).toBe('现场照片。请修改。');
    expect(joinSentences('现场照片。。', '。请修改。')).toBe('现场照片。请修改。');
    expect(joinSentences('材料不全，', null, '', '是否补充？')).toBe('材料不全。是否补充？');
    expect(joinSentences()).toBe('');
  });

  it('joins clauses with one separator and one full stop', () => {
    expect(joinClauses(['缺少现场照片。', '验收意见，', '请补充'])).toBe('缺少现场照片，验收意见，请补充。');
    expect(joinClauses(['a', 'b'], '；')).toBe('a；b。');
    expect(joinClauses([])).toBe('');
  });
});
