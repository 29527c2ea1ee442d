/**
 * Reporting rounds (调度) and progress reports: the states a report goes through, and where each owed report stands in
 * a round (reported, awaiting review, returned, missing, late). Pure rules.
 */
import { AppError } from './errors.js';
import { periodContaining, type Period, type RoundCycle } from './periods.js';
import { addDaysOfKind, type DayKind } from './workdays.js';

/** draft is kept for imported or unfinished reports; a submission starts at submitted. */
export const REPORT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export type ReportAction = 'resubmit' | 'accept' | 'return';

export const REPORT_STATE_LABELS: Record<ReportState, string> = { draft: '草稿', submitted: '待审核', accepted: '已通过', returned: '已退回' };

const ALLOWED: Record<ReportAction, readonly ReportState[]> = {
  // A report may be corrected before review as well as after it is returned; once accepted it is the record.
  resubmit: ['draft', 'submitted', 'returned'],
  accept: ['submitted'],
  return: ['submitted'],
};
const NEXT: Record<ReportAction, ReportState> = { resubmit: 'submitted', accept: 'accepted', return: 'returned' };
const ACTION_LABELS: Record<ReportAction, string> = { resubmit: '修改重报', accept: '审核通过', return: '退回' };

/** The state after the action, or INVALID_TRANSITION saying what the report's state allows. */
export function nextReportState(state: ReportState, action: ReportAction): ReportState {
  if (!ALLOWED[action].includes(state)) {
    throw new AppError('INVALID_TRANSITION', `报告当前为“${REPORT_STATE_LABELS[state]}”，不能${ACTION_LABELS[action]}（仅限${ALLOWED[action].map((s) => `“${REPORT_STATE_LABELS[s]}”`).join('、')}状态）`, { state, action });
  }
  return NEXT[action];
}

export type RoundEntryState = 'missing' | 'awaiting_review' | 'returned' | 'accepted';

export interface RoundEntryStatus {
  state: RoundEntryState;
  /** The due date has passed without a submitted or accepted report. */
  isLate: boolean;
  /** Submitted (last) after the due date. */
  submittedLate: boolean;
}

export function classifyRoundEntry(report: { state: ReportState; submittedAt: string | null } | null, dueDate: string, asOf: string): RoundEntryStatus {
  const state: RoundEntryState = !report || report.state === 'draft' ? 'missing'
    : report.state === 'submitted' ? 'awaiting_review' : report.state;
  const owesWork = state === 'missing' || state === 'returned';
  const submittedLate = report?.submittedAt ? report.submittedAt.slice(0, 10) > dueDate : false;
  return { state, isLate: owesWork && asOf > dueDate, submittedLate };
}

export interface RoundPeriod extends Period { dueDate: string }

/** The period of the cycle containing the reference date, and its due date (period end plus the configured offset). */
export function roundPeriod(cycle: RoundCycle, referenceDate: string, due: { offsetDays: number; kind: DayKind }): RoundPeriod {
  const period = periodContaining(cycle, referenceDate);
  return { ...period, dueDate: addDaysOfKind(period.end, due.offsetDays, due.kind) };
}
