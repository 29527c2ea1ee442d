/**
 * Keeps each assignment's computed schedule status and warning current. Called inside the transaction of any change
 * that affects them (a report, a milestone, a closure), so the ledger never shows a stale colour.
 */
import type { AppContext } from './context.js';
import type { Conn } from '../db/database.js';
import { computeSchedule, computeWarning, DEFAULT_WARNING_SETTINGS, rollUp, type WarningSettings } from '../core/schedule.js';
import { getAssignmentById, listChildAssignments, updateAssignment, type Assignment } from '../db/assignments.repository.js';
import { indicatorStates, milestoneStates } from '../db/progress.repository.js';
import { readSetting } from '../db/settings.repository.js';

export const WARNING_SETTINGS_KEY = 'warnings';

export async function warningSettings(db: Conn): Promise<WarningSettings> {
  return { ...DEFAULT_WARNING_SETTINGS, ...(await readSetting<Partial<WarningSettings>>(db, WARNING_SETTINGS_KEY)) };
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Recomputes one assignment (and, through parent links, its ancestors) as of a date. */
export async function refreshSchedule(_ctx: Pick<AppContext, 'dialect'>, tx: Conn, assignmentId: number, asOf: string = today()): Promise<Assignment> {
  const settings = await warningSettings(tx);
  let a = await getAssignmentById(tx, assignmentId);
  const children = await listChildAssignments(tx, a.id);
  const input = {
    asOf, deadlineKind: a.deadlineKind, deadlineDate: a.deadlineDate, isCompleted: a.isCompleted, isClosed: a.isClosed,
    reportedCode: a.statusCode, milestones: await milestoneStates(tx, a.id), indicators: await indicatorStates(tx, a.id, asOf),
  };
  let schedule = computeSchedule(input);
  let warning = computeWarning(input, schedule, settings);
  if (children.length > 0) {
    // A parent is completed only when every child is; its warning is the worst of its own and its children's.
    const rolled = rollUp(children.map((c) => ({ status: c.scheduleStatus ?? 'unknown', warning: c.warning ?? 'green' })));
    if (!rolled.isCompleted && (schedule.status === 'completed' || schedule.status === 'closed')) {
      schedule = { status: 'in_progress', ratio: null, reason: '下级单位尚未全部完成' };
    }
    const order = ['green', 'yellow', 'red'];
    if (order.indexOf(rolled.warning) > order.indexOf(warning.color)) warning = { color: rolled.warning, reason: '下级单位存在预警' };
  }
  if (a.scheduleStatus !== schedule.status || a.warning !== warning.color || a.warningReason !== warning.reason) {
    a = await updateAssignment(tx, a.id, a.version, { scheduleStatus: schedule.status, warning: warning.color, warningReason: warning.reason });
  }
  if (a.parentId !== null) await refreshSchedule(_ctx, tx, a.parentId, asOf);
  return a;
}
