import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { anonymous, createTestApp, signedIn, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';

describe.each(DIALECTS)('ledger over HTTP on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let countyTask: number;
  let otherCountyTask: number;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.province);
    const city = await buildTask(t.ctx, { planId: plan.id, org: tree.city, code: '2', problem: '能耗强度居高不下，城市能源结构偏煤' });
    countyTask = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyA, code: '30', problem: '信访件办理不到位', parentAssignmentId: city.assignment.id })).assignment.id;
    otherCountyTask = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyB, code: '38', problem: '污水处理厂超标排放', fields: { deadlineDate: '2020-01-01' } })).assignment.id;
    await buildUser(t.ctx, 'admin', tree.city, 'cityadmin');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'countyreporter');
  });
  afterAll(async () => { await t.close(); });

  it('answers health', async () => {
    const res = await anonymous(t.app).get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('refuses the ledger without sign-in, in the one error shape', async () => {
    const res = await anonymous(t.app).get('/api/assignments');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String), params: {} } });
  });

  it('lists the city subtree for a city admin, filtered by status and searched in Chinese', async () => {
    const admin = await signedIn(t.app, 'cityadmin');
    const all = (await admin.get('/api/assignments')).json<{ total: number }>();
    expect(all.total).toBe(3);
    const overdue = (await admin.get('/api/assignments?status=overdue')).json<{ items: { taskCode: string; warning: string }[] }>();
    expect(overdue.items.map((i) => [i.taskCode, i.warning])).toEqual([['38', 'red']]);
    const long = (await admin.get(`/api/assignments?q=${encodeURIComponent('污水处理厂')}`)).json<{ items: { taskCode: string }[] }>();
    expect(long.items.map((i) => i.taskCode)).toEqual(['38']);
    const short = (await admin.get(`/api/assignments?q=${encodeURIComponent('信访')}`)).json<{ items: { taskCode: string }[] }>();
    expect(short.items.map((i) => i.taskCode)).toEqual(['30']);
  });

  it('keeps a county reporter inside its county, even with guessed ids and filters', async () => {
    const reporter = await signedIn(t.app, 'countyreporter');
    const list = (await reporter.get(`/api/assignments?orgUnitId=${tree.city.id}`)).json<{ items: { id: number }[]; total: number }>();
    expect(list.items.map((i) => i.id)).toEqual([countyTask]);
    expect((await reporter.get(`/api/assignments/${otherCountyTask}`)).statusCode).toBe(404);
    const own = await reporter.get(`/api/assignments/${countyTask}`);
    expect(own.statusCode).toBe(200);
    expect(own.json<{ hierarchy: unknown[] }>().hierarchy).toHaveLength(1);
  });

  it('rejects invalid filters naming the field', async () => {
    const admin = await signedIn(t.app, 'cityadmin');
    const res = await admin.get('/api/assignments?warning=purple');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string; message: string } }>().error.message).toContain('warning');
  });

  it('finds the dashboard\'s 未分类 tasks from the ledger filter', async () => {
    const admin = await signedIn(t.app, 'cityadmin');
    await t.ctx.db.updateTable('tasks').set({ category: null }).where('code', '=', '38').execute();
    const d = (await admin.get('/api/dashboard')).json<{ byCategory: { category: string; total: number }[] }>();
    expect(d.byCategory.find((c) => c.category === '未分类')?.total).toBe(1);
    const list = (await admin.get(`/api/assignments?category=${encodeURIComponent('未分类')}`)).json<{ items: { taskCode: string }[] }>();
    expect(list.items.map((i) => i.taskCode)).toEqual(['38']);
  });

  it('counts the dashboard within scope', async () => {
    const admin = await signedIn(t.app, 'cityadmin');
    const d = (await admin.get('/api/dashboard')).json<{ total: number; byWarning: Record<string, number>; byOrg: { orgName: string; total: number }[] }>();
    expect(d.total).toBe(3);
    expect(d.byWarning.red).toBe(1);
    expect(d.byOrg.map((o) => o.orgName).sort()).toEqual(['抚顺市（本级）', '新宾满族自治县', '清原满族自治县'].sort());
  });
});
