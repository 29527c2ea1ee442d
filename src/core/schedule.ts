/**
 * 序时进度: where an assignment stands on a given date, and its red/yellow/green warning. Pure rules, no I/O.
 * A task past its deadline must be completed, otherwise it is overdue (due ON the deadline day is not yet overdue; a
 * deadline on a holiday runs to the next working day when the deployment says so). A task not yet due is compared
 * with its dated milestones (done ≥ due by today: on schedule; fewer: behind; more: ahead), or, without milestones,
 * its indicators' actual value against the straight path from baseline to target. Without either, the reported
 * status stands. Long-term tasks (长期坚持) are judged period by period on that period's milestones and are never
 * overdue. A person may override the computed status with a reason; both are kept.
 */
import type { StatusCode } from './status.js';
import { periodContaining, type Cycle } from './periods.js';
import { daysBetween, workingDayOnOrAfter } from './workdays.js';
import { textReason, zhReason, type Reason, type ReasonPart } from './reason-text.js';

export { daysBetween } from './workdays.js';

export const SCHEDULE_STATUSES = [
  'closed', 'completed', 'overdue', 'behind_schedule', 'on_schedule', 'ahead_of_schedule', 'in_progress', 'not_started', 'unknown',
] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];
export type DeadlineKind = 'immediate' | 'by_date' | 'long_term' | 'unknown';
export type WarningColor = 'red' | 'yellow' | 'green';

export const SCHEDULE_STATUS_LABELS: Record<ScheduleStatus, string> = {
  closed: '已销号', completed: '已完成', overdue: '逾期未完成', behind_schedule: '未达序时进度', on_schedule: '达到序时进度',
  ahead_of_schedule: '超过序时进度', in_progress: '正在推进', not_started: '尚未启动', unknown: '无法判断',
};

export interface MilestoneState { dueDate: string; doneDate: string | null; weight: number }
export interface IndicatorState {
  baseline: number | null;
  baselineDate: string | null;
  target: number;
  targetDate: string | null;
  comparator: '>=' | '<=' | '=';
  actual: number | null;
}

/** How a deployment judges dates (a setting: provinces differ). */
export interface ScheduleRules {
  /** Long-term tasks are judged on the milestones of this period: yearly targets by default. */
  longTermPeriod: Extract<Cycle, 'quarterly' | 'half' | 'yearly'>;
  /** A deadline or milestone falling on a weekend or holiday runs to the next working day (期间届满日遇节假日顺延). */
  deadlinesRollOverHolidays: boolean;
}
export const DEFAULT_SCHEDULE_RULES: ScheduleRules = { longTermPeriod: 'yearly', deadlinesRollOverHolidays: true };

export interface ScheduleInput {
  asOf: string;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  isCompleted: boolean;
  isClosed: boolean;
  /** Marked long-term (长期坚持); without a dated deadline such a task is judged period by period. */
  isLongTerm?: boolean;
  reportedCode: StatusCode | null;
  milestones: readonly MilestoneState[];
  indicators?: readonly IndicatorState[];
  rules?: ScheduleRules;
}

export interface ScheduleResult {
  status: ScheduleStatus;
  /** Share of the work due by asOf that is done (1 = exactly on schedule); null when nothing is measurable. */
  ratio: number | null;
  /** The reason in Chinese, derived from `why`. */
  reason: string;
  /** The reason as codes with parameters (core/reason-text.ts), for readers in other languages; without it, the text. */
  why?: Reason;
}

/** A result's reason as parts: its own, or its text as one part. */
export const whyOf = (r: Pick<ScheduleResult, 'reason' | 'why'>): Reason => r.why ?? textReason(r.reason);

/** A result whose Chinese reason is worded from its parts. */
function result(status: ScheduleStatus, ratio: number | null, why: Reason): ScheduleResult {
  return { status, ratio, reason: zhReason(why), why };
}

/** The period a long-term task is judged on, as reason parameters (cycle, year, n). */
function periodParams(cycle: ScheduleRules['longTermPeriod'], start: string): { cycle: string; year: number; n: number } {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  return { cycle, year, n: cycle === 'quarterly' ? Math.floor((month - 1) / 3) + 1 : cycle === 'half' ? (month <= 6 ? 1 : 2) : 1 };
}

export interface WarningSettings {
  /** Yellow when the deadline is this close and work is left. */
  yellowDueWithinDays: number;
  /** Red when behind schedule by more than this share of the work due (0.3 = 30%). */
  redBehindMargin: number;
}
export const DEFAULT_WARNING_SETTINGS: WarningSettings = { yellowDueWithinDays: 30, redBehindMargin: 0.3 };

const EPSILON = 1e-9;

/** Long-term tasks are never overdue; a task marked long-term but carrying a dated deadline still answers to it. */
export function isJudgedLongTerm(input: Pick<ScheduleInput, 'deadlineKind' | 'deadlineDate' | 'isLongTerm'>): boolean {
  return input.deadlineKind === 'long_term' || (input.isLongTerm === true && input.deadlineDate === null);
}

/** The day a deadline really falls on, after running over weekends and holidays when the rules say so. */
export function effectiveDeadline(date: string, rules: ScheduleRules = DEFAULT_SCHEDULE_RULES): string {
  return rules.deadlinesRollOverHolidays ? workingDayOnOrAfter(date) : date;
}

interface MilestoneTally { result: ScheduleResult; doneCount: number; expectedCount: number }

function fromMilestones(asOf: string, milestones: readonly MilestoneState[], rules: ScheduleRules, scope: readonly ReasonPart[]): MilestoneTally | null {
  if (milestones.length === 0) return null;
  let expected = 0, done = 0, expectedCount = 0, doneCount = 0, missed = 0;
  for (const m of milestones) {
    const isDone = m.doneDate !== null && m.doneDate <= asOf;
    // A milestone counts as due once its (effective) due day has passed, or on its due day when it is already done:
    // finishing on the due day is on schedule, not ahead, and not finishing until the day ends is not yet behind.
    const isExpected = asOf > effectiveDeadline(m.dueDate, rules) || (isDone && m.dueDate <= asOf);
    if (isExpected) { expected += m.weight; expectedCount++; }
    if (isDone) { done += m.weight; doneCount++; }
    if (isExpected && !isDone) missed++;
  }
  const tally: ReasonPart[] = [...scope, missed > 0 && done >= expected
    ? { k: 'tallyMissed', p: { asOf, expected: expectedCount, done: doneCount, missed } }
    : { k: 'tally', p: { asOf, expected: expectedCount, done: doneCount } }];
  const wrap = (result: ScheduleResult): MilestoneTally => ({ result, doneCount, expectedCount });
  if (expected <= EPSILON) {
    return wrap(result(done > EPSILON ? 'ahead_of_schedule' : 'on_schedule', null, [...tally, { k: 'noneDue' }]));
  }
  const ratio = done / expected;
  if (done > expected + EPSILON) return wrap(result('ahead_of_schedule', ratio, [...tally, { k: 'aheadOfSchedule' }]));
  if (done >= expected - EPSILON) return wrap(result('on_schedule', ratio, [...tally, { k: 'onSchedule' }]));
  return wrap(result('behind_schedule', ratio, [...tally, { k: 'behindSchedule' }]));
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
  const why: Reason = [{ k: 'indicatorRatio', p: { percent: Math.round(ratio * 100) } }];
  if (ratio > 1.05) return result('ahead_of_schedule', ratio, why);
  if (ratio >= 1) return result('on_schedule', ratio, why);
  return result('behind_schedule', ratio, why);
}

const REPORTED: Partial<Record<StatusCode, ScheduleStatus>> = {
  on_schedule: 'on_schedule', ahead_of_schedule: 'ahead_of_schedule', behind_schedule: 'behind_schedule',
  in_progress: 'in_progress', not_started: 'not_started', basically_completed: 'on_schedule', long_term: 'in_progress',
};

export function computeSchedule(input: ScheduleInput): ScheduleResult {
  const rules = input.rules ?? DEFAULT_SCHEDULE_RULES;
  if (input.isClosed) return result('closed', 1, [{ k: 'closed' }]);
  if (input.isCompleted) return result('completed', 1, [{ k: 'completed' }]);
  const longTerm = isJudgedLongTerm(input);
  if (!longTerm && input.deadlineDate) {
    const due = effectiveDeadline(input.deadlineDate, rules);
    if (input.asOf > due) {
      return result('overdue', null, [due !== input.deadlineDate
        ? { k: 'overdueRolled', p: { deadline: input.deadlineDate, due } }
        : { k: 'overdue', p: { deadline: input.deadlineDate } }]);
    }
  }
  let milestones = input.milestones;
  let scope: ReasonPart[] = [];
  if (longTerm) {
    const period = periodContaining(rules.longTermPeriod, input.asOf);
    milestones = milestones.filter((m) => m.dueDate >= period.start && m.dueDate <= period.end);
    scope = [{ k: 'longTermScope', p: periodParams(rules.longTermPeriod, period.start) }];
  }
  const tally = fromMilestones(input.asOf, milestones, rules, scope);
  if (tally) {
    const nothingYet = tally.doneCount === 0 && tally.expectedCount === 0;
    if (nothingYet && input.reportedCode === 'not_started') return result('not_started', null, [...whyOf(tally.result), { k: 'reportedNotStarted' }]);
    return tally.result;
  }
  const judged = fromIndicators(input.asOf, input.indicators ?? []);
  if (judged) return judged;
  const reported = input.reportedCode ? REPORTED[input.reportedCode] : undefined;
  const none: ReasonPart[] = longTerm ? [...scope, { k: 'noItemsThisPeriod' }] : [{ k: 'noItems' }];
  if (reported) return result(reported, null, [...none, { k: 'byReported' }]);
  return result('unknown', null, [...none, { k: 'cannotJudge' }]);
}

export interface ScheduleOverride { status: ScheduleStatus; reason: string }

/** The status shown: a person's override when there is one (its reason first), else the computed one. */
export function applyOverride(computed: ScheduleResult, override: ScheduleOverride | null): ScheduleResult & { isOverridden: boolean } {
  if (!override) return { ...computed, isOverridden: false };
  const why: Reason = [{ k: 'override', p: { status: override.status, text: override.reason, computed: computed.status }, sub: whyOf(computed) }];
  return { ...result(override.status, null, why), isOverridden: true };
}

/** The light; null (grey, 无法判断) when nothing tells how the task stands and no deadline is near. */
export interface Warning { color: WarningColor | null; reason: string; why: Reason }

function warned(color: WarningColor | null, why: Reason): Warning {
  return { color, reason: zhReason(why), why };
}

/** The deadline a warning counts down to: the task's own, or for long-term tasks the next open milestone of the period. */
function countdownTarget(input: ScheduleInput, rules: ScheduleRules): { date: string; late: ReasonPart; near: ReasonPart } | null {
  if (!isJudgedLongTerm(input)) {
    if (!input.deadlineDate) return null;
    const date = effectiveDeadline(input.deadlineDate, rules);
    const days = daysBetween(input.asOf, date);
    return { date, late: { k: 'nearDeadlineLate', p: { deadline: input.deadlineDate, days } }, near: { k: 'nearDeadline', p: { deadline: input.deadlineDate, days } } };
  }
  const period = periodContaining(rules.longTermPeriod, input.asOf);
  const open = input.milestones
    .filter((m) => m.dueDate >= period.start && m.dueDate <= period.end && !(m.doneDate !== null && m.doneDate <= input.asOf))
    .map((m) => effectiveDeadline(m.dueDate, rules)).filter((d) => d >= input.asOf).sort();
  if (!open[0]) return null;
  const p = { ...periodParams(rules.longTermPeriod, period.start), date: open[0], days: daysBetween(input.asOf, open[0]) };
  return { date: open[0], late: { k: 'nearMilestoneLate', p }, near: { k: 'nearMilestone', p } };
}

export function computeWarning(input: ScheduleInput, schedule: ScheduleResult, settings: WarningSettings = DEFAULT_WARNING_SETTINGS): Warning {
  const rules = input.rules ?? DEFAULT_SCHEDULE_RULES;
  const target = countdownTarget(input, rules);
  const left = target ? daysBetween(input.asOf, target.date) : null;
  const near = left !== null && left >= 0 && left <= settings.yellowDueWithinDays;
  switch (schedule.status) {
    case 'closed':
    case 'completed':
      return warned('green', whyOf(schedule));
    case 'overdue':
      return warned('red', whyOf(schedule));
    case 'behind_schedule':
      if (schedule.ratio !== null && 1 - schedule.ratio > settings.redBehindMargin + EPSILON) {
        return warned('red', [...whyOf(schedule), { k: 'behindMargin', p: { percent: Math.round(settings.redBehindMargin * 100) } }]);
      }
      // Behind with the deadline at hand: judged unable to finish in time.
      if (near) return warned('red', [...whyOf(schedule), target!.late]);
      return warned('yellow', whyOf(schedule));
    case 'on_schedule':
    case 'ahead_of_schedule':
    case 'in_progress':
    case 'not_started':
    case 'unknown':
      if (near) return warned('yellow', [target!.near]);
      if (schedule.status === 'not_started') return warned('yellow', whyOf(schedule));
      // 无法判断 is not 绿灯: with nothing to judge by, the light stays off (grey) rather than saying "on track".
      if (schedule.status === 'unknown') return warned(null, whyOf(schedule));
      return warned('green', whyOf(schedule));
  }
}

export interface RollUpChild { status: ScheduleStatus; warning: WarningColor; label?: string; reason?: string | null; why?: Reason | null }

const WARNING_ORDER: readonly WarningColor[] = ['green', 'yellow', 'red'];
/** The worse of two lights; no light (null) ranks below green. */
export const worseWarning = <A extends WarningColor | null>(a: A, b: WarningColor): A | WarningColor => (WARNING_ORDER.indexOf(b) > (a === null ? -1 : WARNING_ORDER.indexOf(a)) ? b : a);

/**
 * A parent's state follows from its children's: completed only when every share is; the worst warning wins, and
 * `worst` names the child it comes from so the parent's warning can say why.
 */
export function rollUp(children: readonly RollUpChild[]): { isCompleted: boolean; warning: WarningColor; worst: RollUpChild | null; incomplete: RollUpChild[] } {
  const isDone = (c: RollUpChild) => c.status === 'completed' || c.status === 'closed';
  let worst: RollUpChild | null = null;
  for (const c of children) if (c.warning !== 'green' && (!worst || worseWarning(worst.warning, c.warning) !== worst.warning)) worst = c;
  return { isCompleted: children.length > 0 && children.every(isDone), warning: worst?.warning ?? 'green', worst, incomplete: children.filter((c) => !isDone(c)) };
}

/** How bad an unfinished status is, worst first: a parent without items of its own takes its worst child's. */
const BADNESS: readonly ScheduleStatus[] = ['overdue', 'behind_schedule', 'not_started', 'unknown', 'in_progress', 'on_schedule', 'ahead_of_schedule'];

/** The written form of a computed status, for reports that must print one (完成整改, 达到序时进度, …). */
export const SCHEDULE_STATUS_WORDS: Record<ScheduleStatus, string> = {
  closed: '已销号', completed: '完成整改', overdue: '未达到序时进度', behind_schedule: '未达到序时进度', on_schedule: '达到序时进度',
  ahead_of_schedule: '超过序时进度', in_progress: '正在推进', not_started: '尚未启动', unknown: '',
};

/**
 * The roll-up rule for a share with shares below it (a parent's state follows from its children's and its own open
 * items):
 * 1. Without children, the share is what its own items say.
 * 2. A parent is completed only when its own work is done — reported completed (or closed), or it has no items of its
 *    own at all (status unknown: no milestones, indicators or reported status) — and every child is completed or closed.
 * 3. A parent whose own work is done but whose children are not is 正在推进, naming the children still open.
 * 4. A parent with no items of its own takes the worst status among its unfinished children (逾期 → 未达序时进度 →
 *    尚未启动 → 无法判断 → 正在推进 → 达到序时进度 → 超过序时进度), naming them.
 * 5. A parent with open items of its own keeps its own status.
 * Warnings roll up separately (the worst child's warning wins, see rollUp).
 */
export function rollUpStatus(own: ScheduleResult, children: readonly RollUpChild[]): ScheduleResult {
  if (children.length === 0) return own;
  const { isCompleted, incomplete } = rollUp(children);
  const ownDone = own.status === 'completed' || own.status === 'closed';
  const names = incomplete.map((c) => c.label).filter(Boolean).join('、');
  if (ownDone) return isCompleted ? own : result('in_progress', null, [{ k: 'ownDoneChildrenOpen', p: { units: names } }]);
  if (own.status !== 'unknown') return own;
  if (isCompleted) return result('completed', 1, [{ k: 'childrenAllDone' }]);
  const worst = [...incomplete].sort((a, b) => BADNESS.indexOf(a.status) - BADNESS.indexOf(b.status))[0]!;
  const same = incomplete.filter((c) => c.status === worst.status).map((c) => c.label).filter(Boolean).join('、');
  return result(worst.status, null, [{ k: 'byChildren', p: { units: same, status: worst.status } }]);
}
