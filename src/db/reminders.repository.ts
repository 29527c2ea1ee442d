/** What the daily reminder sweep looks at: open dated assignments, closed long-term ones, with their task and unit. */
import type { Conn } from './database.js';

export interface ReminderTarget { assignmentId: number; orgUnitId: number; orgName: string; taskCode: string; problem: string; deadlineDate: string | null; closedAt: string | null }

function base(db: Conn) {
  return db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .select(['a.id', 'a.org_unit_id', 'o.name', 't.code', 't.problem', 'a.deadline_date', 'a.closed_at']);
}
type Row = { id: number; org_unit_id: number; name: string; code: string; problem: string; deadline_date: string | null; closed_at: string | null };
const toTarget = (r: Row): ReminderTarget => ({ assignmentId: r.id, orgUnitId: r.org_unit_id, orgName: r.name, taskCode: r.code, problem: r.problem, deadlineDate: r.deadline_date, closedAt: r.closed_at });

/**
 * Assignments neither completed nor closed whose dated (not long-term) deadline falls on or before `until`; with
 * `page`, only the first `limit` after id `afterId` (the sweep reads a national list a chunk at a time).
 */
export async function listOpenAssignmentsDueBy(db: Conn, until: string, page?: { afterId: number; limit: number }): Promise<ReminderTarget[]> {
  let q = base(db).where('a.is_completed', '=', 0).where('a.is_closed', '=', 0).where('a.deadline_kind', '!=', 'long_term')
    .where('a.deadline_date', 'is not', null).where('a.deadline_date', '<=', until).orderBy('a.id');
  if (page) q = q.where('a.id', '>', page.afterId).limit(page.limit);
  return (await q.execute()).map(toTarget);
}

/** Closed long-term assignments: they stay on the ledger and are followed up period by period. */
export async function listClosedLongTermAssignments(db: Conn): Promise<ReminderTarget[]> {
  const rows = await base(db).where('a.is_closed', '=', 1)
    .where((eb) => eb.or([eb('a.is_long_term', '=', 1), eb('a.deadline_kind', '=', 'long_term')])).orderBy('a.id').execute();
  return rows.map(toTarget);
}
