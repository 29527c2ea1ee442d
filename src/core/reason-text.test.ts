import { describe, expect, it } from 'vitest';
import { applyOverride, computeSchedule, computeWarning, rollUpStatus, type ScheduleInput } from './schedule.js';
import { parseReason, zhReason, type Reason } from './reason-text.js';

const base: ScheduleInput = { asOf: '2024-05-29', deadlineKind: 'by_date', deadlineDate: '2024-06-28', isCompleted: false, isClosed: false, reportedCode: 'in_progress', milestones: [] };

describe('reasons as codes', () => {
  it('carries each reason as parts whose Chinese wording is the reason text', () => {
    const s = computeSchedule(base);
    const w = computeWarning(base, s);
    expect(w.why).toEqual([{ k: 'nearDeadline', p: { deadline: '2024-06-28', days: 30 } }]);
    expect(zhReason(w.why)).toBe(w.reason);
    expect(w.reason).toBe('距整改时限2024年6月28日仅剩30天，尚未完成');
  });
  it('nests the computed reason in an override, dates as parameters (never in the parts as Chinese)', () => {
    const i = { ...base, asOf: '2024-07-01' };
    const shown = applyOverride(computeSchedule(i), { status: 'on_schedule', reason: '经同意延期' });
    expect(shown.why).toEqual([{ k: 'override', p: { status: 'on_schedule', text: '经同意延期', computed: 'overdue' }, sub: [{ k: 'overdue', p: { deadline: '2024-06-28' } }] }]);
    expect(shown.reason).toBe('人工认定为达到序时进度：经同意延期（计算结果：逾期未完成，整改时限2024年6月28日已过，尚未完成）');
  });
  it('words a long-term scope without a comma after its colon, and quarters in Chinese', () => {
    const i: ScheduleInput = { ...base, deadlineKind: 'long_term', deadlineDate: null, reportedCode: null, asOf: '2024-08-01', rules: { longTermPeriod: 'quarterly', deadlinesRollOverHolidays: true } };
    const s = computeSchedule(i);
    expect(s.why?.[0]).toEqual({ k: 'longTermScope', p: { cycle: 'quarterly', year: 2024, n: 3 } });
    expect(s.reason).toBe('长期任务按2024年第3季度阶段目标：本期无阶段目标节点，且无指标，也无报送状态，无法判断');
  });
  it('rolls children up by their names and the status code', () => {
    const own = computeSchedule({ ...base, reportedCode: null, deadlineDate: null, deadlineKind: 'unknown' });
    const r = rollUpStatus(own, [{ status: 'overdue', warning: 'red', label: '甲县' }, { status: 'overdue', warning: 'red', label: '乙县' }]);
    expect(r.why).toEqual([{ k: 'byChildren', p: { units: '甲县、乙县', status: 'overdue' } }]);
    expect(r.reason).toBe('本级无自身节点和指标，按下级单位：甲县、乙县逾期未完成');
  });
  it('reads stored parts back, and nothing from an old row or bad text', () => {
    const why: Reason = [{ k: 'child', p: { unit: '甲县' }, sub: [{ k: 'text', p: { text: '旧的理由' } }] }];
    expect(zhReason(parseReason(JSON.stringify(why))!)).toBe('下级单位甲县：旧的理由');
    expect(parseReason(null)).toBeNull();
    expect(parseReason('not json')).toBeNull();
    expect(zhReason([{ k: 'child', p: { unit: '甲县' } }])).toBe('下级单位甲县：存在预警');
  });
});
