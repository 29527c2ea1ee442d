/**
 * Keeps each assignment's computed schedule status and warning current. Called inside the transaction of any change
 * that affects them (a report, a milestone, an override, a closure), so the ledger never shows a stale colour; and
 * daily for every open assignment, because dates move even when data does not.
 */
import { chinaDate } from '../core/calendar-date.js';
import type { AppContext } from './context.js';
import type { Conn } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { applyOverride, computeSchedule, computeWarning, rollUp, rollUpStatus, worseWarning, type ScheduleInput, type ScheduleResult, type ScheduleRules, type WarningSettings } from '../core/schedule.js';
import { getAssignmentById, updateAssignment } from '../db/assignments.repository.js';
import type { Assignment } from '../core/api/assignments.js';
import { indicatorStates, milestoneStates } from '../db/progress.repository.js';
import { listChildScheduleStates, listOpenAssignmentRefs, type OpenAssignmentRef } from '../db/schedule.repository.js';
import type { ScheduleInputs } from '../db/schedule-set.repository.js';
import { addDays } from '../core/workdays.js';
import { textReason, zhReason, type Reason } from '../core/reason-text.js';
import { inTimedBatches, yieldToEventLoop } from './batches.js';
import { readSettings } from './settings.js';

export const WARNING_SETTINGS_KEY = 'warnings';

export async function warningSettings(db: Conn): Promise<WarningSettings> {
  return readSettings(db, 'warnings');
}

/** Today's date in Beijing time: deadlines fall due by the offices' calendar, not the server's zone. */
export function today(): string {
  return chinaDate();
}

export interface ScheduleSettings { warnings: WarningSettings; rules: ScheduleRules }

export async function readScheduleSettings(db: Conn): Promise<ScheduleSettings> {
  return { warnings: await readSettings(db, 'warnings'), rules: await readSettings(db, 'schedule') };
}

/**
 * The rule over an assignment's inputs already read: its own schedule (milestones, indicators, deadline), rolled up
 * with its children's (rollUpStatus), the override shown, and the warning: its own or its worst child's.
 */
export function computeScheduleFrom(i: ScheduleInputs, asOf: string, { warnings, rules }: ScheduleSettings) {
  const a = i.assignment;
  const input: ScheduleInput = {
    asOf, deadlineKind: a.deadlineKind, deadlineDate: a.deadlineDate, isCompleted: a.isCompleted, isClosed: a.isClosed,
    isLongTerm: a.isLongTerm, reportedCode: a.statusCode, milestones: i.milestones, indicators: i.indicators, rules,
  };
  const children = i.children.map((c) => ({ status: c.status, warning: c.warning, label: c.orgName, reason: c.reason, why: c.why }));
  const rolled = rollUp(children);
  // A parent's status follows from its children and its own open items (the rule in rollUpStatus).
  const computed: ScheduleResult = rollUpStatus(computeSchedule(input), children);
  const shown = applyOverride(computed, a.overrideStatus ? { status: a.overrideStatus, reason: a.overrideReason ?? '' } : null);
  let warning = computeWarning(input, shown, warnings);
  if (rolled.worst && worseWarning(warning.color, rolled.worst.warning) !== warning.color) {
    const w = rolled.worst;
    const sub = w.why ?? (w.reason ? textReason(w.reason) : undefined);
    const why: Reason = [{ k: 'child', p: { unit: w.label ?? '' }, ...(sub ? { sub } : {}) }];
    warning = { color: w.warning, reason: zhReason(why), why };
  }
  return { computed, warning };
}

/** Whether a stored reason's codes are these (a row from before the codes has none: it is written once with them). */
export const sameReason = (stored: Reason | null, why: Reason): boolean => stored !== null && JSON.stringify(stored) === JSON.stringify(why);

async function computeFor(tx: Conn, a: Assignment, asOf: string, settings: ScheduleSettings) {
  return computeScheduleFrom({
    assignment: a, milestones: await milestoneStates(tx, a.id), indicators: await indicatorStates(tx, a.id, asOf), children: await listChildScheduleStates(tx, a.id),
  }, asOf, settings);
}

/** Recomputes one assignment as of a date and stores the result when it differs; says whether it did. */
async function recompute(tx: Conn, assignmentId: number, asOf: string, settings: ScheduleSettings): Promise<{ a: Assignment; changed: boolean }> {
  let a = await getAssignmentById(tx, assignmentId);
  for (let attempt = 0; ; attempt++) {
    const { computed, warning } = await computeFor(tx, a, asOf, settings);
    if (a.scheduleStatus === computed.status && a.warning === warning.color && a.warningReason === warning.reason && sameReason(a.warningReasonCode, warning.why)) return { a, changed: false };
    try {
      a = await updateAssignment(tx, a.id, a.version, { scheduleStatus: computed.status, warning: warning.color, warningReason: warning.reason, warningReasonCode: warning.why });
      return { a, changed: true };
    } catch (error) {
      // Someone changed the assignment between our read and write (the daily job racing a user): recompute once.
      if (attempt > 0 || !(error instanceof AppError) || error.code !== 'VERSION_CONFLICT') throw error;
      a = await getAssignmentById(tx, assignmentId);
    }
  }
}

/**
 * Recomputes one assignment as of a date and, unless told otherwise, its ancestors through the parent links. The
 * stored schedule_status is the computed one; an override is kept beside it and decides the warning.
 */
export async function refreshSchedule(
  tx: Conn, assignmentId: number, asOf: string = today(), opts: { ancestors?: boolean; settings?: ScheduleSettings } = {},
): Promise<Assignment> {
  const settings = opts.settings ?? await readScheduleSettings(tx);
  const { a } = await recompute(tx, assignmentId, asOf, settings);
  if ((opts.ancestors ?? true) && a.parentId !== null) await refreshSchedule(tx, a.parentId, asOf, { settings });
  return a;
}

/** Open assignments read per query by the refresh (between two reads the event loop runs). */
const REFS_PER_READ = 2000;

export interface RefreshAllOptions {
  /**
   * 'date' (the daily pass): only what the date alone can move — every open assignment but the date-stable ones (see
   * OpenAssignmentRef), and the parents of any share whose state changed. 'all' (after a change of the warning or
   * schedule settings): every open assignment.
   */
  only?: 'date' | 'all';
  /** Work per transaction before the event loop gets its turn (BATCH_BUDGET_MS). */
  budgetMs?: number;
}

/**
 * Recomputes the open assignments as of a date, children before their parents, in transactions of a few milliseconds
 * with the event loop free between them (a national pass takes seconds; no request waits more than one batch);
 * returns how many were recomputed.
 */
export async function refreshAllSchedules(ctx: AppContext, asOf: string = today(), opts: RefreshAllOptions = {}): Promise<number> {
  const all = (opts.only ?? 'all') === 'all';
  const overdueBefore = addDays(asOf, -31);
  const refs: OpenAssignmentRef[] = [];
  for (let after = 0; ;) {
    const chunk = await listOpenAssignmentRefs(ctx.db, after, REFS_PER_READ, overdueBefore);
    refs.push(...chunk);
    if (chunk.length < REFS_PER_READ) break;
    after = chunk[chunk.length - 1]!.id;
    await yieldToEventLoop();
  }
  // Depth below the top of the open tree; shares are recomputed level by level, deepest first, so a parent reads its
  // children's fresh state.
  const byId = new Map(refs.map((r) => [r.id, r]));
  const depthOf = new Map<number, number>();
  const depth = (r: OpenAssignmentRef): number => {
    let d = depthOf.get(r.id);
    if (d !== undefined) return d;
    depthOf.set(r.id, 0); // a cycle (which no write makes) ends here
    const parent = r.parentId === null ? undefined : byId.get(r.parentId);
    d = parent ? Math.min(depth(parent) + 1, 50) : 0;
    depthOf.set(r.id, d);
    return d;
  };
  const levels: OpenAssignmentRef[][] = [];
  for (const r of refs) (levels[depth(r)] ??= []).push(r);
  const dirty = new Set<number>();
  let settings: ScheduleSettings | undefined;
  let count = 0;
  for (let d = levels.length - 1; d >= 0; d--) {
    const todo = (levels[d] ?? []).filter((r) => all || !r.dateStable || dirty.has(r.id));
    await yieldToEventLoop();
    count += await inTimedBatches(ctx.db, todo, async (tx, r) => {
      const { changed } = await recompute(tx, r.id, asOf, settings!);
      if (changed && r.parentId !== null) dirty.add(r.parentId);
      return 1;
    }, { budgetMs: opts.budgetMs, setup: async (tx) => { settings = await readScheduleSettings(tx); } });
  }
  return count;
}
