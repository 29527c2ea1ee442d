/**
 * A whole closure over HTTP: apply → accept → notice → objection answered (not upheld) → close → file → reopen.
 * A test cannot wait out a real notice period, so the one step that needs the calendar to move — closing after the
 * notice — is taken through the service with the day it happens; every other step goes through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildDoneTask, buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { PDF } from '../fixtures/evidence/samples.js';
import { listMemberships } from '../../src/db/users.repository.js';
import { closeClosure } from '../../src/services/closure/finish.js';
import { runDueJobs } from '../../src/jobs/run-due-jobs.js';
import { addDays } from '../../src/core/workdays.js';
import { zhDate } from '../../src/core/zh-text.js';

interface ClosureBody { id: number; state: string; version: number; noticeStart: string | null; noticeEnd: string | null; reopenedFromId: number | null; acceptingOrgId: number }
type ErrorBody = { error: { code: string; message: string } };

describe.each(DIALECTS)('closure over HTTP on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let applicant: Client, acceptor: Client, provinceAdmin: Client, stranger: Client;
  let acceptorId: number;
  let taskId: number;
  let c: ClosureBody;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.province);
    taskId = (await buildDoneTask(t.ctx, { planId: plan.id, org: tree.countyA, code: '38', problem: '挥发性有机物管控不力', evidence: { name: '一厂一策整治验收.pdf', data: PDF } })).assignment.id;
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xinbin-reporter');
    acceptorId = (await buildUser(t.ctx, 'reviewer', tree.city, 'city-reviewer')).id;
    await buildUser(t.ctx, 'admin', tree.province, 'province-admin');
    await buildUser(t.ctx, 'reporter', tree.countyB, 'qingyuan-reporter');
    applicant = await signedIn(t.app, 'xinbin-reporter');
    acceptor = await signedIn(t.app, 'city-reviewer');
    provinceAdmin = await signedIn(t.app, 'province-admin');
    stranger = await signedIn(t.app, 'qingyuan-reporter');
  });
  afterAll(async () => { await t.close(); });

  it('applies with the dossier; the accepting unit is told', async () => {
    const res = await applicant.post('/api/closures', { subjectType: 'assignment', subjectId: taskId, comment: '24家企业全部完成整治' });
    expect(res.statusCode).toBe(201);
    c = res.json<ClosureBody>();
    expect(c).toMatchObject({ state: 'applied', acceptingOrgId: tree.city.id });
    expect((await stranger.get(`/api/closures/${c.id}`)).statusCode).toBe(404);
    await runDueJobs(t.ctx);
    const inbox = (await acceptor.get('/api/notifications')).json<{ items: { kind: string; title: string }[] }>();
    expect(inbox.items).toEqual([expect.objectContaining({ kind: 'closure_apply', title: '任务38（新宾满族自治县）：申请验收销号' })]);
  });

  it('is accepted by the city that accepts it, not by the province', async () => {
    const refused = await provinceAdmin.post(`/api/closures/${c.id}/accept`, { version: c.version });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorBody>().error.message).toBe('该事项由抚顺市验收，须由抚顺市的审核人或管理员办理（谁验收谁负责）');
    const skipped = await acceptor.post(`/api/closures/${c.id}/close`, { version: c.version });
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json<ErrorBody>().error).toMatchObject({ code: 'INVALID_TRANSITION', message: '当前为“已申请验收”，不能销号：须先验收通过并公示期满才能销号' });
    c = (await acceptor.post(`/api/closures/${c.id}/accept`, { version: c.version, comment: '现场核查通过' })).json<ClosureBody>();
    expect(c.state).toBe('accepted');
  });

  it('notices publicly, records an objection and answers it', async () => {
    c = (await acceptor.post(`/api/closures/${c.id}/notice`, { version: c.version, comment: '抚顺市人民政府网站' })).json<ClosureBody>();
    expect(c).toMatchObject({ state: 'noticed', noticeStart: expect.any(String), noticeEnd: expect.any(String) });
    c = (await acceptor.post(`/api/closures/${c.id}/objections`, { version: c.version, content: '某化工企业仍有异味' })).json<ClosureBody>();
    const view = (await applicant.get(`/api/closures/${c.id}`)).json<{ objections: { id: number; answer: string | null }[] }>();
    const objectionId = view.objections[0]!.id;
    const stale = await acceptor.post(`/api/closures/${c.id}/objections/${objectionId}/answer`, { version: c.version - 1, answer: '不成立', upheld: false });
    expect(stale.statusCode).toBe(409);
    c = (await acceptor.post(`/api/closures/${c.id}/objections/${objectionId}/answer`, { version: c.version, answer: '经监测达标，异议不成立', upheld: false })).json<ClosureBody>();
    expect(c.state).toBe('noticed');
    const early = await acceptor.post(`/api/closures/${c.id}/close`, { version: c.version });
    expect(early.json<ErrorBody>().error.message).toBe(`公示期至${zhDate(c.noticeEnd)}结束，期满后方可销号`);
  });

  it('closes after the notice, files, and shows every step with who, decision and evidence', async () => {
    const access = { actor: { id: acceptorId, name: 'city-reviewer' }, memberships: await listMemberships(t.ctx.db, acceptorId) };
    const closed = await closeClosure(t.ctx, access, c.id, { version: c.version }, addDays(c.noticeEnd!, 1));
    expect(closed.state).toBe('closed');
    expect((await applicant.get(`/api/assignments/${taskId}`)).json<{ assignment: { isClosed: boolean; scheduleStatus: string } }>().assignment).toMatchObject({ isClosed: true, scheduleStatus: 'closed' });
    // 备案 is taken by the level above the unit that closed, not by the city itself.
    const own = await acceptor.post(`/api/closures/${c.id}/file`, { version: closed.version });
    expect(own.statusCode).toBe(403);
    expect(own.json<ErrorBody>().error.message).toBe('该事项由抚顺市销号，须报辽宁省备案，由辽宁省的审核人或管理员办理');
    c = (await provinceAdmin.post(`/api/closures/${c.id}/file`, { version: closed.version, comment: '省生态环境厅已收到备案' })).json<ClosureBody>();
    expect(c.state).toBe('filed');
    const view = (await applicant.get(`/api/closures/${c.id}`)).json<{
      steps: { step: string; actorName: string | null; decision: string | null; evidence: { name: string }[] }[]; subject: { label: string }; mayDecide: boolean;
      chain: { label: string; unitName: string; status: string; actorName: string | null }[];
    }>();
    expect(view.chain.map((s) => [s.label, s.unitName, s.status])).toEqual([
      ['自验并申请', '新宾满族自治县', 'done'], ['验收', '抚顺市', 'done'], ['公示', '抚顺市', 'done'], ['销号', '抚顺市', 'done'], ['备案', '辽宁省', 'done'],
    ]);
    expect(view.chain[4]!.actorName).toBe('辽宁省admin');
    expect(view.subject.label).toBe('任务38（新宾满族自治县）');
    expect(view.mayDecide).toBe(false);
    expect(view.steps.map((s) => s.step)).toEqual(['apply', 'accept', 'startNotice', 'recordObjection', 'answerObjection', 'close', 'file']);
    expect(view.steps[1]).toMatchObject({ actorName: '抚顺市reviewer', decision: '抚顺市验收通过', evidence: [{ name: '一厂一策整治验收.pdf' }] });
    expect(view.steps[6]).toMatchObject({ decision: '报辽宁省备案', actorName: '辽宁省admin' });
    const history = (await applicant.get(`/api/closures?subjectType=assignment&subjectId=${taskId}`)).json<{ items: { id: number }[] }>();
    expect(history.items.map((i) => i.id)).toEqual([c.id]);
    const province = (await provinceAdmin.get(`/api/closures/${c.id}`)).json<{ mayFile: boolean; maySample: boolean; mayDecide: boolean }>();
    expect(province).toMatchObject({ mayDecide: false, mayFile: true, maySample: true });
    const work = (await acceptor.get('/api/closures?state=filed')).json<{ items: { id: number; subjectLabel: string }[] }>();
    expect(work.items).toEqual([expect.objectContaining({ id: c.id, subjectLabel: '任务38（新宾满族自治县）' })]);
  });

  it('reopens after a relapse, linked to the closure it undoes, and the task is back in rectification', async () => {
    expect((await applicant.post(`/api/closures/${c.id}/reopen`, { version: c.version, reason: '再次被举报' })).statusCode).toBe(403);
    const res = await acceptor.post(`/api/closures/${c.id}/reopen`, { version: c.version, reason: '群众再次举报异味，核查属实' });
    expect(res.statusCode).toBe(200);
    expect(res.json<ClosureBody>()).toMatchObject({ state: 'reopened', reopenedFromId: c.id });
    expect((await applicant.get(`/api/assignments/${taskId}`)).json<{ assignment: { isClosed: boolean; isCompleted: boolean } }>().assignment).toMatchObject({ isClosed: false, isCompleted: false });
    expect((await applicant.get(`/api/closures/${c.id}`)).json<{ closure: { state: string }; reopenedBy: number[] }>()).toMatchObject({ closure: { state: 'filed' }, reopenedBy: [res.json<ClosureBody>().id] });
  });

  it('takes the plan\'s acceptance chain, and lets the province sample and send back over HTTP', async () => {
    const { plan } = await buildPlan(t.ctx, tree.city, '市级督察（HTTP 分级验收）');
    const bad = await provinceAdmin.request({ method: 'PATCH', url: `/api/plans/${plan.id}`, payload: { version: plan.version, acceptanceChain: ['city', 'city'] } });
    expect(bad.statusCode).toBe(400);
    const patched = await provinceAdmin.request({ method: 'PATCH', url: `/api/plans/${plan.id}`, payload: { version: plan.version, acceptanceChain: ['city', 'province'] } });
    expect(patched.json<{ acceptanceChain: string[] }>().acceptanceChain).toEqual(['city', 'province']);
    const id = (await buildDoneTask(t.ctx, { planId: plan.id, org: tree.countyA, evidence: { name: '验收.pdf', data: PDF } })).assignment.id;
    let cl = (await applicant.post('/api/closures', { subjectType: 'assignment', subjectId: id })).json<ClosureBody & { stages: { orgUnitId: number }[] }>();
    expect(cl.stages.map((s) => s.orgUnitId)).toEqual([tree.city.id, tree.province.id]);
    cl = (await acceptor.post(`/api/closures/${cl.id}/accept`, { version: cl.version })).json<ClosureBody & { stages: { orgUnitId: number }[] }>();
    expect(cl).toMatchObject({ state: 'applied', acceptingOrgId: tree.province.id });
    cl = (await provinceAdmin.post(`/api/closures/${cl.id}/accept`, { version: cl.version })).json<ClosureBody & { stages: { orgUnitId: number }[] }>();
    expect(cl.state).toBe('accepted');
    // The province accepted last: nothing is above it, so no one samples it.
    const none = await provinceAdmin.post(`/api/closures/${cl.id}/sample`, { version: cl.version, opinion: '抽查' });
    expect(none.json<ErrorBody>().error).toMatchObject({ code: 'FORBIDDEN', message: '辽宁省没有上级单位，无人可以抽查其验收的事项' });
    const other = await buildDoneTask(t.ctx, { planId: (await buildPlan(t.ctx, tree.province)).plan.id, org: tree.countyA, evidence: { name: '验收.pdf', data: PDF } });
    let c2 = (await applicant.post('/api/closures', { subjectType: 'assignment', subjectId: other.assignment.id })).json<ClosureBody>();
    c2 = (await acceptor.post(`/api/closures/${c2.id}/accept`, { version: c2.version })).json<ClosureBody>();
    expect((await acceptor.post(`/api/closures/${c2.id}/send-back`, { version: c2.version, reason: '自查退回' })).statusCode).toBe(403);
    const back = await provinceAdmin.post(`/api/closures/${c2.id}/send-back`, { version: c2.version, reason: '抽查发现台账不全' });
    expect(back.json<ClosureBody>().state).toBe('returned');
  });
});
