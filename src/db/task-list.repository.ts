/**
 * Pages of tasks for the API. A reader sees a task when its plan belongs to their subtree, or when the task has an
 * assignment in their subtree (a county sees the provincial tasks it carries, not the whole provincial plan).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Conn } from './database.js';
import type { Database } from './schema.js';
import { toTask } from './tasks.repository.js';
import type { Task } from '../core/api/tasks.js';
import { containsText } from './text-match.js';
import type { DeadlineKind } from '../core/schedule.js';

type Eb = ExpressionBuilder<Database & { t: Database['tasks']; p: Database['plans']; o: Database['org_units'] }, 't' | 'p' | 'o'>;

export interface TaskFilter {
  scopePaths: readonly string[];
  planId?: number;
  category?: string;
  deadlineKind?: DeadlineKind;
  q?: string;
  sort: 'sortOrder' | 'code' | 'deadline' | 'updated';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** SQL for "the task is visible within these subtrees". */
export function taskVisible(eb: Eb, scopePaths: readonly string[]) {
  const under = (col: string) => sql.join(scopePaths.map((p) => sql`${sql.ref(col)} LIKE ${`${p}%`}`), sql` OR `);
  return eb.or([
    sql<boolean>`(${under('o.path')})`,
    sql<boolean>`EXISTS (SELECT 1 FROM assignments sa INNER JOIN org_units so ON so.id = sa.org_unit_id WHERE sa.task_id = t.id AND (${under('so.path')}))`,
  ]);
}

function visibleTasks(db: Conn, scopePaths: readonly string[]) {
  return db.selectFrom('tasks as t').innerJoin('plans as p', 'p.id', 't.plan_id').innerJoin('org_units as o', 'o.id', 'p.owner_org_id')
    .where((eb: Eb) => taskVisible(eb, scopePaths));
}

export async function findTaskPage(db: Conn, f: TaskFilter): Promise<{ rows: Task[]; total: number }> {
  if (f.scopePaths.length === 0) return { rows: [], total: 0 };
  let q = visibleTasks(db, f.scopePaths);
  if (f.planId) q = q.where('t.plan_id', '=', f.planId);
  if (f.category) q = q.where('t.category', '=', f.category);
  if (f.deadlineKind) q = q.where('t.deadline_kind', '=', f.deadlineKind);
  if (f.q) { const text = f.q; q = q.where((eb) => eb.or([containsText('t.code', text), containsText('t.problem', text), containsText('t.goal', text)])); }
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const column = ({ sortOrder: 't.sort_order', code: 't.code', deadline: 't.deadline_date', updated: 't.updated_at' } as const)[f.sort];
  const rows = await q.selectAll('t').orderBy('t.plan_id').orderBy(column, f.order).orderBy('t.id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows: rows.map(toTask), total: Number(n) };
}

/** True when the task is visible within the subtrees. */
export async function isTaskVisible(db: Conn, taskId: number, scopePaths: readonly string[]): Promise<boolean> {
  if (scopePaths.length === 0) return false;
  return (await visibleTasks(db, scopePaths).select('t.id').where('t.id', '=', taskId).executeTakeFirst()) !== undefined;
}
