import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { anonymous, createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildUser } from '../helpers/factories.js';
import { seedSampleIfEmpty } from '../../src/services/seed-sample.js';
import { parseReport } from '../../src/import/index.js';
import { findOrgUnitsByName } from '../../src/db/org-units.repository.js';

const CODES = ['2', '30', '38', '41', '45', '48', '54', '61', '62', '63', '67', '82', '89'];

describe.each(DIALECTS)('generated reports over HTTP on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let cityId: number;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const seeded = await seedSampleIfEmpty(t.ctx);
    admin = await signedIn(t.app, 'admin', seeded!.admin.password);
    cityId = (await findOrgUnitsByName(t.ctx.db, '抚顺市'))[0]!.id;
    const county = (await findOrgUnitsByName(t.ctx.db, '新宾满族自治县'))[0]!;
    await buildUser(t.ctx, 'reporter', county, 'xinbin');
  });
  afterAll(async () => { await t.close(); });

  it('previews the city report from the ledger, with its checks', async () => {
    const res = await admin.get(`/api/reports/preview?orgUnitId=${cityId}&asOf=2023-12-31`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ report: { title: string; tasks: { code: string; status: string }[] }; checks: { message: string }[]; html: string }>();
    expect(body.report.title).toBe('抚顺市第二轮中央生态环境保护督察整改任务进展情况');
    expect(body.report.tasks.map((x) => x.code)).toEqual(CODES);
    expect(body.html).toContain('任务');
  });

  it('exports Markdown that the importer reads back to the same tasks and statuses', async () => {
    const res = await admin.get(`/api/reports/export?orgUnitId=${cityId}&asOf=2023-12-31&format=md`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const back = await parseReport({ data: res.rawPayload, name: 'report.md' });
    expect(back.tasks.map((x) => x.code)).toEqual(CODES);
    expect(back.tasks.filter((x) => x.statusCode === 'on_schedule').map((x) => x.code)).toEqual(['2', '61', '62']);
  });

  it('exports DOCX and the XLSX ledger of what the ledger filter shows', async () => {
    const docx = await admin.get(`/api/reports/export?orgUnitId=${cityId}&asOf=2023-12-31&format=docx`);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await admin.get('/api/assignments/export.xlsx?warning=green');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps a county reporter out of the city report', async () => {
    const reporter = await signedIn(t.app, 'xinbin');
    expect((await reporter.get(`/api/reports/preview?orgUnitId=${cityId}`)).statusCode).toBe(404);
    expect((await reporter.post('/api/reports/publish', { orgUnitId: cityId })).statusCode).toBe(403);
  });

  it('refuses to publish past error flags without a reason, then publishes with one', async () => {
    const refused = await admin.post('/api/reports/publish', { orgUnitId: cityId, asOf: '2023-12-31' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('缺少佐证材料');
    const res = await admin.post('/api/reports/publish', { orgUnitId: cityId, asOf: '2023-12-31', confirmReason: '佐证材料已线下报送市督改办存档' });
    expect(res.statusCode).toBe(200);
    const list = (await anonymous(t.app).get('/api/public/reports')).json<{ items: { id: number }[] }>();
    expect(list.items.map((i) => i.id)).toContain(res.json<{ id: number }>().id);
  });
});
