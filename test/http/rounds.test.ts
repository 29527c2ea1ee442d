/**
 * A whole reporting round over HTTP: open → submit → return → resubmit → accept, and the ledger and dashboard
 * following; the reviewers' queue, notifications, overrides and the warning settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { runDueJobs } from '../../src/jobs/run-due-jobs.js';
import { today } from '../../src/services/schedule.js';
import { addDays } from '../../src/core/workdays.js';

interface ReportBody { id: number; state: string; version: number; reviewComment: string | null; claims: { milestones: unknown[] } }

describe.each(DIALECTS)('reporting rounds over HTTP on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let admin: Client, reporter: Client, reviewer: Client;
  let taskId: number, otherTaskId: number, roundId: number, reportId: number, milestoneId: number;
  const put = (c: Client, url: string, payload: unknown) => c.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.province);
    taskId = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyA, code: '48', problem: '部分城市污水管网建设缓慢' })).assignment.id;
    otherTaskId = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyB, code: '54', problem: '污泥无害化处置滞后' })).assignment.id;
    await buildUser(t.ctx, 'admin', tree.province, 'province-admin');
    await buildUser(t.ctx, 'admin', tree.city, 'city-admin');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xinbin-reporter');
    await buildUser(t.ctx, 'reviewer', tree.city, 'city-reviewer');
    admin = await signedIn(t.app, 'city-admin');
    reporter = await signedIn(t.app, 'xinbin-reporter');
    reviewer = await signedIn(t.app, 'city-reviewer');
    const milestone = await admin.post(`/api/assignments/${taskId}/milestones`, { title: '完成管网改造 3 公里', dueDate: '2024-06-30' });
    expect(milestone.statusCode).toBe(201);
    milestoneId = milestone.json<{ id: number }>().id;
  });
  afterAll(async () => { await t.close(); });

  it('opens a round, refusing reporters', async () => {
    expect((await reporter.post('/api/rounds', { scopeOrgId: tree.countyA.id })).statusCode).toBe(403);
    const res = await admin.post('/api/rounds', { scopeOrgId: tree.city.id, referenceDate: '2024-06-12', dueDate: '2099-12-31' });
    expect(res.statusCode).toBe(201);
    const round = res.json<{ id: number; name: string; dueDate: string; state: string }>();
    expect(round).toMatchObject({ name: '抚顺市2024年6月整改进展调度', dueDate: '2099-12-31', state: 'open' });
    roundId = round.id;
    expect((await admin.post('/api/rounds', { scopeOrgId: tree.city.id, referenceDate: '2024-06-01' })).json<{ error: { code: string } }>().error.code).toBe('ALREADY_EXISTS');
    const listed = (await reporter.get('/api/rounds?state=open')).json<{ items: { id: number }[] }>();
    expect(listed.items.map((r) => r.id)).toEqual([roundId]);
  });

  it('shows who owes a report', async () => {
    const page = (await admin.get(`/api/rounds/${roundId}`)).json<{ counts: Record<string, number>; units: { orgUnitName: string; owed: number }[]; items: { assignmentId: number; state: string; isLate: boolean }[] }>();
    expect(page.counts).toMatchObject({ owed: 2, missing: 2, late: 0, awaitingReview: 0 });
    expect(page.units.map((u) => [u.orgUnitName, u.owed])).toEqual([['新宾满族自治县', 1], ['清原满族自治县', 1]]);
    const mine = (await reporter.get(`/api/rounds/${roundId}?status=missing`)).json<{ items: { assignmentId: number }[] }>();
    expect(mine.items.map((i) => i.assignmentId)).toEqual([taskId]);
  });

  it('takes a submission with the milestone it declares done', async () => {
    expect((await reporter.post(`/api/assignments/${otherTaskId}/progress-reports`, { roundId, progress: 'x', statusText: '达到序时进度' })).statusCode).toBe(404);
    const bad = await reporter.post(`/api/assignments/${taskId}/progress-reports`, { roundId, progress: '', statusText: '达到序时进度' });
    expect(bad.statusCode).toBe(400);
    const res = await reporter.post(`/api/assignments/${taskId}/progress-reports`, {
      roundId, progress: '完成管网改造 3 公里。', problems: '资金缺口 800 万元。', nextSteps: '争取专项债。', statusText: '达到序时进度',
      milestonesDone: [{ milestoneId, doneDate: '2024-06-25' }],
    });
    expect(res.statusCode).toBe(201);
    const report = res.json<ReportBody>();
    expect(report).toMatchObject({ state: 'submitted', version: 1, claims: { milestones: [{ milestoneId, doneDate: '2024-06-25', previous: null }] } });
    reportId = report.id;
    const queue = (await reviewer.get('/api/progress-reports')).json<{ items: { reportId: number; taskCode: string }[] }>();
    expect(queue.items).toEqual([expect.objectContaining({ reportId, taskCode: '48' })]);
    expect((await reporter.get('/api/progress-reports')).statusCode).toBe(403);
  });

  it('returns with a required reason; the reporter is told and resubmits at the current version', async () => {
    expect((await reviewer.post(`/api/progress-reports/${reportId}/return`, { version: 1 })).statusCode).toBe(400);
    const returned = await reviewer.post(`/api/progress-reports/${reportId}/return`, { version: 1, reason: '请附管网竣工验收材料' });
    expect(returned.json<ReportBody>()).toMatchObject({ state: 'returned', reviewComment: '请附管网竣工验收材料', version: 2 });
    await runDueJobs(t.ctx);
    const inbox = (await reporter.get('/api/notifications?unread=true')).json<{ items: { id: number; kind: string; title: string }[]; unread: number }>();
    const notice = inbox.items.find((n) => n.kind === 'report_returned');
    expect(notice).toMatchObject({ title: '任务48的进展报告被退回' });
    const read = await reporter.post(`/api/notifications/${notice!.id}/read`);
    expect(read.json<{ unread: number }>().unread).toBe(inbox.unread - 1);
    expect((await admin.post(`/api/notifications/${notice!.id}/read`)).statusCode).toBe(404);

    const body = { progress: '管网改造全部完成。', statusText: '已完成整改', milestonesDone: [{ milestoneId, doneDate: '2024-06-25' }] };
    const stale = await put(reporter, `/api/progress-reports/${reportId}`, { ...body, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { details: { current: { version: number } } } }>().error.details.current.version).toBe(2);
    const again = await put(reporter, `/api/progress-reports/${reportId}`, { ...body, version: 2 });
    expect(again.json<ReportBody>()).toMatchObject({ state: 'submitted', version: 3 });
  });

  it('accepts, and the ledger and dashboard change', async () => {
    const before = (await admin.get('/api/dashboard')).json<{ byStatus: Record<string, number> }>();
    expect((await reporter.post(`/api/progress-reports/${reportId}/accept`, { version: 3 })).statusCode).toBe(403);
    const accepted = await reviewer.post(`/api/progress-reports/${reportId}/accept`, { version: 3, comment: '同意' });
    expect(accepted.json<ReportBody>()).toMatchObject({ state: 'accepted' });
    const detail = (await reporter.get(`/api/assignments/${taskId}`)).json<{ assignment: { statusText: string; isCompleted: boolean; scheduleStatus: string; latestProgress: string } }>();
    expect(detail.assignment).toMatchObject({ statusText: '已完成整改', isCompleted: true, scheduleStatus: 'completed', latestProgress: '管网改造全部完成。' });
    const after = (await admin.get('/api/dashboard')).json<{ byStatus: Record<string, number> }>();
    expect(after.byStatus.completed).toBe((before.byStatus.completed ?? 0) + 1);
    const ledger = (await admin.get('/api/assignments?status=completed')).json<{ items: { id: number }[] }>();
    expect(ledger.items.map((i) => i.id)).toEqual([taskId]);
    const page = (await admin.get(`/api/rounds/${roundId}`)).json<{ counts: Record<string, number> }>();
    expect(page.counts).toMatchObject({ owed: 2, accepted: 1, missing: 1 });
  });

  it('closes the round', async () => {
    const round = (await admin.get(`/api/rounds/${roundId}`)).json<{ round: { version: number } }>().round;
    const closed = await admin.post(`/api/rounds/${roundId}/close`, { version: round.version });
    expect(closed.json<{ state: string }>().state).toBe('closed');
    const late = await reporter.post(`/api/assignments/${taskId}/progress-reports`, { roundId, progress: '补报', statusText: '已完成整改' });
    expect(late.json<{ error: { code: string } }>().error.code).toBe('INVALID_TRANSITION');
  });

  it('lets a reviewer override the computed status with a reason, and clear it', async () => {
    const overdue = (await buildTask(t.ctx, { planId: (await buildPlan(t.ctx, tree.province)).plan.id, org: tree.countyA, code: '89', fields: { deadlineDate: '2021-12-31' } })).assignment;
    const set = await put(reviewer, `/api/assignments/${overdue.id}/schedule-override`, { status: 'on_schedule', reason: '经批准延期', version: overdue.version });
    expect(set.statusCode).toBe(200);
    const shown = set.json<{ scheduleStatus: string; overrideStatus: string; warning: string; version: number }>();
    expect(shown).toMatchObject({ scheduleStatus: 'overdue', overrideStatus: 'on_schedule', warning: 'green' });
    expect((await reporter.request({ method: 'DELETE', url: `/api/assignments/${overdue.id}/schedule-override?version=${shown.version}` })).statusCode).toBe(403);
    const cleared = await reviewer.request({ method: 'DELETE', url: `/api/assignments/${overdue.id}/schedule-override?version=${shown.version}` });
    expect(cleared.json()).toMatchObject({ overrideStatus: null, warning: 'red' });
  });

  it('reads and changes the warning thresholds (administrators of the whole tree), which recolours the ledger', async () => {
    const { plan } = await buildPlan(t.ctx, tree.province);
    const hundredDays = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyB, code: '82', fields: { deadlineDate: addDays(today(), 100) } })).assignment.id;
    expect((await admin.get(`/api/assignments/${hundredDays}`)).json<{ assignment: { warning: string } }>().assignment.warning).toBe('green');
    const current = await admin.get('/api/settings/warnings');
    expect(current.json()).toEqual({ key: 'warnings', value: { yellowDueWithinDays: 30, redBehindMargin: 0.3 }, defaults: { yellowDueWithinDays: 30, redBehindMargin: 0.3 }, updatedAt: null });
    expect((await reporter.get('/api/settings/warnings')).statusCode).toBe(403);
    expect((await put(admin, '/api/settings/warnings', { value: { yellowDueWithinDays: 365, redBehindMargin: 0.5 }, updatedAt: null })).statusCode).toBe(403);
    const province = await signedIn(t.app, 'province-admin');
    const invalid = await put(province, '/api/settings/warnings', { value: { yellowDueWithinDays: 365 * 5, redBehindMargin: 0.5 }, updatedAt: null });
    expect(invalid.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('yellowDueWithinDays') });
    const saved = await put(province, '/api/settings/warnings', { value: { yellowDueWithinDays: 365, redBehindMargin: 0.5 }, updatedAt: null });
    expect(saved.statusCode).toBe(200);
    expect((await put(province, '/api/settings/warnings', { value: { yellowDueWithinDays: 10, redBehindMargin: 0.5 }, updatedAt: null })).statusCode).toBe(409);
    expect((await province.get('/api/settings/closure')).json<{ value: unknown }>().value).toEqual({ noticeDays: 5, noticeDayKind: 'working', acceptanceLevel: 'city', followUpCycle: 'quarterly' });
    // The change enqueued a refresh: the task due in 100 days turns yellow now, not at tomorrow's daily refresh.
    await runDueJobs(t.ctx);
    const row = (await admin.get(`/api/assignments/${hundredDays}`)).json<{ assignment: { warning: string; warningReason: string } }>();
    expect(row.assignment).toEqual(expect.objectContaining({ warning: 'yellow', warningReason: expect.stringContaining('仅剩100天') }));
  });
});
