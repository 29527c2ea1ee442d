/**
 * The schedule refresh for a set of assignments at once: what `refreshSchedule` (schedule.ts) does for one, with the
 * inputs read a few queries per 500 assignments and only the rows whose status or warning moves written. The parents
 * of the set are then refreshed as a set in turn, so a child's new colour reaches its ancestors exactly as the
 * one-by-one refresh carries it. Used where one transaction changes many assignments (a returned sheet, a plan).
 */
import { AppError } from '../core/errors.js';
import type { Conn } from '../db/database.js';
import { listScheduleInputs, writeAssignmentState, type AssignmentChange } from '../db/schedule-set.repository.js';
import { computeScheduleFrom, readScheduleSettings, sameReason, today, type ScheduleSettings } from './schedule.js';
import { recordAssignmentStates } from '../db/state-history.repository.js';

/** Changes not yet written, by assignment id, with the version they were decided at. */
export type PendingChanges = Map<number, { version: number; change: AssignmentChange }>;

/**
 * Recomputes these assignments and then, level by level, their ancestors through the parent links; returns how many
 * rows were written. A parent shared by several of them is computed once more after its children. `pending` changes
 * are computed over and written in the same statement as the state (VERSION_CONFLICT if the row moved since).
 */
export async function refreshSchedules(tx: Conn, ids: readonly number[], asOf: string = today(), opts: { settings?: ScheduleSettings; pending?: PendingChanges } = {}): Promise<number> {
  const settings = opts.settings ?? await readScheduleSettings(tx);
  let written = 0;
  let level = [...new Set([...ids, ...(opts.pending?.keys() ?? [])])];
  const seen = new Set<number>();
  // A parent chain is a few levels deep (province → city → county); the bound only guards against a cycle.
  for (let depth = 0; level.length > 0 && depth < 50; depth++) {
    const parents = new Set<number>();
    for (const read of await listScheduleInputs(tx, level, asOf)) {
      const pending = opts.pending?.get(read.assignment.id);
      opts.pending?.delete(read.assignment.id);
      const conflict = () => new AppError('VERSION_CONFLICT', '该任务已被他人修改，请刷新后查看最新内容再提交', { assignmentId: read.assignment.id });
      if (pending && pending.version !== read.assignment.version) throw conflict();
      const i = pending ? { ...read, assignment: { ...read.assignment, ...pending.change } as typeof read.assignment } : read;
      const a = i.assignment;
      seen.add(a.id);
      if (a.parentId !== null) parents.add(a.parentId);
      const { computed, warning } = computeScheduleFrom(i, asOf, settings);
      if (!pending && a.scheduleStatus === computed.status && a.warning === warning.color && a.warningReason === warning.reason && sameReason(a.warningReasonCode, warning.why)) continue;
      if (!await writeAssignmentState(tx, a.id, a.version, { ...pending?.change, scheduleStatus: computed.status, warning: warning.color, warningReason: warning.reason, warningReasonCode: warning.why })) {
        throw conflict();
      }
      written++;
    }
    // Each level is the parents of the one below, read after its children were written.
    level = [...parents];
  }
  // The history as-of reads replay (state-history.repository.ts): an unchanged state is not appended again.
  await recordAssignmentStates(tx, [...seen]);
  return written;
}
