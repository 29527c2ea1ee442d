import { describe, expect, it } from 'vitest';
import {
  applyOverride, computeSchedule, computeWarning, DEFAULT_SCHEDULE_RULES, effectiveDeadline, isJudgedLongTerm, rollUp,
  type MilestoneState, type ScheduleInput,
} from './schedule.js';

const input = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  asOf: '2024-06-01', deadlineKind: 'by_date', deadlineDate: '2024-06-28', isCompleted: false, isClosed: false,
  reportedCode: 'on_schedule', milestones: [], ...over,
});
const ms = (dueDate: string, doneDate: string | null = null, weight = 1): MilestoneState => ({ dueDate, doneDate, weight });
const status = (over: Partial<ScheduleInput>) => computeSchedule(input(over)).status;

describe('computeSchedule: completion and closure', () => {
  it('says closed before anything else, even past the deadline', () => {
    expect(computeSchedule(input({ isClosed: true, isCompleted: true, asOf: '2025-01-01' }))).toMatchObject({ status: 'closed', reason: '已销号' });
  });
  it('says completed even when the deadline has passed', () => {
    expect(status({ isCompleted: true, asOf: '2025-01-01' })).toBe('completed');
  });
});

describe('computeSchedule: the deadline day', () => {
  // 2024-06-28 is a Friday, a working day.
  it.each([
    ['a day before', '2024-06-27', 'on_schedule'],
    ['on the deadline day (not yet overdue)', '2024-06-28', 'on_schedule'],
    ['the day after', '2024-06-29', 'overdue'],
  ])('%s', (_, asOf, expected) => {
    expect(status({ asOf })).toBe(expected);
  });

  it('runs a deadline on National Day over the holiday to the next working day', () => {
    const holiday = { deadlineDate: '2024-10-01' };
    expect(status({ ...holiday, asOf: '2024-10-07' })).toBe('on_schedule');
    expect(status({ ...holiday, asOf: '2024-10-08' })).toBe('on_schedule');
    const late = computeSchedule(input({ ...holiday, asOf: '2024-10-09' }));
    expect(late).toMatchObject({ status: 'overdue', reason: '整改时限2024年10月1日（遇节假日顺延至2024年10月8日）已过，尚未完成' });
  });

  it('runs a deadline in the Spring Festival to the first working day after it', () => {
    expect(effectiveDeadline('2025-01-31')).toBe('2025-02-05');
    expect(status({ deadlineDate: '2025-01-31', asOf: '2025-02-05' })).toBe('on_schedule');
    expect(status({ deadlineDate: '2025-01-31', asOf: '2025-02-06' })).toBe('overdue');
  });

  it('does not move a deadline on a weekend day worked in lieu (调休)', () => {
    // Sunday 2025-01-26 was a working day before the Spring Festival.
    expect(status({ deadlineDate: '2025-01-26', asOf: '2025-01-27' })).toBe('overdue');
  });

  it('keeps the written deadline when the deployment does not roll deadlines over holidays', () => {
    const rules = { ...DEFAULT_SCHEDULE_RULES, deadlinesRollOverHolidays: false };
    expect(status({ deadlineDate: '2024-10-01', asOf: '2024-10-01', rules })).toBe('on_schedule');
    expect(status({ deadlineDate: '2024-10-01', asOf: '2024-10-02', rules })).toBe('overdue');
  });

  it('never calls an immediate task without a date overdue', () => {
    expect(status({ deadlineKind: 'immediate', deadlineDate: null, asOf: '2030-01-01', reportedCode: 'in_progress' })).toBe('in_progress');
  });
});

describe('computeSchedule: milestones', () => {
  const three = [ms('2024-02-29', '2024-02-20'), ms('2024-04-30', '2024-04-28'), ms('2024-12-31')];
  it('is on schedule when the milestones due are done', () => {
    expect(computeSchedule(input({ milestones: three, deadlineDate: '2024-12-31' }))).toMatchObject({
      status: 'on_schedule', ratio: 1, reason: '截至2024年6月1日应完成节点2个，已完成2个，达到序时进度',
    });
  });
  it('is ahead when more is done than is due', () => {
    const done = [...three.slice(0, 2), ms('2024-12-31', '2024-05-30')];
    expect(computeSchedule(input({ milestones: done, deadlineDate: '2024-12-31' }))).toMatchObject({ status: 'ahead_of_schedule', ratio: 1.5 });
  });
  it('is behind when less is done than is due, whatever the unit reported', () => {
    const behind = [ms('2024-02-29', '2024-02-20'), ms('2024-04-30'), ms('2024-12-31')];
    expect(computeSchedule(input({ milestones: behind, deadlineDate: '2024-12-31', reportedCode: 'on_schedule' }))).toMatchObject({ status: 'behind_schedule', ratio: 0.5 });
  });
  it('weighs milestones by their share of the work', () => {
    const weighted = [ms('2024-02-29', '2024-02-20', 1), ms('2024-04-30', null, 3)];
    expect(computeSchedule(input({ milestones: weighted, deadlineDate: '2024-12-31' }))).toMatchObject({ status: 'behind_schedule', ratio: 0.25 });
  });
  it('counts a milestone done on its due day as on schedule, and an open one as not yet behind that day', () => {
    expect(status({ asOf: '2024-04-30', deadlineDate: '2024-12-31', milestones: [ms('2024-04-30', '2024-04-30')] })).toBe('on_schedule');
    expect(computeSchedule(input({ asOf: '2024-04-30', deadlineDate: '2024-12-31', milestones: [ms('2024-04-30')] })).reason).toContain('尚无到期节点');
    expect(status({ asOf: '2024-05-01', deadlineDate: '2024-12-31', milestones: [ms('2024-04-30')] })).toBe('behind_schedule');
  });
  it('gives a milestone due in a holiday until the first working day after it', () => {
    const national = [ms('2024-10-01')];
    expect(status({ asOf: '2024-10-05', deadlineDate: '2024-12-31', milestones: national })).toBe('on_schedule');
    expect(status({ asOf: '2024-10-09', deadlineDate: '2024-12-31', milestones: national })).toBe('behind_schedule');
  });
  it('ignores completions dated after asOf', () => {
    expect(status({ asOf: '2024-05-01', deadlineDate: '2024-12-31', milestones: [ms('2024-04-30', '2024-05-02')] })).toBe('behind_schedule');
  });
  it('says overdue past the deadline even when every milestone is done', () => {
    expect(status({ asOf: '2024-07-01', milestones: [ms('2024-02-29', '2024-02-20')] })).toBe('overdue');
  });
});

describe('computeSchedule: indicators, when there are no milestones', () => {
  const path = { baseline: 0, baselineDate: '2024-01-01', target: 100, targetDate: '2024-12-31', comparator: '>=' as const };
  const at = (actual: number, over: Partial<typeof path> = {}) => computeSchedule(input({
    asOf: '2024-07-01', deadlineDate: '2024-12-31', indicators: [{ ...path, ...over, actual }],
  }));
  it('compares the actual value with the straight planned path', () => {
    expect(at(50).status).toBe('on_schedule');
    expect(at(30)).toMatchObject({ status: 'behind_schedule' });
    expect(at(30).reason).toMatch(/^指标实际值与计划路径之比为6\d%$/);
    expect(at(70).status).toBe('ahead_of_schedule');
  });
  it('follows an indicator that must fall', () => {
    expect(at(90, { baseline: 100, target: 60, comparator: '>=' }).status).toBe('behind_schedule');
    expect(at(75, { baseline: 100, target: 60, comparator: '>=' }).status).toBe('ahead_of_schedule');
  });
  it('leaves indicators aside when milestones exist', () => {
    expect(computeSchedule(input({ asOf: '2024-07-01', deadlineDate: '2024-12-31', milestones: [ms('2024-03-01', '2024-03-01')], indicators: [{ ...path, actual: 1 }] })).status).toBe('on_schedule');
  });
  it('falls back to the reported status when an indicator has no value yet', () => {
    expect(computeSchedule(input({ asOf: '2024-07-01', deadlineDate: '2024-12-31', reportedCode: 'in_progress', indicators: [{ ...path, actual: null }] })).status).toBe('in_progress');
  });
});

describe('computeSchedule: not started and reported statuses', () => {
  it('says not started when nothing is due or done and the unit says so', () => {
    expect(status({ reportedCode: 'not_started' })).toBe('not_started');
    expect(status({ reportedCode: 'not_started', deadlineDate: '2024-12-31', milestones: [ms('2024-09-30')] })).toBe('not_started');
  });
  it('says behind, not "not started", once work was due', () => {
    expect(status({ reportedCode: 'not_started', deadlineDate: '2024-12-31', milestones: [ms('2024-03-31')] })).toBe('behind_schedule');
  });
  it('uses the reported status without milestones or indicators, and unknown without one', () => {
    expect(status({ reportedCode: 'basically_completed' })).toBe('on_schedule');
    expect(status({ reportedCode: 'behind_schedule' })).toBe('behind_schedule');
    expect(computeSchedule(input({ reportedCode: null }))).toMatchObject({ status: 'unknown', reason: '无节点和指标，也无报送状态，无法判断' });
  });
});

describe('computeSchedule: long-term tasks, judged period by period', () => {
  const yearly = [ms('2023-12-31'), ms('2024-12-31', '2024-12-20'), ms('2025-06-30')];
  const longTerm = (asOf: string, over: Partial<ScheduleInput> = {}) => computeSchedule(input({
    asOf, deadlineKind: 'long_term', deadlineDate: null, reportedCode: 'long_term', milestones: yearly, ...over,
  }));
  it('judges the current year on its own targets: last year\'s miss does not count this year', () => {
    expect(longTerm('2024-12-31')).toMatchObject({ status: 'on_schedule', reason: '长期任务按2024年阶段目标：截至2024年12月31日应完成节点1个，已完成1个，达到序时进度' });
    expect(longTerm('2024-06-30').status).toBe('on_schedule');
  });
  it('is behind when this period\'s target is missed', () => {
    expect(longTerm('2025-07-01').status).toBe('behind_schedule');
    expect(longTerm('2024-01-02', { milestones: [ms('2024-01-01')] }).status).toBe('on_schedule');
  });
  it('is never overdue on its long-term deadline', () => {
    expect(longTerm('2027-03-01', { deadlineDate: '2025-12-31', milestones: [] }).status).toBe('in_progress');
  });
  it('says so when this period has no target', () => {
    expect(longTerm('2026-03-01').reason).toBe('长期任务按2026年阶段目标：本期无阶段目标节点，且无指标，按报送的进展状态');
  });
  it('can be judged by quarter', () => {
    const rules = { ...DEFAULT_SCHEDULE_RULES, longTermPeriod: 'quarterly' as const };
    // The 2025-06-30 target belongs to the second quarter; the third starts without one.
    expect(longTerm('2025-07-01', { rules })).toMatchObject({ status: 'in_progress', reason: expect.stringContaining('2025年第3季度') });
    expect(longTerm('2025-06-30', { rules, milestones: [ms('2025-05-31')] }).status).toBe('behind_schedule');
  });
  it('treats a task marked long-term without a date as long-term, but one with a date answers to its date', () => {
    expect(isJudgedLongTerm({ deadlineKind: 'unknown', deadlineDate: null, isLongTerm: true })).toBe(true);
    expect(status({ isLongTerm: true, deadlineDate: '2024-06-28', asOf: '2024-07-01' })).toBe('overdue');
  });
});

describe('computeWarning', () => {
  const warn = (over: Partial<ScheduleInput>, settings = { yellowDueWithinDays: 30, redBehindMargin: 0.3 }) => {
    const i = input(over);
    return computeWarning(i, computeSchedule(i), settings);
  };
  it('is red when overdue, green when completed or closed', () => {
    expect(warn({ asOf: '2024-07-01' }).color).toBe('red');
    expect(warn({ asOf: '2024-07-01', isCompleted: true }).color).toBe('green');
    expect(warn({ isClosed: true }).color).toBe('green');
  });
  it('gives no light (grey, not green) when the status cannot be judged, unless the deadline is near', () => {
    expect(warn({ reportedCode: null, asOf: '2024-01-01' })).toMatchObject({ color: null, reason: '无节点和指标，也无报送状态，无法判断' });
    expect(warn({ reportedCode: null, deadlineDate: null, deadlineKind: 'unknown' }).color).toBeNull();
    expect(warn({ reportedCode: null, asOf: '2024-06-01' }).color).toBe('yellow');
  });
  it('turns yellow exactly when the deadline is the configured number of days away', () => {
    expect(warn({ asOf: '2024-05-29' })).toMatchObject({ color: 'yellow', reason: '距整改时限2024年6月28日仅剩30天，尚未完成' });
    expect(warn({ asOf: '2024-05-28' }).color).toBe('green');
    expect(warn({ asOf: '2024-05-28' }, { yellowDueWithinDays: 31, redBehindMargin: 0.3 }).color).toBe('yellow');
    expect(warn({ asOf: '2024-06-28' })).toMatchObject({ color: 'yellow', reason: '距整改时限2024年6月28日仅剩0天，尚未完成' });
  });
  it('is yellow when slightly behind and red beyond the margin', () => {
    const some = [ms('2024-01-31', '2024-01-31'), ms('2024-02-29', '2024-02-29'), ms('2024-03-31', '2024-03-31'), ms('2024-04-30')];
    expect(warn({ deadlineDate: '2024-12-31', milestones: some }).color).toBe('yellow');
    const few = [ms('2024-01-31', '2024-01-31'), ms('2024-02-29'), ms('2024-03-31')];
    expect(warn({ deadlineDate: '2024-12-31', milestones: few })).toMatchObject({ color: 'red', reason: expect.stringContaining('滞后超过30%') });
  });
  it('is red when behind with the deadline at hand', () => {
    const some = [ms('2024-01-31', '2024-01-31'), ms('2024-02-29', '2024-02-29'), ms('2024-03-31', '2024-03-31'), ms('2024-04-30')];
    expect(warn({ milestones: some })).toMatchObject({ color: 'red', reason: expect.stringContaining('难以按期完成') });
  });
  it('is yellow when not started', () => {
    expect(warn({ deadlineDate: '2025-12-31', reportedCode: 'not_started' })).toMatchObject({ color: 'yellow', reason: '无节点和指标，按报送的进展状态' });
  });
  it('counts a long-term task down to the next open target of its period, not its long-term deadline', () => {
    const lt = { deadlineKind: 'long_term' as const, deadlineDate: null, reportedCode: 'long_term' as const, milestones: [ms('2024-12-31')] };
    expect(warn({ ...lt, asOf: '2024-06-01' }).color).toBe('green');
    expect(warn({ ...lt, asOf: '2024-12-15' })).toMatchObject({ color: 'yellow', reason: '距2024年阶段目标节点2024年12月31日仅剩16天，尚未完成' });
  });
  it('follows an override: the person\'s status decides the colour, the computed one stays in the reason', () => {
    const i = input({ asOf: '2024-07-01' });
    const shown = applyOverride(computeSchedule(i), { status: 'on_schedule', reason: '经省督改办同意延期至9月底' });
    expect(shown).toMatchObject({ status: 'on_schedule', isOverridden: true });
    expect(shown.reason).toBe('人工认定为达到序时进度：经省督改办同意延期至9月底（计算结果：逾期未完成，整改时限2024年6月28日已过，尚未完成）');
    expect(computeWarning({ ...i, asOf: '2024-05-01' }, shown).color).toBe('green');
    expect(applyOverride(computeSchedule(i), null)).toMatchObject({ status: 'overdue', isOverridden: false });
  });
});

describe('rollUp', () => {
  it('completes a parent only when every share is completed or closed', () => {
    expect(rollUp([{ status: 'completed', warning: 'green' }, { status: 'closed', warning: 'green' }])).toMatchObject({ isCompleted: true, warning: 'green', worst: null });
    const mixed = rollUp([{ status: 'completed', warning: 'green' }, { status: 'on_schedule', warning: 'green', label: '清原满族自治县' }]);
    expect(mixed).toMatchObject({ isCompleted: false, incomplete: [{ label: '清原满族自治县' }] });
    expect(rollUp([]).isCompleted).toBe(false);
  });
  it('takes the worst warning and names where it comes from', () => {
    const r = rollUp([
      { status: 'behind_schedule', warning: 'yellow', label: 'A' },
      { status: 'overdue', warning: 'red', label: 'B', reason: '整改时限已过' },
      { status: 'behind_schedule', warning: 'yellow', label: 'C' },
    ]);
    expect(r).toMatchObject({ warning: 'red', worst: { label: 'B', reason: '整改时限已过' } });
  });
});
