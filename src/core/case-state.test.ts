import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { CASE_ACTIONS, CASE_STATES, isCaseOverdue, nextCaseState, type CaseAction, type CaseFacts, type CaseState } from './case-state.js';

const complete = { verified: 'true', handling: '已责令停产整改，罚款2万元', stagePlan: '6月底前完成除尘设施改造', stageDue: '2025-06-30' } as const;
const facts = (state: CaseState, extra: Partial<CaseFacts> = {}): CaseFacts => ({ state, ...complete, ...extra });

function errorOf(fn: () => unknown): AppError {
  try { fn(); } catch (e) { if (e instanceof AppError) return e; throw e; }
  throw new Error('expected an AppError');
}

describe('case state machine', () => {
  const allowed: Record<CaseAction, Partial<Record<CaseState, CaseState>>> = {
    stage_done: { handling: 'stage_done', reopened: 'stage_done' },
    done: { handling: 'done', stage_done: 'done', reopened: 'done' },
    close: { done: 'closed' },
    return: { done: 'handling' },
    reopen: { done: 'reopened', closed: 'reopened' },
  };

  for (const action of CASE_ACTIONS) {
    for (const state of CASE_STATES) {
      const to = allowed[action][state];
      it(`${action} from ${state} → ${to ?? 'INVALID_TRANSITION'}`, () => {
        if (to) expect(nextCaseState(facts(state), action)).toBe(to);
        else {
          const e = errorOf(() => nextCaseState(facts(state), action));
          expect(e.code).toBe('INVALID_TRANSITION');
          expect(e.message).toMatch(/^信访件当前为“.+”，不能.+：只有.+才能/);
        }
      });
    }
  }

  it('asks for a plan and a date before 阶段性办结', () => {
    const e = errorOf(() => nextCaseState(facts('handling', { stagePlan: ' ', stageDue: '6月底' }), 'stage_done'));
    expect(e.code).toBe('INVALID_TRANSITION');
    expect(e.message).toBe('阶段性办结前须填写：后续整改计划、计划完成日期（YYYY-MM-DD）');
  });

  it('asks for the investigation finding and the handling before 办结', () => {
    const e = errorOf(() => nextCaseState(facts('handling', { verified: null, handling: null }), 'done'));
    expect(e.message).toBe('办结前须填写：调查核实情况（属实/部分属实/不属实）、处理情况');
  });

  it('counts open cases against the deadline and stage-done ones against the plan date', () => {
    expect(isCaseOverdue({ state: 'handling', deadline: '2025-06-04', stageDue: null }, '2025-06-05')).toBe(true);
    expect(isCaseOverdue({ state: 'handling', deadline: '2025-06-04', stageDue: null }, '2025-06-04')).toBe(false);
    expect(isCaseOverdue({ state: 'stage_done', deadline: '2025-06-04', stageDue: '2025-09-30' }, '2025-07-01')).toBe(false);
    expect(isCaseOverdue({ state: 'stage_done', deadline: '2025-06-04', stageDue: '2025-09-30' }, '2025-10-01')).toBe(true);
    expect(isCaseOverdue({ state: 'done', deadline: '2025-06-04', stageDue: null }, '2026-01-01')).toBe(false);
  });
});
