/**
 * Acceptance and closure at the service level: apply → accept → notice → objection answered → close → file → reopen
 * → apply again; rejection and an upheld objection back to rectification; long-term tasks; the acceptance level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildDoneTask, buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { PDF, UTF8_TEXT } from '../fixtures/evidence/samples.js';
import { getAssignmentById, updateAssignment, type AssignmentFields } from '../../src/db/assignments.repository.js';
import { listClosureSteps } from '../../src/db/closures.repository.js';
import { verifyAuditChain, SYSTEM_ACTOR } from '../../src/db/audit.repository.js';
import { writeSetting } from '../../src/db/settings.repository.js';
import { noticeEndDate } from '../../src/core/closure.js';
import { addDays } from '../../src/core/workdays.js';
import { storeEvidence } from '../../src/services/evidence.js';
import { today } from '../../src/services/schedule.js';
import { applyForClosure } from '../../src/services/closure/apply.js';
import { acceptClosure, rejectClosure } from '../../src/services/closure/decide.js';
import { answerObjection, recordObjection, startNotice } from '../../src/services/closure/notice.js';
import { closeClosure, fileClosure, reopenClosure } from '../../src/services/closure/finish.js';
import { getClosureView } from '../../src/services/closure/read.js';
import type { Access } from '../../src/services/access.js';
import type { Closure } from '../../src/db/closures.repository.js';
import { accessFor } from './support/access.js';
import { zhDate } from '../../src/core/zh-text.js';

describe.each(DIALECTS)('acceptance and closure on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let planId: number;
  let applicant: Access, acceptor: Access, provinceAdmin: Access, countyReviewer: Access;
  let c: Closure;
  let taskId: number;
  let noticeEnd: string;

  /** A completed task at the unit with one evidence file. */
  async function doneTask(org = tree.countyA, fields: AssignmentFields = {}) {
    return (await buildDoneTask(ctx, { planId, org, fields, evidence: { name: '整改验收材料.pdf', data: PDF } })).assignment.id;
  }

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    planId = (await buildPlan(ctx, tree.province)).plan.id;
    applicant = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyA));
    acceptor = await accessFor(ctx, await buildUser(ctx, 'reviewer', tree.city));
    provinceAdmin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.province));
    countyReviewer = await accessFor(ctx, await buildUser(ctx, 'reviewer', tree.countyA));
    taskId = await doneTask();
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('applies only for a completed task with evidence', async () => {
    const unfinished = (await buildTask(ctx, { planId, org: tree.countyA })).assignment.id;
    await expect(applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: unfinished })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('尚未完成整改') });
    const bare = (await buildTask(ctx, { planId, org: tree.countyA, fields: { isCompleted: true } })).assignment.id;
    await expect(applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: bare })).rejects.toMatchObject({ code: 'EVIDENCE_REQUIRED' });
    await expect(applyForClosure(ctx, applicant, { subjectType: 'petition', subjectId: bare })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('applies with the dossier snapshotted, to be accepted by the city (the configured level)', async () => {
    c = await applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: taskId, comment: '已完成全部整改措施' });
    expect(c).toMatchObject({ state: 'applied', level: 'city', acceptingOrgId: tree.city.id, reopenedFromId: null });
    const [apply] = await listClosureSteps(ctx.db, c.id);
    expect(apply).toMatchObject({ step: 'apply', actorId: applicant.actor.id, decision: '由抚顺市验收', comment: '已完成全部整改措施' });
    expect(apply!.evidence).toEqual([{ id: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), name: '整改验收材料.pdf' }]);
    // Evidence added later is not part of what was applied with.
    await storeEvidence(ctx, SYSTEM_ACTOR, { ownerType: 'assignment', ownerId: taskId, orgUnitId: tree.countyA.id, name: '补充说明.txt', data: UTF8_TEXT });
    await expect(applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: taskId })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('refuses to skip a step', async () => {
    await expect(startNotice(ctx, acceptor, c.id, { version: c.version })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: '当前为“已申请验收”，不能公示：须先验收通过才能公示' });
    await expect(closeClosure(ctx, acceptor, c.id, { version: c.version })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('须先验收通过并公示期满才能销号') });
    await expect(fileClosure(ctx, provinceAdmin, c.id, { version: c.version })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('is accepted only by the accepting unit\'s reviewers (谁验收谁负责), who sign on the dossier applied with', async () => {
    await expect(acceptClosure(ctx, provinceAdmin, c.id, { version: c.version })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('该事项由抚顺市验收') });
    await expect(acceptClosure(ctx, countyReviewer, c.id, { version: c.version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(acceptClosure(ctx, acceptor, c.id, { version: c.version + 1 })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    c = await acceptClosure(ctx, acceptor, c.id, { version: c.version, comment: '现场核查属实' });
    expect(c.state).toBe('accepted');
    const accept = (await listClosureSteps(ctx.db, c.id)).at(-1)!;
    expect(accept).toMatchObject({ step: 'accept', actorId: acceptor.actor.id, decision: '抚顺市验收通过', comment: '现场核查属实' });
    expect(accept.evidence.map((e) => e.name)).toEqual(['整改验收材料.pdf']);
  });

  it('starts the notice no earlier than the acceptance, for the configured working days', async () => {
    await expect(startNotice(ctx, acceptor, c.id, { version: c.version, startDate: '2020-01-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    c = await startNotice(ctx, acceptor, c.id, { version: c.version, comment: '市政府网站' });
    noticeEnd = noticeEndDate(today(), { noticeDays: 5, noticeDayKind: 'working' });
    expect(c).toMatchObject({ state: 'noticed', noticeStart: today(), noticeEnd });
  });

  it('closes only after the notice has ended and every objection is answered', async () => {
    c = await recordObjection(ctx, acceptor, c.id, { version: c.version, content: '群众反映夜间仍有异味' });
    const dayAfter = addDays(noticeEnd, 1);
    await expect(closeClosure(ctx, acceptor, c.id, { version: c.version }, dayAfter)).rejects.toMatchObject({ message: '尚有1件异议未答复，答复后方可销号' });
    const [objection] = (await getClosureView(ctx, acceptor, c.id)).objections;
    c = await answerObjection(ctx, acceptor, c.id, objection!.id, { version: c.version, answer: '经夜间复核监测，达标排放，异议不成立', upheld: false });
    expect(c.state).toBe('noticed');
    await expect(answerObjection(ctx, acceptor, c.id, objection!.id, { version: c.version, answer: '再答复', upheld: true })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(closeClosure(ctx, acceptor, c.id, { version: c.version }, noticeEnd)).rejects.toMatchObject({ message: `公示期至${zhDate(noticeEnd)}结束，期满后方可销号` });
    c = await closeClosure(ctx, acceptor, c.id, { version: c.version }, dayAfter);
    expect(c.state).toBe('closed');
    expect(await getAssignmentById(ctx.db, taskId)).toMatchObject({ isClosed: true, closedAt: dayAfter, scheduleStatus: 'closed' });
  });

  it('is filed with the level above, which takes the step itself (no unit files its own closure)', async () => {
    await expect(fileClosure(ctx, acceptor, c.id, { version: c.version })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('须报辽宁省备案') });
    c = await fileClosure(ctx, provinceAdmin, c.id, { version: c.version });
    expect(c.state).toBe('filed');
    expect((await listClosureSteps(ctx.db, c.id)).at(-1)).toMatchObject({ step: 'file', decision: '报辽宁省备案' });
    const steps = (await listClosureSteps(ctx.db, c.id)).map((s) => s.step);
    expect(steps).toEqual(['apply', 'accept', 'startNotice', 'recordObjection', 'answerObjection', 'close', 'file']);
  });

  it('reopens a relapse as a new procedure linked to the closed one, and carries it to a new application', async () => {
    await expect(reopenClosure(ctx, applicant, c.id, { version: c.version, reason: '群众再次举报' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const reopened = await reopenClosure(ctx, provinceAdmin, c.id, { version: c.version, reason: '省级抽查发现问题反弹' });
    expect(reopened).toMatchObject({ state: 'reopened', reopenedFromId: c.id, acceptingOrgId: tree.city.id });
    expect(await getAssignmentById(ctx.db, taskId)).toMatchObject({ isClosed: false, isCompleted: false, statusText: '问题反弹，重新整改：省级抽查发现问题反弹' });
    expect((await getClosureView(ctx, acceptor, c.id)).reopenedBy).toEqual([reopened.id]);
    await expect(reopenClosure(ctx, provinceAdmin, c.id, { version: c.version, reason: '重复' })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: taskId })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const a = await getAssignmentById(ctx.db, taskId);
    await updateAssignment(ctx.db, taskId, a.version, { isCompleted: true, statusText: '完成整改', statusCode: 'completed' });
    const again = await applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: taskId });
    expect(again).toMatchObject({ id: reopened.id, state: 'applied', reopenedFromId: c.id });
    expect((await listClosureSteps(ctx.db, again.id)).map((s) => s.step)).toEqual(['reopen', 'apply']);
  });

  it('sends a rejected application back to rectification', async () => {
    const id = await doneTask();
    const applied = await applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: id });
    await expect(rejectClosure(ctx, acceptor, applied.id, { version: applied.version, reason: '' })).rejects.toThrow();
    const rejected = await rejectClosure(ctx, acceptor, applied.id, { version: applied.version, reason: '监测数据不全' });
    expect(rejected.state).toBe('returned');
    expect(await getAssignmentById(ctx.db, id)).toMatchObject({ isCompleted: false, statusText: '退回整改：验收未通过：监测数据不全' });
  });

  it('sends the task back to rectification when an objection is upheld', async () => {
    const id = await doneTask();
    let p = await applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: id });
    p = await acceptClosure(ctx, acceptor, p.id, { version: p.version });
    p = await startNotice(ctx, acceptor, p.id, { version: p.version });
    p = await recordObjection(ctx, acceptor, p.id, { version: p.version, content: '排污口仍在直排', receivedAt: today() });
    const [objection] = (await getClosureView(ctx, acceptor, p.id)).objections;
    p = await answerObjection(ctx, acceptor, p.id, objection!.id, { version: p.version, answer: '经核实属实，退回整改', upheld: true });
    expect(p.state).toBe('returned');
    expect(await getAssignmentById(ctx.db, id)).toMatchObject({ isCompleted: false, isClosed: false });
    expect((await getClosureView(ctx, acceptor, p.id)).objections[0]).toMatchObject({ upheld: true, answer: '经核实属实，退回整改' });
  });

  it('closes a long-term task with its lasting mechanism and keeps it long-term on the ledger', async () => {
    const id = await doneTask(tree.countyA, { isCompleted: false, isLongTerm: true, deadlineKind: 'long_term', deadlineDate: null, statusText: '长期坚持', statusCode: 'long_term' });
    await expect(applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('长效机制') });
    let p = await applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: id, longTermMechanism: '建立河长制巡河和季度监测通报制度' });
    p = await acceptClosure(ctx, acceptor, p.id, { version: p.version });
    p = await startNotice(ctx, acceptor, p.id, { version: p.version });
    p = await closeClosure(ctx, acceptor, p.id, { version: p.version }, addDays(p.noticeEnd!, 1));
    expect(p).toMatchObject({ state: 'closed', longTermMechanism: '建立河长制巡河和季度监测通报制度' });
    expect((await listClosureSteps(ctx.db, p.id)).at(-1)!.decision).toBe('公示期满无异议，予以销号；长效机制：建立河长制巡河和季度监测通报制度');
    expect(await getAssignmentById(ctx.db, id)).toMatchObject({ isClosed: true, isLongTerm: true, scheduleStatus: 'closed' });
  });

  it('finds the accepting unit from the configured level, never the holder itself', async () => {
    await writeSetting(ctx.db, 'closure', { acceptanceLevel: 'county' });
    // A county share "accepted at county level" goes to the level that assigned it: no unit accepts its own share.
    const county = await applyForClosure(ctx, applicant, { subjectType: 'assignment', subjectId: await doneTask() });
    expect(county).toMatchObject({ level: 'county', acceptingOrgId: tree.city.id, stages: [{ level: 'county', orgUnitId: tree.city.id }] });
    const cityAdmin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.city));
    const dept = await applyForClosure(ctx, cityAdmin, { subjectType: 'assignment', subjectId: await doneTask(tree.department) });
    expect(dept).toMatchObject({ level: 'county', acceptingOrgId: tree.city.id });
    await writeSetting(ctx.db, 'closure', {});
  });

  it('keeps the audit chain whole through every step', async () => {
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
