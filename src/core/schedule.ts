/**
 * 序时进度: where an assignment stands on a given date, and its red/yellow/green warning. Pure rules, no I/O.
 * A task past its deadline must be completed, otherwise it is overdue. A task not yet due is compared with its dated
 * milestones (done ≥ due by today: on schedule; fewer: behind; more: ahead), or, without milestones, its indicators'
 * actual value against the straight path from baseline to target. Without either, the reported status stands.
 */
import type { StatusCode } from './status.js';

export const SCHEDULE_STATUSES = [
  'closed', 'completed', 'overdue', 'behind_schedule', 'on_schedule', 'ahead_of_schedule', 'in_progress', 'not_started', 'unknown',
] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];
export type DeadlineKind = 'immediate' | 'by_date' | 'long_term' | 'unknown';
export type WarningColor = 'red' | 'yellow' | 'green';

export interface MilestoneState { dueDate: string; doneDate: string | null; weight: number }
export interface IndicatorState {
  baseline: number | null;
  baselineDate: string | null;
  target: number;
  targetDate: string | null;
  comparator: '>=' | '<=' | '=';
  actual: number | null;
}

export interface ScheduleInput {
  asOf: string;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  isCompleted: boolean;
  isClosed: boolean;
  reportedCode: StatusCode | null;
  milestones: readonly MilestoneState[];
  indicators?: readonly IndicatorState[];
}

export interface ScheduleResult {
  status: ScheduleStatus;
  /** Share of the work due by asOf that is done (1 = exactly on schedule); null when nothing is measurable. */
  ratio: number | null;
  reason: string;
}

export interface WarningSettings {
  /** Yellow when the deadline is this close and work is left. */
  yellowDueWithinDays: number;
  /** Red when behind schedule by more than this share of the work due (0.3 = 30%). */
  redBehindMargin: number;
}
export const DEFAULT_WARNING_SETTINGS: WarningSettings = { yellowDueWithinDays: 30, redBehindMargin: 0.3 };

const DAY_MS = 86_400_000;
/** Whole days from a to b (YYYY-MM-DD), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

function fromMilestones(asOf: string, milestones: readonly MilestoneState[]): ScheduleResult | null {
  if (milestones.length === 0) return null;
  let due = 0;
  let done = 0;
  for (const m of milestones) {
    if (m.dueDate <= asOf) due += m.weight;
    if (m.doneDate !== null && m.doneDate <= asOf) done += m.weight;
  }
  const dueCount = milestones.filter((m) => m.dueDate <= asOf).length;
  const doneCount = milestones.filter((m) => m.doneDate !== null && m.doneDate <= asOf).length;
  const tally = `截至${asOf}应完成节点${dueCount}个，已完成${doneCount}个`;
  if (due === 0) return { status: done > 0 ? 'ahead_of_schedule' : 'on_schedule', ratio: null, reason: `${tally}，尚无到期节点` };
  const ratio = done / due;
  if (done > due) return { status: 'ahead_of_schedule', ratio, reason: `${tally}，超过序时进度` };
  if (done >= due) return { status: 'on_schedule', ratio, reason: `${tally}，达到序时进度` };
  return { status: 'behind_schedule', ratio, reason: `${tally}，未达到序时进度` };
}

/** Where the indicator should be on asOf, on the straight path from baseline to target. */
function plannedValue(asOf: string, i: IndicatorState): number | null {
  if (i.baseline === null || !i.baselineDate || !i.targetDate) return null;
  const span = daysBetween(i.baselineDate, i.targetDate);
  if (span <= 0) return i.target;
  const t = Math.min(1, Math.max(0, daysBetween(i.baselineDate, asOf) / span));
  return i.baseline + (i.target - i.baseline) * t;
}

function fromIndicators(asOf: string, indicators: readonly IndicatorState[]): ScheduleResult | null {
  const judged = indicators.flatMap((i) => {
    const planned = plannedValue(asOf, i);
    if (planned === null || i.actual === null || i.baseline === null) return [];
    const planMove = planned - i.baseline;
    const actualMove = i.actual - i.baseline;
    // Ratio of the movement made to the movement planned so far, in the indicator's own direction.
    const ratio = planMove === 0 ? (i.comparator === '<=' ? (i.actual <= planned ? 1 : 0) : i.actual >= planned ? 1 : 0) : actualMove / planMove;
    return [ratio];
  });
  if (judged.length === 0) return null;
  const ratio = Math.min(...judged);
  const reason = `指标实际值与计划路径之比为${Math.round(ratio * 100)}%`;
  if (ratio > 1.05) return { status: 'ahead_of_schedule', ratio, reason };
  if (ratio >= 1) return { status: 'on_schedule', ratio, reason };
  return { status: 'behind_schedule', ratio, reason };
}

const REPORTED: Partial<Record<StatusCode, ScheduleStatus>> = {
  on_schedule: 'on_schedule', ahead_of_schedule: 'ahead_of_schedule', behind_schedule: 'behind_schedule',
  in_progress: 'in_progress', not_started: 'not_started', basically_completed: 'on_schedule', long_term: 'in_progress',
};

export function computeSchedule(input: ScheduleInput): ScheduleResult {
  if (input.isClosed) return { status: 'closed', ratio: 1, reason: '已销号' };
  if (input.isCompleted) return { status: 'completed', ratio: 1, reason: '已完成整改' };
  if (input.deadlineKind !== 'long_term' && input.deadlineDate && input.deadlineDate < input.asOf) {
    return { status: 'overdue', ratio: null, reason: `整改时限${input.deadlineDate}已过，尚未完成` };
  }
  const judged = fromMilestones(input.asOf, input.milestones) ?? fromIndicators(input.asOf, input.indicators ?? []);
  if (judged) return judged;
  const reported = input.reportedCode ? REPORTED[input.reportedCode] : undefined;
  if (reported) return { status: reported, ratio: null, reason: '无节点和指标，按报送的进展状态' };
  return { status: 'unknown', ratio: null, reason: '无节点、指标或报送状态，无法判断' };
}

export interface Warning { color: WarningColor; reason: string }

export function computeWarning(
  input: Pick<ScheduleInput, 'asOf' | 'deadlineKind' | 'deadlineDate'>,
  schedule: ScheduleResult,
  settings: WarningSettings = DEFAULT_WARNING_SETTINGS,
): Warning {
  switch (schedule.status) {
    case 'closed':
    case 'completed':
      return { color: 'green', reason: schedule.reason };
    case 'overdue':
      return { color: 'red', reason: schedule.reason };
    case 'behind_schedule':
      if (schedule.ratio !== null && 1 - schedule.ratio > settings.redBehindMargin) {
        return { color: 'red', reason: `${schedule.reason}，滞后超过${Math.round(settings.redBehindMargin * 100)}%` };
      }
      return { color: 'yellow', reason: schedule.reason };
    case 'on_schedule':
    case 'ahead_of_schedule':
    case 'in_progress':
    case 'not_started':
    case 'unknown': {
      const left = input.deadlineKind !== 'long_term' && input.deadlineDate ? daysBetween(input.asOf, input.deadlineDate) : null;
      if (left !== null && left <= settings.yellowDueWithinDays) {
        return { color: 'yellow', reason: `距整改时限${input.deadlineDate}仅剩${left}天，尚未完成` };
      }
      if (schedule.status === 'not_started') return { color: 'yellow', reason: '尚未启动' };
      return { color: 'green', reason: schedule.reason };
    }
  }
}

/** A parent's state follows from its children's: completed only when every share is; the worst warning wins. */
export function rollUp(children: readonly { status: ScheduleStatus; warning: WarningColor }[]): { isCompleted: boolean; warning: WarningColor } {
  const isCompleted = children.length > 0 && children.every((c) => c.status === 'completed' || c.status === 'closed');
  const order: WarningColor[] = ['green', 'yellow', 'red'];
  const warning = children.reduce<WarningColor>((w, c) => (order.indexOf(c.warning) > order.indexOf(w) ? c.warning : w), 'green');
  return { isCompleted, warning };
}
