/** What the schedule refresh reads besides one assignment: its children's computed state, and the open assignments. */
import { sql } from 'kysely';
import type { Conn } from './database.js';
import type { ScheduleStatus, WarningColor } from '../core/schedule.js';
import { parseReason, type Reason } from '../core/reason-text.js';

export interface ChildScheduleState { id: number; orgName: string; status: ScheduleStatus; warning: WarningColor; reason: string | null; why: Reason | null }

export async function listChildScheduleStates(db: Conn, parentId: number): Promise<ChildScheduleState[]> {
  const rows = await db.selectFrom('assignments as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .select(['a.id', 'o.name', 'a.schedule_status', 'a.warning', 'a.warning_reason', 'a.warning_reason_code']).where('a.parent_id', '=', parentId).orderBy('o.path').orderBy('a.id').execute();
  return rows.map((r) => ({
    id: r.id, orgName: r.name, status: (r.schedule_status ?? 'unknown') as ScheduleStatus, warning: (r.warning ?? 'green') as WarningColor, reason: r.warning_reason, why: parseReason(r.warning_reason_code),
  }));
}

/** Ids of assignments not closed, children before their parents, so one pass leaves every roll-up current. */
export async function listOpenAssignmentIdsDeepestFirst(db: Conn): Promise<number[]> {
  const rows = await db.selectFrom('assignments').select(['id', 'parent_id']).where('is_closed', '=', 0).execute();
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  const depth = (id: number): number => {
    let d = 0;
    for (let p = parentOf.get(id); p !== null && p !== undefined && d < 50; p = parentOf.get(p)) d++;
    return d;
  };
  return rows.map((r) => ({ id: r.id, d: depth(r.id) })).sort((a, b) => b.d - a.d || a.id - b.id).map((r) => r.id);
}

/**
 * An open assignment as the daily refresh sees it: its parent, and whether its stored state cannot move with the date
 * alone (`dateStable`). Stable are, when no override is set (an override's warning counts days down to the deadline):
 * a completed share whose shares below are all done (completed, green, whatever the day), and a share stored overdue
 * whose deadline is more than a month past (it stays overdue and red until its data changes, and every change of
 * data recomputes it in its own transaction; the month covers any deadline run over holidays).
 */
export interface OpenAssignmentRef { id: number; parentId: number | null; dateStable: boolean }

/** Up to `limit` open assignments after id `afterId`, in id order (read a chunk at a time, between yields). */
export async function listOpenAssignmentRefs(db: Conn, afterId: number, limit: number, overdueBefore: string): Promise<OpenAssignmentRef[]> {
  const rows = await db.selectFrom('assignments').select(['id', 'parent_id'])
    .select(sql<number>`CASE WHEN override_status IS NULL AND ((is_completed = 1 AND schedule_status = 'completed')
      OR (schedule_status = 'overdue' AND is_completed = 0 AND deadline_kind <> 'long_term' AND deadline_date < ${overdueBefore})) THEN 1 ELSE 0 END`.as('stable'))
    .where('is_closed', '=', 0).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, dateStable: Number(r.stable) === 1 }));
}
