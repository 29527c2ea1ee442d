/**
 * The dashboard roll-ups (migration 009) must always equal what a scan of the assignments gives: after inserts,
 * status and completion changes, moves between tasks, deletes, rolled-back transactions and new units, on both
 * dialects. The reference below is the scan the dashboard used before the roll-ups existed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, type OrgTree } from '../helpers/factories.js';
import { insertOrgUnit } from '../../src/db/org-units.repository.js';
import { dashboardCounts } from '../../src/db/dashboard.repository.js';
import { rebuildRollups } from '../../src/db/migrations/009-dashboard-rollups.js';
import type { Kysely } from 'kysely';

type Row = Record<string, string | number>;
const normalize = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'n' ? Number(v) : v])))
  .filter((r) => r.n !== 0).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Every roll-up table, read through a connection (normalized: zero counts dropped, rows sorted). */
async function readRollups(conn: Kysely<unknown>) {
  const read = async (query: string) => normalize((await sql<Row>`${sql.raw(query)}`.execute(conn)).rows);
  return {
    status: await read('SELECT org_unit_id, schedule_status, warning, is_completed, n FROM rollup_status'),
    task: await read('SELECT org_unit_id, task_id, is_completed, n FROM rollup_task'),
    completed: await read('SELECT org_unit_id, month, n FROM rollup_completed'),
    due: await read('SELECT org_unit_id, deadline_date, n FROM rollup_due'),
  };
}

/** The roll-ups as the triggers left them, and as a scan computes them now (rebuilt in a transaction rolled back). */
async function rollupsAndScan(ctx: TestContext) {
  const kept = await readRollups(ctx.db as unknown as Kysely<unknown>);
  let scanned: typeof kept | undefined;
  await ctx.db.transaction().execute(async (tx) => {
    await rebuildRollups(tx as unknown as Kysely<unknown>);
    scanned = await readRollups(tx as unknown as Kysely<unknown>);
    throw new Error('rollback');
  }).catch((e: unknown) => { if (!(e instanceof Error && e.message === 'rollback')) throw e; });
  return { kept, scanned: scanned! };
}

describe.each(DIALECTS)('dashboard roll-ups on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let planId: number;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    planId = (await buildPlan(ctx, tree.province)).plan.id;
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('counts each assignment at its unit and every unit above it', async () => {
    const a = await buildTask(ctx, { planId, org: tree.countyA });
    const rows = await ctx.db.selectFrom('rollup_status').select(['org_unit_id', 'n']).where('schedule_status', '=', a.assignment.scheduleStatus ?? '').execute();
    const byUnit = new Map(rows.map((r) => [r.org_unit_id, Number(r.n)]));
    for (const unit of [tree.countyA, tree.city, tree.province]) expect(byUnit.get(unit.id)).toBe(1);
    expect(byUnit.get(tree.countyB.id)).toBeUndefined();
    expect(byUnit.get(tree.otherCity.id)).toBeUndefined();
  });

  it('stays equal to a scan through inserts, changes, moves, deletes, rollbacks and new units', async () => {
    const built = [];
    for (const org of [tree.countyA, tree.countyB, tree.department, tree.city, tree.otherCity, tree.countyA]) built.push(await buildTask(ctx, { planId, org }));
    const ids = built.map((b) => b.assignment.id);
    // Status, warning, completion (with month) and deadline changes.
    await ctx.db.updateTable('assignments').set({ schedule_status: 'behind_schedule', warning: 'red' }).where('id', '=', ids[0]!).execute();
    await ctx.db.updateTable('assignments').set({ is_completed: 1, completed_at: '2024-05-06', schedule_status: 'completed', warning: 'green' }).where('id', '=', ids[1]!).execute();
    await ctx.db.updateTable('assignments').set({ deadline_date: '2031-06-30' }).where('id', '=', ids[2]!).execute();
    // An update that changes nothing counted, and one that touches every row.
    await ctx.db.updateTable('assignments').set({ latest_progress: '已完成' }).execute();
    await ctx.db.updateTable('assignments').set({ warning: 'yellow' }).where('warning', '=', 'green').execute();
    // Moved to another unit and to another task.
    await ctx.db.updateTable('assignments').set({ org_unit_id: tree.countyB.id }).where('id', '=', ids[3]!).execute();
    await ctx.db.updateTable('assignments').set({ task_id: built[0]!.task.id }).where('id', '=', ids[4]!).execute();
    // Deleted (with what refers to it).
    await ctx.db.deleteFrom('measures').where('assignment_id', '=', ids[5]!).execute();
    await ctx.db.deleteFrom('assignments').where('id', '=', ids[5]!).execute();
    // A change rolled back leaves the counts as they were.
    await ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('assignments').set({ schedule_status: 'overdue', warning: 'red' }).where('id', '=', ids[2]!).execute();
      throw new Error('undo');
    }).catch(() => undefined);
    // A unit created later counts its assignments at its ancestors too.
    const township = await insertOrgUnit(ctx.db, { parentId: tree.countyA.id, code: `T${Date.now()}`, name: '某某镇', kind: 'department' });
    await buildTask(ctx, { planId, org: township });

    const { kept, scanned } = await rollupsAndScan(ctx);
    expect(kept).toEqual(scanned);
    expect(kept.status.length).toBeGreaterThan(5);
  });

  it('gives the dashboard the same figures for a city as counting its rows', async () => {
    const counts = await dashboardCounts(ctx.db, [tree.city.id], { asOf: '2030-12-15', dueWithinDays: 30, childrenOf: [tree.countyA, tree.countyB, tree.department].map((u) => ({ id: u.id, name: u.name })) });
    const rows = await ctx.db.selectFrom('assignments as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .select(['a.schedule_status', 'a.org_unit_id', 'o.path', 'a.is_completed', 'a.deadline_date']).where('o.path', 'like', `${tree.city.path}%`).execute();
    expect(counts.total).toBe(rows.length);
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.schedule_status ?? 'unknown'] = (byStatus[r.schedule_status ?? 'unknown'] ?? 0) + 1;
    expect(counts.byStatus).toEqual(byStatus);
    expect(counts.byOrg.find((o) => o.orgUnitId === tree.countyA.id)?.total).toBe(rows.filter((r) => r.path.startsWith(tree.countyA.path)).length);
    expect(counts.dueSoon).toBe(rows.filter((r) => r.is_completed === 0 && r.deadline_date !== null && r.deadline_date >= '2030-12-15' && r.deadline_date <= '2031-01-14').length);
    expect(counts.dueSoon).toBeGreaterThan(0);
  });
});
