/**
 * The Excel round trip over HTTP: a county reporter downloads the round sheet, fills it in, previews and applies it,
 * and the round page lists the return; an administrator's ledger sheet; and every refusal in the one error shape
 * with nothing written: another unit's sheet, another round's sheet, a foreign workbook, edited ids, a zip bomb,
 * an upload over the limit, bad conflict choices, roles that may not report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { editSheet } from '../helpers/sheet-edit.js';
import { xlsx, zip } from '../fixtures/evidence/samples.js';

interface Preview { counts: Record<string, number>; refusals: string[]; rows: { assignmentId: number; outcome: string; mode: string; line: number }[] }
type ErrorBody = { error: { code: string; message: string } };

describe.each(DIALECTS)('ledger and round sheets over HTTP on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let admin: Client, reporter: Client, otherReporter: Client, viewer: Client;
  let a1: number, a2: number, roundId: number, otherRoundId: number;

  /** A form as browsers send it: the file name in raw UTF-8. */
  const upload = (c: Client, url: string, name: string, data: Buffer, fields: Record<string, string | number | undefined> = {}) => {
    const b = '----rectify-sheet-upload';
    const parts = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    const payload = Buffer.concat([...parts, head, data, Buffer.from(`\r\n--${b}--\r\n`)]);
    return c.request({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
  };
  const download = async (c: Client, url: string) => {
    const res = await c.request({ method: 'GET', url });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    return res.rawPayload;
  };
  const counts = async () => ({
    reports: Number((await t.ctx.db.selectFrom('progress_reports').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    returns: Number((await t.ctx.db.selectFrom('round_sheet_returns').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.province);
    a1 = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyA, code: '48', problem: '污水管网建设缓慢' })).assignment.id;
    a2 = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyB, code: '54', problem: '污泥处置滞后' })).assignment.id;
    await buildUser(t.ctx, 'admin', tree.city, 'city-admin');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xinbin-reporter');
    await buildUser(t.ctx, 'reporter', tree.countyB, 'qingyuan-reporter');
    await buildUser(t.ctx, 'viewer', tree.countyA, 'xinbin-viewer');
    admin = await signedIn(t.app, 'city-admin');
    reporter = await signedIn(t.app, 'xinbin-reporter');
    otherReporter = await signedIn(t.app, 'qingyuan-reporter');
    viewer = await signedIn(t.app, 'xinbin-viewer');
    roundId = (await admin.post('/api/rounds', { scopeOrgId: tree.city.id, referenceDate: '2024-06-12', dueDate: '2099-12-31' })).json<{ id: number }>().id;
    otherRoundId = (await admin.post('/api/rounds', { scopeOrgId: tree.city.id, referenceDate: '2024-05-12', dueDate: '2099-12-31' })).json<{ id: number }>().id;
  });
  afterAll(async () => { await t.close(); });

  it('downloads the county\'s own round sheet, previews and applies it, and the round page lists the return', async () => {
    const res = await reporter.request({ method: 'GET', url: `/api/rounds/${roundId}/sheet.xlsx` });
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('调度表');
    const filled = await editSheet(res.rawPayload, { [a1]: { status: '正在推进', progress: '已开工 2 公里。' } });
    const preview = await upload(reporter, '/api/ledger-sheets/preview', '新宾调度表.xlsx', filled, { roundId });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json<Preview>();
    expect(p.counts).toMatchObject({ change: 1, refused: 0, conflict: 0 });
    expect(p.rows).toEqual([expect.objectContaining({ assignmentId: a1, outcome: 'change', mode: 'report' })]);
    expect(await counts()).toEqual({ reports: 0, returns: 0 });

    const applied = await upload(reporter, '/api/ledger-sheets/apply', '新宾调度表.xlsx', filled, { roundId });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ reports: 1, roundId, returns: [{ orgUnitId: tree.countyA.id }] });
    const page = (await admin.get(`/api/rounds/${roundId}`)).json<{ items: { assignmentId: number; state: string }[] }>();
    expect(page.items.find((i) => i.assignmentId === a1)?.state).toBe('awaiting_review');
    const returns = (await admin.get(`/api/rounds/${roundId}/sheet-returns`)).json<{ items: { orgUnitName: string; fileName: string; returnedByName: string }[] }>();
    expect(returns.items).toEqual([expect.objectContaining({ orgUnitName: tree.countyA.name, fileName: '新宾调度表.xlsx' })]);
    // County B's reporter does not see county A's return.
    expect((await otherReporter.get(`/api/rounds/${roundId}/sheet-returns`)).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('gives the office one workbook with a sheet per unit', async () => {
    const data = await download(admin, `/api/rounds/${roundId}/sheet.xlsx`);
    const preview = (await upload(admin, '/api/ledger-sheets/preview', '汇总.xlsx', data)).json<{ units: { orgUnitName: string }[] }>();
    expect(preview.units.map((u) => u.orgUnitName).sort()).toEqual([tree.countyA.name, tree.countyB.name].sort());
  });

  it('refuses another unit\'s sheet, another round\'s sheet, a foreign workbook and edited ids, writing nothing', async () => {
    const sheet = await download(reporter, `/api/rounds/${roundId}/sheet.xlsx`);
    const before = await counts();
    const cases: [Client, string, Buffer, Record<string, number>, number, RegExp][] = [
      [otherReporter, '新宾.xlsx', sheet, {}, 403, /^新宾\.xlsx: 工作表“.*”是新宾满族自治县的表/],
      [reporter, '新宾.xlsx', sheet, { roundId: otherRoundId }, 400, /不是本轮/],
      [reporter, '台账.xlsx', await xlsx(), {}, 422, /^台账\.xlsx: 不是 Rectify 导出的.*“台账”/],
      [reporter, '改过.xlsx', await editSheet(sheet, { [a1]: { rowId: a2 } }), {}, 400, /^改过\.xlsx: 第 3 行的行编号、版本或校验码被改动/],
    ];
    for (const [client, name, data, fields, status, message] of cases) {
      for (const url of ['/api/ledger-sheets/preview', '/api/ledger-sheets/apply']) {
        const res = await upload(client, url, name, data, fields);
        expect(res.statusCode, `${url} ${name}: ${res.body}`).toBe(status);
        expect(res.json<ErrorBody>().error.message).toMatch(message);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a zip bomb, an upload over the limit, bad choices and roles that may not report', async () => {
    const rels = '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>';
    const bomb = zip({ 'xl/workbook.xml': '<workbook><sheets><sheet name="_rectify" r:id="rId1"/></sheets></workbook>', 'xl/_rels/workbook.xml.rels': rels, 'xl/worksheets/sheet1.xml': ' '.repeat(70 * 1024 * 1024) });
    const res = await upload(reporter, '/api/ledger-sheets/preview', '炸弹.xlsx', bomb);
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.message).toMatch(/^炸弹\.xlsx: .*压缩炸弹/);
    const big = await upload(reporter, '/api/ledger-sheets/preview', '大.xlsx', Buffer.alloc(51 * 1024 * 1024));
    expect(big.statusCode).toBe(413);
    expect(big.json<ErrorBody>().error.code).toBe('FILE_TOO_LARGE');
    const sheet = await download(reporter, `/api/rounds/${roundId}/sheet.xlsx`);
    const bad = await upload(reporter, '/api/ledger-sheets/apply', 'a.xlsx', sheet, { choices: '{"x": "both"}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.message).toMatch(/choices/);
    expect((await upload(viewer, '/api/ledger-sheets/preview', 'a.xlsx', sheet)).statusCode).toBe(403);
  });

  it('exports the ledger as a round-trip sheet that an administrator applies as edits', async () => {
    const data = await download(admin, `/api/assignments/roundtrip.xlsx?orgUnitId=${tree.countyB.id}`);
    const filled = await editSheet(data, { [a2]: { status: '完成整改', progress: '污泥已全部无害化处置。' } });
    const applied = await upload(admin, '/api/ledger-sheets/apply', '台账.xlsx', filled);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ edits: 1, reports: 0 });
    const row = (await admin.get(`/api/assignments/${a2}`)).json<{ assignment: { statusText: string; latestProgress: string } }>();
    expect(row.assignment).toMatchObject({ statusText: '完成整改', latestProgress: '污泥已全部无害化处置。' });
  });
});
