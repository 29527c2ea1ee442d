/**
 * The life of a complaint case: 正在办理 → 阶段性办结 → 已办结 → 销号, and back to 重新办理 when the problem returns.
 * Pure rules: the service checks a transition here before it writes anything.
 */
import { AppError } from './errors.js';
import type { Verified } from './case.js';

export const CASE_STATES = ['handling', 'stage_done', 'done', 'closed', 'reopened'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  handling: '正在办理', stage_done: '阶段性办结', done: '已办结', closed: '已销号', reopened: '重新办理',
};

/** States in which the unit is still working on the case (its handling deadline runs). */
export const OPEN_CASE_STATES: readonly CaseState[] = ['handling', 'reopened'];
/** States that count as handled: these are the population of revisits (复查回访). */
export const HANDLED_CASE_STATES: readonly CaseState[] = ['done', 'closed'];

/**
 * stage_done: 阶段性办结 (the urgent part is done, the rest has a plan and a date); done: 已办结; close: 销号, only
 * through the closure procedure; return: the closure procedure refused acceptance, so the unit handles it again;
 * reopen: the problem came back (a revisit found it, or a closed case relapsed).
 */
export type CaseAction = 'stage_done' | 'done' | 'close' | 'return' | 'reopen';
export const CASE_ACTIONS: readonly CaseAction[] = ['stage_done', 'done', 'close', 'return', 'reopen'];
const ACTION_LABELS: Record<CaseAction, string> = { stage_done: '阶段性办结', done: '办结', close: '销号', return: '退回重办', reopen: '重新办理' };

const FROM: Record<CaseAction, readonly CaseState[]> = {
  stage_done: ['handling', 'reopened'],
  done: ['handling', 'stage_done', 'reopened'],
  close: ['done'],
  return: ['done'],
  reopen: ['done', 'closed'],
};
const TO: Record<CaseAction, CaseState> = { stage_done: 'stage_done', done: 'done', close: 'closed', return: 'handling', reopen: 'reopened' };

/** What the transition is checked against: the case as it stands, with any fields sent along with the action. */
export interface CaseFacts {
  state: CaseState;
  verified: Verified | null;
  handling: string | null;
  stagePlan: string | null;
  stageDue: string | null;
}

const filled = (s: string | null) => (s ?? '').trim().length > 0;
const isDate = (s: string | null) => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

function fromList(states: readonly CaseState[]): string {
  return states.map((s) => `“${CASE_STATE_LABELS[s]}”`).join('或');
}

/** The state the action leads to, or INVALID_TRANSITION saying what is missing or why it is not allowed now. */
export function nextCaseState(facts: CaseFacts, action: CaseAction): CaseState {
  const allowed = FROM[action];
  if (!allowed.includes(facts.state)) {
    throw new AppError('INVALID_TRANSITION',
      `信访件当前为“${CASE_STATE_LABELS[facts.state]}”，不能${ACTION_LABELS[action]}：只有${fromList(allowed)}的信访件才能${ACTION_LABELS[action]}`,
      { state: facts.state, action });
  }
  if (action === 'stage_done' || action === 'done') {
    const missing: string[] = [];
    if (!facts.verified) missing.push('调查核实情况（属实/部分属实/不属实）');
    if (!filled(facts.handling)) missing.push('处理情况');
    if (action === 'stage_done') {
      if (!filled(facts.stagePlan)) missing.push('后续整改计划');
      if (!isDate(facts.stageDue)) missing.push('计划完成日期（YYYY-MM-DD）');
    }
    if (missing.length > 0) {
      throw new AppError('INVALID_TRANSITION', `${ACTION_LABELS[action]}前须填写：${missing.join('、')}`, { state: facts.state, action, missing });
    }
  }
  return TO[action];
}

/** Whether a case is past its deadline on a date: open cases against the handling deadline, stage-done ones against the plan date. */
export function isCaseOverdue(c: { state: CaseState; deadline: string | null; stageDue: string | null }, today: string): boolean {
  if (OPEN_CASE_STATES.includes(c.state)) return c.deadline !== null && c.deadline < today;
  if (c.state === 'stage_done') return c.stageDue !== null && c.stageDue < today;
  return false;
}
