import { describe, expect, it } from 'vitest';
import { periodContaining } from './periods.js';

describe('periodContaining', () => {
  it.each([
    ['monthly', '2024-02-15', { start: '2024-02-01', end: '2024-02-29', label: '2024年2月' }],
    ['quarterly', '2024-05-05', { start: '2024-04-01', end: '2024-06-30', label: '2024年第2季度' }],
    ['quarterly', '2024-12-31', { start: '2024-10-01', end: '2024-12-31', label: '2024年第4季度' }],
    ['half', '2024-06-30', { start: '2024-01-01', end: '2024-06-30', label: '2024年上半年' }],
    ['half', '2024-07-01', { start: '2024-07-01', end: '2024-12-31', label: '2024年下半年' }],
    ['yearly', '2023-12-31', { start: '2023-01-01', end: '2023-12-31', label: '2023年' }],
    ['weekly', '2024-01-01', { start: '2024-01-01', end: '2024-01-07', label: '2024年第1周' }],
    ['weekly', '2024-06-30', { start: '2024-06-24', end: '2024-06-30', label: '2024年第26周' }],
    // ISO weeks: a Sunday early in January can belong to the previous year's last week.
    ['weekly', '2021-01-03', { start: '2020-12-28', end: '2021-01-03', label: '2020年第53周' }],
  ] as const)('%s period containing %s', (cycle, date, expected) => {
    expect(periodContaining(cycle, date)).toEqual(expected);
  });
});
