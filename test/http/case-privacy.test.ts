/**
 * Complainants' names and phone numbers never leave the system except to readers granted complainants' details (a
 * grant on a membership: a role at a unit, given by administrators) who open them case by case, each view recorded
 * in the audit trail. Everyone else — and every list, export and search — gets them masked (王** / 139****0001): not
 * in the public table, the XLSX ledger, the API, write answers, nor the audit trail — even where the handover text or
 * the unit's handling names the complainant. At rest they are ciphertext, and without SECRET_KEY they are refused
 * rather than stored in clear.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { anonymous, createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { fixtureBytes, uploadTable } from '../fixtures/cases/upload.js';
import { PERSONAL_STRINGS } from '../fixtures/cases/handover-rows.js';
import { listMemberships } from '../../src/db/users.repository.js';
import { appWithRoutes } from '../security/route-inventory.js';
import { importCaseBatch } from '../../src/services/cases/import-case-batch.js';
import { createCase } from '../../src/services/cases/case-edit.js';
import { chinaDate } from '../../src/core/calendar-date.js';

const leaks = (text: string) => PERSONAL_STRINGS.filter((s) => text.includes(s));

describe.each(DIALECTS)('complainant privacy on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let inspectionId: number;
  let adminId: number;
  let admin: Client, viewer: Client, reviewer: Client, qingyuan: Client, xinbin: Client;
  let qingyuanId: number;
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
    qingyuanId = (await buildUser(t.ctx, 'reporter', tree.countyB, 'qingyuan-reporter')).id;
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
    await admin.post('/api/accountability', { subjectType: 'case', subjectId: li.id, person: '张某', position: '镇分管副镇长', unitName: '大孤家镇人民政府', measure: 'admonition', decidedAt: '2025-06-20' });
    await admin.patch(`/api/cases/${li.id}`, { version: 2, complainantContact: '13841309999' });
    expect((await admin.post(`/api/case-batches/${batchId}/publish`)).statusCode).toBe(200);
  });
  afterAll(async () => { await t.close(); });

  it('masks the complainant for every role, the reporter of the case\'s unit too, until the details are granted', async () => {
    for (const client of [admin, qingyuan, viewer]) {
      const res = await client.get(`/api/cases/${liXiuying}`);
      expect(leaks(res.body)).toEqual([]);
      const detail = res.json<{ complainant: unknown; mayRevealComplainant: boolean; case: { content: string } }>();
      expect(detail.complainant).toEqual({ name: '李**', contact: '138****9999' });
      expect(detail.mayRevealComplainant).toBe(false);
      const view = await client.post(`/api/cases/${liXiuying}/complainant-views`);
      expect(view.statusCode).toBe(403);
      expect(view.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringContaining('管理员申请授权') } });
    }
    // Another county's case does not exist for the reporter, whichever way it is asked for.
    expect((await xinbin.get(`/api/cases/${liXiuying}`)).statusCode).toBe(404);
    for (const id of [liXiuying, 999_999]) {
      const res = await xinbin.post(`/api/cases/${id}/complainant-views`);
      expect([res.statusCode, res.json<{ error: { code: string } }>().error.code]).toEqual([404, 'CASE_NOT_FOUND']);
    }
    const views = await t.ctx.db.selectFrom('audit_events').select('id').where('action', '=', 'case.view_complainant').execute();
    expect(views).toEqual([]);
  });

  it('keeps viewers and reviewers from every name and number, in the ledger, the case pages and the counts', async () => {
    for (const client of [viewer, reviewer]) {
      const ledger = await client.get('/api/cases?pageSize=50');
      expect(ledger.json<{ total: number }>().total).toBe(10);
      expect(leaks(ledger.body)).toEqual([]);
      for (const id of caseIds) {
        const page = await client.get(`/api/cases/${id}`);
        expect(page.statusCode).toBe(200);
        const { complainant, mayRevealComplainant } = page.json<{ complainant: { name: string | null; contact: string | null } | null; mayRevealComplainant: boolean }>();
        if (complainant) expect(complainant.name ?? '').toMatch(/^(.\*\*)?$/u);
        expect(mayRevealComplainant).toBe(false);
        expect(leaks(page.body)).toEqual([]);
      }
      for (const url of ['/api/cases/summary', '/api/case-batches', `/api/cases?q=${encodeURIComponent('养殖场')}`]) expect(leaks((await client.get(url)).body)).toEqual([]);
    }
    const page = (await viewer.get(`/api/cases/${liXiuying}`)).json<{ case: { content: string; handling: string } }>();
    expect(page.case.content).toBe('某某养殖场粪污直排浑河支流，河水发黑发臭。举报人：＊＊＊，联系电话＊＊＊，要求对其身份保密。');
    expect(page.case.handling).toBe('已电话告知举报人＊＊＊（＊＊＊）处理结果，养殖场已关停，粪污已清运');
  });

  it('sends no name or number on any GET route, whatever id it is given, to readers without the grant', async () => {
    const { app, routes } = await appWithRoutes(t.ctx);
    const ids = [liXiuying, batchId, caseIds[0]!];
    let requests = 0;
    try {
      for (const route of routes.filter((r) => r.method === 'GET')) {
        for (const id of ids) {
          const url = route.url.replace(/:\w+/g, String(id));
          for (const client of [admin, viewer, qingyuan]) {
            const res = await client.get(url);
            requests += 1;
            expect(res.statusCode, url).toBeLessThan(500);
            expect(leaks(res.body), `${url}`).toEqual([]);
          }
        }
      }
    } finally {
      await app.close();
    }
    expect(requests).toBeGreaterThan(150);
  });

  it('publishes the public table without personal data, readable without sign-in', async () => {
    const list = await anonymous(t.app).get('/api/public/case-batches');
    expect(list.json<{ items: { id: number; batchNo: string }[] }>().items).toEqual([expect.objectContaining({ id: batchId, batchNo: '3' })]);
    const table = await anonymous(t.app).get(`/api/public/case-batches/${batchId}`);
    expect(table.statusCode).toBe(200);
    expect(leaks(table.body)).toEqual([]);
    const row = table.json<{ rows: { caseNo: string; verified: string; handling: string; accountability: string; state: string }[] }>().rows.find((r) => r.caseNo === 'X3LN202505280003');
    expect(row).toMatchObject({ verified: '属实', state: '已办结', accountability: '诫勉谈话 1 人' });
    // Officials' names stay with signed-in readers in scope: the public table counts by measure.
    expect(table.body).not.toContain('张某');
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

  it('grants the details by role and unit in user administration, and records every view', async () => {
    const put = (client: Client, url: string, payload: object) => client.request({ method: 'PUT', url, payload });
    const granted = await put(admin, `/api/users/${qingyuanId}/memberships`, { memberships: [{ orgUnitId: tree.countyB.id, role: 'reporter', complainantDetails: true }] });
    expect(granted.statusCode).toBe(200);
    expect(granted.json<{ memberships: unknown[] }>().memberships).toEqual([expect.objectContaining({ orgUnitId: tree.countyB.id, role: 'reporter', complainantDetails: true })]);
    const grantEvent = await t.ctx.db.selectFrom('audit_events').select(['after']).where('action', '=', 'user.memberships').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(grantEvent.after!)).toEqual([{ orgUnitId: tree.countyB.id, role: 'reporter', complainantDetails: true }]);
    // The grant takes effect at once (same session); the case page stays masked until the details are opened.
    const me = (await qingyuan.get('/api/auth/me')).json<{ memberships: { complainantDetails: boolean }[] }>();
    expect(me.memberships).toEqual([expect.objectContaining({ complainantDetails: true })]);
    const page = await qingyuan.get(`/api/cases/${liXiuying}`);
    expect(leaks(page.body)).toEqual([]);
    expect(page.json<{ mayRevealComplainant: boolean }>().mayRevealComplainant).toBe(true);

    const before = await t.ctx.db.selectFrom('audit_events').select('id').where('action', '=', 'case.view_complainant').execute();
    const view = await qingyuan.post(`/api/cases/${liXiuying}/complainant-views`);
    expect(view.statusCode).toBe(200);
    const opened = view.json<{ complainant: unknown; texts: { content: string; handling: string }; revisits: unknown[] }>();
    expect(opened.complainant).toEqual({ name: '李秀英', contact: '13841309999' });
    expect(opened.texts.content).toContain('举报人：李秀英，联系电话13841301234');
    expect(opened.texts.handling).toContain('李秀英（13841301234）');
    await qingyuan.post(`/api/cases/${liXiuying}/complainant-views`);
    const views = await t.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'case.view_complainant').orderBy('id').execute();
    expect(views).toHaveLength(before.length + 2);
    expect(views.at(-1)).toMatchObject({ actor_name: 'qingyuan-reporter', entity_type: 'case', entity_id: String(liXiuying), org_unit_id: tree.countyB.id });
    expect(leaks(JSON.stringify(views))).toEqual([]);
    // The views are in the case's history, so whoever reads the case knows who opened the details and when.
    const history = (await viewer.get(`/api/cases/${liXiuying}`)).json<{ history: { action: string; actorName: string }[] }>().history;
    expect(history.filter((e) => e.action === 'case.view_complainant').map((e) => e.actorName)).toEqual(['qingyuan-reporter', 'qingyuan-reporter']);

    // Lists stay masked for the granted reporter too: only a recorded view opens the details.
    expect(leaks((await qingyuan.get('/api/cases?pageSize=50')).body)).toEqual([]);
    // Searching a name or number finds the case only where the details are granted.
    for (const q of ['李秀英', '13841301234', '信访人王建国']) {
      for (const client of [viewer, reviewer, admin]) {
        const found = await client.get(`/api/cases?q=${encodeURIComponent(q)}`);
        expect(found.json<{ total: number; items: unknown[] }>()).toMatchObject({ total: 0, items: [] });
      }
    }
    const own = (await qingyuan.get(`/api/cases?q=${encodeURIComponent('李秀英')}`)).json<{ total: number; items: { caseNo: string; content: string }[] }>();
    expect(own.total).toBe(1);
    expect(own.items[0]!.caseNo).toBe('X3LN202505280003');
    expect(leaks(JSON.stringify(own))).toEqual([]);
    // Ordinary searches are unaffected and count exactly.
    const plain = (await viewer.get(`/api/cases?q=${encodeURIComponent('养殖场')}&pageSize=1`)).json<{ total: number; items: unknown[] }>();
    expect(plain.total).toBe(1);
    // The export filtered by a complainant's name holds nothing for a reader without the grant.
    const exported = await admin.get(`/api/cases/export.xlsx?q=${encodeURIComponent('李秀英')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.text))));
    expect(texts).not.toContain('X3LN202505280003');

    // A unit's grant reaches that unit only: a city viewer who is also a granted reporter of 清原县.
    const mixed = await buildUser(t.ctx, 'viewer', tree.city, 'mixed-viewer');
    expect((await put(admin, `/api/users/${mixed.id}/memberships`, { memberships: [
      { orgUnitId: tree.city.id, role: 'viewer' }, { orgUnitId: tree.countyB.id, role: 'reporter', complainantDetails: true },
    ] })).statusCode).toBe(200);
    const mixedClient = await signedIn(t.app, 'mixed-viewer');
    const items = (await mixedClient.get('/api/cases?pageSize=50')).json<{ items: { id: number; orgUnitId: number }[] }>().items;
    const inXinbin = items.find((i) => i.orgUnitId === tree.countyA.id)!;
    expect((await mixedClient.post(`/api/cases/${liXiuying}/complainant-views`)).statusCode).toBe(200);
    expect((await mixedClient.post(`/api/cases/${inXinbin.id}/complainant-views`)).statusCode).toBe(403);
    expect((await mixedClient.get(`/api/cases/${inXinbin.id}`)).json<{ mayRevealComplainant: boolean }>().mayRevealComplainant).toBe(false);

    // Revoking the grant ends it at once.
    expect((await put(admin, `/api/users/${qingyuanId}/memberships`, { memberships: [{ orgUnitId: tree.countyB.id, role: 'reporter' }] })).statusCode).toBe(200);
    expect((await qingyuan.post(`/api/cases/${liXiuying}/complainant-views`)).statusCode).toBe(403);
  });

  it('answers writes with redacted texts, and keeps the stored text when the shown (masked) one is sent back', async () => {
    const detail = (await qingyuan.get(`/api/cases/${liXiuying}`)).json<{ case: { version: number; handling: string; verified: string } }>();
    expect(detail.case.handling).toContain('＊＊＊');
    // The form sends back the handling it was shown, with the finding changed.
    const saved = await qingyuan.patch(`/api/cases/${liXiuying}/handling`, { version: detail.case.version, verified: 'partly', handling: detail.case.handling });
    expect(saved.statusCode).toBe(200);
    expect(leaks(saved.body)).toEqual([]);
    const stale = await qingyuan.patch(`/api/cases/${liXiuying}/handling`, { version: detail.case.version, verified: 'true', handling: detail.case.handling });
    expect(stale.statusCode).toBe(409);
    expect(leaks(stale.body)).toEqual([]);
    const edited = await admin.patch(`/api/cases/${liXiuying}`, { version: saved.json<{ version: number }>().version, content: (await admin.get(`/api/cases/${liXiuying}`)).json<{ case: { content: string } }>().case.content, isKey: true });
    expect(edited.statusCode).toBe(200);
    expect(leaks(edited.body)).toEqual([]);
    // The masked complainant sent back as a new value is refused, nothing changed.
    const masked = await admin.patch(`/api/cases/${liXiuying}`, { version: edited.json<{ version: number }>().version, complainantName: '李**', complainantContact: '138****9999' });
    expect([masked.statusCode, masked.json<{ error: { code: string; message: string } }>().error]).toEqual([400, expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringContaining('遮盖') })]);
    const stored = await t.ctx.db.selectFrom('complaint_cases').select(['content', 'handling', 'verified', 'is_key']).where('id', '=', liXiuying).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ verified: 'partly', is_key: 1 });
    expect(stored.handling).toContain('李秀英（13841301234）');
    expect(stored.content).toContain('举报人：李秀英');
  });

  it('redacts a revisit\'s finding wherever it is read, and opens it with the details', async () => {
    const day = chinaDate(new Date());
    const quarter = `${day.slice(0, 4)}Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
    const drawn = await admin.post('/api/revisit-draws', { orgUnitId: tree.countyB.id, quarter });
    expect(drawn.statusCode).toBe(201);
    const revisit = drawn.json<{ draw: { id: number }; revisits: { id: number; caseId: number }[] }>().revisits.find((r) => r.caseId === liXiuying)!;
    const recorded = await reviewer.request({ method: 'PUT', url: `/api/revisits/${revisit.id}`, payload: {
      visitedAt: day, method: 'phone', finding: '电话回访举报人李秀英（13841301234），反映养殖场已关停', satisfaction: 'satisfied', relapsed: false,
    } });
    expect(recorded.statusCode).toBe(200);
    expect(leaks(recorded.body)).toEqual([]);
    expect(recorded.json<{ revisit: { finding: string } }>().revisit.finding).toBe('电话回访举报人＊＊＊（＊＊＊），反映养殖场已关停');
    for (const url of [`/api/revisit-draws/${drawn.json<{ draw: { id: number } }>().draw.id}`, `/api/cases/${liXiuying}`]) {
      const res = await viewer.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('电话回访举报人＊＊＊');
      expect(leaks(res.body)).toEqual([]);
    }
    // The administrator grants itself the details at 抚顺市 (recorded), then opens them with the finding as written.
    expect((await admin.request({ method: 'PUT', url: `/api/users/${adminId}/memberships`, payload: { memberships: [{ orgUnitId: tree.city.id, role: 'admin', complainantDetails: true }] } })).statusCode).toBe(200);
    const opened = (await admin.post(`/api/cases/${liXiuying}/complainant-views`)).json<{ revisits: { id: number; finding: string }[] }>();
    expect(opened.revisits).toEqual([{ id: revisit.id, finding: '电话回访举报人李秀英（13841301234），反映养殖场已关停' }]);
    // The revisit form sent back with the finding as shown (masked) keeps the finding as written.
    expect((await reviewer.request({ method: 'PUT', url: `/api/revisits/${revisit.id}`, payload: {
      visitedAt: day, method: 'phone', finding: '电话回访举报人＊＊＊（＊＊＊），反映养殖场已关停', satisfaction: 'basically_satisfied', relapsed: false,
    } })).statusCode).toBe(200);
    const stored = await t.ctx.db.selectFrom('revisits').select(['finding', 'satisfaction']).where('id', '=', revisit.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ finding: '电话回访举报人李秀英（13841301234），反映养殖场已关停', satisfaction: 'basically_satisfied' });
  });
});
