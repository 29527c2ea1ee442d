/**
 * Running a round at the service level, on every dialect: 催办 sent once a day per unit even when two offices click
 * at once (the unique key decides), kept per day (a new day allows a new one); batch review rolls back entirely when
 * one report fails, and the workbench's counts are the bell's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { openRound } from '../../src/services/reporting/rounds.js';
import { reviewRoundReports, urgeRound } from '../../src/services/reporting/round-actions.js';
import { submitProgressReport } from '../../src/services/reporting/submit-report.js';
import { countTodo, getWorkbench } from '../../src/services/reporting/workbench.js';
import { getProgressReport } from '../../src/db/progress-reports.repository.js';
import type { Access } from '../../src/services/access.js';
import { accessFor } from './support/access.js';
import { listNotificationsOf } from '../../src/db/notifications.repository.js';

describe.each(DIALECTS)('running a round on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let office: Access, otherOffice: Access, reporterA: Access, reporterB: Access, reviewer: Access;
  let roundId: number, a1: number, b1: number;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.province);
    a1 = (await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '2' })).assignment.id;
    b1 = (await buildTask(ctx, { planId: plan.id, org: tree.countyB, code: '30' })).assignment.id;
    office = await accessFor(ctx, await buildUser(ctx, 'admin', tree.city));
    otherOffice = await accessFor(ctx, await buildUser(ctx, 'admin', tree.province));
    reporterA = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyA));
    reporterB = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyB));
    reviewer = await accessFor(ctx, await buildUser(ctx, 'reviewer', tree.city));
    roundId = (await openRound(ctx, office, { scopeOrgId: tree.city.id, dueDate: '2099-12-31' })).id;
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('sends one 催办 per unit when two offices click at once', async () => {
    const [x, y] = await Promise.all([urgeRound(ctx, office, roundId, {}), urgeRound(ctx, otherOffice, roundId, {})]);
    const sent = [...x.sent, ...y.sent].map((s) => s.orgUnitId).sort();
    expect(sent).toEqual([tree.countyA.id, tree.countyB.id].sort());
    expect([...x.skipped, ...y.skipped].map((s) => s.orgUnitId).sort()).toEqual(sent);
    expect(await ctx.db.selectFrom('round_reminders').select('id').execute()).toHaveLength(2);
    const notices = await ctx.db.selectFrom('notifications').select(['user_id', 'kind']).where('kind', '=', 'round_urge').execute();
    expect(notices).toHaveLength(2);
    // Each notice carries the values it was composed of, for the web to word it in the reader's language.
    const [first] = await listNotificationsOf(ctx.db, notices[0]!.user_id!);
    expect(first!.params).toMatchObject({ unit: expect.any(String), count: expect.any(Number), due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    await expect(urgeRound(ctx, office, roundId, { orgUnitId: tree.countyB.id })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('allows the next 催办 on another day', async () => {
    // Yesterday's reminders do not hold today's key.
    await ctx.db.updateTable('round_reminders').set({ sent_on: '2000-01-01' }).execute();
    for (const n of await ctx.db.selectFrom('notifications').select(['id', 'dedupe_key']).where('kind', '=', 'round_urge').execute()) {
      await ctx.db.updateTable('notifications').set({ dedupe_key: `${n.dedupe_key}:2000-01-01` }).where('id', '=', n.id).execute();
    }
    const again = await urgeRound(ctx, office, roundId, { orgUnitId: tree.countyA.id });
    expect(again.sent.map((s) => s.orgUnitId)).toEqual([tree.countyA.id]);
    expect(await ctx.db.selectFrom('notifications').select('id').where('kind', '=', 'round_urge').execute()).toHaveLength(3);
  });

  it('reviews a batch all or nothing, and refuses reports of another round', async () => {
    const ra = await submitProgressReport(ctx, reporterA, a1, { roundId, progress: '进展一。', statusText: '达到序时进度' });
    const rb = await submitProgressReport(ctx, reporterB, b1, { progress: '日常报送。', statusText: '达到序时进度' });
    await expect(reviewRoundReports(ctx, reviewer, roundId, { action: 'accept', reports: [{ id: ra.id, version: ra.version }, { id: rb.id, version: rb.version }] }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await getProgressReport(ctx.db, ra.id)).state).toBe('submitted');
    expect(await countTodo(ctx, reviewer)).toEqual((await getWorkbench(ctx, reviewer)).counts);
    expect((await countTodo(ctx, reviewer)).byKind.reportsToReview).toBe(2);
    const done = await reviewRoundReports(ctx, reviewer, roundId, { action: 'return', reports: [{ id: ra.id, version: ra.version }], reason: '请补充现场照片' });
    expect(done.reviewed).toEqual([expect.objectContaining({ id: ra.id, state: 'returned' })]);
    const wa = await getWorkbench(ctx, reporterA);
    expect(wa.returnedReports).toEqual([expect.objectContaining({ reportId: ra.id, reason: '请补充现场照片' })]);
    expect(await countTodo(ctx, reporterA)).toEqual(wa.counts);
  });
});
