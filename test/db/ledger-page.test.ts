/**
 * The ledger page at a size where it reads tasks in order and stops at the page (over 2,000 matches) and where it
 * sorts all matches: both must give exactly the order a plain full sort gives, on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { findLedgerPage } from '../../src/db/ledger-page.repository.js';
import type { LedgerFilter } from '../../src/db/assignments.repository.js';
import { insertProvinceRows } from '../helpers/factories.js';

const STATUSES = ['on_schedule', 'behind_schedule', 'completed'] as const;

describe.each(DIALECTS)('the ledger page on %s', (dialect) => {
  let ctx: TestContext;
  const rows: { id: number; planId: number; sortOrder: number; path: string; status: string }[] = [];
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const now = new Date().toISOString();
    const units = await insertProvinceRows(ctx.db, now);
    await ctx.db.insertInto('inspections').values({ id: 1, name: '督察', round: '3', kind: 'central', created_at: now, updated_at: now }).execute();
    await ctx.db.insertInto('plans').values([1, 2].map((id) => ({ id, inspection_id: 1, owner_org_id: 1, title: `方案${id}`, created_at: now, updated_at: now }))).execute();
    // Task sort orders deliberately out of id order, and two plans, so the order is not the insertion order.
    const tasks = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, plan_id: i % 2 ? 1 : 2, code: String(i + 1), sort_order: (i * 7) % 30, problem: `问题${i}`, created_at: now, updated_at: now }));
    await ctx.db.insertInto('tasks').values(tasks).execute();
    const assignments = [];
    let id = 0;
    for (const t of tasks) {
      for (const u of units.slice(1)) {
        const status = STATUSES[(t.id + u.id) % 3]!;
        assignments.push({ id: ++id, task_id: t.id, org_unit_id: u.id, schedule_status: status, search_text: t.problem, created_at: now, updated_at: now });
        rows.push({ id, planId: t.plan_id, sortOrder: t.sort_order, path: u.path, status });
      }
    }
    for (let i = 0; i < assignments.length; i += 500) await ctx.db.insertInto('assignments').values(assignments.slice(i, i + 500)).execute();
  });
  afterAll(async () => { await ctx.cleanup(); });

  /** The reference: every match sorted in memory by plan, task order, unit path, id (descending: the ascending list reversed). */
  function expected(f: { under: string; status?: string; order: 'asc' | 'desc'; page: number; pageSize: number }): number[] {
    const dir = f.order === 'asc' ? 1 : -1;
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return rows.filter((r) => r.path.startsWith(f.under) && (!f.status || r.status === f.status))
      .sort((a, b) => dir * ((a.planId - b.planId) || (a.sortOrder - b.sortOrder) || cmp(a.path, b.path) || a.id - b.id))
      .slice((f.page - 1) * f.pageSize, f.page * f.pageSize).map((r) => r.id);
  }

  const cases: [string, { under: string; status?: string; order: 'asc' | 'desc'; page: number; pageSize: number }][] = [
    ['2,460 matches, first page (read in task order)', { under: '/1/', order: 'asc', page: 1, pageSize: 50 }],
    ['2,460 matches, a later page, descending', { under: '/1/', order: 'desc', page: 7, pageSize: 50 }],
    ['one city (1,230 matches, sorted whole)', { under: '/1/2/', order: 'asc', page: 3, pageSize: 20 }],
    ['one status across the tree (820 matches)', { under: '/1/', status: 'completed', order: 'asc', page: 2, pageSize: 50 }],
  ];
  it.each(cases)('orders %s exactly like a full sort', async (_, f) => {
    const filter: LedgerFilter = { scopePaths: [f.under], scheduleStatus: f.status ? [f.status as never] : undefined, order: f.order, page: f.page, pageSize: f.pageSize };
    const page = await findLedgerPage(ctx.db, dialect, filter);
    expect(page.total).toBe(rows.filter((r) => r.path.startsWith(f.under) && (!f.status || r.status === f.status)).length);
    expect(page.rows.map((r) => r.id)).toEqual(expected(f));
  });

  it('finds the same rows for a Chinese search whether it reads the trigram index (whole ledger) or the subtree\'s text (a small scope)', async () => {
    // Tasks 1 and 10–19 (问题1, 问题10 …) contain 问题1; the system reader has no scope (index), a province reader a small one (scan).
    const byIndex = await findLedgerPage(ctx.db, dialect, { q: '问题1', pageSize: 200 });
    const byScan = await findLedgerPage(ctx.db, dialect, { q: '问题1', scopePaths: ['/1/'], pageSize: 200 });
    const underCity = await findLedgerPage(ctx.db, dialect, { q: '问题1', scopePaths: ['/1/'], orgPath: '/1/2/', pageSize: 200 });
    expect(byIndex.total).toBe(11 * 82);
    expect(byScan.total).toBe(byIndex.total);
    expect(byScan.rows.map((r) => r.id)).toEqual(byIndex.rows.map((r) => r.id));
    expect(underCity.total).toBe(11 * 41);
  });
});
