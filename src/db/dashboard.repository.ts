/**
 * Aggregates for the dashboard, always within the reader's org scope, read from the roll-ups that triggers keep per
 * unit and everything below it (migration 009): a unit's figures are its own roll-up rows, a reader's whole scope the
 * sum over its topmost scope units, so a province or the whole country costs a few hundred rows, not a scan.
 */
import { sql } from 'kysely';
import type { Conn } from './database.js';
import { outermostPaths } from '../core/scope.js';
import { addDays } from '../core/workdays.js';
import type { DashboardCounts } from '../core/api/ledger.js';

/** The label the dashboard gives tasks without a category; the ledger filter reads it back as "no category". */
export const UNCATEGORIZED = '未分类';

/** Ids of the topmost units of the scope paths (a path inside another one would count twice). */
export function scopeRootIds(scopePaths: readonly string[]): number[] {
  return outermostPaths(scopePaths).map((p) => Number(p.split('/').filter(Boolean).pop()));
}

/** How many assignments the units hold with everything below them (from the roll-ups; the units must not overlap). */
export async function countAssignmentsUnder(db: Conn, rootIds: readonly number[]): Promise<number> {
  if (rootIds.length === 0) return 0;
  const row = await db.selectFrom('rollup_status').where('org_unit_id', 'in', [...rootIds]).select(sql<number>`SUM(n)`.as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The figures for the units `rootIds` (each counted with everything below it; they must not overlap) and the bars of
 * `childrenOf`, as of `asOf`.
 */
export async function dashboardCounts(db: Conn, rootIds: readonly number[], opts: { asOf: string; dueWithinDays: number; childrenOf: { id: number; name: string }[] }): Promise<DashboardCounts> {
  if (rootIds.length === 0) return { total: 0, byStatus: {}, byWarning: {}, byCategory: [], byOrg: [], completedByMonth: [], dueSoon: 0 };
  const roots = [...rootIds];
  const n = sql<number>`SUM(n)`;
  const statusRows = await db.selectFrom('rollup_status').where('org_unit_id', 'in', roots)
    .select(['schedule_status', 'warning', n.as('n')]).groupBy(['schedule_status', 'warning']).execute();
  const byStatus: Record<string, number> = {};
  const byWarning: Record<string, number> = {};
  for (const r of statusRows) {
    const count = Number(r.n);
    if (count === 0) continue;
    byStatus[r.schedule_status || 'unknown'] = (byStatus[r.schedule_status || 'unknown'] ?? 0) + count;
    byWarning[r.warning || 'unknown'] = (byWarning[r.warning || 'unknown'] ?? 0) + count;
  }
  const category = sql<string>`COALESCE(t.category, ${sql.lit(UNCATEGORIZED)})`;
  const categories = await db.selectFrom('rollup_task as r').innerJoin('tasks as t', 't.id', 'r.task_id').where('r.org_unit_id', 'in', roots)
    .select([category.as('k'), sql<number>`SUM(r.n)`.as('n'), sql<number>`SUM(CASE WHEN r.is_completed = 1 THEN r.n ELSE 0 END)`.as('done')])
    .groupBy(category).having(sql<number>`SUM(r.n)`, '>', 0).execute();
  const byOrg: DashboardCounts['byOrg'] = [];
  if (opts.childrenOf.length > 0) {
    const rows = await db.selectFrom('rollup_status').where('org_unit_id', 'in', opts.childrenOf.map((c) => c.id))
      .select(['org_unit_id', n.as('n'), sql<number>`SUM(CASE WHEN is_completed = 1 THEN n ELSE 0 END)`.as('done'),
        sql<number>`SUM(CASE WHEN warning = 'red' THEN n ELSE 0 END)`.as('red'), sql<number>`SUM(CASE WHEN warning = 'yellow' THEN n ELSE 0 END)`.as('yellow')])
      .groupBy('org_unit_id').execute();
    const byId = new Map(rows.map((r) => [r.org_unit_id, r]));
    for (const child of opts.childrenOf) {
      const r = byId.get(child.id);
      if (r && Number(r.n) > 0) byOrg.push({ orgUnitId: child.id, orgName: child.name, total: Number(r.n), completed: Number(r.done ?? 0), red: Number(r.red ?? 0), yellow: Number(r.yellow ?? 0) });
    }
  }
  const months = await db.selectFrom('rollup_completed').where('org_unit_id', 'in', roots).select(['month', n.as('n')])
    .groupBy('month').having(n, '>', 0).orderBy('month').execute();
  const until = addDays(opts.asOf, opts.dueWithinDays);
  const dueSoon = await db.selectFrom('rollup_due').where('org_unit_id', 'in', roots).where('deadline_date', '>=', opts.asOf).where('deadline_date', '<=', until)
    .select(n.as('n')).executeTakeFirst();
  let running = 0;
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    byWarning,
    byCategory: categories.map((r) => ({ category: r.k, total: Number(r.n), completed: Number(r.done ?? 0) })),
    byOrg,
    completedByMonth: months.map((r) => ({ month: r.month, completed: (running += Number(r.n)) })),
    dueSoon: Number(dueSoon?.n ?? 0),
  };
}
