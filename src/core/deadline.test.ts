import { describe, expect, it } from 'vitest';
import { endOfPeriod, parseDeadline } from './deadline.js';

describe('parseDeadline', () => {
  it.each([
    ['2025年底前', { kind: 'by_date', date: '2025-12-31' }],
    ['2023年6月', { kind: 'by_date', date: '2023-06-30' }],
    ['2024年2月底', { kind: 'by_date', date: '2024-02-29' }],
    ['2023年6月28日', { kind: 'by_date', date: '2023-06-28' }],
    ['2022-10-1', { kind: 'by_date', date: '2022-10-01' }],
    ['立行立改', { kind: 'immediate', date: null }],
    ['长期坚持', { kind: 'long_term', date: null }],
    ['2025年底前完成，长期坚持', { kind: 'long_term', date: '2025-12-31' }],
    ['按要求推进', { kind: 'unknown', date: null }],
    ['2022年6月底前并长期坚持', { kind: 'long_term', date: '2022-06-30' }],
    ['2025年', { kind: 'by_date', date: '2025-12-31' }],
    ['2023年上半年', { kind: 'by_date', date: '2023-06-30' }],
    ['2024年第三季度', { kind: 'by_date', date: '2024-09-30' }],
    ['2023.12.31', { kind: 'by_date', date: '2023-12-31' }],
    ['2023/6', { kind: 'by_date', date: '2023-06-30' }],
    ['２０２３年１２月底前', { kind: 'by_date', date: '2023-12-31' }],
    ['2023年13月', { kind: 'unknown', date: null }],
    ['持续推进', { kind: 'long_term', date: null }],
    ['明年', { kind: 'unknown', date: null }],
  ])('%s', (written, expected) => {
    expect(parseDeadline(written)).toMatchObject(expected);
  });
  it('treats empty as unknown', () => {
    expect(parseDeadline('  ')).toEqual({ kind: 'unknown', date: null, text: null });
  });
});

describe('endOfPeriod', () => {
  it.each([['2023', '2023-12-31'], ['2024-02', '2024-02-29'], ['2023-6-28', '2023-06-28'], ['去年', null]])('%s → %s', (written, expected) => {
    expect(endOfPeriod(written)).toBe(expected);
  });
});
