/**
 * `rectify seed-scale` at a small size, on both dialects: the same seed gives the same data (on either database), the
 * generated audit trail verifies, the dashboard roll-ups match the rows, the app reads the result, and a database
 * that already holds a ledger is refused.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { seedScaleDatabase } from '../../src/scale/seed-database.js';
import { statesAsOf } from '../../src/db/state-history.repository.js';
import { DEFAULT_SCALE, type ScaleSummary } from '../../src/scale/seed-scale.js';
import { verifyAuditChain } from '../../src/db/audit.repository.js';
import { getDashboard, getLedgerPage } from '../../src/services/ledger.js';
import { getCasePage } from '../../src/services/cases/case-ledger.js';
import { listMemberships } from '../../src/db/users.repository.js';
import { verifyPassword } from '../../src/services/passwords.js';

const SMALL = { ...DEFAULT_SCALE, provinces: 2, citiesPer: 3, countiesPer: 2, departmentsPer: 1, tasksPer: 6, splitsPer: 2, cases: 900, auditEvents: 4000, asOf: '2026-06-30', password: 'scale-password-1' };

/** A fingerprint of what was generated: the rows that carry the randomness, in id order. */
async function fingerprint(ctx: TestContext): Promise<string> {
  const hash = createHash('sha256');
  const parts = [
    sql<Record<string, unknown>>`SELECT id, org_unit_id, schedule_status, warning, completed_at, search_text FROM assignments ORDER BY id`,
    sql<Record<string, unknown>>`SELECT id, assignment_id, state, as_of, progress FROM progress_reports ORDER BY id`,
    sql<Record<string, unknown>>`SELECT id, case_no, org_unit_id, state, target_name, done_at FROM complaint_cases ORDER BY id`,
    sql<Record<string, unknown>>`SELECT id, hash FROM audit_events ORDER BY id`,
  ];
  for (const q of parts) for (const row of (await q.execute(ctx.db)).rows) hash.update(JSON.stringify(Object.values(row).map((v) => (v === null ? null : String(v as string | number)))));
  return hash.digest('hex');
}

const prints: Record<string, string> = {};

describe.each(DIALECTS)('seed-scale on %s', (dialect) => {
  let a: TestContext;
  let b: TestContext;
  let summary: ScaleSummary;
  beforeAll(async () => {
    [a, b] = [await createTestContext(dialect), await createTestContext(dialect)];
    summary = await seedScaleDatabase(a.config, SMALL);
    await seedScaleDatabase(b.config, SMALL);
  }, 120_000);
  afterAll(async () => { await a.cleanup(); await b.cleanup(); });

  it('writes what it says, down to the number of audit events asked for', async () => {
    const count = async (table: 'org_units' | 'assignments' | 'progress_reports' | 'complaint_cases' | 'audit_events' | 'users') =>
      Number((await a.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    // 2 provinces × (1 + 8 departments + 3 cities × (1 + 2 counties + 1 department)).
    expect(summary.orgUnits).toBe(2 * (1 + 8 + 3 * 4));
    expect(await count('org_units')).toBe(summary.orgUnits);
    // Each task: the lead department's share, and each city's share split to 2 of its units.
    expect(summary.assignments).toBe(2 * 6 * (1 + 3 * 3));
    expect(await count('assignments')).toBe(summary.assignments);
    expect(await count('progress_reports')).toBe(summary.progressReports);
    expect(summary.progressReports).toBeGreaterThan(summary.assignments);
    expect(await count('complaint_cases')).toBe(900);
    expect(await count('audit_events')).toBe(4000);
    expect(await count('users')).toBe(1 + 2 * (2 + 3 * 3));
  });

  it('is the same data for the same seed, on either database', async () => {
    const [first, second] = [await fingerprint(a), await fingerprint(b)];
    expect(second).toBe(first);
    prints[dialect] = first;
    if (prints.sqlite && prints.postgres) expect(prints.postgres).toBe(prints.sqlite);
  });

  it('leaves an audit chain that verifies and roll-ups that match the rows', async () => {
    expect(await verifyAuditChain(a.db)).toMatchObject({ ok: true, count: 4000 });
    const kept = await sql<{ n: number }>`SELECT SUM(n) AS n FROM rollup_status r JOIN org_units o ON o.id = r.org_unit_id WHERE o.kind = 'province'`.execute(a.db);
    expect(Number(kept.rows[0]!.n)).toBe(summary.assignments);
  });

  it('gives every seeded assignment its state history, so as-of reads of the national ledger answer', async () => {
    const states = await a.db.selectFrom('assignment_states').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(states.n)).toBe(summary.assignments);
    expect(await statesAsOf(a.db, '2999-12-31', {})).toHaveLength(summary.assignments);
  });

  it('gives the app a working national ledger: accounts sign in, the dashboard, search and case ledger read it', async () => {
    const national = await a.db.selectFrom('users').selectAll().where('username', '=', 'national').executeTakeFirstOrThrow();
    expect(await verifyPassword(national.password_hash, 'scale-password-1')).toBe(true);
    const memberships = await listMemberships(a.db, national.id);
    expect(memberships).toHaveLength(2);
    const scope = memberships.map((m) => m.orgPath);
    const dashboard = await getDashboard(a, scope);
    expect(dashboard.total).toBe(summary.assignments);
    expect(dashboard.byOrg.reduce((s, o) => s + o.total, 0)).toBe(summary.assignments);
    const search = await getLedgerPage(a, scope, { q: '超低排放改造', sort: 'code', order: 'asc', page: 1, pageSize: 20 });
    expect(search.total).toBeGreaterThan(0);
    const cases = await getCasePage(a, { actor: { id: national.id, name: national.display_name }, memberships }, { page: 1, pageSize: 20, sort: 'deadline' });
    expect(cases.total).toBe(900);
  });

  it('refuses a database that already holds a ledger, and writes nothing', async () => {
    await expect(seedScaleDatabase(a.config, SMALL)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(Number((await a.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(4000);
  });
});
