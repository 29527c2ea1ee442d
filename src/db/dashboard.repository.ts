/** Aggregates for the dashboard, always within the reader's org scope. */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Conn } from './database.js';
import type { Database } from './schema.js';

/** The label the dashboard gives tasks without a category; the ledger filter reads it back as "no category". */
export const UNCATEGORIZED = '未分类';

type Eb = ExpressionBuilder<Database & { a: Database['assignments']; o: Database['org_units']; t: Database['tasks'] }, 'a' | 'o' | 't'>;

function scoped(db: Conn, scopePaths: readonly string[], orgPath?: string) {
  let q = db.selectFrom('assignments as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id').innerJoin('tasks as t', 't.id', 'a.task_id');
  q = q.where((eb: Eb) => eb.or(scopePaths.map((p) => eb('o.path', 'like', `${p}%`))));
  if (orgPath) q = q.where('o.path', 'like', `${orgPath}%`);
  return q;
}

export interface DashboardCounts {
  total: number;
  byStatus: Record<string, number>;
  byWarning: Record<string, number>;
  byCategory: { category: string; total: number; completed: number }[];
  byOrg: { orgUnitId: number; orgName: string; total: number; completed: number; red: number; yellow: number }[];
  completedByMonth: { month: string; completed: number }[];
  dueSoon: number;
}

export async function dashboardCounts(db: Conn, scopePaths: readonly string[], opts: { orgPath?: string; asOf: string; dueWithinDays: number; childrenOf: { id: number; name: string; path: string }[] }): Promise<DashboardCounts> {
  if (scopePaths.length === 0) return { total: 0, byStatus: {}, byWarning: {}, byCategory: [], byOrg: [], completedByMonth: [], dueSoon: 0 };
  const base = () => scoped(db, scopePaths, opts.orgPath);
  const status = await base().select(['a.schedule_status as k', (eb) => eb.fn.countAll().as('n')]).groupBy('a.schedule_status').execute();
  const warning = await base().select(['a.warning as k', (eb) => eb.fn.countAll().as('n')]).groupBy('a.warning').execute();
  const completedExpr = sql<number>`SUM(CASE WHEN a.is_completed = 1 THEN 1 ELSE 0 END)`;
  const category = await base().select([sql<string>`COALESCE(t.category, ${sql.lit(UNCATEGORIZED)})`.as('k'), (eb) => eb.fn.countAll().as('n'), completedExpr.as('done')])
    .groupBy(sql`COALESCE(t.category, ${sql.lit(UNCATEGORIZED)})`).execute();
  const byOrg: DashboardCounts['byOrg'] = [];
  for (const child of opts.childrenOf) {
    const r = await scoped(db, scopePaths, child.path).select([(eb) => eb.fn.countAll().as('n'), completedExpr.as('done'),
      sql<number>`SUM(CASE WHEN a.warning = 'red' THEN 1 ELSE 0 END)`.as('red'), sql<number>`SUM(CASE WHEN a.warning = 'yellow' THEN 1 ELSE 0 END)`.as('yellow')]).executeTakeFirstOrThrow();
    if (Number(r.n) > 0) byOrg.push({ orgUnitId: child.id, orgName: child.name, total: Number(r.n), completed: Number(r.done ?? 0), red: Number(r.red ?? 0), yellow: Number(r.yellow ?? 0) });
  }
  const month = sql<string>`SUBSTR(a.completed_at, 1, 7)`;
  const months = await base().where('a.completed_at', 'is not', null).select([month.as('m'), (eb) => eb.fn.countAll().as('n')]).groupBy(month).orderBy(month).execute();
  const until = new Date(Date.parse(`${opts.asOf}T00:00:00Z`) + opts.dueWithinDays * 86_400_000).toISOString().slice(0, 10);
  const dueSoon = await base().where('a.is_completed', '=', 0).where('a.deadline_date', '>=', opts.asOf).where('a.deadline_date', '<=', until)
    .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const toRecord = (rows: { k: string | null; n: unknown }[]) => Object.fromEntries(rows.map((r) => [r.k ?? 'unknown', Number(r.n)]));
  const byStatus = toRecord(status);
  let running = 0;
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    byWarning: toRecord(warning),
    byCategory: category.map((r) => ({ category: r.k, total: Number(r.n), completed: Number(r.done ?? 0) })),
    byOrg,
    completedByMonth: months.map((r) => ({ month: r.m, completed: (running += Number(r.n)) })),
    dueSoon: Number(dueSoon.n),
  };
}
