/**
 * Supervision and accountability as records (issue #17), over HTTP on every dialect:
 * - 摘牌 only when the case or task share is 办结: before, 409 SUBJECT_NOT_DONE and nothing written, unless the listing
 *   unit (or a unit above it) gives a reason, which is recorded; a unit below the listing unit may not delist early;
 * - 领导包案 as records: leader, position, unit, the day assigned, visits and instructions in date order, dated within
 *   the charge and not in the future, audited, scoped by unit like the case;
 * - 问责 one record per person with the measure from the standard list (其他 with its words), counted by measure in the
 *   case summary and the report's 信访件办理情况 paragraph, without names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { uploadTable } from '../fixtures/cases/upload.js';
import { getAssignmentById, updateAssignment } from '../../src/db/assignments.repository.js';
import { today } from '../../src/services/schedule.js';
import { chinaDay, zhDate } from '../../src/core/zh-text.js';

type ErrorBody = { error: { code: string; message: string } };
interface Listing { id: number; delistedAt: string | null; delistReason: string | null; listedOrgId: number | null }
interface Charge { id: number; leaderName: string; position: string | null; unitName: string | null; assignedOn: string | null; actions: { actedOn: string; kind: string; content: string }[] }

const tomorrow = () => new Date(Date.parse(`${today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe.each(DIALECTS)('supervision and accountability as records on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let cityAdmin: Client, xinbinAdmin: Client, xinbinReporter: Client, qingyuanAdmin: Client, provinceAdmin: Client;
  let assignmentId: number;
  let inspectionId: number;
  let batch3: number;
  const ids = new Map<string, number>();
  const events = async (action: string) => (await t.ctx.db.selectFrom('audit_events').select(['entity_type', 'entity_id', 'after']).where('action', '=', action).orderBy('id').execute())
    .map((e) => ({ entity: `${e.entity_type}:${e.entity_id}`, after: JSON.parse(e.after ?? 'null') as Record<string, unknown> }));
  const listingOf = async (id: number) => (await t.ctx.db.selectFrom('supervision_listings').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const built = await buildPlan(t.ctx, tree.province, '第三轮中央生态环境保护督察');
    inspectionId = built.inspection.id;
    assignmentId = (await buildTask(t.ctx, { planId: built.plan.id, org: tree.countyA, code: '12', problem: '信访件办理不到位，群众反复投诉' })).assignment.id;
    await buildUser(t.ctx, 'admin', tree.city, 'sv-city-admin');
    await buildUser(t.ctx, 'admin', tree.countyA, 'sv-xinbin-admin');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'sv-xinbin-reporter');
    await buildUser(t.ctx, 'admin', tree.countyB, 'sv-qingyuan-admin');
    await buildUser(t.ctx, 'admin', tree.province, 'sv-province-admin');
    cityAdmin = await signedIn(t.app, 'sv-city-admin');
    xinbinAdmin = await signedIn(t.app, 'sv-xinbin-admin');
    xinbinReporter = await signedIn(t.app, 'sv-xinbin-reporter');
    qingyuanAdmin = await signedIn(t.app, 'sv-qingyuan-admin');
    provinceAdmin = await signedIn(t.app, 'sv-province-admin');
    batch3 = (await uploadTable(cityAdmin, '/api/case-batches/import', 'batch-3.xlsx', { inspectionId, orgUnitId: tree.city.id })).json<{ batches: { id: number }[] }>().batches[0]!.id;
    for (const i of (await cityAdmin.get('/api/cases?pageSize=50')).json<{ items: { id: number; caseNo: string }[] }>().items) ids.set(i.caseNo, i.id);
  });
  afterAll(async () => { await t.close(); });

  it('refuses 摘牌 of a case still being handled, lets the listing unit delist early with a recorded reason, and anyone at the level once 办结', async () => {
    const caseId = ids.get('D3LN202505280008')!;
    // The city lists a county-level plate: the listing unit is the city, not the county.
    const listed = await cityAdmin.post('/api/supervision-listings', { subjectType: 'case', subjectId: caseId, level: 'county', reason: 'key_case' });
    expect(listed.statusCode).toBe(201);
    const listing = listed.json<Listing>();
    expect(listing.listedOrgId).toBe(tree.city.id);

    const refused = await cityAdmin.post(`/api/supervision-listings/${listing.id}/delist`, { decision: '同意摘牌' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error).toMatchObject({
      code: 'SUBJECT_NOT_DONE', message: '信访件 D3LN202505280008 当前为“正在办理”，尚未办结，不能摘牌；确需提前摘牌的，须由挂牌单位（抚顺市）或其上级写明理由',
    });
    // The county administers a county-level unit, but it did not list: it may not delist early, even with a reason.
    const below = await xinbinAdmin.post(`/api/supervision-listings/${listing.id}/delist`, { decision: '同意摘牌', reason: '县里认为已无必要' });
    expect(below.statusCode).toBe(403);
    expect(below.json<ErrorBody>().error.message).toBe('信访件 D3LN202505280008 尚未办结，提前摘牌须由挂牌单位（抚顺市）或其上级的管理员办理');
    expect((await listingOf(listing.id)).delisted_at).toBeNull();
    expect(await events('listing.delist')).toEqual([]);

    // The province (above the listing unit) may delist early, with its reason kept.
    const early = await provinceAdmin.post(`/api/supervision-listings/${listing.id}/delist`, { decision: '转为省级专案督办', reason: '案情升级，改由省级专案办理' });
    expect(early.statusCode).toBe(200);
    expect(early.json<Listing>()).toMatchObject({ delistReason: '案情升级，改由省级专案办理', delistedAt: expect.any(String) });
    expect(await events('listing.delist')).toEqual([{ entity: `case:${caseId}`, after: expect.objectContaining({ listingId: listing.id, reason: '案情升级，改由省级专案办理', subjectDone: false, subjectState: '正在办理' }) }]);

    // Listed again, handled (办结): now the county may delist, no reason needed.
    const again = (await xinbinAdmin.post('/api/supervision-listings', { subjectType: 'case', subjectId: caseId, level: 'county', reason: 'key_case' })).json<Listing>();
    expect(again.listedOrgId).toBe(tree.countyA.id);
    const c = (await xinbinReporter.get(`/api/cases/${caseId}`)).json<{ case: { version: number } }>().case;
    const done = await xinbinReporter.post(`/api/cases/${caseId}/transitions`, { version: c.version, action: 'done', verified: 'true', handling: '尾矿库渗漏点已封堵，经监测达标' });
    expect(done.statusCode).toBe(200);
    const delisted = await xinbinAdmin.post(`/api/supervision-listings/${again.id}/delist`, { decision: '经现场核查，问题已整改到位，同意摘牌' });
    expect(delisted.statusCode).toBe(200);
    expect(delisted.json<Listing>()).toMatchObject({ delistReason: null, delistedAt: expect.any(String) });
    expect((await events('listing.delist')).at(-1)!.after).toMatchObject({ subjectDone: true, subjectState: '已办结' });
  });

  it('refuses 摘牌 of a task share until it is completed', async () => {
    const listing = (await provinceAdmin.post('/api/supervision-listings', { subjectType: 'assignment', subjectId: assignmentId, level: 'province', reason: 'previous_round_repeat' })).json<Listing>();
    expect(listing.listedOrgId).toBe(tree.province.id);
    const refused = await provinceAdmin.post(`/api/supervision-listings/${listing.id}/delist`, { decision: '同意摘牌' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error.code).toBe('SUBJECT_NOT_DONE');
    expect(refused.json<ErrorBody>().error.message).toMatch(/^任务分解 \d+ 当前为“达到序时进度”，尚未办结，不能摘牌；确需提前摘牌的，须由挂牌单位（辽宁省）或其上级写明理由$/);
    const a = await getAssignmentById(t.ctx.db, assignmentId);
    await updateAssignment(t.ctx.db, assignmentId, a.version, { isCompleted: true, statusText: '完成整改', statusCode: 'completed' });
    const delisted = await provinceAdmin.post(`/api/supervision-listings/${listing.id}/delist`, { decision: '整改完成，同意摘牌' });
    expect(delisted.statusCode).toBe(200);
    expect(delisted.json<Listing>().delistReason).toBeNull();
  });

  it('keeps 领导包案 as records: the leader, then visits and instructions in date order, dated within the charge', async () => {
    const caseId = ids.get('D3LN202505280002')!;
    // A listing naming its leader records a charge from the listing's day.
    await cityAdmin.post('/api/supervision-listings', { subjectType: 'case', subjectId: caseId, level: 'city', reason: 'repeat_complaint', leader: '王某' });
    const charge = await cityAdmin.post('/api/leader-charges', { subjectType: 'case', subjectId: caseId, leaderName: '李某', position: '副市长', unitName: '抚顺市人民政府', assignedOn: '2025-06-01' });
    expect(charge.statusCode).toBe(201);
    const chargeId = charge.json<Charge>().id;
    const act = (body: Record<string, unknown>, client = cityAdmin) => client.post(`/api/leader-charges/${chargeId}/actions`, body);
    expect((await act({ actedOn: '2025-06-20', kind: 'instruction', content: '要求7日内拿出整改方案，每周报告进展' })).statusCode).toBe(201);
    expect((await act({ actedOn: '2025-06-05', kind: 'onsite', content: '到现场察看噪声扰民点位，听取镇政府汇报' })).statusCode).toBe(201);
    const before = await act({ actedOn: '2025-05-31', kind: 'interview', content: '约谈镇长' });
    expect(before.statusCode).toBe(400);
    expect(before.json<ErrorBody>().error.message).toBe('约谈日期 2025-05-31 早于李某包案之日 2025-06-01');
    expect((await act({ actedOn: tomorrow(), kind: 'meeting', content: '调度会' })).json<ErrorBody>().error.code).toBe('VALIDATION_FAILED');
    expect((await act({ actedOn: '2025-06-21', kind: '督办', content: '…' })).statusCode).toBe(400);
    expect((await cityAdmin.post('/api/leader-charges', { subjectType: 'case', subjectId: caseId, leaderName: '赵某', assignedOn: tomorrow() })).statusCode).toBe(400);
    // Scope: a reporter may read but not write; another county's administrator does not see the case at all.
    expect((await act({ actedOn: '2025-06-21', kind: 'other', content: '电话督促' }, xinbinReporter)).statusCode).toBe(403);
    expect((await act({ actedOn: '2025-06-21', kind: 'other', content: '电话督促' }, qingyuanAdmin)).statusCode).toBe(404);
    expect((await qingyuanAdmin.get(`/api/leader-charges?subjectType=case&subjectId=${caseId}`)).statusCode).toBe(404);
    expect((await qingyuanAdmin.post('/api/leader-charges', { subjectType: 'case', subjectId: caseId, leaderName: '赵某', assignedOn: '2025-06-01' })).statusCode).toBe(404);

    const listed = (await xinbinReporter.get(`/api/leader-charges?subjectType=case&subjectId=${caseId}`)).json<{ items: Charge[] }>().items;
    expect(listed.map((c) => [c.leaderName, c.position, c.unitName, c.assignedOn])).toEqual([['王某', null, null, today()], ['李某', '副市长', '抚顺市人民政府', '2025-06-01']]);
    expect(listed[1]!.actions.map((a) => [a.actedOn, a.kind])).toEqual([['2025-06-05', 'onsite'], ['2025-06-20', 'instruction']]);
    const detail = (await xinbinReporter.get(`/api/cases/${caseId}`)).json<{ leaderCharges: Charge[] }>();
    expect(detail.leaderCharges).toEqual(listed);
    expect((await events('leader_charge.create')).map((e) => [e.entity, e.after.leaderName])).toEqual([[`case:${caseId}`, '李某']]);
    expect((await events('leader_charge.action')).map((e) => [e.after.actedOn, e.after.kind])).toEqual([['2025-06-20', 'instruction'], ['2025-06-05', 'onsite']]);
    expect((await events('listing.create')).at(-1)!.after).toMatchObject({ leader: '王某', leaderChargeId: expect.any(Number) });

    // On a task share too.
    const onTask = await xinbinAdmin.post('/api/leader-charges', { subjectType: 'assignment', subjectId: assignmentId, leaderName: '刘某', position: '县长', assignedOn: '2025-03-01' });
    expect(onTask.statusCode).toBe(201);
    expect((await xinbinReporter.get(`/api/leader-charges?subjectType=assignment&subjectId=${assignmentId}`)).json<{ items: Charge[] }>().items.map((c) => c.leaderName)).toEqual(['刘某']);
  });

  it('records 问责 one person at a time with the measure from the standard list, and counts them by measure', async () => {
    const onCase = (caseNo: string, body: Record<string, unknown>, client = cityAdmin) => client.post('/api/accountability', { subjectType: 'case', subjectId: ids.get(caseNo), ...body });
    const other = await onCase('D3LN202505280001', { person: '孙某', measure: 'other' });
    expect(other.statusCode).toBe(400);
    expect(other.json<ErrorBody>().error.message).toBe('问责方式为“其他”时，须写明具体方式');
    expect((await onCase('D3LN202505280001', { person: '孙某', measure: 'admonition', measureOther: '停职' })).statusCode).toBe(400);
    expect((await onCase('D3LN202505280001', { person: '孙某', measure: 'admonition', decidedAt: tomorrow() })).statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('accountability_records').select('id').execute()).toEqual([]);

    const created = await onCase('D3LN202505280001', { person: '孙某', position: '镇党委副书记', unitName: '新宾镇人民政府', measure: 'admonition', decidedAt: '2025-06-20', document: '新纪发〔2025〕3号' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ person: '孙某', position: '镇党委副书记', unitName: '新宾镇人民政府', measure: 'admonition', measureOther: null, decidedAt: '2025-06-20' });
    await onCase('D3LN202505280002', { person: '周某', measure: 'admonition', decidedAt: '2025-06-21' });
    await onCase('D3LN202505280002', { person: '吴某', measure: 'other', measureOther: '停职检查', decidedAt: '2025-06-21' });
    await onCase('X3LN202505280003', { person: '郑某', measure: 'party_discipline', decidedAt: '2025-06-22' });
    await xinbinAdmin.post('/api/accountability', { subjectType: 'assignment', subjectId: assignmentId, person: '冯某', measure: 'circulated_criticism', decidedAt: '2025-06-23' });
    expect((await events('accountability.create')).map((e) => [e.after.person, e.after.measure, e.after.measureOther])).toEqual([
      ['孙某', 'admonition', null], ['周某', 'admonition', null], ['吴某', 'other', '停职检查'], ['郑某', 'party_discipline', null], ['冯某', 'circulated_criticism', null],
    ]);

    // The case summary counts records of the cases in the reader's scope, by measure; and the cases in a leader's charge.
    type Summary = { accountability: { total: number; byMeasure: Record<string, number> }; leaderCharged: number };
    const city = (await cityAdmin.get('/api/cases/summary')).json<Summary>();
    expect(city.accountability).toEqual({ total: 4, byMeasure: { admonition: 2, circulated_criticism: 0, ordered_review: 0, party_discipline: 1, government_sanction: 0, organizational: 0, judicial_transfer: 0, other: 1 } });
    expect(city.leaderCharged).toBe(1);
    const county = (await xinbinReporter.get('/api/cases/summary')).json<Summary>();
    expect(county.accountability.total).toBe(3);
    expect(county.accountability.byMeasure.party_discipline).toBe(0);
    expect((await cityAdmin.get(`/api/cases/summary?orgUnitId=${tree.countyB.id}`)).json<Summary>().accountability.byMeasure).toMatchObject({ party_discipline: 1, admonition: 0 });

    // The ledger names officials for signed-in readers; the report's paragraph counts by measure, naming nobody.
    // As of today: the task shares were made today, so a past day's report would not have them (as-of reads); the case
    // settled above counts as handled.
    const day = chinaDay();
    const preview = await xinbinAdmin.get(`/api/reports/preview?orgUnitId=${tree.countyA.id}&inspectionId=${inspectionId}&asOf=${day}&withSummary=true`);
    expect(preview.statusCode).toBe(200);
    const html = preview.json<{ html: string }>().html;
    const handed = (await xinbinReporter.get(`/api/cases?batchId=${batch3}&orgUnitId=${tree.countyA.id}`)).json<{ total: number }>().total;
    expect(html).toContain('信访件办理情况');
    expect(html).toContain(`截至${zhDate(day)}，交办信访件${handed}件，已办结1件；问责4人，其中诫勉谈话2人、通报批评1人、其他1人。`);
    for (const name of ['孙某', '周某', '吴某', '冯某', '停职检查']) expect(html).not.toContain(name);
    // As of a date before the decisions, nothing to count yet.
    const earlier = (await xinbinAdmin.get(`/api/reports/preview?orgUnitId=${tree.countyA.id}&inspectionId=${inspectionId}&asOf=2025-06-20&withSummary=true`)).json<{ html: string }>().html;
    expect(earlier).toContain('问责1人，其中诫勉谈话1人。');
  });
});
