import { describe, expect, it } from 'vitest';
import { acceptingUnitOf, nextClosureState, noticeEndDate, type ClosureAction, type ClosureState } from './closure.js';

const close = (asOf: string, openObjections = 0) => ({ close: { asOf, noticeEnd: '2024-10-10', openObjections } });

describe('nextClosureState', () => {
  it('walks apply → accept → notice → objection answered → close → file → reopen → apply', () => {
    let s: ClosureState | null = null;
    s = nextClosureState(s, 'apply');
    s = nextClosureState(s, 'accept');
    s = nextClosureState(s, 'startNotice');
    s = nextClosureState(s, 'recordObjection');
    s = nextClosureState(s, 'answerObjection', { upheld: false });
    expect(s).toBe('noticed');
    s = nextClosureState(s, 'close', close('2024-10-11'));
    expect(s).toBe('closed');
    s = nextClosureState(s, 'file');
    expect(nextClosureState(s, 'reopen')).toBe('reopened');
    expect(nextClosureState('reopened', 'apply')).toBe('applied');
  });

  it('sends the task back to rectification on rejection or an upheld objection', () => {
    expect(nextClosureState('applied', 'reject')).toBe('returned');
    expect(nextClosureState('noticed', 'answerObjection', { upheld: true })).toBe('returned');
  });

  it.each<[ClosureState | null, ClosureAction, string]>([
    ['applied', 'startNotice', '当前为“已申请验收”，不能公示：须先验收通过才能公示'],
    ['accepted', 'close', '当前为“验收通过”，不能销号：须先验收通过并公示期满才能销号'],
    [null, 'accept', '尚未申请验收，不能验收通过：只能对已提出的验收申请作出验收决定'],
    ['noticed', 'file', '当前为“公示中”，不能备案：须先销号才能备案'],
    ['accepted', 'recordObjection', '当前为“验收通过”，不能登记异议：只在公示期间受理异议'],
    ['applied', 'apply', '当前为“已申请验收”，不能申请验收销号：该事项已有进行中或已完成的验收销号程序'],
    ['noticed', 'reopen', '当前为“公示中”，不能反弹重新打开：只有已销号的事项才能因反弹重新打开'],
    ['returned', 'accept', '当前为“退回整改”，不能验收通过：只能对已提出的验收申请作出验收决定'],
  ])('refuses to skip a step: %s → %s', (state, action, message) => {
    expect(() => nextClosureState(state, action)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION', message }));
  });

  it('closes only after the last day of the notice, with no open objection', () => {
    expect(() => nextClosureState('noticed', 'close', close('2024-10-10'))).toThrow('公示期至2024年10月10日结束，期满后方可销号');
    expect(() => nextClosureState('noticed', 'close', close('2024-10-11', 1))).toThrow('尚有1件异议未答复，答复后方可销号');
    expect(() => nextClosureState('noticed', 'close')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });
});

describe('noticeEndDate', () => {
  it('counts working or calendar days as configured', () => {
    expect(noticeEndDate('2024-09-29', { noticeDays: 5, noticeDayKind: 'working' })).toBe('2024-10-10');
    expect(noticeEndDate('2024-09-29', { noticeDays: 7, noticeDayKind: 'calendar' })).toBe('2024-10-05');
    expect(noticeEndDate('2025-01-27', { noticeDays: 10, noticeDayKind: 'working' })).toBe('2025-02-14');
  });
});

describe('acceptingUnitOf', () => {
  const province = { id: 1, kind: 'province' as const };
  const city = { id: 2, kind: 'city' as const };
  const county = { id: 3, kind: 'county' as const };
  const dept = { id: 4, kind: 'department' as const };
  it('takes the nearest unit of the configured level at or above the subject', () => {
    expect(acceptingUnitOf([county, city, province], 'county')).toBe(county);
    expect(acceptingUnitOf([county, city, province], 'city')).toBe(city);
    expect(acceptingUnitOf([county, city, province], 'province')).toBe(province);
    expect(acceptingUnitOf([city, province], 'county')).toBe(city);
  });
  it('skips departments, which are not a level', () => {
    expect(acceptingUnitOf([dept, city, province], 'county')).toBe(city);
    expect(acceptingUnitOf([dept, county, city, province], 'county')).toBe(county);
  });
  it('falls back to the root when no unit reaches the level', () => {
    expect(acceptingUnitOf([county, city], 'province')).toBe(city);
  });
});
