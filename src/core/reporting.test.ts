import { describe, expect, it } from 'vitest';
import { classifyRoundEntry, nextReportState, roundPeriod } from './reporting.js';
import { AppError } from './errors.js';

describe('nextReportState', () => {
  it('walks submit → return → resubmit → accept', () => {
    expect(nextReportState('submitted', 'return')).toBe('returned');
    expect(nextReportState('returned', 'resubmit')).toBe('submitted');
    expect(nextReportState('submitted', 'resubmit')).toBe('submitted');
    expect(nextReportState('submitted', 'accept')).toBe('accepted');
  });
  it('refuses to change an accepted report or review one that is not submitted', () => {
    expect(() => nextReportState('accepted', 'resubmit')).toThrow('报告当前为“已通过”，不能修改重报（仅限“草稿”、“待审核”、“已退回”状态）');
    expect(() => nextReportState('returned', 'accept')).toThrow(AppError);
    expect(() => nextReportState('accepted', 'return')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });
});

describe('classifyRoundEntry', () => {
  const due = '2024-07-05';
  it('is missing but not late until the due date has passed', () => {
    expect(classifyRoundEntry(null, due, '2024-07-05')).toEqual({ state: 'missing', isLate: false, submittedLate: false });
    expect(classifyRoundEntry(null, due, '2024-07-06')).toEqual({ state: 'missing', isLate: true, submittedLate: false });
    expect(classifyRoundEntry({ state: 'draft', submittedAt: null }, due, '2024-07-06').state).toBe('missing');
  });
  it('counts a returned report as owed again', () => {
    expect(classifyRoundEntry({ state: 'returned', submittedAt: '2024-07-01T02:00:00.000Z' }, due, '2024-07-08')).toEqual({ state: 'returned', isLate: true, submittedLate: false });
  });
  it('marks a report submitted after the due date, awaiting review, as submitted late but no longer late', () => {
    expect(classifyRoundEntry({ state: 'submitted', submittedAt: '2024-07-06T01:00:00.000Z' }, due, '2024-07-08')).toEqual({ state: 'awaiting_review', isLate: false, submittedLate: true });
    expect(classifyRoundEntry({ state: 'accepted', submittedAt: '2024-07-05T09:00:00.000Z' }, due, '2024-07-08')).toEqual({ state: 'accepted', isLate: false, submittedLate: false });
  });
});

describe('roundPeriod', () => {
  it('puts a monthly round\'s due date working days after the month ends', () => {
    expect(roundPeriod('monthly', '2024-06-12', { offsetDays: 5, kind: 'working' })).toEqual({ start: '2024-06-01', end: '2024-06-30', label: '2024年6月', dueDate: '2024-07-05' });
  });
  it('counts the due date over National Day and its Saturday worked in lieu', () => {
    expect(roundPeriod('quarterly', '2024-08-01', { offsetDays: 5, kind: 'working' }).dueDate).toBe('2024-10-12');
    expect(roundPeriod('quarterly', '2024-08-01', { offsetDays: 5, kind: 'calendar' }).dueDate).toBe('2024-10-05');
  });
});
