/**
 * Complainants' names and phone numbers never leave the system except to readers holding readPersonalData at the
 * case's unit: not in the public table, the XLSX ledger, the API as viewers and reviewers read it, nor the audit
 * trail — even where the handover text or the unit's handling names the complainant. At rest they are ciphertext,
 * and without SECRET_KEY they are refused rather than stored in clear.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { anonymous, createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { fixtureBytes, uploadTable } from '../fixtures/cases/upload.js';
import { PERSONAL_STRINGS } from '../fixtures/cases/handover-rows.js';
import { listMemberships } from '../../src/db/users.repository.js';
import { importCaseBatch } from '../../src/services/cases/import-case-batch.js';
import { createCase } from '../../src/services/cases/case-edit.js';

const leaks = (text: string) => PERSONAL_STRINGS.filter((s) => text.includes(s));

describe.each(DIALECTS)('complainant privacy on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let inspectionId: number;
  let adminId: number;
  let admin: Client, viewer: Client, reviewer: Client, qingyuan: Client, xinbin: Client;
  let caseIds: number[];
  let liXiuying: number;
  let batchId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    inspectionId = (await buildPlan(t.ctx, tree.province, '第三轮中央生态环境保护督察')).inspection.id;
    adminId = (await buildUser(t.ctx, 'admin', tree.city, 'city-admin')).id;
    await buildUser(t.ctx, 'viewer', tree.city, 'city-viewer');
    await buildUser(t.ctx, 'reviewer', tree.city, 'city-reviewer');
    await buildUser(t.ctx, 'reporter', tree.countyB, 'qingyuan-reporter');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xinbin-reporter');
    admin = await signedIn(t.app, 'city-admin');
    viewer = await signedIn(t.app, 'city-viewer');
    reviewer = await signedIn(t.app, 'city-reviewer');
    qingyuan = await signedIn(t.app, 'qingyuan-reporter');
    xinbin = await signedIn(t.app, 'xinbin-reporter');
    const imported = await uploadTable(admin, '/api/case-batches/import', 'batch-3.xlsx', { inspectionId, orgUnitId: tree.city.id });
    batchId = imported.json<{ batches: { id: number }[] }>().batches[0]!.id;
    const items = (await admin.get('/api/cases?pageSize=50')).json<{ items: { id: number; caseNo: string; version: number }[] }>().items;
    caseIds = items.map((i) => i.id);
    const li = items.find((i) => i.caseNo === 'X3LN202505280003')!;
    liXiuying = li.id;
    // The unit names the complainant in its handling, as units sometimes do; then records accountability and a penalty.
    const done = await qingyuan.post(`/api/cases/${li.id}/transitions`, {
      version: li.version, action: 'done', verified: 'true', handling: '已电话告知举报人李秀英（13841301234）处理结果，养殖场已关停，粪污已清运',
    });
    expect(done.statusCode).toBe(200);
    await qingyuan.post(`/api/cases/${li.id}/penalties`, { kind: 'fine', amount: 50000 });
    await admin.post('/api/accountability', { subjectType: 'case', subjectId: li.id, persons: ['张某（镇分管副镇长）'], units: ['大孤家镇人民政府'], measures: '诫勉谈话', decidedAt: '2025-06-20' });
    await admin.patch(`/api/cases/${li.id}`, { version: 2, complainantContact: '13841309999' });
    expect((await admin.post(`/api/case-batches/${batchId}/publish`)).statusCode).toBe(200);
  });
  afterAll(async () => { await t.close(); });

  it('shows the complainant to the administrator and the reporter of the case\'s unit only', async () => {
    const forAdmin = (await admin.get(`/api/cases/${liXiuying}`)).json<{ complainant: unknown; case: { content: string } }>();
    expect(forAdmin.complainant).toEqual({ name: '李秀英', contact: '13841309999' });
    expect(forAdmin.case.content).toContain('李秀英');
    expect((await qingyuan.get(`/api/cases/${liXiuying}`)).json<{ complainant: unknown }>().complainant).toEqual({ name: '李秀英', contact: '13841309999' });
    expect((await xinbin.get(`/api/cases/${liXiuying}`)).statusCode).toBe(404);
  });

  it('keeps viewers and reviewers from every name and number, in the ledger, the case pages and the counts', async () => {
    for (const client of [viewer, reviewer]) {
      const ledger = await client.get('/api/cases?pageSize=50');
      expect(ledger.json<{ total: number }>().total).toBe(10);
      expect(leaks(ledger.body)).toEqual([]);
      for (const id of caseIds) {
        const page = await client.get(`/api/cases/${id}`);
        expect(page.statusCode).toBe(200);
        expect(page.json<{ complainant: unknown }>().complainant).toBeNull();
        expect(leaks(page.body)).toEqual([]);
      }
      for (const url of ['/api/cases/summary', '/api/case-batches', `/api/cases?q=${encodeURIComponent('养殖场')}`]) expect(leaks((await client.get(url)).body)).toEqual([]);
    }
    const page = (await viewer.get(`/api/cases/${liXiuying}`)).json<{ case: { content: string; handling: string } }>();
    expect(page.case.content).toBe('某某养殖场粪污直排浑河支流，河水发黑发臭。举报人：＊＊＊，联系电话＊＊＊，要求对其身份保密。');
    expect(page.case.handling).toBe('已电话告知举报人＊＊＊（＊＊＊）处理结果，养殖场已关停，粪污已清运');
  });

  it('publishes the public table without personal data, readable without sign-in', async () => {
    const list = await anonymous(t.app).get('/api/public/case-batches');
    expect(list.json<{ items: { id: number; batchNo: string }[] }>().items).toEqual([expect.objectContaining({ id: batchId, batchNo: '3' })]);
    const table = await anonymous(t.app).get(`/api/public/case-batches/${batchId}`);
    expect(table.statusCode).toBe(200);
    expect(leaks(table.body)).toEqual([]);
    const row = table.json<{ rows: { caseNo: string; verified: string; handling: string; accountability: string; state: string }[] }>().rows.find((r) => r.caseNo === 'X3LN202505280003');
    expect(row).toMatchObject({ verified: '属实', state: '已办结', accountability: '大孤家镇人民政府、张某（镇分管副镇长）：诫勉谈话' });
    expect(row!.handling).toBe('已电话告知举报人＊＊＊（＊＊＊）处理结果，养殖场已关停，粪污已清运。立案处罚（罚款 5 万元）');
    expect((await anonymous(t.app).get(`/api/public/case-batches/${batchId + 1000}`)).statusCode).toBe(404);
    expect((await viewer.post(`/api/case-batches/${batchId}/publish`)).statusCode).toBe(403);
  });

  it('exports the XLSX case ledger without personal data', async () => {
    const res = await admin.get('/api/cases/export.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.text))));
    expect(texts).toContain('X3LN202505280003');
    expect(texts.length).toBeGreaterThan(100);
    expect(leaks(texts.join('\n'))).toEqual([]);
  });

  it('keeps names and numbers out of the audit trail and stores them as ciphertext', async () => {
    const events = await t.ctx.db.selectFrom('audit_events').selectAll().execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['case_batch.import', 'case.done', 'case.update', 'case_batch.publish']));
    expect(leaks(JSON.stringify(events))).toEqual([]);
    const update = events.find((e) => e.action === 'case.update')!;
    expect(JSON.parse(update.after!)).toEqual({ complainantContact: 'changed' });
    const stored = await t.ctx.db.selectFrom('complaint_cases').selectAll().execute();
    expect(leaks(JSON.stringify(stored.map(({ content: _c, handling: _h, ...rest }) => rest)))).toEqual([]);
    expect(stored.filter((s) => s.complainant_name_enc !== null)).toHaveLength(6);
  });

  it('refuses to store personal data without SECRET_KEY, telling the deployer what to set', async () => {
    const noKey = { ...t.ctx, config: { ...t.ctx.config, secretKey: null } };
    const access = { actor: { id: adminId, name: 'city-admin' }, memberships: await listMemberships(t.ctx.db, adminId) };
    const file = { name: 'batch-5-remap.csv', data: fixtureBytes('batch-5-remap.csv') };
    const mapping = { caseNo: 1, complainantName: 2, complainantContact: 3, region: 4, content: 5 };
    await expect(importCaseBatch(noKey, access, file, { inspectionId, orgUnitId: tree.city.id, batchNo: '5', mapping }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('请部署方设置 SECRET_KEY') });
    await expect(createCase(noKey, access, batchId, { caseNo: 'D3LN202505280099', orgUnitId: tree.countyA.id, content: '噪声扰民', complainantName: '孙某' }))
      .rejects.toMatchObject({ code: 'SECRET_KEY_MISSING', message: expect.stringContaining('SECRET_KEY') });
    const withoutPersonal = await importCaseBatch(noKey, access, file, { inspectionId, orgUnitId: tree.city.id, batchNo: '5', mapping: { caseNo: 1, region: 4, content: 5 } });
    expect(withoutPersonal.created).toBe(2);
  });
});
