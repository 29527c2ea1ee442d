import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';
import { verifyAudit } from '../../src/services/audit.js';

interface Event { id: number; action: string; entityType: string; entityId: string; assignmentId: number | null }
interface AuditPage { items: Event[]; nextBeforeId: number | null }

const BIN = path.resolve(import.meta.dirname, '../../bin/rectify.js');
const run = promisify(execFile);

/** Runs `rectify audit verify` against the test database, as an operator would; never throws on a non-zero exit. */
async function auditVerify(t: TestApp): Promise<{ code: number; stdout: string; stderr: string }> {
  const db = t.ctx.config.database;
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, LOAD_SAMPLE: 'false', STORAGE_DIR: t.ctx.config.storageDir, SECRET_KEY: t.ctx.config.secretKey!, ...(db.kind === 'sqlite' ? { SQLITE_PATH: db.path } : { DATABASE_URL: db.url }) };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'audit', 'verify'], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe.each(DIALECTS)('the audit trail on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
    await as.cityAdmin.patch(`/api/org-units/${w.tree.city.id}`, { version: 1, sortOrder: 2 });
    await as.countyAAdmin.patch(`/api/assignments/${w.countyAShare}`, { version: 2, responsiblePerson: '张三' });
    await as.countyBAdmin.post(`/api/assignments/${w.countyBShare}/measures`, { text: '清原县污水处理厂提标改造' });
    await as.otherCityAdmin.post('/api/org-units', { parentId: w.tree.otherCity.id, code: `SY-HP-${dialect}`, name: '和平区', kind: 'county' });
  });
  afterAll(async () => { await t.close(); });

  it('shows an administrator the events of their subtree only', async () => {
    const city = (await as.cityAdmin.get('/api/audit?limit=200')).json<AuditPage>();
    const actions = city.items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['org_unit.update', 'assignment.update', 'measure.create']));
    expect(city.items.some((e) => e.action === 'org_unit.create' && e.entityType === 'org_unit')).toBe(false);
    const countyA = (await as.countyAAdmin.get('/api/audit?limit=200')).json<AuditPage>();
    expect(countyA.items.map((e) => e.action)).toContain('assignment.update');
    expect(countyA.items.map((e) => e.action)).not.toContain('measure.create');
    expect(countyA.items.map((e) => e.action)).not.toContain('org_unit.update');
  });

  it('keeps events tied to no unit (sign-ins) for administrators of the whole tree', async () => {
    expect((await as.cityAdmin.get('/api/audit?action=session.sign_in')).json<AuditPage>().items).toEqual([]);
    expect((await as.provinceAdmin.get('/api/audit?action=session.sign_in')).json<AuditPage>().items.length).toBeGreaterThan(5);
  });

  it('filters by entity and assignment, and pages by id', async () => {
    const one = (await as.cityAdmin.get(`/api/audit?entityType=assignment&entityId=${w.countyAShare}`)).json<AuditPage>();
    expect(one.items.map((e) => e.action)).toEqual(['assignment.update']);
    const byAssignment = (await as.cityAdmin.get(`/api/audit?assignmentId=${w.countyBShare}`)).json<AuditPage>();
    expect(byAssignment.items.map((e) => e.action)).toEqual(['measure.create']);
    const first = (await as.provinceAdmin.get('/api/audit?limit=3')).json<AuditPage>();
    expect(first.items).toHaveLength(3);
    const second = (await as.provinceAdmin.get(`/api/audit?limit=3&beforeId=${first.nextBeforeId}`)).json<AuditPage>();
    expect(Math.max(...second.items.map((e) => e.id))).toBeLessThan(Math.min(...first.items.map((e) => e.id)));
  });

  it('is for administrators only', async () => {
    for (const who of ['countyAReporter', 'countyAReviewer', 'countyAViewer'] as const) {
      expect((await as[who].get('/api/audit')).statusCode).toBe(403);
    }
    expect((await as.cityAdmin.get('/api/audit?limit=0')).statusCode).toBe(400);
  });

  it('`rectify audit verify` passes on an untouched database and names the edited event after tampering', { timeout: 120_000 }, async () => {
    const clean = await auditVerify(t);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/审计链完整：\d+ 条事件校验通过/);
    expect(await verifyAudit(t.ctx)).toMatchObject({ ok: true });

    const victim = (await as.cityAdmin.get(`/api/audit?entityType=assignment&entityId=${w.countyAShare}`)).json<AuditPage>().items[0]!;
    // The database refuses the edit while the append-only trigger stands.
    await expect(sql`UPDATE audit_events SET after = ${'{"responsiblePerson":"李四"}'} WHERE id = ${victim.id}`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    if (dialect === 'sqlite') await sql`DROP TRIGGER audit_no_update`.execute(t.ctx.db);
    else await sql`DROP TRIGGER audit_no_change ON audit_events`.execute(t.ctx.db);
    await sql`UPDATE audit_events SET after = ${'{"responsiblePerson":"李四"}'} WHERE id = ${victim.id}`.execute(t.ctx.db);

    const tampered = await auditVerify(t);
    expect(tampered.code).not.toBe(0);
    expect(tampered.stderr).toContain(`第 ${victim.id} 号事件`);
    expect(await verifyAudit(t.ctx)).toMatchObject({ ok: false, badEventId: victim.id });
  });
});
