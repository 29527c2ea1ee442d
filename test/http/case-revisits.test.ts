/**
 * The quarterly revisit draw over HTTP: every unit that handled cases in the quarter gets at least the share (and at
 * least one), only that quarter's handled cases are drawn, the sample is exactly what the recorded seed draws, and a
 * revisit that finds the problem back reopens the case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { insertCaseBatch } from '../../src/db/case-batches.repository.js';
import { insertCases } from '../../src/db/cases.repository.js';
import { drawRevisitSample, revisitQuota } from '../../src/core/revisit-sample.js';

type ErrorBody = { error: { code: string; message: string } };
interface Revisit { id: number; caseId: number; orgUnitId: number; caseNo: string }
interface DrawDetail { draw: { id: number; seed: string; share: number; populationSize: number }; reproducible: boolean; revisits: Revisit[] }

describe.each(DIALECTS)('revisit draws over HTTP on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let admin: Client, reviewerA: Client, reviewerB: Client;
  let population: { caseId: number; orgUnitId: number }[];
  let detail: DrawDetail;

  /** Cases of a unit handled on a date (or still open when the date is null). */
  async function cases(batchId: number, orgUnitId: number, prefix: string, n: number, doneAt: string | null) {
    const ids = await insertCases(t.ctx.db, Array.from({ length: n }, (_, i) => ({
      batch_id: batchId, case_no: `${prefix}${String(i + 1).padStart(4, '0')}`, org_unit_id: orgUnitId, content: `${prefix} 第${i + 1}件：企业夜间排放异味`,
      state: doneAt ? 'done' : 'handling', verified: doneAt ? 'true' : null, handling: doneAt ? '已责令整改' : null, done_at: doneAt, deadline: '2025-06-04',
    })));
    return ids.map((caseId) => ({ caseId, orgUnitId }));
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { inspection } = await buildPlan(t.ctx, tree.province, '第三轮中央生态环境保护督察');
    const batch = await insertCaseBatch(t.ctx.db, { inspectionId: inspection.id, orgUnitId: tree.city.id, batchNo: '1', handedOverAt: '2025-04-20', fileName: null, importedBy: null });
    population = [
      ...await cases(batch.id, tree.countyA.id, 'D3LNA', 25, '2025-05-10'),
      ...await cases(batch.id, tree.countyB.id, 'D3LNB', 7, '2025-06-30'),
      ...await cases(batch.id, tree.city.id, 'D3LNC', 3, '2025-04-01'),
    ];
    await cases(batch.id, tree.city.id, 'D3LNQ', 2, '2025-03-31');
    await cases(batch.id, tree.countyA.id, 'D3LNO', 5, null);
    await buildUser(t.ctx, 'admin', tree.city, 'city-admin');
    await buildUser(t.ctx, 'reviewer', tree.countyA, 'xinbin-reviewer');
    await buildUser(t.ctx, 'reviewer', tree.countyB, 'qingyuan-reviewer');
    admin = await signedIn(t.app, 'city-admin');
    reviewerA = await signedIn(t.app, 'xinbin-reviewer');
    reviewerB = await signedIn(t.app, 'qingyuan-reviewer');
  });
  afterAll(async () => { await t.close(); });

  it('draws at least 10% (and at least one) of each unit\'s cases handled in the quarter', async () => {
    const res = await admin.post('/api/revisit-draws', { orgUnitId: tree.city.id, quarter: '2025Q2', seed: '2025Q2-抚顺市-公开摇号' });
    expect(res.statusCode).toBe(201);
    detail = res.json<DrawDetail>();
    expect(detail.draw).toMatchObject({ seed: '2025Q2-抚顺市-公开摇号', share: 0.1, populationSize: 35 });
    const drawn = (unit: number) => detail.revisits.filter((r) => r.orgUnitId === unit);
    for (const [unit, handled] of [[tree.countyA.id, 25], [tree.countyB.id, 7], [tree.city.id, 3]] as const) {
      expect(drawn(unit).length).toBe(revisitQuota(handled, 0.1));
      expect(drawn(unit).length).toBeGreaterThanOrEqual(Math.max(1, handled * 0.1));
    }
    expect(drawn(tree.countyA.id)).toHaveLength(3);
    const eligible = new Set(population.map((p) => p.caseId));
    expect(detail.revisits.every((r) => eligible.has(r.caseId))).toBe(true);
  });

  it('is exactly what the recorded seed draws, and says so', async () => {
    const again = drawRevisitSample(population, 0.1, '2025Q2-抚顺市-公开摇号').flatMap((u) => u.caseIds).sort((a, b) => a - b);
    expect(detail.revisits.map((r) => r.caseId).sort((a, b) => a - b)).toEqual(again);
    expect(detail.reproducible).toBe(true);
    const other = drawRevisitSample(population, 0.1, '另一个种子').flatMap((u) => u.caseIds).sort((a, b) => a - b);
    expect(other).not.toEqual(again);
    const event = await t.ctx.db.selectFrom('audit_events').select('after').where('action', '=', 'revisit.draw').executeTakeFirstOrThrow();
    expect(JSON.parse(event.after!)).toMatchObject({ quarter: '2025Q2', seed: '2025Q2-抚顺市-公开摇号', population: 35, drawn: 5, caseIds: again });
    expect((await admin.get(`/api/revisit-draws/${detail.draw.id}`)).json<DrawDetail>().reproducible).toBe(true);
  });

  it('draws once a quarter, at no less than the configured share, and only where there is something to draw', async () => {
    expect((await admin.post('/api/revisit-draws', { orgUnitId: tree.city.id, quarter: '2025Q2' })).statusCode).toBe(409);
    expect((await admin.post('/api/revisit-draws', { orgUnitId: tree.city.id, quarter: '2025Q3', share: 0.05 })).json<ErrorBody>().error.message).toBe('抽查比例不得低于规定的 10%');
    expect((await admin.post('/api/revisit-draws', { orgUnitId: tree.city.id, quarter: '2025Q4' })).json<ErrorBody>().error.message).toBe('抚顺市在2025年第4季度没有办结的信访件，无需抽查');
    expect((await reviewerA.post('/api/revisit-draws', { orgUnitId: tree.countyA.id, quarter: '2025Q1' })).statusCode).toBe(403);
  });

  it('shows a county reviewer its own revisits only, and lets it record them', async () => {
    const own = (await reviewerA.get(`/api/revisit-draws/${detail.draw.id}`)).json<DrawDetail>().revisits;
    expect(own.map((r) => r.orgUnitId)).toEqual([tree.countyA.id, tree.countyA.id, tree.countyA.id]);
    const [first, second] = own;
    const fine = await reviewerA.request({ method: 'PUT', url: `/api/revisits/${first!.id}`, payload: { visitedAt: '2025-07-10', method: 'phone', finding: '企业已整改，夜间无异味', satisfaction: 'satisfied', relapsed: false } });
    expect(fine.statusCode).toBe(200);
    expect(fine.json()).toMatchObject({ reopened: false, case: { state: 'done' } });
    const elsewhere = await reviewerB.request({ method: 'PUT', url: `/api/revisits/${first!.id}`, payload: { visitedAt: '2025-07-10', method: 'phone', finding: '—', satisfaction: null, relapsed: false } });
    expect(elsewhere.statusCode).toBe(404);
    const relapse = await reviewerA.request({ method: 'PUT', url: `/api/revisits/${second!.id}`, payload: { visitedAt: '2025-07-11', method: 'on_site', finding: '夜间仍有异味，问题反弹', satisfaction: 'dissatisfied', relapsed: true } });
    expect(relapse.json()).toMatchObject({ reopened: true, case: { state: 'reopened', doneAt: null } });
    const page = (await reviewerA.get(`/api/cases/${second!.caseId}`)).json<{ revisits: { relapsed: boolean; finding: string }[]; history: { action: string }[] }>();
    expect(page.revisits).toEqual([expect.objectContaining({ relapsed: true, finding: '夜间仍有异味，问题反弹' })]);
    expect(page.history.map((h) => h.action).slice(0, 2)).toEqual(['case.reopen', 'revisit.record']);
    const list = (await admin.get('/api/revisit-draws')).json<{ items: { id: number; drawn: number; visited: number }[] }>().items;
    expect(list).toEqual([expect.objectContaining({ id: detail.draw.id, drawn: 5, visited: 2 })]);
  });

  it('tops the draw up reproducibly as more cases of the quarter are handled, and says when the quota is missed', async () => {
    const batch = await insertCaseBatch(t.ctx.db, { inspectionId: (await buildPlan(t.ctx, tree.province, '第三轮中央生态环境保护督察')).inspection.id, orgUnitId: tree.city.id, batchNo: '2', handedOverAt: '2025-05-01', fileName: null, importedBy: null });
    await cases(batch.id, tree.countyB.id, 'D3LNL', 20, '2025-06-20');
    const before = (await admin.get(`/api/revisit-draws/${detail.draw.id}`)).json<DrawDetail & { quota: { status: string; message: string | null; units: { orgUnitId: number; short: number }[] } }>();
    expect(before.quota.status).toBe('missed');
    // 新宾's relapsed case was reopened: no longer handled, it no longer counts towards 新宾's three.
    expect(before.quota.message).toBe('2025年第2季度已结束，以下单位未达到10%的复查回访比例：新宾满族自治县差1件、清原满族自治县差2件');
    expect((await reviewerB.post(`/api/revisit-draws/${detail.draw.id}/top-up`)).statusCode).toBe(403);
    const res = await admin.post(`/api/revisit-draws/${detail.draw.id}/top-up`);
    expect(res.statusCode).toBe(200);
    const after = res.json<DrawDetail & { draw: { topUps: number }; quota: { status: string } }>();
    expect(after.draw.topUps).toBe(1);
    expect(after.quota.status).toBe('met');
    expect(after.reproducible).toBe(true);
    const added = after.revisits.filter((r) => !detail.revisits.some((d) => d.id === r.id));
    expect(added.map((r) => r.orgUnitId).filter((u) => u === tree.countyB.id)).toHaveLength(2);
    const again = await admin.post(`/api/revisit-draws/${detail.draw.id}/top-up`);
    expect(again.json<ErrorBody>().error).toMatchObject({ code: 'INVALID_TRANSITION', message: '抚顺市2025年第2季度各单位均已达到抽查比例，无需补抽' });
  });
});
