/**
 * As-of reads over HTTP (issue #17): the ledger page, its XLSX and the dashboard of a past day answer what they
 * answered on that day; the report diff works from a date before anything existed and refuses a reversed period.
 * The test clock (fake Date) moves from the day the answers are saved to a later day.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { getAssignmentById, updateAssignment } from '../../src/db/assignments.repository.js';

const at = (day: string) => vi.setSystemTime(new Date(`${day}T02:00:00Z`));
type Page = { items: { id: number; taskCode: string; warning: string | null; version: number }[]; total: number };
type Dashboard = { asOf: string; total: number; byCategory: { category: string }[] } & Record<string, unknown>;
const withoutVersions = (p: Page) => ({ ...p, items: p.items.map(({ version: _v, ...rest }) => rest) });
const sortedCategories = (d: Dashboard) => ({ ...d, byCategory: [...d.byCategory].sort((a, b) => a.category.localeCompare(b.category)) });

describe.each(DIALECTS)('as-of reads over HTTP on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let tree: OrgTree;
  let firstShare: number;
  const saved: { page?: Page; red?: Page; dashboard?: Dashboard; cityDashboard?: Dashboard } = {};

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2025-03-03');
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.province);
    await buildUser(t.ctx, 'admin', tree.province, 'asof-admin');
    admin = await signedIn(t.app, 'asof-admin');
    firstShare = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyA, code: '2', problem: '城镇污水处理厂超标排放' })).assignment.id;
    await buildTask(t.ctx, { planId: plan.id, org: tree.countyB, code: '30', fields: { isCompleted: true, completedAt: '2025-02-20', statusText: '完成整改', statusCode: 'completed' } });

    saved.page = (await admin.get('/api/assignments?pageSize=50')).json<Page>();
    saved.red = (await admin.get('/api/assignments?warning=red')).json<Page>();
    saved.dashboard = (await admin.get('/api/dashboard')).json<Dashboard>();
    saved.cityDashboard = (await admin.get(`/api/dashboard?orgUnitId=${tree.city.id}`)).json<Dashboard>();

    at('2025-03-20');
    await buildTask(t.ctx, { planId: plan.id, org: tree.countyA, code: '38', problem: '垃圾填埋场渗滤液直排' });
    const share = await getAssignmentById(t.ctx.db, firstShare);
    await updateAssignment(t.ctx.db, firstShare, share.version, { statusText: '未达到序时进度', statusCode: 'behind_schedule', scheduleStatus: 'behind_schedule', warning: 'red', warningReason: '节点滞后' });
    at('2025-04-15');
    admin = await signedIn(t.app, 'asof-admin'); // the session of 3 March has long expired
  });
  afterAll(async () => {
    await t.close();
    vi.useRealTimers();
  });

  it('the ledger page of a past day is the page shown that day; today it has the later task and state', async () => {
    expect(saved.page!.total).toBe(2);
    const then = (await admin.get('/api/assignments?pageSize=50&asOf=2025-03-03')).json<Page>();
    expect(withoutVersions(then)).toEqual(withoutVersions(saved.page!));
    const now = (await admin.get('/api/assignments?pageSize=50')).json<Page>();
    expect(now.items.map((i) => i.taskCode).sort()).toEqual(['2', '30', '38']);
    expect(now.items.find((i) => i.id === firstShare)!.warning).toBe('red');
  });

  it('filters and searches the past day\'s states, not today\'s', async () => {
    expect((await admin.get('/api/assignments?warning=red&asOf=2025-03-03')).json<Page>()).toEqual(saved.red);
    expect((await admin.get('/api/assignments?warning=red&asOf=2025-03-20')).json<Page>().items.map((i) => i.id)).toEqual([firstShare]);
    expect((await admin.get(`/api/assignments?q=${encodeURIComponent('渗滤液')}&asOf=2025-03-03`)).json<Page>().total).toBe(0);
    expect((await admin.get(`/api/assignments?q=${encodeURIComponent('渗滤液')}&asOf=2025-03-20`)).json<Page>().total).toBe(1);
    expect((await admin.get(`/api/assignments?orgUnitId=${tree.countyB.id}&asOf=2025-03-03`)).json<Page>().items.map((i) => i.taskCode)).toEqual(['30']);
  });

  it('exports the past day\'s ledger as XLSX named by that day', async () => {
    const res = await admin.get('/api/assignments/export.xlsx?asOf=2025-03-03');
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(res.headers['content-disposition'] as string)).toContain('整改任务台账-2025-03-03.xlsx');
  });

  it('the dashboard of a past day equals the one shown that day, for the whole scope and for a unit', async () => {
    const then = (await admin.get('/api/dashboard?asOf=2025-03-03')).json<Dashboard>();
    expect(sortedCategories(then)).toEqual(sortedCategories(saved.dashboard!));
    const city = (await admin.get(`/api/dashboard?orgUnitId=${tree.city.id}&asOf=2025-03-03`)).json<Dashboard>();
    expect(sortedCategories(city)).toEqual(sortedCategories(saved.cityDashboard!));
    expect((await admin.get('/api/dashboard')).json<Dashboard>().total).toBe(3);
  });

  it('diffs from a date before anything existed (every task new) and refuses a period that runs backwards', async () => {
    const diff = await admin.get(`/api/reports/diff?orgUnitId=${tree.countyA.id}&since=2024-12-31`);
    expect(diff.statusCode).toBe(200);
    expect(diff.json<{ added: { code: string }[] }>().added.map((a) => a.code)).toEqual(['2', '38']);
    const between = (await admin.get(`/api/reports/diff?orgUnitId=${tree.countyA.id}&since=2025-03-03&asOf=2025-03-20`)).json<{ added: { code: string }[]; statusChanged: unknown[] }>();
    expect(between.added.map((a) => a.code)).toEqual(['38']);
    expect(between.statusChanged).toEqual([{ code: '2', from: '达到序时进度', to: '未达到序时进度' }]);
    const reversed = await admin.get(`/api/reports/diff?orgUnitId=${tree.countyA.id}&since=2025-03-20&asOf=2025-03-03`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('2025年3月20日') as string });
  });
});
