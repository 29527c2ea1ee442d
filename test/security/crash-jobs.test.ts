/**
 * The job queue across crashes of the real server (`rectify serve`, whose worker runs the jobs and delivers the
 * outbox to a webhook receiver here): SIGKILLed after some of the queued event jobs are done (the kill lands wherever
 * the worker is), while a long job runs (a schedule refresh over a big ledger), and while a message is being sent
 * (the receiver holds it unanswered). After each restart the dead worker's claims expire (their lease runs out) and
 * the queue resumes: every job ends done, each one run again only if a kill cut its run off, each notification
 * created once with one outbox message, every message delivered at least once and repeated only when a kill cut
 * its send off, with its dedupe key for the receiver to drop the repeat. Before this, a job cut off stayed 'running'
 * for 30 minutes and a message cut off stayed 'sending' forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildDoneTask, buildOrgTree, buildPlan, buildUser } from '../helpers/factories.js';
import { expireDeadLeases, serverEnv, startReceiver, startServer, waitForQueueDrained, type Receiver, type ServerRun } from '../helpers/crash-server.js';
import { PDF } from '../fixtures/evidence/samples.js';
import { listMemberships } from '../../src/db/users.repository.js';
import { claimNextJob, enqueueJob, JOB_LEASE_MS, markJobDone, renewJobLease, requeueExpiredJobs, RUN_AT_ONCE } from '../../src/db/jobs.repository.js';
import { claimOutboxMessage, insertOutboxMessage, markOutboxSent, OUTBOX_LEASE_MS, requeueExpiredOutbox } from '../../src/db/outbox.repository.js';
import { applyForClosure } from '../../src/services/closure/apply.js';
import { JOB_KINDS } from '../../src/services/follow-up-jobs.js';
import { whileRenewing } from '../../src/jobs/lease.js';

const EVENTS = 30;
/** Open assignments the long job refreshes: enough for it to run for a good part of a second. */
const LEDGER = 1500;
const REFRESH_KEY = 'crash-test:refresh';

describe.each(DIALECTS)('the job queue across crashes on %s', (dialect) => {
  let ctx: TestContext;
  let receiver: Receiver;
  let env: NodeJS.ProcessEnv;
  let server: ServerRun | undefined;
  /** Per job id: how many kills cut its run off. */
  const cutOff = new Map<number, number>();
  const cutOffSends = new Set<number>();

  const poll = async (what: string, test: () => Promise<boolean>, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await test())) {
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}:\n${server?.output() ?? ''}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const doneEvents = async () => Number((await ctx.db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', JOB_KINDS.closureEvent).where('state', '=', 'done').executeTakeFirstOrThrow()).n);
  const refreshState = async () => (await ctx.db.selectFrom('jobs').select('state').where('dedupe_key', '=', REFRESH_KEY).executeTakeFirstOrThrow()).state;

  /** After a kill: note what the dead worker held and let its leases run out. */
  async function afterKill(): Promise<{ running: number[]; sending: number[] }> {
    const held = await expireDeadLeases(ctx);
    for (const id of held.running) cutOff.set(id, (cutOff.get(id) ?? 0) + 1);
    for (const id of held.sending) cutOffSends.add(id);
    return held;
  }

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.province);
    const reporter = await buildUser(ctx, 'reporter', tree.countyA);
    await buildUser(ctx, 'reviewer', tree.city);
    const access = { actor: { id: reporter.id, name: reporter.username }, memberships: await listMemberships(ctx.db, reporter.id) };
    // Applications made while no worker runs: each queues one notice to the city's reviewer.
    for (let i = 0; i < EVENTS; i++) {
      const { assignment } = await buildDoneTask(ctx, { planId: plan.id, org: tree.countyA, evidence: { name: '验收材料.pdf', data: PDF } });
      await applyForClosure(ctx, access, { subjectType: 'assignment', subjectId: assignment.id });
    }
    // A big ledger, written directly (its schedules are for the refresh job to compute).
    await ctx.db.transaction().execute(async (tx) => {
      const now = new Date().toISOString();
      for (let start = 0; start < LEDGER; start += 250) {
        const n = Math.min(250, LEDGER - start);
        const tasks = await tx.insertInto('tasks').values(Array.from({ length: n }, (_, k) => ({
          plan_id: plan.id, code: `L${start + k}`, number: 10_000 + start + k, problem: `台账问题${start + k}`, deadline_kind: 'by_date', deadline_date: '2030-12-31', created_at: now, updated_at: now,
        }))).returning('id').execute();
        await tx.insertInto('assignments').values(tasks.map((t, k) => ({
          task_id: t.id, org_unit_id: k % 2 ? tree.countyA.id : tree.countyB.id, deadline_kind: 'by_date', deadline_date: '2030-12-31', status_text: '正在推进', search_text: `L${start + k}`, created_at: now, updated_at: now,
        }))).execute();
      }
    });
    // The long job, queued after the events (same due time, later id).
    await enqueueJob(ctx.db, { kind: JOB_KINDS.scheduleRefresh, payload: {}, runAt: RUN_AT_ONCE, dedupeKey: REFRESH_KEY });
    receiver = await startReceiver();
    env = serverEnv(ctx, { WEBHOOK_URL: receiver.url, JOB_POLL_MS: '200' });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    await ctx?.cleanup();
  });

  it('resumes after kills mid-pass, mid-job and mid-send: every job done, each notice created once and delivered at least once', async () => {
    // 1. Killed once a third of the event jobs are done: wherever the worker then is.
    server = await startServer(env);
    await poll('a third of the event jobs done', async () => (await doneEvents()) >= EVENTS / 3);
    await server.kill();
    const first = await afterKill();
    const doneAtFirstKill = await doneEvents();

    // 2. Killed while the long job runs: it is left 'running' by a worker that no longer exists.
    server = await startServer(env);
    await poll('the long job running', async () => (await refreshState()) === 'running');
    await server.kill();
    const second = await afterKill();
    expect(second.running, 'the kill landed while the long job ran').not.toHaveLength(0);

    // 3. Killed while the receiver holds the fifth message of the delivery unanswered.
    const killedMidSend = new Promise<void>((resolve) => { receiver.onHold = () => { void server!.kill().then(resolve); }; });
    receiver.holdNth = receiver.received.length + 5;
    server = await startServer(env);
    await killedMidSend;
    const third = await afterKill();
    expect(third.sending, 'the kill landed while a message was being sent').toHaveLength(1);
    receiver.holdNth = 0;

    // 4. The queue resumes and drains.
    server = await startServer(env);
    await waitForQueueDrained(ctx, 30_000);
    console.info(`jobs on ${dialect}: first kill after ${doneAtFirstKill} of ${EVENTS} event jobs done (held ${JSON.stringify(first)}), `
      + `second mid-refresh (held ${JSON.stringify(second)}), third mid-send (held ${JSON.stringify(third)}); ${receiver.received.length} deliveries`);

    const jobs = await ctx.db.selectFrom('jobs').select(['id', 'kind', 'state', 'attempts', 'locked_by', 'dedupe_key']).execute();
    expect(jobs.filter((j) => j.state !== 'done').map((j) => [j.kind, j.state, j.attempts])).toEqual([]);
    // Run again only where a kill cut the run off: a finished job was never picked up a second time.
    expect(jobs.map((j) => [j.dedupe_key, j.attempts])).toEqual(jobs.map((j) => [j.dedupe_key, 1 + (cutOff.get(j.id) ?? 0)]));
    expect(jobs.find((j) => j.dedupe_key === REFRESH_KEY)?.attempts).toBe(2);

    const steps = await ctx.db.selectFrom('closure_steps').select('id').execute();
    const notifications = await ctx.db.selectFrom('notifications').select('dedupe_key').execute();
    expect(notifications.map((n) => n.dedupe_key.replace(/:u\d+$/, '')).sort()).toEqual(steps.map((s) => `closure-step:${s.id}`).sort());
    const outbox = await ctx.db.selectFrom('outbox').select(['id', 'dedupe_key', 'state', 'attempts']).execute();
    expect(outbox.map((m) => m.dedupe_key).sort()).toEqual(notifications.map((n) => `${n.dedupe_key}:webhook`).sort());
    expect(outbox.map((m) => [m.id, m.state, m.attempts])).toEqual(outbox.map((m) => [m.id, 'sent', cutOffSends.has(m.id) ? 2 : 1]));
    // At least once: every message arrived; the one whose send a kill cut off arrived twice, with the same dedupe key.
    const arrivals = new Map<string, number>();
    for (const r of receiver.received) arrivals.set(r.dedupeKey, (arrivals.get(r.dedupeKey) ?? 0) + 1);
    const repeated = outbox.filter((m) => cutOffSends.has(m.id)).map((m) => m.dedupe_key);
    expect(outbox.map((m) => [m.dedupe_key, arrivals.get(m.dedupe_key)])).toEqual(outbox.map((m) => [m.dedupe_key, repeated.includes(m.dedupe_key) ? 2 : 1]));
    expect(receiver.received.every((r) => r.idempotencyKey === r.dedupeKey)).toBe(true);
    await server.stop();
    server = undefined;
  }, 120_000);
});

describe.each(DIALECTS)('job and outbox leases on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await createTestContext(dialect); });
  afterAll(async () => { await ctx?.cleanup(); });

  it('keeps a renewed lease, requeues an expired one, and fences the worker that lost it off', async () => {
    await enqueueJob(ctx.db, { kind: 'lease.probe', payload: {}, dedupeKey: 'lease-probe' });
    const job = (await claimNextJob(ctx.db, ctx.dialect, 'worker-a', new Date().toISOString()))!;
    expect(job).toMatchObject({ kind: 'lease.probe', attempts: 1 });
    // Renewed on a timer while the work runs.
    let renewals = 0;
    await whileRenewing(async () => { renewals++; await renewJobLease(ctx.db, job, 'worker-a'); }, () => new Promise((r) => setTimeout(r, 200)), 40);
    expect(renewals).toBeGreaterThanOrEqual(2);
    expect(await requeueExpiredJobs(ctx.db, new Date(Date.now() - JOB_LEASE_MS).toISOString())).toEqual({ requeued: 0, failed: 0 });
    // Silent for longer than a lease: requeued, and the old holder can neither renew nor finish it.
    await ctx.db.updateTable('jobs').set({ locked_at: new Date(Date.now() - JOB_LEASE_MS - 1000).toISOString() }).where('id', '=', job.id).execute();
    expect(await requeueExpiredJobs(ctx.db, new Date(Date.now() - JOB_LEASE_MS).toISOString())).toEqual({ requeued: 1, failed: 0 });
    expect(await renewJobLease(ctx.db, job, 'worker-a')).toBe(false);
    const again = (await claimNextJob(ctx.db, ctx.dialect, 'worker-a', new Date().toISOString()))!;
    expect(again).toMatchObject({ id: job.id, attempts: 2 });
    expect(await markJobDone(ctx.db, job, 'worker-a')).toBe(false);
    expect(await markJobDone(ctx.db, again, 'worker-a')).toBe(true);

    await insertOutboxMessage(ctx.db, { channel: 'webhook', recipient: 'probe', subject: '探测', body: '探测', dedupeKey: 'lease-probe:webhook' });
    const id = (await ctx.db.selectFrom('outbox').select('id').where('dedupe_key', '=', 'lease-probe:webhook').executeTakeFirstOrThrow()).id;
    const message = (await claimOutboxMessage(ctx.db, id))!;
    expect(await requeueExpiredOutbox(ctx.db, new Date(Date.now() - OUTBOX_LEASE_MS).toISOString())).toEqual({ requeued: 0, failed: 0 });
    await ctx.db.updateTable('outbox').set({ sent_at: new Date(Date.now() - OUTBOX_LEASE_MS - 1000).toISOString() }).where('id', '=', id).execute();
    expect(await requeueExpiredOutbox(ctx.db, new Date(Date.now() - OUTBOX_LEASE_MS).toISOString())).toEqual({ requeued: 1, failed: 0 });
    await markOutboxSent(ctx.db, message);
    expect(await ctx.db.selectFrom('outbox').select(['state', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ state: 'pending', attempts: 1 });
  });
});
