/**
 * Publishing is a deliberate act (issue #21): an import never publishes, the preview says whether publishing now
 * would repeat the latest version, an unchanged report is refused (409 ALREADY_PUBLISHED with its message code and
 * values), and the public page lists each report once with its earlier versions under it.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { anonymous, createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { seedSampleIfEmpty, SAMPLE_REPORT_PATH } from '../../src/services/seed-sample.js';
import { findOrgUnitsByName } from '../../src/db/org-units.repository.js';
import { multipart } from '../fixtures/cases/upload.js';

interface PublicRecord { id: number; title: string; version: number; asOf: string | null }
interface PublicList { items: (PublicRecord & { earlier: PublicRecord[] })[] }
interface ErrorBody { error: { code: string; message: string; messageCode?: string; params: Record<string, string | number> } }
interface Preview { published: { id: number; version: number; unchanged: boolean } | null }

const SAMPLE = fs.readFileSync(SAMPLE_REPORT_PATH);
const REASON = '佐证材料已线下报送市督改办存档';

describe.each(DIALECTS)('publishing report versions over HTTP on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let cityId: number;
  const publicList = async () => (await anonymous(t.app).get('/api/public/reports')).json<PublicList>();
  const publishedRows = async () => Number((await t.ctx.db.selectFrom('published_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const importFile = (text: Buffer, asOf: string) => {
    const { payload, headers } = multipart({ org: '辽宁省/抚顺市', asOf }, { name: '抚顺市进展.txt', data: text });
    return admin.request({ method: 'POST', url: '/api/imports', payload, headers });
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const seeded = await seedSampleIfEmpty(t.ctx);
    admin = await signedIn(t.app, 'admin', seeded!.admin.password);
    cityId = (await findOrgUnitsByName(t.ctx.db, '抚顺市'))[0]!.id;
  });
  afterAll(async () => { await t.close(); });

  it('first start publishes the sample once, as version 1', async () => {
    const list = await publicList();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ title: '抚顺市第二轮中央生态环境保护督察整改任务进展情况', version: 1, earlier: [] });
  });

  it('an import never publishes: neither the same report again nor a changed one', async () => {
    expect((await importFile(SAMPLE, '2023-12-31')).statusCode).toBe(200);
    const changed = Buffer.from(SAMPLE.toString('utf8').replace('整改情况：达到序时进度。', '整改情况：已完成整改。'));
    const res = await importFile(changed, '2024-06-30');
    expect(res.statusCode).toBe(200);
    expect(res.json<{ updated: number }>().updated).toBe(1);
    expect(await publishedRows()).toBe(1);
    expect((await publicList()).items.map((i) => i.version)).toEqual([1]);
  });

  it('publishes the report from the ledger as version 2, then refuses the same report with 409 and says why', async () => {
    const before = await admin.get(`/api/reports/preview?orgUnitId=${cityId}&asOf=2024-06-30`);
    expect(before.json<Preview>().published).toMatchObject({ version: 1, unchanged: false });
    const first = await admin.post('/api/reports/publish', { orgUnitId: cityId, asOf: '2024-06-30', confirmReason: REASON });
    expect(first.statusCode).toBe(200);
    expect(first.json<{ version: number }>().version).toBe(2);

    const after = await admin.get(`/api/reports/preview?orgUnitId=${cityId}&asOf=2024-06-30`);
    expect(after.json<Preview>().published).toMatchObject({ id: first.json<{ id: number }>().id, version: 2, unchanged: true });
    const again = await admin.post('/api/reports/publish', { orgUnitId: cityId, asOf: '2024-06-30', confirmReason: REASON });
    expect(again.statusCode).toBe(409);
    const error = again.json<ErrorBody>().error;
    expect(error).toMatchObject({ code: 'ALREADY_PUBLISHED', messageCode: 'reportUnchanged', params: { version: 2 } });
    expect(error.message).toMatch(/^这份报告与已公开的第2版（\d{4}年\d{1,2}月\d{1,2}日发布）内容相同，无需再次发布$/);
    // The same tasks as of a later day say nothing new either.
    const later = await admin.post('/api/reports/publish', { orgUnitId: cityId, asOf: '2024-07-31', confirmReason: REASON });
    expect(later.statusCode).toBe(409);
    expect(await publishedRows()).toBe(2);
    const events = await t.ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'report.publish').execute();
    expect(events).toHaveLength(2);
  });

  it('lists the report once with its earlier version under it; an earlier version names the newest', async () => {
    const list = await publicList();
    expect(list.items).toHaveLength(1);
    const [report] = list.items;
    expect(report).toMatchObject({ version: 2, asOf: '2024-06-30' });
    expect(report!.earlier.map((e) => [e.version, e.asOf])).toEqual([[1, '2023-12-31']]);
    const old = (await anonymous(t.app).get(`/api/public/reports/${report!.earlier[0]!.id}`)).json<{ report: PublicRecord; latest: PublicRecord }>();
    expect(old.report.version).toBe(1);
    expect(old.latest).toMatchObject({ id: report!.id, version: 2 });
  });

  it('every error carries params, and an unknown route its message code', async () => {
    const res = await anonymous(t.app).get('/api/no-such-thing');
    expect(res.json<ErrorBody>().error).toEqual({ code: 'NOT_FOUND', message: '没有这个接口：GET /api/no-such-thing', messageCode: 'noRoute', params: { route: 'GET /api/no-such-thing' } });
    const missing = await anonymous(t.app).get('/api/public/reports/99999');
    expect(missing.json<ErrorBody>().error).toMatchObject({ code: 'REPORT_NOT_FOUND', params: {} });
  });
});
