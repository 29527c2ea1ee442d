/**
 * Every state of a case over HTTP: handling → stage_done (plan and date required) → done → closed through the shared
 * closure procedure → reopened by the procedure after a relapse; a refused acceptance sends a case back to handling;
 * an administrator reopens a handled case; penalties and evidence; stale versions and invalid transitions. The
 * closure is closed through the service with the day after its notice, as the closure suite does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { multipart, uploadTable } from '../fixtures/cases/upload.js';
import { PDF } from '../fixtures/evidence/samples.js';
import { listMemberships } from '../../src/db/users.repository.js';
import { closeClosure } from '../../src/services/closure/finish.js';
import { addDays } from '../../src/core/workdays.js';
import { today } from '../../src/services/schedule.js';

type ErrorBody = { error: { code: string; message: string } };
interface CaseBody { id: number; state: string; version: number; deadline: string; doneAt: string | null; closedAt: string | null }
interface ClosureBody { id: number; state: string; version: number; noticeEnd: string | null }

describe.each(DIALECTS)('case handling over HTTP on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let admin: Client, reporter: Client, reviewer: Client;
  let cityAdminId: number;
  const ids = new Map<string, number>();
  let c: CaseBody;

  const current = async (caseNo: string) => (await reporter.get(`/api/cases/${ids.get(caseNo)}`)).json<{ case: CaseBody }>().case;
  const act = (client: Client, body: Record<string, unknown>) => client.post(`/api/cases/${c.id}/transitions`, { version: c.version, ...body });
  const uploadEvidence = (caseId: number) => {
    const { payload, headers } = multipart({}, { name: '现场核查照片及处罚决定书.pdf', data: PDF });
    return reporter.request({ method: 'POST', url: `/api/cases/${caseId}/evidence`, payload, headers });
  };
  /** Applies, accepts, notices and closes a done case through the procedure. */
  async function closeThroughProcedure(caseId: number): Promise<ClosureBody> {
    expect((await uploadEvidence(caseId)).statusCode).toBe(201);
    let cl = (await reporter.post('/api/closures', { subjectType: 'case', subjectId: caseId })).json<ClosureBody>();
    cl = (await admin.post(`/api/closures/${cl.id}/accept`, { version: cl.version })).json<ClosureBody>();
    cl = (await admin.post(`/api/closures/${cl.id}/notice`, { version: cl.version })).json<ClosureBody>();
    const access = { actor: { id: cityAdminId, name: 'city-admin' }, memberships: await listMemberships(t.ctx.db, cityAdminId) };
    return closeClosure(t.ctx, access, cl.id, { version: cl.version }, addDays(cl.noticeEnd!, 1));
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const inspectionId = (await buildPlan(t.ctx, tree.province, '第三轮中央生态环境保护督察')).inspection.id;
    cityAdminId = (await buildUser(t.ctx, 'admin', tree.city, 'city-admin')).id;
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xinbin-reporter');
    await buildUser(t.ctx, 'reviewer', tree.countyA, 'xinbin-reviewer');
    await buildUser(t.ctx, 'admin', tree.province, 'province-admin');
    admin = await signedIn(t.app, 'city-admin');
    reporter = await signedIn(t.app, 'xinbin-reporter');
    reviewer = await signedIn(t.app, 'xinbin-reviewer');
    expect((await uploadTable(admin, '/api/case-batches/import', 'batch-3.xlsx', { inspectionId, orgUnitId: tree.city.id })).statusCode).toBe(201);
    for (const i of (await admin.get('/api/cases?pageSize=50')).json<{ items: { id: number; caseNo: string }[] }>().items) ids.set(i.caseNo, i.id);
    c = await current('D3LN202505280001');
  });
  afterAll(async () => { await t.close(); });

  it('refuses 办结 without the finding and the handling, in Chinese', async () => {
    const res = await act(reporter, { action: 'done' });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error).toEqual({ code: 'INVALID_TRANSITION', message: '办结前须填写：调查核实情况（属实/部分属实/不属实）、处理情况', params: {}, details: expect.anything() });
  });

  it('goes to 阶段性办结 only with a plan and a date; the plan date then decides overdue', async () => {
    const noPlan = await act(reporter, { action: 'stage_done', verified: 'true', handling: '现场检查发现废气处理设施未运行，已责令停产整改' });
    expect(noPlan.json<ErrorBody>().error.message).toBe('阶段性办结前须填写：后续整改计划、计划完成日期（YYYY-MM-DD）');
    const res = await act(reporter, { action: 'stage_done', verified: 'true', handling: '现场检查发现废气处理设施未运行，已责令停产整改', stagePlan: '更换活性炭吸附装置并完成验收监测', stageDue: '2025-06-30' });
    expect(res.statusCode).toBe(200);
    c = res.json<CaseBody>();
    expect(c.state).toBe('stage_done');
    const overdue = (await reporter.get('/api/cases?overdue=true&state=stage_done')).json<{ items: { id: number; isOverdue: boolean }[] }>();
    expect(overdue.items).toEqual([expect.objectContaining({ id: c.id, isOverdue: true })]);
    expect((await act(reporter, { action: 'stage_done' })).json<ErrorBody>().error.message)
      .toBe('信访件当前为“阶段性办结”，不能阶段性办结：只有“正在办理”或“重新办理”的信访件才能阶段性办结');
  });

  it('records penalties and goes to 已办结; a stale version is a conflict', async () => {
    expect((await reporter.post(`/api/cases/${c.id}/penalties`, { kind: 'fine' })).statusCode).toBe(400);
    const fine = await reporter.post(`/api/cases/${c.id}/penalties`, { kind: 'fine', amount: 200000, note: '抚环罚〔2025〕31号' });
    expect(fine.statusCode).toBe(201);
    await reporter.post(`/api/cases/${c.id}/penalties`, { kind: 'interview', note: '约谈企业负责人' });
    const stale = await reporter.post(`/api/cases/${c.id}/transitions`, { version: c.version - 1, action: 'done' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.code).toBe('VERSION_CONFLICT');
    c = (await act(reporter, { action: 'done', handling: '已责令停产整改，立案处罚20万元，约谈企业负责人，废气设施已恢复运行' })).json<CaseBody>();
    expect(c).toMatchObject({ state: 'done', doneAt: today() });
    expect((await act(reporter, { action: 'done' })).json<ErrorBody>().error.message).toMatch(/^信访件当前为“已办结”，不能办结/);
    const page = (await reporter.get(`/api/cases/${c.id}`)).json<{ penalties: { kind: string; amount: number | null }[] }>();
    expect(page.penalties.map((p) => [p.kind, p.amount])).toEqual([['fine', 200000], ['interview', null]]);
  });

  it('cannot be closed by a transition: 销号 goes through the closure procedure', async () => {
    const res = await act(reporter, { action: 'close' });
    expect(res.statusCode).toBe(400);
    const early = await reporter.post('/api/closures', { subjectType: 'case', subjectId: ids.get('D3LN202505280002') });
    expect(early.json<ErrorBody>().error).toMatchObject({ code: 'INVALID_TRANSITION', message: '不能申请验收销号：信访件当前为“正在办理”，只有已办结的信访件才能申请销号' });
  });

  it('is closed (销号) through the procedure, then frozen', async () => {
    const closure = await closeThroughProcedure(c.id);
    expect(closure.state).toBe('closed');
    c = await current('D3LN202505280001');
    expect(c).toMatchObject({ state: 'closed', closedAt: expect.any(String) });
    expect((await reporter.patch(`/api/cases/${c.id}/handling`, { version: c.version, handling: '补充' })).json<ErrorBody>().error.code).toBe('INVALID_TRANSITION');
    expect((await reporter.post(`/api/cases/${c.id}/penalties`, { kind: 'order_rectify' })).statusCode).toBe(409);
    const reopen = await act(admin, { action: 'reopen', note: '群众再次举报' });
    expect(reopen.json<ErrorBody>().error.message).toBe('已销号的信访件须通过销号程序“反弹重新打开”，以便与原销号记录关联');
    const history = (await admin.get(`/api/cases/${c.id}`)).json<{ history: { action: string }[]; closures: { state: string }[] }>();
    expect(history.history.map((h) => h.action).slice(0, 4)).toEqual(['case.close', 'case.done', 'case.penalty_add', 'case.penalty_add']);
    expect(history.closures.map((x) => x.state)).toEqual(['closed']);
  });

  it('is reopened by the procedure after a relapse, with a fresh deadline', async () => {
    const [closure] = (await admin.get(`/api/closures?subjectType=case&subjectId=${c.id}`)).json<{ items: ClosureBody[] }>().items;
    const res = await admin.post(`/api/closures/${closure!.id}/reopen`, { version: closure!.version, reason: '群众再次举报夜间偷排' });
    expect(res.statusCode).toBe(200);
    c = await current('D3LN202505280001');
    expect(c).toMatchObject({ state: 'reopened', closedAt: null, doneAt: null, deadline: addDays(today(), 7) });
    c = (await act(reporter, { action: 'done', verified: 'true', handling: '再次查处，已拆除暗管' })).json<CaseBody>();
    expect(c.state).toBe('done');
  });

  it('goes back to 正在办理 when acceptance is refused', async () => {
    c = await current('D3LN202505280008');
    c = (await act(reporter, { action: 'done', verified: 'partly', handling: '尾矿库渗漏属实，农田受损不属实；已责令整改' })).json<CaseBody>();
    expect((await uploadEvidence(c.id)).statusCode).toBe(201);
    const cl = (await reporter.post('/api/closures', { subjectType: 'case', subjectId: c.id })).json<ClosureBody>();
    const meddling = await reporter.patch(`/api/cases/${c.id}/handling`, { version: c.version, handling: '补充说明' });
    expect(meddling.json<ErrorBody>().error.message).toBe('该信访件正在验收销号（已申请验收），验收结束前不能修改办理情况');
    expect((await reporter.post(`/api/cases/${c.id}/penalties`, { kind: 'order_rectify' })).statusCode).toBe(409);
    expect((await admin.post(`/api/closures/${cl.id}/reject`, { version: cl.version, reason: '渗漏点未封堵，材料不全' })).statusCode).toBe(200);
    expect(await current('D3LN202505280008')).toMatchObject({ state: 'handling', doneAt: null });
  });

  it('lets only an administrator reopen a handled case, with a reason', async () => {
    c = await current('D3LN202505280002');
    c = (await act(reporter, { action: 'done', verified: 'false', handling: '经现场核查，采石场已停产半年，举报问题不属实' })).json<CaseBody>();
    expect((await act(reporter, { action: 'reopen', note: '再次举报' })).statusCode).toBe(403);
    expect((await act(reviewer, { action: 'reopen', note: '再次举报' })).statusCode).toBe(403);
    expect((await act(admin, { action: 'reopen' })).json<ErrorBody>().error.message).toBe('重新办理须说明原因（例如问题反弹的情况）');
    const res = await act(admin, { action: 'reopen', note: '采石场复产后爆破噪声再次出现' });
    expect(res.json<CaseBody>().state).toBe('reopened');
  });

  it('runs case closures under their own settings, apart from tasks\'', async () => {
    const province = await signedIn(t.app, 'province-admin');
    const value = { noticeDays: 10, noticeDayKind: 'calendar', acceptanceLevel: 'county', followUpCycle: 'quarterly' };
    expect((await province.request({ method: 'PUT', url: '/api/settings/caseClosure', payload: { value, updatedAt: null } })).statusCode).toBe(200);
    c = await current('D3LN202505280005');
    c = (await act(reporter, { action: 'done', verified: 'true', handling: '烧烤店已安装油烟净化器，限定营业时间' })).json<CaseBody>();
    expect((await uploadEvidence(c.id)).statusCode).toBe(201);
    let cl = (await reporter.post('/api/closures', { subjectType: 'case', subjectId: c.id })).json<ClosureBody & { acceptingOrgId: number }>();
    // "County level" still means the level above the county that holds the case: no unit accepts its own.
    expect(cl.acceptingOrgId).toBe(tree.city.id);
    await buildUser(t.ctx, 'reviewer', tree.city, 'fushun-case-reviewer');
    const cityReviewer = await signedIn(t.app, 'fushun-case-reviewer');
    cl = (await cityReviewer.post(`/api/closures/${cl.id}/accept`, { version: cl.version })).json<ClosureBody & { acceptingOrgId: number }>();
    const noticed = (await cityReviewer.post(`/api/closures/${cl.id}/notice`, { version: cl.version, startDate: today() })).json<ClosureBody>();
    expect(noticed.noticeEnd).toBe(addDays(today(), 9));
    expect((await province.get('/api/settings/closure')).json<{ value: { acceptanceLevel: string } }>().value.acceptanceLevel).toBe('city');
  });
});
