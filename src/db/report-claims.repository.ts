/** The ledger rows a progress report changes: milestone completions and dated indicator values. */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';

export async function findMilestoneForClaim(db: Conn, id: number): Promise<{ id: number; assignmentId: number; doneDate: string | null } | undefined> {
  const r = await db.selectFrom('milestones').select(['id', 'assignment_id', 'done_date']).where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, assignmentId: r.assignment_id, doneDate: r.done_date };
}

export async function setMilestoneDoneDate(db: Conn, id: number, doneDate: string | null): Promise<void> {
  await db.updateTable('milestones').set((eb) => ({ done_date: doneDate, updated_at: nowIso(), version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

/** Puts back the date a milestone had before a claim, unless someone has changed it since (then theirs stands). */
export async function revertMilestoneDoneDate(db: Conn, id: number, claimed: string, previous: string | null): Promise<void> {
  await db.updateTable('milestones').set((eb) => ({ done_date: previous, updated_at: nowIso(), version: eb('version', '+', 1) }))
    .where('id', '=', id).where('done_date', '=', claimed).execute();
}

export async function findIndicatorAssignment(db: Conn, id: number): Promise<number | undefined> {
  return (await db.selectFrom('indicators').select('assignment_id').where('id', '=', id).executeTakeFirst())?.assignment_id;
}

export async function insertReportedIndicatorValue(db: Conn, v: { indicatorId: number; value: number; asOf: string; reportId: number; recordedBy: number | null }): Promise<void> {
  await db.insertInto('indicator_values').values({
    indicator_id: v.indicatorId, value: v.value, as_of: v.asOf, progress_report_id: v.reportId, recorded_by: v.recordedBy, created_at: nowIso(),
  }).execute();
}

export async function deleteIndicatorValuesOfReport(db: Conn, reportId: number): Promise<void> {
  await db.deleteFrom('indicator_values').where('progress_report_id', '=', reportId).execute();
}

export const claimTargetNotFound = (what: '节点' | '指标', id: number) => new AppError('NOT_FOUND', `该任务没有编号为 ${id} 的${what}`);
