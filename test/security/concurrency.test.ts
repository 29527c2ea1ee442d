/**
 * Many clients at once through the real app: 20 edits of one task at the same version (exactly one wins, the others
 * get 409 with the current state), then 20 progress reports on 20 assignments in parallel (all kept). Afterwards the
 * audit chain verifies, the dashboard adds up, and no "database is locked" or other 500 reached a client.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { signIn } from '../fixtures/api/world.js';
import { verifyAuditChain } from '../../src/db/audit.repository.js';
import { openSqliteFile } from '../../src/db/backup.repository.js';

const WRITERS = 20;

describe.each(DIALECTS)('concurrent writers on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let taskId: number;
  let assignments: number[];
  let admins: Client[];
  let reporters: Client[];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.city);
    assignments = [];
    for (let i = 0; i < WRITERS; i++) {
      const built = await buildTask(t.ctx, { planId: plan.id, org: tree.countyA });
      if (i === 0) taskId = built.task.id;
      assignments.push(built.assignment.id);
    }
    // Five people per role, each signed in from four browsers: 20 sessions a role (password hashing bounds the set-up).
    admins = [];
    reporters = [];
    for (let i = 0; i < 5; i++) {
      const admin = (await buildUser(t.ctx, 'admin', tree.city)).username;
      const reporter = (await buildUser(t.ctx, 'reporter', tree.countyA)).username;
      for (let j = 0; j < WRITERS / 5; j++) {
        admins.push(await signIn(t.app, admin));
        reporters.push(await signIn(t.app, reporter));
      }
    }
  }, 120_000);
  afterAll(async () => { await t.close(); });

  it('lets exactly one of 20 same-version edits win; the rest get 409 with the current state', async () => {
    const results = await Promise.all(admins.map((c, i) => c.patch(`/api/tasks/${taskId}`, { version: 1, goal: `第${i}号客户端的整改目标` })));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(WRITERS - 1);
    const winner = results.find((r) => r.statusCode === 200)!.json<{ goal: string; version: number }>();
    expect(winner.version).toBe(2);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json<{ error: { code: string; details: { current: { goal: string; version: number } } } }>().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { current: { goal: winner.goal, version: 2 } } });
    }
  });

  it('keeps every one of 20 parallel progress reports, with a whole audit chain and a dashboard that adds up', async () => {
    const round = await admins[0]!.post('/api/rounds', { scopeOrgId: tree.countyA.id, referenceDate: '2024-06-12', dueDate: '2099-12-31' });
    expect(round.statusCode, round.body).toBe(201);
    const roundId = round.json<{ id: number }>().id;
    const auditBefore = await verifyAuditChain(t.ctx.db);
    const results = await Promise.all(assignments.map((id, i) => reporters[i]!.post(`/api/assignments/${id}/progress-reports`, { roundId, progress: `第${i}家企业完成整治`, statusText: '达到序时进度' })));
    expect(results.map((r) => r.statusCode), results.map((r) => r.body).find((b) => b.includes('error'))).toEqual(assignments.map(() => 201));
    const stored = await t.ctx.db.selectFrom('progress_reports').select(['assignment_id']).where('round_id', '=', roundId).execute();
    expect(stored.map((r) => r.assignment_id).sort((a, b) => a - b)).toEqual([...assignments].sort((a, b) => a - b));
    const audit = await verifyAuditChain(t.ctx.db);
    expect(audit.ok).toBe(true);
    expect(audit.count).toBeGreaterThanOrEqual((auditBefore.ok ? auditBefore.count : 0) + WRITERS);
    const dashboard = (await admins[1]!.get(`/api/dashboard?orgUnitId=${tree.countyA.id}`)).json<{ total: number; byStatus: Record<string, number> }>();
    const ledger = (await admins[1]!.get(`/api/assignments?orgUnitId=${tree.countyA.id}&pageSize=1`)).json<{ total: number }>();
    expect(dashboard.total).toBe(WRITERS);
    expect(ledger.total).toBe(WRITERS);
    expect(Object.values(dashboard.byStatus).reduce((a, b) => a + b, 0)).toBe(WRITERS);
  });

  it('answers one of 8 simultaneous creations of the same case batch with 201 and the others with 409, never 500', async () => {
    const { inspection } = await buildPlan(t.ctx, tree.city);
    const body = { inspectionId: inspection.id, orgUnitId: tree.city.id, batchNo: `并发-${dialect}`, handedOverAt: '2024-05-06' };
    const answers = await Promise.all(admins.slice(0, 8).map((c) => c.post('/api/case-batches', body)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of answers.filter((a) => a.statusCode === 409)) expect(r.json<{ error: { code: string } }>().error.code).toBe('ALREADY_EXISTS');
    const batches = await t.ctx.db.selectFrom('complaint_batches').select('id').where('batch_no', '=', body.batchNo).execute();
    expect(batches).toHaveLength(1);
  });
});

describe('a database held by another process (sqlite)', () => {
  it('waits for a lock released within busy_timeout instead of failing', async () => {
    const t = await createTestApp('sqlite');
    try {
      const tree = await buildOrgTree(t.ctx);
      const admin = await signIn(t.app, (await buildUser(t.ctx, 'admin', tree.city)).username);
      // Another process takes the write lock, says so, and lets go shortly after.
      const dbPath = t.ctx.config.database.kind === 'sqlite' ? t.ctx.config.database.path : '';
      const holder = spawn(process.execPath, ['-e', `const db = new (require('better-sqlite3'))(${JSON.stringify(dbPath)}); db.exec('BEGIN IMMEDIATE'); console.log('locked'); setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, 500);`], { cwd: process.cwd() });
      await new Promise<void>((resolve, reject) => { holder.stdout.once('data', () => resolve()); holder.once('exit', (code) => reject(new Error(`lock holder exited ${code}`))); });
      const res = await admin.post('/api/org-units', { parentId: tree.city.id, code: 'WAIT1', name: '等锁的单位', kind: 'department' });
      await new Promise((r) => holder.exitCode === null ? holder.once('exit', r) : r(null));
      expect(res.statusCode, res.body).toBe(201);
    } finally { await t.close(); }
  });

  it('answers 503 DATABASE_BUSY with a retry hint, not a 500, once the lock wait runs out', async () => {
    const t = await createTestApp('sqlite');
    const other = openSqliteFile(t.ctx.config.database.kind === 'sqlite' ? t.ctx.config.database.path : '');
    try {
      const tree = await buildOrgTree(t.ctx);
      const admin = await signIn(t.app, (await buildUser(t.ctx, 'admin', tree.city)).username);
      // Another process (here: a second connection) holds the write lock longer than busy_timeout waits.
      other.exec('BEGIN IMMEDIATE');
      const res = await admin.post('/api/org-units', { parentId: tree.city.id, code: 'BUSY1', name: '被锁住时新建的单位', kind: 'department' });
      other.exec('ROLLBACK');
      expect(res.statusCode, res.body).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'DATABASE_BUSY', message: expect.stringMatching(/重试/) });
      expect((await admin.post('/api/org-units', { parentId: tree.city.id, code: 'BUSY1', name: '被锁住时新建的单位', kind: 'department' })).statusCode).toBe(201);
    } finally { other.close(); await t.close(); }
  }, 30_000);
});
