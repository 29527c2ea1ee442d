/**
 * Acceptance by level (issue #17): the chain an inspection or plan defines (县级验收 → 市级验收 → 省级审核), taken
 * stage by stage by the units above the holder; no unit accepts or files its own share; the level above files,
 * samples (抽查) and sends back; decisions dated before the application are refused; the chain as the task page shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildDoneTask, buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { PDF } from '../fixtures/evidence/samples.js';
import { getAssignmentById, updateAssignment } from '../../src/db/assignments.repository.js';
import { getPlanById, updatePlan } from '../../src/db/plans.repository.js';
import { listClosureSteps } from '../../src/db/closures.repository.js';
import { verifyAuditChain } from '../../src/db/audit.repository.js';
import { acceptanceStagesOf, describeChain } from '../../src/core/closure.js';
import { addDays } from '../../src/core/workdays.js';
import { today } from '../../src/services/schedule.js';
import { applyForClosure } from '../../src/services/closure/apply.js';
import { acceptClosure, rejectClosure } from '../../src/services/closure/decide.js';
import { recordObjection, startNotice } from '../../src/services/closure/notice.js';
import { closeClosure, fileClosure } from '../../src/services/closure/finish.js';
import { sampleClosure, sendBackClosure } from '../../src/services/closure/sample.js';
import { getClosureView } from '../../src/services/closure/read.js';
import type { Access } from '../../src/services/access.js';
import type { Closure } from '../../src/db/closures.repository.js';
import { accessFor } from './support/access.js';

describe('acceptance stages (pure rule)', () => {
  const province = { id: 1, kind: 'province' as const, name: '辽宁省' };
  const city = { id: 2, kind: 'city' as const, name: '抚顺市' };
  const county = { id: 3, kind: 'county' as const, name: '新宾县' };
  const dept = { id: 4, kind: 'department' as const, name: '县生态环境分局' };
  const ids = (s: { unit: { id: number } }[]) => s.map((x) => x.unit.id);

  it('gives each level to the nearest unit above the holder, never the holder', () => {
    expect(ids(acceptanceStagesOf([county, city, province], ['county', 'city', 'province']))).toEqual([2, 1]);
    expect(ids(acceptanceStagesOf([city, province], ['city']))).toEqual([1]);
    expect(ids(acceptanceStagesOf([dept, county, city, province], ['county', 'city']))).toEqual([3, 2]);
    expect(ids(acceptanceStagesOf([county, city, province], ['province', 'city']))).toEqual([2, 1]);
  });
  it('refuses a unit with nothing above it', () => {
    expect(() => acceptanceStagesOf([province], ['city'])).toThrow(/没有上级单位/);
  });
  it('names the chain', () => {
    expect(describeChain(['province', 'county', 'city'])).toBe('县级验收 → 市级验收 → 省级审核');
  });
});

describe.each(DIALECTS)('acceptance by level on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let planId: number;
  let countyReporter: Access, cityReporter: Access, cityReviewer: Access, provinceReviewer: Access, provinceAdmin: Access, otherCityReviewer: Access;

  const done = async (org = tree.countyA) => (await buildDoneTask(ctx, { planId, org, evidence: { name: '验收材料.pdf', data: PDF } })).assignment.id;
  const apply = (who: Access, id: number) => applyForClosure(ctx, who, { subjectType: 'assignment', subjectId: id });

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    const plan = (await buildPlan(ctx, tree.province, '省级环保督察（分级验收）')).plan;
    planId = plan.id;
    const p = await getPlanById(ctx.db, planId);
    await updatePlan(ctx.db, planId, p.version, { acceptanceChain: ['county', 'city', 'province'] });
    countyReporter = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyA));
    cityReporter = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.city));
    cityReviewer = await accessFor(ctx, await buildUser(ctx, 'reviewer', tree.city));
    provinceReviewer = await accessFor(ctx, await buildUser(ctx, 'reviewer', tree.province));
    provinceAdmin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.province));
    otherCityReviewer = await accessFor(ctx, await buildUser(ctx, 'reviewer', tree.otherCity));
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('takes a county share through the plan\'s chain: the city accepts, then the province reviews', async () => {
    const id = await done();
    let c: Closure = await apply(countyReporter, id);
    expect(c).toMatchObject({ state: 'applied', acceptingOrgId: tree.city.id, level: 'province', stageIndex: 0,
      stages: [{ level: 'county', orgUnitId: tree.city.id }, { level: 'province', orgUnitId: tree.province.id }] });
    expect((await listClosureSteps(ctx.db, c.id))[0]!.decision).toBe('由抚顺市 → 辽宁省验收');
    // The province cannot jump the city's stage.
    await expect(acceptClosure(ctx, provinceReviewer, c.id, { version: c.version })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('该事项由抚顺市验收') });
    c = await acceptClosure(ctx, cityReviewer, c.id, { version: c.version, comment: '市级现场核查' });
    expect(c).toMatchObject({ state: 'applied', acceptingOrgId: tree.province.id, stageIndex: 1 });
    expect((await listClosureSteps(ctx.db, c.id)).at(-1)!.decision).toBe('抚顺市市级验收通过，报辽宁省省级审核');
    await expect(startNotice(ctx, provinceReviewer, c.id, { version: c.version })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(acceptClosure(ctx, cityReviewer, c.id, { version: c.version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    c = await acceptClosure(ctx, provinceReviewer, c.id, { version: c.version, comment: '省级审核同意' });
    expect(c).toMatchObject({ state: 'accepted', acceptingOrgId: tree.province.id, stageIndex: 2 });
    const view = await getClosureView(ctx, countyReporter, c.id);
    expect(view.chain.map((s) => [s.label, s.unitName, s.status])).toEqual([
      ['自验并申请', '新宾满族自治县', 'done'], ['市级验收', '抚顺市', 'done'], ['省级审核', '辽宁省', 'done'],
      ['公示', '辽宁省', 'current'], ['销号', '辽宁省', 'pending'], ['备案', '辽宁省', 'pending'],
    ]);
    expect(view.chain[1]).toMatchObject({ actorName: expect.any(String), at: expect.any(String), comment: '市级现场核查', evidence: [expect.objectContaining({ name: '验收材料.pdf' })] });
  });

  it('sends a city share to the province, and refuses a province share that has no level above', async () => {
    const cityTask = await done(tree.city);
    const c = await apply(cityReporter, cityTask);
    expect(c).toMatchObject({ acceptingOrgId: tree.province.id, stages: [{ level: 'county', orgUnitId: tree.province.id }] });
    await expect(acceptClosure(ctx, cityReviewer, c.id, { version: c.version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const provinceTask = await done(tree.province);
    await expect(apply(provinceAdmin, provinceTask)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('辽宁省没有上级单位') });
  });

  it('refuses a decision dated before the application or after today', async () => {
    const id = await done();
    const c = await apply(countyReporter, id);
    await expect(acceptClosure(ctx, cityReviewer, c.id, { version: c.version, decidedOn: '2020-01-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('不能早于申请日期') });
    await expect(rejectClosure(ctx, cityReviewer, c.id, { version: c.version, reason: '材料不全', decidedOn: addDays(today(), 1) })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('不能晚于今天') });
    expect((await getClosureView(ctx, cityReviewer, c.id)).closure).toMatchObject({ state: 'applied', version: c.version });
  });

  it('is filed with, sampled and sent back by the level above; the county applies again and closes again', async () => {
    const { plan } = await buildPlan(ctx, tree.city, '市级分级验收督察');
    const id = (await buildDoneTask(ctx, { planId: plan.id, org: tree.countyA, evidence: { name: '验收材料.pdf', data: PDF } })).assignment.id;
    const run = async () => {
      let c = await apply(countyReporter, id);
      expect(c).toMatchObject({ acceptingOrgId: tree.city.id, stages: [{ level: 'city', orgUnitId: tree.city.id }] });
      c = await acceptClosure(ctx, cityReviewer, c.id, { version: c.version });
      c = await startNotice(ctx, cityReviewer, c.id, { version: c.version });
      return closeClosure(ctx, cityReviewer, c.id, { version: c.version }, addDays(c.noticeEnd!, 1));
    };
    let c = await run();
    await expect(fileClosure(ctx, cityReviewer, c.id, { version: c.version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    c = await fileClosure(ctx, provinceReviewer, c.id, { version: c.version, comment: '已收到备案材料' });
    expect(c.state).toBe('filed');
    await expect(sampleClosure(ctx, cityReviewer, c.id, { version: c.version, opinion: '自查' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('须由辽宁省或其上级') });
    await expect(sampleClosure(ctx, otherCityReviewer, c.id, { version: c.version, opinion: '越权' })).rejects.toMatchObject({ code: 'CLOSURE_NOT_FOUND' });
    c = await sampleClosure(ctx, provinceReviewer, c.id, { version: c.version, opinion: '抽查现场，整改到位' });
    expect(c.state).toBe('filed');
    await expect(sendBackClosure(ctx, provinceReviewer, c.id, { version: c.version, reason: '' })).rejects.toThrow();
    c = await sendBackClosure(ctx, provinceReviewer, c.id, { version: c.version, reason: '现场复核发现仍有直排' });
    expect(c.state).toBe('returned');
    expect(await getAssignmentById(ctx.db, id)).toMatchObject({ isClosed: false, isCompleted: false });
    const view = await getClosureView(ctx, countyReporter, c.id);
    expect(view.chain.slice(-2).map((s) => [s.label, s.unitName, s.status, s.comment])).toEqual([
      ['抽查', '辽宁省', 'done', '抽查现场，整改到位'], ['抽查退回', '辽宁省', 'returned', '现场复核发现仍有直排'],
    ]);
    await expect(sampleClosure(ctx, provinceReviewer, c.id, { version: c.version, opinion: '再查' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    // Rectified again, it goes through a new procedure to a new closure.
    const a = await getAssignmentById(ctx.db, id);
    await updateAssignment(ctx.db, id, a.version, { isCompleted: true, statusText: '完成整改', statusCode: 'completed' });
    const again = await run();
    expect(again.id).not.toBe(c.id);
    expect(again.state).toBe('closed');
    expect(await getAssignmentById(ctx.db, id)).toMatchObject({ isClosed: true });
  });

  it('sends back an accepted closure before its notice, returning the task to rectification', async () => {
    const { plan } = await buildPlan(ctx, tree.city, '市级分级验收督察');
    const id = (await buildDoneTask(ctx, { planId: plan.id, org: tree.countyB, evidence: { name: '验收材料.pdf', data: PDF } })).assignment.id;
    let c = await apply(await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyB)), id);
    c = await acceptClosure(ctx, cityReviewer, c.id, { version: c.version });
    c = await sendBackClosure(ctx, provinceAdmin, c.id, { version: c.version, reason: '验收材料与现场不符' });
    expect(c.state).toBe('returned');
    expect(await getAssignmentById(ctx.db, id)).toMatchObject({ isCompleted: false, statusText: expect.stringContaining('辽宁省抽查退回：验收材料与现场不符') });
  });

  it('refuses an objection dated before the notice started or in the future', async () => {
    const { plan } = await buildPlan(ctx, tree.city, '市级分级验收督察');
    const id = (await buildDoneTask(ctx, { planId: plan.id, org: tree.countyA, evidence: { name: '验收材料.pdf', data: PDF } })).assignment.id;
    let c = await apply(countyReporter, id);
    c = await acceptClosure(ctx, cityReviewer, c.id, { version: c.version });
    c = await startNotice(ctx, cityReviewer, c.id, { version: c.version });
    await expect(recordObjection(ctx, cityReviewer, c.id, { version: c.version, content: '早到的异议', receivedAt: addDays(today(), -1) }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: `异议收到日期 ${addDays(today(), -1)} 早于公示开始日期 ${today()}，不能登记为本次公示的异议` });
    await expect(recordObjection(ctx, cityReviewer, c.id, { version: c.version, content: '未来的异议', receivedAt: addDays(today(), 1) }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('不能晚于今天') });
    expect((await getClosureView(ctx, cityReviewer, c.id)).objections).toEqual([]);
    c = await recordObjection(ctx, cityReviewer, c.id, { version: c.version, content: '公示期内的异议', receivedAt: today() });
    expect((await getClosureView(ctx, cityReviewer, c.id)).objections).toHaveLength(1);
  });

  it('keeps the audit chain whole', async () => {
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
