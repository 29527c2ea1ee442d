/** Assignments of one task within the reader's subtrees, in org order, a page at a time. */
import type { Conn } from './database.js';
import { toAssignment } from './assignments.repository.js';
import type { Assignment } from '../core/api/assignments.js';

export async function findAssignmentsOfTaskPage(
  db: Conn, taskId: number, scopePaths: readonly string[], f: { page: number; pageSize: number },
): Promise<{ rows: Assignment[]; total: number }> {
  if (scopePaths.length === 0) return { rows: [], total: 0 };
  const q = db.selectFrom('assignments as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id').where('a.task_id', '=', taskId)
    .where((eb) => eb.or(scopePaths.map((p) => eb('o.path', 'like', `${p}%`))));
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll('a').orderBy('o.path').orderBy('a.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows: rows.map(toAssignment), total: Number(n) };
}
