/**
 * The workbench and running a round from its page, over HTTP on every dialect: each role's to-do lists and the
 * bell's figure agreeing with them; 催办 once a day per unit (in-app, e-mail and webhook through the outbox,
 * recorded, audited); batch review all or nothing; the status table as XLSX; returns kept in a report's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { loadExcel } from '../../src/xlsx/load-excel.js';

interface Counts { total: number; byKind: Record<string, number> }
interface Workbench {
  counts: Counts; roles: Record<string, boolean>;
  roundsOwed: { roundId: number; isLate: boolean; missing: { assignmentId: number }[] }[];
  returnedReports: { reportId: number; reason: string | null }[];
  reportsToReview: { reportId: number; version: number }[];
  unitsBehind: { orgUnitId: number; late: number }[];
  roundStats: { roundId: number; owed: number; reported: number; rate: number | null }[];
}
interface Urged { sent: { orgUnitId: number; recipients: number }[]; skipped: { orgUnitId: number; lastSentAt: string }[] }

describe.each(DIALECTS)('workbench and rounds run from one page on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let office: Client, reporterA: Client, reporterB: Client, reviewer: Client;
  let a48: number, a30: number, b54: number, roundId: number;
  const reports: Record<string, { id: number; version: number }> = {};

  const workbench = async (c: Client) => {
    const res = await c.get('/api/workbench');
    expect(res.statusCode).toBe(200);
    return res.json<Workbench>();
  };
  /** The bell's figure must be the workbench's. */
  const expectBellAgrees = async (c: Client, w: Workbench) => {
    const bell = (await c.get('/api/notifications?limit=1')).json<{ todo: Counts }>();
    expect(bell.todo).toEqual(w.counts);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { WEBHOOK_URL: 'http://127.0.0.1:9/hook', SMTP_URL: 'smtp://127.0.0.1:9' } });
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.province);
    a48 = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyA, code: '48', problem: '部分城市污水管网建设缓慢' })).assignment.id;
    a30 = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyA, code: '30', problem: '垃圾填埋场渗滤液超标' })).assignment.id;
    b54 = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyB, code: '54', problem: '污泥无害化处置滞后' })).assignment.id;
    await buildUser(t.ctx, 'admin', tree.city, 'city-office');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xinbin@example.cn');
    await buildUser(t.ctx, 'reporter', tree.countyB, 'qingyuan-reporter');
    await buildUser(t.ctx, 'reviewer', tree.city, 'city-reviewer');
    office = await signedIn(t.app, 'city-office');
    reporterA = await signedIn(t.app, 'xinbin@example.cn');
    reporterB = await signedIn(t.app, 'qingyuan-reporter');
    reviewer = await signedIn(t.app, 'city-reviewer');
    // A round of a past month: its due date has passed, so units that owe are late.
    const res = await office.post('/api/rounds', { scopeOrgId: tree.city.id, referenceDate: '2024-06-12' });
    expect(res.statusCode).toBe(201);
    roundId = res.json<{ id: number }>().id;
  });
  afterAll(async () => { await t.close(); });

  it('shows a reporter what it owes in the open round, and the bell counts the same', async () => {
    const w = await workbench(reporterA);
    expect(w.roles).toMatchObject({ reporter: true, reviewer: false, office: false });
    expect(w.roundsOwed).toEqual([expect.objectContaining({ roundId, isLate: true })]);
    expect(w.roundsOwed[0]!.missing.map((m) => m.assignmentId).sort()).toEqual([a30, a48].sort());
    expect(w.counts.byKind.roundReports).toBe(2);
    expect(w.counts.total).toBe(2);
    await expectBellAgrees(reporterA, w);
  });

  it('shows the office the units behind and the round\'s return rate', async () => {
    const w = await workbench(office);
    expect(w.roles.office).toBe(true);
    expect(w.unitsBehind.map((u) => [u.orgUnitId, u.late]).sort()).toEqual([[tree.countyA.id, 2], [tree.countyB.id, 1]].sort());
    expect(w.roundStats).toEqual([expect.objectContaining({ roundId, owed: 3, reported: 0, rate: 0 })]);
    await expectBellAgrees(office, w);
  });

  it('sends 催办 to every unit that has not reported, once a day, by every channel, recorded and audited', async () => {
    expect((await reporterA.post(`/api/rounds/${roundId}/urge`, {})).statusCode).toBe(403);
    const first = await office.post(`/api/rounds/${roundId}/urge`, {});
    expect(first.statusCode).toBe(200);
    const sent = first.json<Urged>();
    expect(sent.sent.map((s) => s.orgUnitId).sort()).toEqual([tree.countyA.id, tree.countyB.id].sort());
    expect(sent.skipped).toEqual([]);

    const notices = (await reporterA.get('/api/notifications')).json<{ items: { kind: string; title: string; body: string; link: string }[] }>();
    const urge = notices.items.find((n) => n.kind === 'round_urge');
    expect(urge).toMatchObject({ link: `/rounds/${roundId}` });
    expect(urge!.body).toContain('尚有2项任务未报送进展');
    expect(urge!.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const outbox = await t.ctx.db.selectFrom('outbox').select(['channel', 'recipient', 'dedupe_key']).where('dedupe_key', 'like', `round-urge:${roundId}:%`).execute();
    expect(outbox.map((m) => m.channel).sort()).toEqual(['email', 'webhook', 'webhook']);
    expect(outbox.find((m) => m.channel === 'email')!.recipient).toBe('xinbin@example.cn');
    const recorded = await t.ctx.db.selectFrom('round_reminders').selectAll().where('round_id', '=', roundId).execute();
    expect(recorded).toHaveLength(2);
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'org_unit_id']).where('action', '=', 'round.urge').execute();
    expect(audit).toHaveLength(2);

    // A second try the same day: nothing sent, and it says when the last one went.
    const again = (await office.post(`/api/rounds/${roundId}/urge`, {})).json<Urged>();
    expect(again.sent).toEqual([]);
    expect(again.skipped.map((s) => s.lastSentAt).sort()).toEqual(recorded.map((r) => r.sent_at).sort());
    const one = await office.post(`/api/rounds/${roundId}/urge`, { orgUnitId: tree.countyA.id });
    expect(one.statusCode).toBe(409);
    expect(one.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'ALREADY_EXISTS', message: expect.stringMatching(/^今天\d{2}:\d{2}已催办过新宾满族自治县/) });
    expect(await t.ctx.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', `round-urge:${roundId}:%`).execute()).toHaveLength(3);
    expect(await t.ctx.db.selectFrom('round_reminders').select('id').execute()).toHaveLength(2);

    const view = (await office.get(`/api/rounds/${roundId}`)).json<{ mayUrge: boolean; units: { orgUnitId: number; urgedToday: boolean; lastUrgedAt: string | null }[] }>();
    expect(view.mayUrge).toBe(true);
    expect(view.units.every((u) => u.urgedToday && u.lastUrgedAt !== null)).toBe(true);
  });

  it('refuses 催办 for a unit that owes nothing in the round', async () => {
    const res = await office.post(`/api/rounds/${roundId}/urge`, { orgUnitId: tree.department.id });
    expect(res.json<{ error: { code: string } }>().error.code).toBe('INVALID_TRANSITION');
  });

  it('lists a reviewer\'s reports to review once they come in', async () => {
    for (const [key, client, id] of [['a48', reporterA, a48], ['a30', reporterA, a30], ['b54', reporterB, b54]] as const) {
      const res = await client.post(`/api/assignments/${id}/progress-reports`, { roundId, progress: `任务${key}本期进展。`, statusText: '达到序时进度' });
      expect(res.statusCode).toBe(201);
      reports[key] = res.json<{ id: number; version: number }>();
    }
    const w = await workbench(reviewer);
    expect(w.reportsToReview.map((r) => r.reportId).sort()).toEqual(Object.values(reports).map((r) => r.id).sort());
    expect(w.counts.total).toBe(3);
    await expectBellAgrees(reviewer, w);
    const a = await workbench(reporterA);
    expect(a.counts.total).toBe(0);
    await expectBellAgrees(reporterA, a);
  });

  it('reviews a batch all or nothing: one stale report leaves every selected report as it was', async () => {
    const stale = await reviewer.post(`/api/rounds/${roundId}/review`, { action: 'accept', reports: [reports.a48, { id: reports.a30!.id, version: 9 }] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { message: string } }>().error.message).toContain(`进展报告 ${reports.a30!.id}`);
    const states = await t.ctx.db.selectFrom('progress_reports').select(['id', 'state']).where('round_id', '=', roundId).execute();
    expect(states.every((s) => s.state === 'submitted')).toBe(true);
    expect((await reporterA.post(`/api/rounds/${roundId}/review`, { action: 'accept', reports: [reports.a48] })).statusCode).toBe(403);
    expect((await reviewer.post(`/api/rounds/${roundId}/review`, { action: 'return', reports: [reports.b54] })).statusCode).toBe(400);

    const accepted = await reviewer.post(`/api/rounds/${roundId}/review`, { action: 'accept', reports: [reports.a48, reports.a30], comment: '同意' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<{ reviewed: { state: string }[] }>().reviewed.map((r) => r.state)).toEqual(['accepted', 'accepted']);
    const returned = await reviewer.post(`/api/rounds/${roundId}/review`, { action: 'return', reports: [reports.b54], reason: '现场照片不清晰' });
    expect(returned.json<{ reviewed: { state: string; version: number }[] }>().reviewed).toEqual([expect.objectContaining({ state: 'returned' })]);
    reports.b54 = { id: reports.b54!.id, version: returned.json<{ reviewed: { version: number }[] }>().reviewed[0]!.version };
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('action', 'in', ['progress_report.accept', 'progress_report.return']).execute();
    expect(audit).toHaveLength(3);
  });

  it('shows the returned report and its reason on the reporter\'s workbench', async () => {
    const w = await workbench(reporterB);
    expect(w.returnedReports).toEqual([expect.objectContaining({ reportId: reports.b54!.id, reason: '现场照片不清晰' })]);
    expect(w.counts.byKind).toMatchObject({ returnedReports: 1, roundReports: 0 });
    await expectBellAgrees(reporterB, w);
    const o = await workbench(office);
    expect(o.roundStats[0]).toMatchObject({ owed: 3, reported: 2 });
    expect(o.unitsBehind.map((u) => u.orgUnitId)).toEqual([tree.countyB.id]);
  });

  it('keeps a return and its reason in the report\'s history after a later acceptance', async () => {
    const put = await reporterB.request({ method: 'PUT', url: `/api/progress-reports/${reports.b54!.id}`, payload: { progress: '补充了清晰的现场照片。', statusText: '达到序时进度', version: reports.b54!.version } });
    expect(put.statusCode).toBe(200);
    const ok = await reviewer.post(`/api/progress-reports/${reports.b54!.id}/accept`, { version: put.json<{ version: number }>().version });
    expect(ok.statusCode).toBe(200);
    const detail = (await reporterB.get(`/api/assignments/${b54}`)).json<{ progressReports: { id: number; state: string; steps: { step: string; text: string | null }[] }[] }>();
    const report = detail.progressReports.find((r) => r.id === reports.b54!.id)!;
    expect(report.state).toBe('accepted');
    expect(report.steps.map((s) => s.step)).toEqual(['submit', 'return', 'resubmit', 'accept']);
    expect(report.steps[1]).toMatchObject({ text: '现场照片不清晰' });
  });

  it('exports the round\'s status table as XLSX', async () => {
    const res = await office.get(`/api/rounds/${roundId}/status.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new (await loadExcel()).Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '单位', '应报', '已报待审', '退回', '已采纳', '未报', '逾期', '报送率', '最近催办']);
    const rows = [2, 3].map((n) => (ws.getRow(n).values as unknown[]).slice(1, 10));
    expect(rows).toEqual([[1, '新宾满族自治县', 2, 0, 0, 2, 0, 0, '100%'], [2, '清原满族自治县', 1, 0, 0, 1, 0, 0, '100%']]);
    expect(ws.getRow(2).getCell(10).text).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect((await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/status.xlsx` })).statusCode).toBe(401);
  });
});
