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
import { getAssignmentById, updateAssignment, type Assignment } from '../db/assignments.repository.js';
import { indicatorStates, milestoneStates } from '../db/progress.repository.js';
import { listChildScheduleStates, listOpenAssignmentIdsDeepestFirst } from '../db/schedule.repository.js';
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

async function computeFor(tx: Conn, a: Assignment, asOf: string, { warnings, rules }: ScheduleSettings) {
  const input: ScheduleInput = {
    asOf, deadlineKind: a.deadlineKind, deadlineDate: a.deadlineDate, isCompleted: a.isCompleted, isClosed: a.isClosed,
    isLongTerm: a.isLongTerm, reportedCode: a.statusCode, milestones: await milestoneStates(tx, a.id),
    indicators: await indicatorStates(tx, a.id, asOf), rules,
  };
  let computed: ScheduleResult = computeSchedule(input);
  const children = await listChildScheduleStates(tx, a.id);
  const rolled = rollUp(children.map((c) => ({ status: c.status, warning: c.warning, label: c.orgName, reason: c.reason })));
  // A parent's status follows from its children and its own open items (the rule in rollUpStatus).
  computed = rollUpStatus(computed, children.map((c) => ({ status: c.status, warning: c.warning, label: c.orgName, reason: c.reason })));
  const shown = applyOverride(computed, a.overrideStatus ? { status: a.overrideStatus, reason: a.overrideReason ?? '' } : null);
  let warning = computeWarning(input, shown, warnings);
  if (rolled.worst && worseWarning(warning.color, rolled.worst.warning) !== warning.color) {
    warning = { color: rolled.worst.warning, reason: `下级单位${rolled.worst.label ?? ''}：${rolled.worst.reason ?? '存在预警'}` };
  }
  return { computed, warning };
}

/**
 * Recomputes one assignment as of a date and, unless told otherwise, its ancestors through the parent links. The
 * stored schedule_status is the computed one; an override is kept beside it and decides the warning.
 */
export async function refreshSchedule(
  _ctx: Pick<AppContext, 'dialect'>, tx: Conn, assignmentId: number, asOf: string = today(), opts: { ancestors?: boolean; settings?: ScheduleSettings } = {},
): Promise<Assignment> {
  const settings = opts.settings ?? await readScheduleSettings(tx);
  let a = await getAssignmentById(tx, assignmentId);
  for (let attempt = 0; ; attempt++) {
    const { computed, warning } = await computeFor(tx, a, asOf, settings);
    if (a.scheduleStatus === computed.status && a.warning === warning.color && a.warningReason === warning.reason) break;
    try {
      a = await updateAssignment(tx, a.id, a.version, { scheduleStatus: computed.status, warning: warning.color, warningReason: warning.reason });
      break;
    } catch (error) {
      // Someone changed the assignment between our read and write (the daily job racing a user): recompute once.
      if (attempt > 0 || !(error instanceof AppError) || error.code !== 'VERSION_CONFLICT') throw error;
      a = await getAssignmentById(tx, assignmentId);
    }
  }
  if ((opts.ancestors ?? true) && a.parentId !== null) await refreshSchedule(_ctx, tx, a.parentId, asOf, { settings });
  return a;
}

/** Recomputes every assignment not closed, children first, in small transactions; returns how many were looked at. */
export async function refreshAllSchedules(ctx: AppContext, asOf: string = today()): Promise<number> {
  const ids = await listOpenAssignmentIdsDeepestFirst(ctx.db);
  for (let i = 0; i < ids.length; i += 200) {
    const batch = ids.slice(i, i + 200);
    await ctx.db.transaction().execute(async (tx) => {
      const settings = await readScheduleSettings(tx);
      for (const id of batch) await refreshSchedule(ctx, tx, id, asOf, { ancestors: false, settings });
    });
  }
  return ids.length;
}
