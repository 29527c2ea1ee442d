/**
 * A reporting round at the service level: open → submit (with milestones, indicator values, evidence) → return
 * (claims taken back) → resubmit (stale version refused) → accept (the ledger follows) → close.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { PDF } from '../fixtures/evidence/samples.js';
import { getAssignmentById } from '../../src/db/assignments.repository.js';
import { listMilestones, listIndicatorsWithValues } from '../../src/db/assignment-details.repository.js';
import { listAuditEvents } from '../../src/db/audit.repository.js';
import { createPart } from '../../src/services/assignment-parts.js';
import { storeEvidence } from '../../src/services/evidence.js';
import { closeRound, getRoundView, openRound } from '../../src/services/reporting/rounds.js';
import { resubmitProgressReport, submitProgressReport } from '../../src/services/reporting/submit-report.js';
import { acceptProgressReport, returnProgressReport } from '../../src/services/reporting/review-report.js';
import { listReviewQueue } from '../../src/services/reporting/read-reports.js';
import type { Access } from '../../src/services/access.js';
import type { Round } from '../../src/db/rounds.repository.js';
import { accessFor } from './support/access.js';

describe.each(DIALECTS)('a reporting round on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let admin: Access, reporter: Access, otherReporter: Access, reviewer: Access;
  let round: Round;
  let t1: number, t2: number, t4: number, closed: number;
  let milestoneId: number, indicatorId: number, evidenceId: number, foreignEvidenceId: number;
  let reportId: number;
  const view = (access: Access, status?: 'late' | 'missing' | 'awaiting_review' | 'returned' | 'accepted') => getRoundView(ctx, access, round.id, { status, page: 1, pageSize: 50 });
  const content = (over: Record<string, unknown> = {}) => ({
    progress: '已完成污水管网改造 3.2 公里。', problems: '雨季施工受限。', nextSteps: '7月底前完成剩余管网。', statusText: '达到序时进度',
    milestonesDone: [{ milestoneId, doneDate: '2024-06-20' }], indicatorValues: [{ indicatorId, value: 55 }], evidenceIds: [evidenceId], ...over,
  });

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.province);
    admin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.city));
    reporter = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyA));
    otherReporter = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyB));
    reviewer = await accessFor(ctx, await buildUser(ctx, 'reviewer', tree.city));
    t1 = (await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '48' })).assignment.id;
    t2 = (await buildTask(ctx, { planId: plan.id, org: tree.countyB, code: '54' })).assignment.id;
    t4 = (await buildTask(ctx, { planId: plan.id, org: tree.city, code: '61' })).assignment.id;
    closed = (await buildTask(ctx, { planId: plan.id, org: tree.city, code: '30', fields: { isClosed: true, isCompleted: true } })).assignment.id;
    await buildTask(ctx, { planId: plan.id, org: tree.otherCity, code: '2' });
    milestoneId = (await createPart(ctx, admin, 'milestones', t1, { title: '完成污水管网改造 3 公里', dueDate: '2024-06-30', weight: 1 })).id;
    indicatorId = (await createPart(ctx, admin, 'indicators', t1, { name: '污水收集率', unit: '%', baseline: 0, baselineDate: '2024-01-01', target: 100, targetDate: '2024-12-31', comparator: '>=' })).id;
    evidenceId = (await storeEvidence(ctx, reporter.actor, { ownerType: 'assignment', ownerId: t1, orgUnitId: tree.countyA.id, name: '管网验收记录.pdf', data: PDF })).id;
    foreignEvidenceId = (await storeEvidence(ctx, otherReporter.actor, { ownerType: 'assignment', ownerId: t2, orgUnitId: tree.countyB.id, name: '另一县材料.pdf', data: PDF })).id;
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('opens a monthly round for the city with the due date five working days after the month', async () => {
    round = await openRound(ctx, admin, { scopeOrgId: tree.city.id, referenceDate: '2024-06-12' });
    expect(round).toMatchObject({ name: '抚顺市2024年6月整改进展调度', cycle: 'monthly', periodStart: '2024-06-01', periodEnd: '2024-06-30', dueDate: '2024-07-05', state: 'open' });
    await expect(openRound(ctx, admin, { scopeOrgId: tree.city.id, referenceDate: '2024-06-30' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(openRound(ctx, reporter, { scopeOrgId: tree.countyA.id, referenceDate: '2024-06-12' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('owes a report from every assignment in scope that is not closed, and shows each reader only their part', async () => {
    const all = await view(admin);
    expect(all.items.map((i) => i.assignmentId).sort()).toEqual([t1, t2, t4].sort());
    expect(all.items.map((i) => i.assignmentId)).not.toContain(closed);
    expect(all.counts).toEqual({ owed: 3, reported: 0, awaitingReview: 0, accepted: 0, returned: 0, missing: 3, late: 3 });
    const mine = await view(reporter);
    expect(mine.items.map((i) => [i.assignmentId, i.state, i.isLate])).toEqual([[t1, 'missing', true]]);
    expect(mine.mayReview).toBe(false);
  });

  it('refuses reports for other units, unreadable statuses and other tasks\' evidence', async () => {
    await expect(submitProgressReport(ctx, reporter, t2, { ...content({ milestonesDone: [], indicatorValues: [], evidenceIds: [] }), roundId: round.id })).rejects.toMatchObject({ code: 'ASSIGNMENT_NOT_FOUND' });
    await expect(submitProgressReport(ctx, reporter, t1, { ...content({ statusText: '还行吧' }), roundId: round.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(submitProgressReport(ctx, reporter, t1, { ...content({ evidenceIds: [foreignEvidenceId] }), roundId: round.id })).rejects.toMatchObject({ code: 'EVIDENCE_NOT_FOUND' });
    await expect(submitProgressReport(ctx, reporter, t1, { ...content({ milestonesDone: [{ milestoneId, doneDate: '2099-01-01' }] }), roundId: round.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await listMilestones(ctx.db, t1))[0]!.doneDate).toBeNull();
  });

  it('submits in one transaction: report, milestone done, indicator value, evidence, audit, schedule', async () => {
    const report = await submitProgressReport(ctx, reporter, t1, { ...content(), roundId: round.id });
    reportId = report.id;
    expect(report).toMatchObject({ state: 'submitted', asOf: '2024-06-30', periodLabel: round.name, statusCode: 'on_schedule', evidenceIds: [evidenceId], version: 1 });
    expect(report.claims).toEqual({ milestones: [{ milestoneId, doneDate: '2024-06-20', previous: null }], indicators: [{ indicatorId, value: 55 }] });
    expect((await listMilestones(ctx.db, t1))[0]!.doneDate).toBe('2024-06-20');
    expect((await listIndicatorsWithValues(ctx.db, t1))[0]!.values).toEqual([expect.objectContaining({ value: 55, asOf: '2024-06-30', progressReportId: report.id })]);
    expect((await listAuditEvents(ctx.db, { assignmentId: t1 })).map((e) => e.action)).toContain('progress_report.submit');
    await expect(submitProgressReport(ctx, reporter, t1, { ...content(), roundId: round.id })).rejects.toMatchObject({ code: 'ALREADY_EXISTS', details: { reportId } });
    const after = await view(admin, 'awaiting_review');
    expect(after.items).toEqual([expect.objectContaining({ assignmentId: t1, state: 'awaiting_review', isLate: false, submittedLate: true, reportId })]);
    expect((await listReviewQueue(ctx, reviewer, { roundId: round.id })).map((r) => r.reportId)).toEqual([reportId]);
  });

  it('returns a report with a reason, taking its claims back; the reporter sees it as owed again', async () => {
    await expect(returnProgressReport(ctx, reviewer, reportId, { version: 1, reason: '' })).rejects.toThrow();
    await expect(returnProgressReport(ctx, reporter, reportId, { version: 1, reason: '佐证不足' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const returned = await returnProgressReport(ctx, reviewer, reportId, { version: 1, reason: '佐证材料未体现管网长度，请补充' });
    expect(returned).toMatchObject({ state: 'returned', reviewComment: '佐证材料未体现管网长度，请补充', reviewedBy: reviewer.actor.id, version: 2 });
    expect((await listMilestones(ctx.db, t1))[0]!.doneDate).toBeNull();
    expect((await listIndicatorsWithValues(ctx.db, t1))[0]!.values).toEqual([]);
    expect((await view(reporter, 'late')).items.map((i) => [i.assignmentId, i.state])).toEqual([[t1, 'returned']]);
    await expect(acceptProgressReport(ctx, reviewer, reportId, { version: 2 })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('resubmits at the version the reporter saw, and refuses a stale one', async () => {
    await expect(resubmitProgressReport(ctx, reporter, reportId, { ...content(), version: 1 })).rejects.toMatchObject({ code: 'VERSION_CONFLICT', details: { current: { state: 'returned', version: 2 } } });
    const again = await resubmitProgressReport(ctx, reporter, reportId, { ...content({ statusText: '已完成整改', progress: '污水管网改造全部完成，共 3.6 公里。', indicatorValues: [{ indicatorId, value: 100 }] }), version: 2 });
    expect(again).toMatchObject({ state: 'submitted', statusCode: 'completed', version: 3 });
    expect((await listMilestones(ctx.db, t1))[0]!.doneDate).toBe('2024-06-20');
    expect((await listIndicatorsWithValues(ctx.db, t1))[0]!.values.map((v) => v.value)).toEqual([100]);
  });

  it('accepts: the report becomes the assignment\'s status, progress and completion', async () => {
    const before = await getAssignmentById(ctx.db, t1);
    expect(before).toMatchObject({ isCompleted: false, statusText: '达到序时进度' });
    const accepted = await acceptProgressReport(ctx, reviewer, reportId, { version: 3, comment: '同意' });
    expect(accepted).toMatchObject({ state: 'accepted', reviewComment: '同意' });
    expect(await getAssignmentById(ctx.db, t1)).toMatchObject({
      statusText: '已完成整改', statusCode: 'completed', isCompleted: true, completedAt: '2024-06-30', latestProgress: '污水管网改造全部完成，共 3.6 公里。', scheduleStatus: 'completed', warning: 'green',
    });
    await expect(resubmitProgressReport(ctx, reporter, reportId, { ...content(), version: 4 })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await view(admin)).counts).toMatchObject({ owed: 3, reported: 1, accepted: 1, missing: 2 });
  });

  it('never lets anyone review their own report', async () => {
    const own = await submitProgressReport(ctx, admin, t4, { ...content({ milestonesDone: [], indicatorValues: [], evidenceIds: [] }), roundId: round.id });
    await expect(acceptProgressReport(ctx, admin, own.id, { version: own.version })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('不能审核自己提交的报告') });
  });

  it('closes the round: no more submissions, at the version last read', async () => {
    await expect(closeRound(ctx, admin, round.id, round.version + 5)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const closedRound = await closeRound(ctx, admin, round.id, round.version);
    expect(closedRound.state).toBe('closed');
    await expect(submitProgressReport(ctx, otherReporter, t2, { ...content({ milestonesDone: [], indicatorValues: [], evidenceIds: [] }), roundId: round.id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(closeRound(ctx, admin, round.id, closedRound.version)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('takes follow-up reports from closed long-term tasks only', async () => {
    await expect(submitProgressReport(ctx, admin, closed, content({ milestonesDone: [], indicatorValues: [], evidenceIds: [] }))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});
