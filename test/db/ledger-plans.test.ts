/**
 * Every sort the ledger offers (task code, the default; unit; deadline; last update; warning) over a large subtree (over 2,000 matches: below, the matches are sorted whole,
 * a bounded cost) is served by an index on both databases: the plan of the exact page query the repository runs is
 * read with EXPLAIN QUERY PLAN (SQLite) / EXPLAIN (PostgreSQL, after ANALYZE) and must not sort the matches for a
 * 50-row page ("USE TEMP B-TREE FOR ORDER BY" / a Sort node); and the page must be the one a full sort gives.
 * Checked structurally, never timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Insertable } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { findLedgerPage, ledgerPageQuery } from '../../src/db/ledger-page.repository.js';
import type { LedgerFilter } from '../../src/db/assignments.repository.js';
import type { OrgUnitTable } from '../../src/db/schema.js';

const WARNINGS = ['green', 'yellow', 'red'] as const;
const STATUSES = ['on_schedule', 'behind_schedule', 'overdue'] as const;

describe.each(DIALECTS)('the ledger\'s sorts are read from an index on %s', (dialect) => {
  let ctx: TestContext;
  const rows: { id: number; path: string; deadline: string; updated: string; warning: string; rank: number; status: string; inspection: number; code: string; org: string }[] = [];

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const now = new Date().toISOString();
    // Two provinces of two cities of 30 counties; the plans' 70 tasks assigned to every unit: 8,820 assignments,
    // 4,410 in each province.
    const units: (Insertable<OrgUnitTable> & { id: number })[] = [];
    for (let p = 0; p < 2; p++) {
      const province = 1 + p * 100;
      units.push({ id: province, parent_id: null, code: `P${p}`, name: `省${p}`, kind: 'province', path: `/${province}/`, created_at: now, updated_at: now });
      for (let c = 0; c < 2; c++) {
        const city = province + 1 + c * 40;
        units.push({ id: city, parent_id: province, code: `P${p}C${c}`, name: `市${p}-${c}`, kind: 'city', path: `/${province}/${city}/`, created_at: now, updated_at: now });
        for (let k = 1; k <= 30; k++) units.push({ id: city + k, parent_id: city, code: `P${p}C${c}-${k}`, name: `县${p}-${c}-${k}`, kind: 'county', path: `/${province}/${city}/${city + k}/`, created_at: now, updated_at: now });
      }
    }
    await ctx.db.insertInto('org_units').values(units).execute();
    await ctx.db.insertInto('inspections').values([1, 2].map((id) => ({ id, name: `督察${id}`, round: String(id), kind: 'central', created_at: now, updated_at: now }))).execute();
    await ctx.db.insertInto('plans').values([1, 2].map((id) => ({ id, inspection_id: id, owner_org_id: 1, title: `方案${id}`, created_at: now, updated_at: now }))).execute();
    const tasks = Array.from({ length: 70 }, (_, i) => ({ id: i + 1, plan_id: i % 2 ? 1 : 2, code: String(i + 1), sort_order: i, problem: `问题${i}`, created_at: now, updated_at: now }));
    await ctx.db.insertInto('tasks').values(tasks).execute();
    const assignments = [];
    let id = 0;
    for (const t of tasks) {
      for (const u of units) {
        id++;
        // Deadlines and update times spread over the year, many ties, in no relation to the id.
        const deadline = `2026-${String(1 + ((id * 7) % 12)).padStart(2, '0')}-${String(1 + ((id * 13) % 28)).padStart(2, '0')}`;
        const updated = `2026-11-${String(1 + ((id * 11) % 30)).padStart(2, '0')}T08:00:00.000Z`;
        const warning = WARNINGS[(id * 5) % 3]!;
        const status = STATUSES[(id * 3 + t.id) % 3]!;
        assignments.push({ id, task_id: t.id, org_unit_id: u.id, deadline_kind: 'by_date', deadline_date: deadline, schedule_status: status, warning, search_text: t.problem, created_at: now, updated_at: updated });
        // The code order's key (plan, task's place, unit path) and the unit order's (path, plan, place), as strings that compare like the columns (a space sorts before every character of a path).
        const place = String(t.sort_order).padStart(4, '0');
        rows.push({ id, path: u.path, deadline, updated, warning, rank: WARNINGS.indexOf(warning) === 0 ? 2 : WARNINGS.indexOf(warning) === 1 ? 1 : 0, status, inspection: t.plan_id,
          code: `${t.plan_id} ${place} ${u.path}`, org: `${u.path} ${t.plan_id} ${place}` });
      }
    }
    for (let i = 0; i < assignments.length; i += 500) await ctx.db.insertInto('assignments').values(assignments.slice(i, i + 500)).execute();
    await sql.raw('ANALYZE').execute(ctx.db);
  }, 120_000);
  afterAll(async () => { await ctx?.cleanup(); });

  /** The plan's lines, one node or step each. */
  async function plan(f: LedgerFilter, total: number): Promise<string[]> {
    const q = ledgerPageQuery(ctx.db, dialect, f, 'index', total, 50, 0);
    const explain = dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
    const result = await ctx.db.executeQuery<Record<string, unknown>>({ ...q, sql: explain + q.sql });
    return result.rows.map((r) => String(r.detail ?? r['QUERY PLAN']));
  }

  const sortsTheMatches = (lines: string[]) => lines.filter((l) => (dialect === 'sqlite' ? /TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/.test(l) : /(^|->\s+)Sort\s/.test(l.trim()) || /^Sort\s/.test(l.trim())));

  const filters: [string, Omit<LedgerFilter, 'sort' | 'order'>, (r: (typeof rows)[number]) => boolean][] = [
    ['the province, unfiltered', { scopePaths: ['/1/'] }, (r) => r.path.startsWith('/1/')],
    ['a province chosen within a national scope', { scopePaths: ['/1/', '/101/'], orgPath: '/101/' }, (r) => r.path.startsWith('/101/')],
    ['two statuses', { scopePaths: ['/1/'], scheduleStatus: ['on_schedule', 'overdue'] }, (r) => r.path.startsWith('/1/') && r.status !== 'behind_schedule'],
    ['two warnings', { scopePaths: ['/1/'], warning: ['red', 'yellow'] }, (r) => r.path.startsWith('/1/') && r.warning !== 'green'],
    ['a deadline range', { scopePaths: ['/1/'], deadlineFrom: '2026-01-01', deadlineTo: '2026-11-30' }, (r) => r.path.startsWith('/1/') && r.deadline <= '2026-11-30'],
    ['one inspection', { scopePaths: ['/1/'], inspectionId: 2 }, (r) => r.path.startsWith('/1/') && r.inspection === 2],
    ['the second province, by its administrator', { scopePaths: ['/101/'] }, (r) => r.path.startsWith('/101/')],
  ];
  const sorts = [['deadline', 'deadline'], ['updated', 'updated'], ['warning', 'rank'], ['code', 'code'], ['org', 'org']] as const;

  for (const [label, base, matches] of filters) {
    for (const [sort, key] of sorts) {
      for (const order of ['asc', 'desc'] as const) {
        it(`${label}, by ${sort} ${order}: no sort of the matches, the page a full sort gives`, async () => {
          const f: LedgerFilter = { ...base, sort, order, page: 1, pageSize: 50 };
          const { total, rows: page } = await findLedgerPage(ctx.db, dialect, f);
          const all = rows.filter(matches);
          expect(total).toBe(all.length);
          expect(total, 'matches enough to be read in index order').toBeGreaterThan(2000);
          const dir = order === 'asc' ? 1 : -1;
          const want = [...all].sort((a, b) => dir * (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0) || dir * (a.id - b.id)).slice(0, 50).map((r) => r.id);
          expect(page.map((r) => r.id)).toEqual(want);
          const lines = await plan(f, total);
          expect(sortsTheMatches(lines), lines.join('\n')).toEqual([]);
        });
      }
    }
  }
});
