/**
 * Two real server processes (`rectify serve`) on one PostgreSQL database and one evidence directory, as behind a
 * load balancer (docs/deployment.md): a session made on one works on the other and ends on both; jobs raced for by
 * both workers each run once, with each notification and each webhook delivery made once; a file uploaded through
 * one downloads through the other, also when both store the same content at once; failed sign-ins from one address
 * are counted together; the daily reminder sweep runs once between both workers, each reminder made and delivered
 * once; writes through both at once leave one audit chain, unbroken and numbered without gaps, that verifies against
 * the checkpoints both instances wrote. PostgreSQL only (several instances need it); under CI=true it must run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { TEST_PASSWORD, buildOrgTree, buildPlan, buildTask, buildUser } from '../helpers/factories.js';
import { startWebhookServer, type WebhookServer } from '../services/support/local-servers.js';
import { enqueueJob } from '../../src/db/jobs.repository.js';
import { insertSubmittedReport } from '../../src/db/progress-reports.repository.js';
import { JOB_KINDS } from '../../src/services/follow-up-jobs.js';
import { call, sessionOn, signIn, startInstance, type Instance } from './instances.js';
import { chinaDate } from '../../src/core/calendar-date.js';
import { addDays } from '../../src/core/workdays.js';
import { verifyAudit } from '../../src/services/audit.js';
import { readCheckpointFiles } from '../../src/storage/audit-checkpoints.js';

const JOBS = 200;
const POLL_MS = 150;

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, diagnostics: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${diagnostics()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!DIALECTS.includes('postgres'))('two instances on one PostgreSQL', () => {
  let ctx: TestContext;
  let webhook: WebhookServer;
  let a: Instance, b: Instance;
  let assignmentId: number;
  let dueSoonId: number;
  let reporter: { id: number; username: string };
  let admin: { id: number; username: string };
  const outputs = () => [a, b].map((i) => `--- ${i?.name} ---\n${i?.output() ?? ''}`).join('\n');

  beforeAll(async () => {
    webhook = await startWebhookServer();
    ctx = await createTestContext('postgres');
    const tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.province);
    assignmentId = (await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '12' })).assignment.id;
    // Due in three days: the first daily sweep (whichever worker takes it) reminds county A's reporters once.
    const due = addDays(chinaDate(new Date()), 3);
    dueSoonId = (await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '13', fields: { deadlineKind: 'by_date', deadlineDate: due } })).assignment.id;
    reporter = await buildUser(ctx, 'reporter', tree.countyA, 'xinbin-reporter');
    admin = await buildUser(ctx, 'admin', tree.countyA, 'xinbin-admin');
    if (ctx.config.database.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
    const env = {
      databaseUrl: ctx.config.database.url, storageDir: ctx.config.storageDir, secretKey: ctx.config.secretKey!,
      // Checkpoints every pass would be too many: one a minute, and one as each instance stops.
      pollMs: POLL_MS, extra: { WEBHOOK_URL: webhook.url, TRUST_PROXY: '1', AUDIT_CHECKPOINT_MINUTES: '1' },
    };
    [a, b] = await Promise.all([startInstance('A', env), startInstance('B', env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await webhook?.close();
    await ctx?.cleanup();
  });

  it('accepts a session made on A for reads and CSRF-checked writes on B, and signing out on B ends it on A', async () => {
    const session = await sessionOn(a, admin.username, TEST_PASSWORD);
    const me = await call(b, session, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe(admin.username);

    const read = await call(b, session, 'GET', `/api/assignments/${assignmentId}`);
    expect(read.status).toBe(200);
    const { version } = ((await read.json()) as { assignment: { version: number } }).assignment;
    // B checks the CSRF token A issued: without it the write is refused, with it the write goes through.
    const patch = { version, responsiblePerson: '王建国' };
    const forged = await call(b, session, 'PATCH', `/api/assignments/${assignmentId}`, { json: patch, csrf: false });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('CSRF_FAILED');
    const written = await call(b, session, 'PATCH', `/api/assignments/${assignmentId}`, { json: patch });
    expect(written.status, await written.clone().text()).toBe(200);
    const onA = await call(a, session, 'GET', `/api/assignments/${assignmentId}`);
    expect(((await onA.json()) as { assignment: { responsiblePerson: string } }).assignment.responsiblePerson).toBe('王建国');

    expect((await call(b, session, 'POST', '/api/auth/sign-out')).status).toBe(204);
    expect((await call(a, session, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await call(b, session, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it(`runs each of ${JOBS} jobs once when both workers race for them, each notification and delivery once`, async () => {
    const reportId = await insertSubmittedReport(ctx.db, {
      assignmentId, roundId: null, submittedBy: reporter.id, periodLabel: '2026年11月', asOf: '2026-11-30', progress: '已完成。',
      problems: null, nextSteps: null, statusText: '达到序时进度', statusCode: 'on_schedule', evidenceIds: [],
    });
    // Each job says "report returned at version i": its notification (and its webhook message) has a key of its own,
    // so a job run twice would show as a second attempt, and a message sent twice as a second webhook call.
    await ctx.db.transaction().execute(async (tx) => {
      for (let i = 1; i <= JOBS; i++) {
        await enqueueJob(tx, { kind: JOB_KINDS.reportEvent, payload: { reportId, event: 'returned', version: i }, dedupeKey: `scale-test:${reportId}:${i}` });
      }
    });
    const ours = () => ctx.db.selectFrom('jobs').select(['id', 'state', 'attempts', 'locked_by', 'error']).where('dedupe_key', 'like', `scale-test:${reportId}:%`).execute();
    const delivered = () => webhook.received.filter((m) => String(m.dedupeKey).startsWith(`report-returned:${reportId}:`));
    await waitFor('the jobs to run and their messages to be delivered', async () => {
      const jobs = await ours();
      return jobs.every((j) => j.state === 'done' || j.state === 'failed') && delivered().length >= JOBS;
    }, 35_000, outputs);
    // Give a job or message taken twice the time to show up.
    await new Promise((r) => setTimeout(r, 4 * POLL_MS));

    const jobs = await ours();
    expect(jobs).toHaveLength(JOBS);
    expect(jobs.filter((j) => j.state !== 'done' || j.attempts !== 1 || j.error !== null)).toEqual([]);
    // Worker ids are w-<pid>-<random>: both processes took a share.
    const byPid = new Map<number, number>();
    for (const j of jobs) {
      const pid = Number(/^w-(\d+)-/.exec(j.locked_by ?? '')?.[1]);
      byPid.set(pid, (byPid.get(pid) ?? 0) + 1);
    }
    expect([...byPid.keys()].sort()).toEqual([a.pid, b.pid].sort());
    expect(Math.min(...byPid.values())).toBeGreaterThan(0);

    const notifications = await ctx.db.selectFrom('notifications').select(['dedupe_key', 'user_id'])
      .where('kind', '=', 'report_returned').execute();
    expect(notifications).toHaveLength(JOBS);
    expect(new Set(notifications.map((n) => n.dedupe_key)).size).toBe(JOBS);
    expect(notifications.every((n) => n.user_id === reporter.id)).toBe(true);

    const outbox = await ctx.db.selectFrom('outbox').select(['state', 'attempts']).where('dedupe_key', 'like', `report-returned:${reportId}:%`).execute();
    expect(outbox).toHaveLength(JOBS);
    expect(outbox.filter((m) => m.state !== 'sent' || m.attempts !== 1)).toEqual([]);
    const sent = delivered();
    expect(sent).toHaveLength(JOBS);
    expect(new Set(sent.map((m) => m.dedupeKey)).size).toBe(JOBS);
  }, 45_000);

  it('serves through B an evidence file uploaded through A, also when both store the same content at once', async () => {
    const session = await sessionOn(a, reporter.username, TEST_PASSWORD);
    const upload = (on: Instance, name: string, text: string) => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from(text, 'utf8')], { type: 'text/plain' }), name);
      return call(on, session, 'POST', `/api/assignments/${assignmentId}/evidence`, { body: form });
    };
    const download = async (on: Instance, id: number) => {
      const res = await call(on, session, 'GET', `/api/evidence/${id}`);
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer()).toString('utf8');
    };

    const text = '整改现场核查记录：已完成燃煤锅炉淘汰，共计 12 台。\n';
    const res = await upload(a, '现场核查记录.txt', text);
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: number };
    expect(await download(b, id)).toBe(text);

    // The same bytes stored by both processes at the same moment: one blob, complete, readable through either.
    const same = `${'同一份材料，两个实例同时保存。'.repeat(20_000)}\n`;
    const both = await Promise.all([upload(a, '甲.txt', same), upload(b, '乙.txt', same)]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const [fromA, fromB] = (await Promise.all(both.map((r) => r.json()))) as { id: number; sha256: string }[];
    expect(fromA!.sha256).toBe(fromB!.sha256);
    expect(await download(b, fromA!.id)).toBe(same);
    expect(await download(a, fromB!.id)).toBe(same);

    const leftovers = fs.readdirSync(ctx.config.storageDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    const blob = path.join(ctx.config.storageDir, fromA!.sha256.slice(0, 2), fromA!.sha256.slice(2, 4), fromA!.sha256);
    expect(fs.statSync(blob).size).toBe(Buffer.byteLength(same));
  });

  it('counts failed sign-ins from one address on A and B together (10 a minute in all)', async () => {
    // The instances believe one proxy's X-Forwarded-For (TRUST_PROXY=1, as behind the load balancer): one client address for all.
    const from = { 'x-forwarded-for': '198.51.100.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn(i % 2 === 0 ? a : b, 'nobody', 'wrong-password', from)).status);
    expect(statuses).toEqual(Array<number>(10).fill(401));
    // Each instance has seen only five, yet both refuse the eleventh and later attempts.
    expect((await signIn(a, 'nobody', 'wrong-password', from)).status).toBe(429);
    expect((await signIn(b, 'nobody', 'wrong-password', from)).status).toBe(429);
    // Other addresses are not affected.
    expect((await signIn(b, 'nobody', 'wrong-password', { 'x-forwarded-for': '198.51.100.8' })).status).toBe(401);
  });

  it('runs the daily reminder sweep once between both workers: each reminder made once and delivered once', async () => {
    const sweeps = () => ctx.db.selectFrom('jobs').select(['state', 'attempts', 'dedupe_key']).where('kind', '=', JOB_KINDS.remindersSweep).execute();
    const reminders = () => ctx.db.selectFrom('notifications').select(['user_id', 'dedupe_key']).where('dedupe_key', 'like', `deadline-soon:${dueSoonId}:%`).execute();
    const sent = () => webhook.received.filter((m) => String(m.dedupeKey).startsWith(`deadline-soon:${dueSoonId}:`));
    await waitFor('the sweep to run and its reminders to be delivered', async () => {
      const jobs = await sweeps();
      return jobs.length > 0 && jobs.every((j) => j.state === 'done') && sent().length >= 2;
    }, 35_000, outputs);
    await new Promise((r) => setTimeout(r, 4 * POLL_MS));
    const jobs = await sweeps();
    // One sweep a day whoever enqueues it (both workers try), run once.
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ state: 'done', attempts: 1 });
    const made = await reminders();
    // County A's reporter and administrator, once each.
    expect(made.map((n) => n.user_id).sort()).toEqual([reporter.id, admin.id].sort());
    expect(sent()).toHaveLength(made.length);
  }, 45_000);

  it('keeps one audit chain under writes through both at once, numbered without gaps and matching both instances\' checkpoints', async () => {
    const sessionA = await sessionOn(a, admin.username, TEST_PASSWORD);
    const sessionB = await sessionOn(b, admin.username, TEST_PASSWORD);
    const before = Number((await ctx.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const writes = Array.from({ length: 40 }, (_, i) => call(i % 2 === 0 ? a : b, i % 2 === 0 ? sessionA : sessionB, 'POST', `/api/assignments/${assignmentId}/measures`, { json: { text: `两实例同时写入的措施${i}` } }));
    const statuses = (await Promise.all(writes)).map((r) => r.status);
    expect(statuses).toEqual(Array<number>(40).fill(201));
    const events = await ctx.db.selectFrom('audit_events').select(['seq', 'prev_hash', 'hash']).orderBy('id').execute();
    expect(events.length).toBeGreaterThanOrEqual(before + 40);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i]!.prev_hash).toBe(events[i - 1]!.hash);
    // Each instance writes a checkpoint of the head as it stops; both must agree with the one chain.
    await Promise.all([a.close(), b.close()]);
    const { checkpoints } = await readCheckpointFiles(ctx.config.audit.checkpointDir);
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(await verifyAudit(ctx)).toMatchObject({ ok: true, keyed: true, checkpoints: checkpoints.length });
  }, 45_000);
});
