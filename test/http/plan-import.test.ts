import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';
import { buildTask } from '../helpers/factories.js';
import { multipart } from '../fixtures/cases/upload.js';
import { buildPlanXlsx } from '../fixtures/plans/city-plan-xlsx.js';
import { MAX_UPLOAD_BYTES } from '../../src/server/app.js';
import type { PlanImportPreview, PlanImportSummary } from '../../src/core/plan-import.js';
import type { TaskLinks } from '../../src/services/plans/plan-links.js';

describe.each(DIALECTS)('plan tables over HTTP on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  let xlsx: Buffer;
  let province9: number;
  const count = async (table: 'tasks' | 'plans' | 'org_units' | 'imports') => Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const send = (client: Client, url: string, fields: Record<string, string | number | undefined>, file: { name: string; data: Buffer }) => {
    const mp = multipart(fields, file);
    return client.request({ method: 'POST', url, payload: mp.payload, headers: mp.headers });
  };
  const fields = () => ({ inspectionId: w.inspectionId, orgUnitId: w.tree.city.id });
  const choices = () => JSON.stringify({ units: { 市市场监督管理局: { action: 'create' }, 市河道管理处: { action: 'map', orgUnitId: w.tree.department.id } } });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
    province9 = (await buildTask(t.ctx, { planId: w.planId, org: w.tree.province, code: '9' })).task.id;
    await buildTask(t.ctx, { planId: w.planId, org: w.tree.province, code: '10' });
    xlsx = await buildPlanXlsx();
  });
  afterAll(async () => { await t.close(); });

  it('previews a city plan table: tasks cell by cell, units matched or listed, links to the province plan; nothing written', async () => {
    const before = await count('tasks');
    const res = await send(as.cityAdmin, '/api/plans/import/preview', fields(), { name: '抚顺市整改任务清单.xlsx', data: xlsx });
    expect(res.statusCode).toBe(200);
    const p = res.json<PlanImportPreview>();
    expect(p.tasks.map((x) => [x.code, x.parent?.code ?? null, x.measures.length, x.change])).toEqual([['1', '9', 2, 'new'], ['2', '10', 1, 'new']]);
    expect(p.tasks[0]!.cells.deadline).toEqual([{ sheet: '整改任务', ref: 'I4', text: '2024年6月底前' }]);
    expect(p.units.map((u) => [u.name, u.state])).toEqual([
      ['市生态环境局', 'exact'], ['市市场监督管理局', 'unmatched'], ['新宾县人民政府', 'short'], ['市河道管理处', 'unmatched'],
    ]);
    expect(p.blockers[0]).toContain('市市场监督管理局');
    expect(await count('tasks')).toBe(before);
  });

  it('refuses a workbook that is not a plan, naming the columns found and expected; nothing written', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('通讯录').addRows([['姓名', '电话', '地址'], ['张三', '123', '抚顺']]);
    const before = await count('imports');
    const res = await send(as.cityAdmin, '/api/plans/import/preview', fields(), { name: 'contacts.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_A_PLAN', message: expect.stringMatching(/contacts\.xlsx.*姓名、电话、地址.*序号/) } });
    expect(await count('imports')).toBe(before);
  });

  it('refuses a commit while names are undecided, with a stale file digest, or with choices that are not JSON', async () => {
    const p = (await send(as.cityAdmin, '/api/plans/import/preview', fields(), { name: 'plan.xlsx', data: xlsx })).json<PlanImportPreview>();
    const before = { tasks: await count('tasks'), plans: await count('plans') };
    const undecided = await send(as.cityAdmin, '/api/plans/import', { ...fields(), fileSha256: p.fileSha256, baseline: p.baseline }, { name: 'plan.xlsx', data: xlsx });
    expect(undecided.statusCode).toBe(400);
    expect(undecided.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('市河道管理处') } });
    const stale = await send(as.cityAdmin, '/api/plans/import', { ...fields(), choices: choices(), fileSha256: 'a'.repeat(64), baseline: p.baseline }, { name: 'plan.xlsx', data: xlsx });
    expect(stale.statusCode).toBe(409);
    const bad = await send(as.cityAdmin, '/api/plans/import', { ...fields(), choices: '{units', fileSha256: p.fileSha256, baseline: p.baseline }, { name: 'plan.xlsx', data: xlsx });
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('choices') } });
    expect({ tasks: await count('tasks'), plans: await count('plans') }).toEqual(before);
  });

  it('keeps other units out: another city 404, a reporter 403, a file over the limit 413', async () => {
    expect((await send(as.otherCityAdmin, '/api/plans/import/preview', fields(), { name: 'plan.xlsx', data: xlsx })).statusCode).toBe(404);
    expect((await send(as.countyAAdmin, '/api/plans/import/preview', fields(), { name: 'plan.xlsx', data: xlsx })).statusCode).toBe(404);
    expect((await send(as.countyAReporter, '/api/plans/import/preview', { ...fields(), orgUnitId: w.tree.countyA.id }, { name: 'plan.xlsx', data: xlsx })).statusCode).toBe(403);
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
    const res = await send(as.cityAdmin, '/api/plans/import/preview', fields(), { name: 'big.xlsx', data: big });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE' } });
  });

  it('imports with the choices made, and the province sees the city task under its task', async () => {
    const p = (await send(as.cityAdmin, '/api/plans/import/preview', { ...fields(), choices: choices() }, { name: 'plan.xlsx', data: xlsx })).json<PlanImportPreview>();
    expect(p.blockers).toEqual([]);
    const res = await send(as.cityAdmin, '/api/plans/import', { ...fields(), choices: choices(), fileSha256: p.fileSha256, baseline: p.baseline }, { name: 'plan.xlsx', data: xlsx });
    expect(res.statusCode).toBe(201);
    expect(res.json<PlanImportSummary>()).toMatchObject({ created: 2, linked: 2, unitsCreated: ['市市场监督管理局'], aliasesSaved: ['市河道管理处'] });
    const links = (await as.provinceAdmin.get(`/api/tasks/${province9}/links`)).json<TaskLinks>();
    expect(links.linked.map((x) => [x.ownerOrgName, x.code])).toEqual([['抚顺市', '1']]);
    expect(links.rollUp).toMatchObject({ linkedTasks: 1, isCompleted: false });
    expect((await as.otherCityAdmin.get(`/api/tasks/${province9}/links`)).statusCode).toBe(404);
    // The province's public report can print the city's numbers beside its own.
    const report = (await as.provinceAdmin.get(`/api/reports/preview?orgUnitId=${w.tree.province.id}&inspectionId=${w.inspectionId}&linkedNumbers=true`)).json<{ report: { tasks: { code: string }[] } }>();
    expect(report.report.tasks.map((x) => x.code)).toEqual(expect.arrayContaining(['9（对应市任务1）', '10（对应市任务2）']));
    // The same table again: nothing to change, the mapped name remembered.
    const again = (await send(as.cityAdmin, '/api/plans/import/preview', fields(), { name: 'plan.xlsx', data: xlsx })).json<PlanImportPreview>();
    expect(again.counts).toMatchObject({ new: 0, unchanged: 2 });
    expect(again.units.find((u) => u.name === '市河道管理处')?.state).toBe('alias');
    expect(again.units.find((u) => u.name === '市市场监督管理局')?.state).toBe('exact');
  });
});
