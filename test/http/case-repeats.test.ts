/**
 * Repeat complaints across batches and inspections: the same target (after normalization) anywhere, or similar text
 * in the same unit, links a new case to the latest earlier one; unrelated cases stay unlinked; the ledger filters
 * repeats; both case pages show the link; an administrator can set or clear it by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { uploadTable } from '../fixtures/cases/upload.js';

interface CaseBody { id: number; caseNo: string; repeatOfCaseId: number | null; repeatReason: string | null; repeatScore: number | null; version: number }

describe.each(DIALECTS)('repeat complaints on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let admin: Client;
  let laterBatch: number;
  const ids = new Map<string, number>();
  const register = async (body: Record<string, unknown>) => {
    const res = await admin.post('/api/cases', { batchId: laterBatch, ...body });
    expect(res.statusCode).toBe(201);
    return res.json<CaseBody>();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const third = (await buildPlan(t.ctx, tree.province, '第三轮中央生态环境保护督察')).inspection.id;
    const provincial = (await buildPlan(t.ctx, tree.province, '辽宁省第二轮省级生态环境保护督察')).inspection.id;
    await buildUser(t.ctx, 'admin', tree.city, 'city-admin');
    admin = await signedIn(t.app, 'city-admin');
    await uploadTable(admin, '/api/case-batches/import', 'batch-3.xlsx', { inspectionId: third, orgUnitId: tree.city.id });
    for (const i of (await admin.get('/api/cases?pageSize=50')).json<{ items: { id: number; caseNo: string }[] }>().items) ids.set(i.caseNo, i.id);
    // A later provincial inspection, another batch: repeats must be found across both.
    laterBatch = (await admin.post('/api/case-batches', { inspectionId: provincial, orgUnitId: tree.city.id, batchNo: '1', handedOverAt: '2025-09-02' })).json<{ id: number }>().id;
  });
  afterAll(async () => { await t.close(); });

  it('links a case naming the same target, whatever its legal form, in another unit and inspection', async () => {
    const c = await register({ caseNo: 'SD-2025-0001', orgUnitId: tree.countyB.id, targetName: '抚顺某某化工（原某某化工厂）', content: '化工厂污水处理站臭气扰民。' });
    expect(c).toMatchObject({ repeatOfCaseId: ids.get('D3LN202505280001'), repeatReason: 'same_target', repeatScore: 1 });
  });

  it('links similar text in the same unit, to the latest earlier case', async () => {
    const c = await register({ caseNo: 'SD-2025-0002', orgUnitId: tree.countyA.id, targetName: '某某小区一楼烧烤摊', content: '某某小区楼下烧烤店每天晚上油烟很大，噪声扰民，影响居民正常休息。' });
    expect(c).toMatchObject({ repeatOfCaseId: ids.get('D3LN202505280005'), repeatReason: 'similar_text' });
    expect(c.repeatScore).toBeGreaterThanOrEqual(0.5);
  });

  it('leaves unrelated cases, and similar text in another unit, unlinked', async () => {
    const unrelated = await register({ caseNo: 'SD-2025-0003', orgUnitId: tree.countyA.id, targetName: '某某驾校', content: '驾校练车场地扬尘，周边道路积土严重。' });
    expect(unrelated.repeatOfCaseId).toBeNull();
    const elsewhere = await register({ caseNo: 'SD-2025-0004', orgUnitId: tree.department.id, targetName: null, content: '某某小区楼下烧烤店每天晚上油烟很大，噪声扰民，影响居民正常休息。' });
    expect(elsewhere.repeatOfCaseId).toBeNull();
  });

  it('filters repeats in the ledger and shows the link on both pages', async () => {
    const repeats = (await admin.get('/api/cases?repeat=true&sort=caseNo&pageSize=50')).json<{ items: { caseNo: string }[] }>().items.map((i) => i.caseNo);
    expect(repeats).toEqual(['D3LN202505280006', 'SD-2025-0001', 'SD-2025-0002']);
    const page = (await admin.get(`/api/cases/${ids.get('D3LN202505280005')}`)).json<{ repeats: { caseNo: string }[] }>();
    expect(page.repeats.map((r) => r.caseNo)).toEqual(['D3LN202505280006', 'SD-2025-0002']);
    const later = (await admin.get('/api/cases?q=SD-2025-0002')).json<{ items: { id: number }[] }>().items[0]!;
    expect((await admin.get(`/api/cases/${later.id}`)).json<{ repeatOf: unknown }>().repeatOf).toMatchObject({ caseNo: 'D3LN202505280005', reason: 'similar_text' });
  });

  it('lets an administrator set and clear the link by hand', async () => {
    const c = (await admin.get('/api/cases?q=SD-2025-0003')).json<{ items: CaseBody[] }>().items[0]!;
    const linked = (await admin.patch(`/api/cases/${c.id}`, { version: c.version, repeatOfCaseId: ids.get('D3LN202505280002') })).json<CaseBody>();
    expect(linked).toMatchObject({ repeatOfCaseId: ids.get('D3LN202505280002'), repeatReason: 'manual', repeatScore: null });
    expect((await admin.patch(`/api/cases/${c.id}`, { version: linked.version, repeatOfCaseId: c.id })).statusCode).toBe(400);
    const cleared = (await admin.patch(`/api/cases/${c.id}`, { version: linked.version, repeatOfCaseId: null })).json<CaseBody>();
    expect(cleared).toMatchObject({ repeatOfCaseId: null, repeatReason: null });
  });
});
