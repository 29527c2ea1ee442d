/**
 * Importing handover tables over HTTP: preview (suggested mapping, units resolved from 行政区域, deadlines, row
 * errors), commit of a good XLSX, refusal of a table with bad rows (nothing written, rows named), a table whose
 * columns the user maps by hand, and cases registered and edited one by one with optimistic versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { uploadTable } from '../fixtures/cases/upload.js';
import { BATCH3_ROWS } from '../fixtures/cases/handover-rows.js';

type ErrorBody = { error: { code: string; message: string; details?: { errors: { row: number | null; field?: string; message: string }[] } } };
interface PreviewCase { row: number; caseNo: string; orgUnitName: string; deadline: string; hasComplainantName: boolean; source: string; isKey: boolean; pollutionType: string | null; repeat: { caseNo: string; reason: string } | null }
interface Preview { headerRow: number; mapping: Record<string, number>; batches: { batchNo: string; handedOverAt: string; count: number }[]; cases: PreviewCase[]; errors: { row: number | null; message: string }[]; ready: boolean }

describe.each(DIALECTS)('case batch import over HTTP on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let inspectionId: number;
  let admin: Client;
  const caseCount = async () => Number((await t.ctx.db.selectFrom('complaint_cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    inspectionId = (await buildPlan(t.ctx, tree.province, '第三轮中央生态环境保护督察')).inspection.id;
    await buildUser(t.ctx, 'admin', tree.city, 'city-admin');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xinbin-reporter');
    admin = await signedIn(t.app, 'city-admin');
  });
  afterAll(async () => { await t.close(); });

  it('previews the XLSX: header under the title, units from 行政区域, 7-day deadlines, nothing written', async () => {
    const res = await uploadTable(admin, '/api/case-batches/import/preview', 'batch-3.xlsx', { inspectionId, orgUnitId: tree.city.id });
    expect(res.statusCode).toBe(200);
    const p = res.json<Preview>();
    expect(p).toMatchObject({ headerRow: 3, ready: true, errors: [], batches: [{ batchNo: '3', handedOverAt: '2025-05-28', count: 10 }] });
    expect(p.cases.map((c) => [c.row, c.caseNo, c.orgUnitName])).toEqual(BATCH3_ROWS.map((r, i) => [i + 4, r[1], {
      抚顺市新宾满族自治县永陵镇: '新宾满族自治县', 新宾满族自治县: '新宾满族自治县', 清原县大孤家镇: '清原满族自治县', 抚顺市: '抚顺市',
      抚顺市新宾满族自治县新宾镇: '新宾满族自治县', 新宾县新宾镇: '新宾满族自治县', 清原满族自治县: '清原满族自治县', 新宾县上夹河镇: '新宾满族自治县',
      清原满族自治县南口前镇: '清原满族自治县',
    }[r[5]]]));
    expect(p.cases[0]).toMatchObject({ deadline: '2025-06-04', hasComplainantName: false, source: 'phone', isKey: true, pollutionType: '大气' });
    expect(p.cases[1]).toMatchObject({ hasComplainantName: true, pollutionType: '生态、噪声' });
    expect(p.cases[5]!.repeat).toMatchObject({ caseNo: 'D3LN202505280005', reason: 'same_target' });
    expect(JSON.stringify(p)).not.toContain('王建国');
    expect(await caseCount()).toBe(0);
  });

  it('imports it: one batch, every case in handling, repeats linked, one audit event', async () => {
    const res = await uploadTable(admin, '/api/case-batches/import', 'batch-3.xlsx', { inspectionId, orgUnitId: tree.city.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: 10, repeats: 1, batches: [{ batchNo: '3', created: true, cases: 10 }] });
    const ledger = (await admin.get('/api/cases?sort=caseNo&pageSize=50')).json<{ total: number; items: { caseNo: string; state: string; repeatOfCaseId: number | null; id: number }[] }>();
    expect(ledger.total).toBe(10);
    expect(new Set(ledger.items.map((i) => i.state))).toEqual(new Set(['handling']));
    const byNo = new Map(ledger.items.map((i) => [i.caseNo, i]));
    expect(byNo.get('D3LN202505280006')!.repeatOfCaseId).toBe(byNo.get('D3LN202505280005')!.id);
    const events = await t.ctx.db.selectFrom('audit_events').select(['action', 'after']).where('action', '=', 'case_batch.import').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ batchNo: '3', cases: 10 });
  });

  it('refuses the same cases again, naming the rows', async () => {
    const res = await uploadTable(admin, '/api/case-batches/import', 'batch-3.csv', { inspectionId, orgUnitId: tree.city.id });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.error.details!.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(body.error.details!.errors[0]!.message).toBe('第3行：受理编号 D3LN202505280001 已在本轮督察中导入过');
    expect(await caseCount()).toBe(10);
  });

  it('writes nothing from a table with bad rows, and says which rows and why', async () => {
    const res = await uploadTable(admin, '/api/case-batches/import', 'batch-4-bad.csv', { inspectionId, orgUnitId: tree.city.id });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toBe('batch-4-bad.csv: 第 4、5、6、7 行有误，未导入任何信访件，请修改后重新导入');
    expect(body.error.details!.errors.map((e) => [e.row, e.field])).toEqual([[4, 'caseNo'], [5, 'content'], [6, 'caseNo'], [7, 'region']]);
    expect(body.error.details!.errors[2]!.message).toBe('第6行：受理编号 D3LN202505290001 与第3行重复');
    expect(body.error.details!.errors[3]!.message).toContain('行政区域“沈阳市和平区”不在“抚顺市”的下属单位中');
    expect(await caseCount()).toBe(10);
    expect(await t.ctx.db.selectFrom('complaint_batches').select('batch_no').execute()).toEqual([{ batch_no: '3' }]);
  });

  it('sends cases whose area names no unit below to the chosen default unit', async () => {
    const res = await uploadTable(admin, '/api/case-batches/import/preview', 'batch-4-bad.csv', { inspectionId, orgUnitId: tree.city.id, defaultOrgUnitId: tree.department.id });
    const p = res.json<Preview>();
    expect(p.errors.map((e) => e.row)).toEqual([4, 5, 6]);
    expect(p.cases.map((c) => [c.row, c.orgUnitName])).toEqual([[3, '新宾满族自治县'], [7, '市生态环境局']]);
    const outside = await uploadTable(admin, '/api/case-batches/import/preview', 'batch-4-bad.csv', { inspectionId, orgUnitId: tree.city.id, defaultOrgUnitId: tree.otherCity.id });
    expect(outside.json<ErrorBody>().error.message).toBe('默认单位须是“抚顺市”或其下属单位');
  });

  it('counts deadlines in working days when the deployment says so', async () => {
    await buildUser(t.ctx, 'admin', tree.province, 'province-admin');
    const province = await signedIn(t.app, 'province-admin');
    const value = { handlingDays: 7, handlingDayKind: 'working', repeatThreshold: 0.5, repeatCandidatesPerUnit: 500, revisitShare: 0.1 };
    expect((await province.request({ method: 'PUT', url: '/api/settings/cases', payload: { value, updatedAt: null } })).statusCode).toBe(200);
    const p = (await uploadTable(admin, '/api/case-batches/import/preview', 'batch-4-bad.csv', { inspectionId, orgUnitId: tree.city.id })).json<Preview>();
    // Handed over Thursday 29 May 2025; the Dragon Boat holiday (31 May–2 June) and the weekend do not count.
    expect(p.cases[0]!.deadline).toBe('2025-06-10');
    const back = { ...value, handlingDayKind: 'calendar' };
    const current = (await province.get('/api/settings/cases')).json<{ updatedAt: string }>();
    await province.request({ method: 'PUT', url: '/api/settings/cases', payload: { value: back, updatedAt: current.updatedAt } });
  });

  it('imports a table whose columns the user mapped by hand, with the batch number and date given', async () => {
    const fields = { inspectionId, orgUnitId: tree.city.id, batchNo: '5', handedOverAt: '2025-05-30' };
    const suggested = (await uploadTable(admin, '/api/case-batches/import/preview', 'batch-5-remap.csv', fields)).json<Preview>();
    expect(suggested.ready).toBe(false);
    expect(suggested.errors.map((e) => e.message)).toEqual(['未指定“举报内容”在哪一列']);
    const mapping = JSON.stringify({ ...suggested.mapping, content: 5, complainantName: 2, complainantContact: 3 });
    const res = await uploadTable(admin, '/api/case-batches/import', 'batch-5-remap.csv', { ...fields, mapping });
    expect(res.statusCode).toBe(201);
    const ledger = (await admin.get('/api/cases?batchId=' + res.json<{ batches: { id: number }[] }>().batches[0]!.id)).json<{ items: { caseNo: string; content: string; deadline: string; orgUnitName: string }[] }>();
    expect(ledger.items.map((i) => [i.caseNo, i.orgUnitName, i.deadline])).toEqual([
      ['D3LN202505300001', '新宾满族自治县', '2025-06-06'], ['X3LN202505300002', '清原满族自治县', '2025-06-06'],
    ]);
    expect(ledger.items[0]!.content).toBe('某某屠宰场血水直排，臭味熏人。');
  });

  it('keeps units to the importing unit\'s subtree and its administrators', async () => {
    const reporter = await signedIn(t.app, 'xinbin-reporter');
    expect((await uploadTable(reporter, '/api/case-batches/import', 'batch-3.xlsx', { inspectionId, orgUnitId: tree.countyA.id })).statusCode).toBe(403);
    const other = await uploadTable(admin, '/api/case-batches/import/preview', 'batch-3.xlsx', { inspectionId, orgUnitId: tree.otherCity.id });
    expect(other.statusCode).toBe(404);
  });

  it('registers a case by hand and edits it at the version read, 409 when stale', async () => {
    const batch = await admin.post('/api/case-batches', { inspectionId, orgUnitId: tree.city.id, batchNo: '6', handedOverAt: '2025-05-31' });
    expect(batch.statusCode).toBe(201);
    const created = await admin.post('/api/cases', {
      batchId: batch.json<{ id: number }>().id, caseNo: 'x3ln202505310001', orgUnitId: tree.countyB.id, regionText: '清原满族自治县', targetName: '清原某某矿业公司',
      content: '矿山开采破坏植被，未按要求复绿。', pollutionType: '生态', source: 'letter', complainantName: '周某某', complainantContact: '13512345678',
    });
    expect(created.statusCode).toBe(201);
    const c = created.json<{ id: number; caseNo: string; deadline: string; version: number; hasComplainantName: boolean }>();
    expect(c).toMatchObject({ caseNo: 'X3LN202505310001', deadline: '2025-06-07', hasComplainantName: true, version: 1 });
    expect(created.body).not.toContain('周某某');
    const dup = await admin.post('/api/cases', { batchId: batch.json<{ id: number }>().id, caseNo: 'X3LN202505310001', orgUnitId: tree.countyB.id, content: '重复登记' });
    expect(dup.statusCode).toBe(409);
    const edited = await admin.patch(`/api/cases/${c.id}`, { version: 1, isKey: true, complainantContact: '13500000000' });
    expect(edited.json()).toMatchObject({ isKey: true, version: 2 });
    const stale = await admin.patch(`/api/cases/${c.id}`, { version: 1, isKey: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody & { error: { details: { current: { version: number; isKey: boolean } } } }>().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { current: { version: 2, isKey: true } } });
    const history = (await admin.get(`/api/cases/${c.id}`)).json<{ history: { action: string; after: Record<string, unknown> }[] }>().history;
    expect(history.map((h) => h.action)).toEqual(['case.update', 'case.create', 'case_batch.create']);
    expect(history[0]!.after).toEqual({ isKey: true, complainantContact: 'changed' });
  });
});
