/**
 * The job queue and reminders on a real database, delivering to a real webhook receiver and SMTP listener on
 * 127.0.0.1: reminders before and after deadlines and for rounds, review notices, follow-ups of closed long-term
 * tasks; nothing twice, whether run twice or by two workers at once; failed deliveries and jobs retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { enqueueJob, listJobs, MAX_JOB_ATTEMPTS } from '../../src/db/jobs.repository.js';
import { listOutbox } from '../../src/db/outbox.repository.js';
import { runDueJobs } from '../../src/jobs/run-due-jobs.js';
import { openRound } from '../../src/services/reporting/rounds.js';
import { submitProgressReport } from '../../src/services/reporting/submit-report.js';
import { returnProgressReport } from '../../src/services/reporting/review-report.js';
import { listMyNotifications } from '../../src/services/my-notifications.js';
import type { Access } from '../../src/services/access.js';
import { accessFor } from './support/access.js';
import { startSmtpServer, startWebhookServer, type SmtpServer, type WebhookServer } from './support/local-servers.js';

const at = (date: string) => new Date(`${date}T01:00:00.000Z`);

describe.each(DIALECTS)('jobs and reminders on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let webhook: WebhookServer;
  let smtp: SmtpServer;
  let reporterA: Access, reporterB: Access, cityAdmin: Access, cityReviewer: Access;
  let soon: number;
  let planId: number;
  const kindsOf = async (who: Access) => (await listMyNotifications(ctx, who, { limit: 200 })).items.map((n) => n.kind).sort();
  const count = async (table: 'notifications' | 'outbox') => Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    webhook = await startWebhookServer();
    smtp = await startSmtpServer();
    ctx = await createTestContext(dialect, { WEBHOOK_URL: webhook.url, SMTP_URL: smtp.url });
    tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.province);
    planId = plan.id;
    reporterA = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyA, 'xinbin@fushun.gov.cn'));
    reporterB = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyB, 'qingyuan'));
    cityAdmin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.city, 'city-admin'));
    cityReviewer = await accessFor(ctx, await buildUser(ctx, 'reviewer', tree.city, 'city-reviewer'));
    soon = (await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '48', fields: { deadlineDate: '2026-03-06' } })).assignment.id;
    await buildTask(ctx, { planId: plan.id, org: tree.countyB, code: '54', fields: { deadlineDate: '2026-02-27' } });
    await buildTask(ctx, { planId: plan.id, org: tree.city, code: '2', fields: { deadlineDate: '2030-12-31' } });
    await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '63', fields: { isClosed: true, isCompleted: true, isLongTerm: true, deadlineKind: 'long_term', deadlineDate: null, closedAt: '2025-12-20' } });
    await openRound(ctx, cityAdmin, { scopeOrgId: tree.city.id, referenceDate: '2026-02-10', dueDate: '2026-03-03' });
  });
  afterAll(async () => {
    await ctx.cleanup();
    await webhook.close();
    await smtp.close();
  });

  it('reminds before a deadline and on overdue, for a round due soon, and for the follow-up of a closed long-term task', async () => {
    const summary = await runDueJobs(ctx, at('2026-03-02'));
    expect(summary).toMatchObject({ failed: 0, retried: 0, delivery: { failed: 0, retry: 0 } });
    expect(await kindsOf(reporterA)).toEqual(['deadline_soon', 'follow_up', 'round_due_soon', 'round_opened']);
    expect(await kindsOf(reporterB)).toEqual(['overdue', 'round_due_soon', 'round_opened']);
    // The supervising level hears of the overdue county task; the city's own share owes the round too.
    expect(await kindsOf(cityAdmin)).toEqual(['overdue', 'round_due_soon', 'round_opened']);
    const [deadline] = (await listMyNotifications(ctx, reporterA, {})).items.filter((n) => n.kind === 'deadline_soon');
    expect(deadline).toMatchObject({ title: '任务48距整改时限还有4天', link: `/tasks/${soon}`, readAt: null });
    const jobs = await listJobs(ctx.db);
    expect(jobs.filter((j) => j.dedupeKey?.endsWith(':2026-03-02')).map((j) => [j.kind, j.state, j.attempts])).toEqual([['schedule.refresh', 'done', 1], ['reminders.sweep', 'done', 1]]);
  });

  it('delivers each notification by webhook, and by e-mail to users whose username is an address', async () => {
    expect(webhook.received).toHaveLength(await count('notifications'));
    expect(webhook.received[0]).toEqual({ id: expect.any(Number), channel: 'webhook', recipient: expect.any(String), subject: expect.any(String), body: expect.any(String), dedupeKey: expect.any(String) });
    expect(smtp.mails.map((m) => m.to)).toEqual([['xinbin@fushun.gov.cn'], ['xinbin@fushun.gov.cn'], ['xinbin@fushun.gov.cn'], ['xinbin@fushun.gov.cn']]);
    expect(smtp.mails.map((m) => m.subject)).toContain('任务48距整改时限还有4天');
    expect(smtp.mails[0]!.from).toBe('rectify@localhost');
    expect((await listOutbox(ctx.db)).every((m) => m.state === 'sent')).toBe(true);
  });

  it('creates nothing twice when run again', async () => {
    const before = { notifications: await count('notifications'), outbox: await count('outbox'), posts: webhook.received.length, mails: smtp.mails.length };
    await runDueJobs(ctx, at('2026-03-02'));
    await runDueJobs(ctx, at('2026-03-02'));
    expect({ notifications: await count('notifications'), outbox: await count('outbox'), posts: webhook.received.length, mails: smtp.mails.length }).toEqual(before);
  });

  it('runs each job once and creates each reminder once with two workers at the same time', async () => {
    const before = await count('notifications');
    const summaries = await Promise.all([runDueJobs(ctx, at('2026-03-04'), { workerId: 'a' }), runDueJobs(ctx, at('2026-03-04'), { workerId: 'b' })]);
    expect(summaries.reduce((n, s) => n + s.ran, 0)).toBe(2);
    const sweeps = (await listJobs(ctx.db, { kind: 'reminders.sweep' })).filter((j) => j.dedupeKey === 'reminders.sweep:2026-03-04');
    expect(sweeps).toEqual([expect.objectContaining({ state: 'done', attempts: 1 })]);
    // The round is now late: one notice per owing unit's people, no more.
    expect(await count('notifications')).toBe(before + 3);
    expect((await kindsOf(reporterA)).filter((k) => k === 'round_late')).toHaveLength(1);
    const keys = webhook.received.map((m) => m.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('tells the reviewers of a submitted report once, and the reporter when it is returned', async () => {
    const report = await submitProgressReport(ctx, reporterA, soon, { progress: '已完成两项措施', statusText: '达到序时进度' });
    await runDueJobs(ctx, at('2026-03-05'));
    await runDueJobs(ctx, at('2026-03-06'));
    expect((await kindsOf(cityReviewer)).filter((k) => k === 'review_pending')).toHaveLength(1);
    expect((await kindsOf(cityAdmin)).filter((k) => k === 'review_pending')).toHaveLength(1);
    await returnProgressReport(ctx, cityReviewer, report.id, { version: report.version, reason: '请补充佐证材料' });
    await runDueJobs(ctx, at('2026-03-06'));
    const returned = (await listMyNotifications(ctx, reporterA, {})).items.find((n) => n.kind === 'report_returned');
    expect(returned).toMatchObject({ title: '任务48的进展报告被退回', body: '退回理由：请补充佐证材料。请修改后重新报送。' });
  });

  it('retries a failed delivery on the next run', async () => {
    await buildTask(ctx, { planId, org: tree.countyB, code: '67', fields: { deadlineDate: '2026-03-10' } });
    const before = webhook.received.length;
    webhook.failNext = 1;
    // Task 48 falls overdue the same day (to its reporter, by webhook and e-mail, and to the city's administrator); the
    // first message to fail waits for the next run.
    const first = await runDueJobs(ctx, at('2026-03-07'));
    expect(first.delivery).toEqual({ sent: 3, retry: 1, failed: 0 });
    expect((await listOutbox(ctx.db)).filter((m) => m.state === 'pending')).toEqual([expect.objectContaining({ channel: 'webhook', attempts: 1, error: 'webhook answered 500' })]);
    const second = await runDueJobs(ctx, at('2026-03-07'));
    expect(second.delivery).toEqual({ sent: 1, retry: 0, failed: 0 });
    const subjects = webhook.received.slice(before).map((m) => m.subject);
    expect(subjects.sort()).toEqual(['任务67距整改时限还有3天', '新宾满族自治县任务48已逾期', '新宾满族自治县任务48已逾期'].sort());
    expect((await listOutbox(ctx.db)).every((m) => m.state === 'sent')).toBe(true);
  });

  it('retries a failing job with backoff and gives up after the last attempt', async () => {
    await enqueueJob(ctx.db, { kind: 'no.such.kind', payload: {}, runAt: '2026-03-08T00:00:00.000Z', dedupeKey: 'broken-job' });
    let now = at('2026-03-08');
    for (let attempt = 1; attempt <= MAX_JOB_ATTEMPTS; attempt++) {
      await runDueJobs(ctx, now);
      const [job] = (await listJobs(ctx.db, { kind: 'no.such.kind' }));
      expect(job).toMatchObject({ attempts: attempt, state: attempt < MAX_JOB_ATTEMPTS ? 'queued' : 'failed', error: 'no handler for job kind no.such.kind' });
      if (attempt < MAX_JOB_ATTEMPTS) {
        // Not due again before its backoff has passed.
        await runDueJobs(ctx, now);
        expect((await listJobs(ctx.db, { kind: 'no.such.kind' }))[0]!.attempts).toBe(attempt);
        now = new Date(Date.parse(job!.runAt) + 1000);
      }
    }
  });
});
