/**
 * The case ledger over HTTP: every filter (batch, state, unit subtree, type, overdue, listed, repeat, key, text),
 * sorting and pages, the dashboard counts, scoping (404 outside), listed supervision with its level rule and
 * delisting, and accountability records on cases and on a task's assignment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { uploadTable } from '../fixtures/cases/upload.js';

type ErrorBody = { error: { code: string; message: string } };
interface Page { total: number; items: { id: number; caseNo: string; isListed: boolean; isOverdue: boolean; orgUnitName: string }[] }

describe.each(DIALECTS)('case ledger over HTTP on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let admin: Client, countyAdmin: Client, xinbin: Client, provinceAdmin: Client;
  let batch3: number;
  let assignmentId: number;
  const ids = new Map<string, number>();
  /** The last two digits of the matching case numbers, in case-number order (D… before X…). */
  const nos = async (client: Client, query: string) => (await client.get(`/api/cases?sort=caseNo&pageSize=50&${query}`)).json<Page>().items.map((i) => i.caseNo.slice(-2));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan, inspection } = await buildPlan(t.ctx, tree.province, '第三轮中央生态环境保护督察');
    assignmentId = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyA, code: '12', problem: '信访件办理不到位，群众反复投诉' })).assignment.id;
    await buildUser(t.ctx, 'admin', tree.city, 'city-admin');
    await buildUser(t.ctx, 'admin', tree.countyA, 'xinbin-admin');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xinbin-reporter');
    await buildUser(t.ctx, 'admin', tree.province, 'province-admin');
    admin = await signedIn(t.app, 'city-admin');
    countyAdmin = await signedIn(t.app, 'xinbin-admin');
    xinbin = await signedIn(t.app, 'xinbin-reporter');
    provinceAdmin = await signedIn(t.app, 'province-admin');
    batch3 = (await uploadTable(admin, '/api/case-batches/import', 'batch-3.xlsx', { inspectionId: inspection.id, orgUnitId: tree.city.id })).json<{ batches: { id: number }[] }>().batches[0]!.id;
    await uploadTable(admin, '/api/case-batches/import', 'batch-5-remap.csv', {
      inspectionId: inspection.id, orgUnitId: tree.city.id, batchNo: '5', handedOverAt: '2099-01-01', mapping: JSON.stringify({ caseNo: 1, region: 4, content: 5, pollutionType: 6, source: 7 }),
    });
    for (const i of (await admin.get('/api/cases?pageSize=50')).json<Page>().items) ids.set(i.caseNo, i.id);
  });
  afterAll(async () => { await t.close(); });

  it('filters by batch, unit subtree, type, key, state and overdue', async () => {
    const all = (await admin.get('/api/cases')).json<Page>();
    expect(all.total).toBe(12);
    // Items are whitelisted: the unit's path (used for permission checks) does not leave the server.
    expect(Object.keys(all.items[0]!)).not.toContain('orgPath');
    expect(await nos(admin, `batchId=${batch3}`)).toHaveLength(10);
    expect(await nos(admin, `orgUnitId=${tree.countyB.id}`)).toEqual(['03', '07', '10', '02']);
    expect(await nos(admin, `type=${encodeURIComponent('噪声')}`)).toEqual(['02', '05']);
    expect(await nos(admin, 'key=true')).toEqual(['01', '08', '07']);
    // Batch 3's deadline (2025-06-04) has passed; batch 5 is handed over in 2099.
    expect(await nos(admin, 'overdue=true&state=handling')).toHaveLength(10);
    expect(await nos(admin, 'overdue=false')).toEqual(['01', '02']);
    expect(await nos(admin, 'state=done')).toEqual([]);
  });

  it('searches Chinese text (short words too), sorts and pages', async () => {
    expect(await nos(admin, `q=${encodeURIComponent('尾矿库')}`)).toEqual(['08']);
    expect(await nos(admin, `q=${encodeURIComponent('油烟')}`)).toEqual(['05', '06']);
    expect(await nos(admin, `q=${encodeURIComponent('新宾县')}`)).toEqual(['02', '06', '08']);
    const page2 = (await admin.get('/api/cases?sort=caseNo&order=desc&page=2&pageSize=5')).json<Page>();
    expect(page2.total).toBe(12);
    // Descending: the four X… (letter) cases first, then D3LN202505300001, so page 2 starts at D3LN202505280009.
    expect(page2.items.map((i) => i.caseNo)).toEqual(['D3LN202505280009', 'D3LN202505280008', 'D3LN202505280006', 'D3LN202505280005', 'D3LN202505280004']);
  });

  it('keeps a county inside its subtree: other cases answer 404, and a city filter stays cut to the county', async () => {
    expect(await nos(xinbin, '')).toEqual(['01', '02', '05', '06', '08', '01']);
    expect(await nos(xinbin, `orgUnitId=${tree.city.id}`)).toHaveLength(6);
    expect((await xinbin.get(`/api/cases/${ids.get('X3LN202505280003')}`)).statusCode).toBe(404);
    expect((await xinbin.get(`/api/cases?orgUnitId=${tree.otherCity.id}`)).statusCode).toBe(404);
  });

  it('lists a case for supervision at the level the unit may, then delists it with the decision', async () => {
    const subject = { subjectType: 'case', subjectId: ids.get('D3LN202505280008'), reason: 'key_case', leader: '新宾县副县长 李某', measures: '县领导包案，每周调度', deadline: '2025-07-31' };
    expect((await countyAdmin.post('/api/supervision-listings', { ...subject, level: 'city' })).json<ErrorBody>().error.message).toBe('市级挂牌督办须由市级或更高一级单位的管理员办理');
    const listed = await admin.post('/api/supervision-listings', { ...subject, level: 'city' });
    expect(listed.statusCode).toBe(201);
    expect((await provinceAdmin.post('/api/supervision-listings', { ...subject, level: 'province' })).statusCode).toBe(409);
    expect(await nos(admin, 'listed=true')).toEqual(['08']);
    expect((await admin.get('/api/cases/summary')).json<{ listed: number }>().listed).toBe(1);
    const listing = listed.json<{ id: number }>();
    expect((await xinbin.post(`/api/supervision-listings/${listing.id}/delist`, { decision: '已整改' })).statusCode).toBe(403);
    // Still 正在办理: 摘牌 only with a reason from the listing unit (the city) or above.
    const early = await admin.post(`/api/supervision-listings/${listing.id}/delist`, { decision: '尾矿库渗漏点已封堵，经监测达标，同意摘牌' });
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorBody>().error).toMatchObject({ code: 'SUBJECT_NOT_DONE', message: '信访件 D3LN202505280008 当前为“正在办理”，尚未办结，不能摘牌；确需提前摘牌的，须由挂牌单位（抚顺市）或其上级写明理由' });
    const delisted = await admin.post(`/api/supervision-listings/${listing.id}/delist`, { decision: '尾矿库渗漏点已封堵，经监测达标，同意摘牌', reason: '已移交市纪委专案办理' });
    expect(delisted.json()).toMatchObject({ delistDecision: '尾矿库渗漏点已封堵，经监测达标，同意摘牌', delistReason: '已移交市纪委专案办理', delistedAt: expect.any(String), listedOrgId: tree.city.id });
    expect((await admin.post(`/api/supervision-listings/${listing.id}/delist`, { decision: '再次摘牌', reason: '重复' })).json<ErrorBody>().error.code).toBe('INVALID_TRANSITION');
    expect(await nos(admin, 'listed=true')).toEqual([]);
    const all = (await admin.get('/api/supervision-listings')).json<{ items: { subjectLabel: string; delistedAt: string | null }[] }>().items;
    expect(all).toEqual([expect.objectContaining({ subjectLabel: 'D3LN202505280008', delistedAt: expect.any(String) })]);
  });

  it('lists a task\'s assignment too, and records accountability on cases and assignments', async () => {
    const listed = await provinceAdmin.post('/api/supervision-listings', { subjectType: 'assignment', subjectId: assignmentId, level: 'province', reason: 'previous_round_repeat' });
    expect(listed.statusCode).toBe(201);
    expect((await xinbin.get('/api/supervision-listings?active=true')).json<{ items: { subjectLabel: string }[] }>().items.map((i) => i.subjectLabel)).toEqual(['任务 12']);
    const onTask = await admin.post('/api/accountability', {
      subjectType: 'assignment', subjectId: assignmentId, person: '王某', position: '县生态环境分局局长', unitName: '新宾县生态环境分局', measure: 'circulated_criticism', document: '新纪发〔2025〕12号',
    });
    expect(onTask.statusCode).toBe(201);
    expect((await xinbin.get(`/api/accountability?subjectType=assignment&subjectId=${assignmentId}`)).json<{ items: unknown[] }>().items)
      .toEqual([expect.objectContaining({ person: '王某', position: '县生态环境分局局长', measure: 'circulated_criticism', measureOther: null })]);
    expect((await xinbin.post('/api/accountability', { subjectType: 'case', subjectId: ids.get('D3LN202505280002'), person: '某', measure: 'admonition' })).statusCode).toBe(403);
    expect((await admin.post('/api/accountability', { subjectType: 'case', subjectId: ids.get('D3LN202505280002'), person: '', measure: 'admonition' })).statusCode).toBe(400);
    expect((await admin.post('/api/accountability', { subjectType: 'case', subjectId: ids.get('D3LN202505280002'), person: '某', measure: '警示' })).statusCode).toBe(400);
  });

  it('counts the dashboard by state and finding within scope', async () => {
    const s = (await xinbin.get('/api/cases/summary')).json<{ total: number; byState: Record<string, number>; byVerified: Record<string, number>; overdue: number; key: number; repeat: number }>();
    expect(s).toMatchObject({ total: 6, byState: { handling: 6, stage_done: 0, done: 0, closed: 0, reopened: 0 }, byVerified: { unverified: 6 }, overdue: 5, key: 2, repeat: 1 });
  });
});
