import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';

interface Page<T> { items: T[]; total: number; page: number; pageSize: number }
interface Task { id: number; planId: number; code: string; problem: string; deadlineKind: string; deadlineDate: string | null; version: number }
interface Plan { id: number; ownerOrgId: number; title: string; taskCount: number; version: number }

describe.each(DIALECTS)('inspections, plans and tasks over HTTP on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  let cityPlan: Plan;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
  });
  afterAll(async () => { await t.close(); });

  it('records an inspection of the city, visible to the city and its counties, not to the other city', async () => {
    const res = await as.cityAdmin.post('/api/inspections', { name: '辽宁省第三轮省级生态环境保护督察', round: 'P3', kind: 'provincial', targetOrgId: w.tree.city.id, feedbackDate: '2024-05-10' });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: number }>().id;
    expect((await as.countyAViewer.get(`/api/inspections/${id}`)).statusCode).toBe(200);
    expect((await as.otherCityAdmin.get(`/api/inspections/${id}`)).statusCode).toBe(404);
    const list = (await as.otherCityAdmin.get('/api/inspections?kind=provincial')).json<Page<{ id: number }>>();
    expect(list.items.map((i) => i.id)).not.toContain(id);
    const search = (await as.countyAViewer.get(`/api/inspections?q=${encodeURIComponent('第三轮')}`)).json<Page<{ id: number }>>();
    expect(search.items.map((i) => i.id)).toEqual([id]);
  });

  it('refuses an inspection of a unit the administrator does not manage, and a duplicate name', async () => {
    const other = await as.cityAdmin.post('/api/inspections', { name: '沈阳督察', round: 'P3', kind: 'provincial', targetOrgId: w.tree.otherCity.id });
    expect(other.statusCode).toBe(404);
    const dup = await as.provinceAdmin.post('/api/inspections', { name: '第二轮中央生态环境保护督察', round: '2', kind: 'central', targetOrgId: w.tree.province.id });
    expect(dup.statusCode).toBe(409);
    expect((await as.countyAReviewer.post('/api/inspections', { name: '县督察', round: 'X', kind: 'provincial', targetOrgId: w.tree.countyA.id })).statusCode).toBe(403);
  });

  it('edits an inspection at its version; a county may read the provincial one but not change it', async () => {
    const stale = await as.provinceAdmin.patch(`/api/inspections/${w.inspectionId}`, { version: 9, feedbackDate: '2021-01-06' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { details: { current: { id: w.inspectionId, version: 1 } } } });
    const ok = await as.provinceAdmin.patch(`/api/inspections/${w.inspectionId}`, { version: 1, feedbackDate: '2021-01-06' });
    expect(ok.json()).toMatchObject({ feedbackDate: '2021-01-06', stationedFrom: '2020-08-29', version: 2 });
    expect((await as.countyAAdmin.get(`/api/inspections/${w.inspectionId}`)).statusCode).toBe(200);
    expect((await as.countyAAdmin.patch(`/api/inspections/${w.inspectionId}`, { version: 2, round: '3' })).statusCode).toBe(403);
  });

  it('creates a city plan for the inspection, one per unit', async () => {
    const res = await as.cityAdmin.post('/api/plans', { inspectionId: w.inspectionId, ownerOrgId: w.tree.city.id, title: '抚顺市贯彻落实第二轮督察整改方案', issuedDate: '2021-04-01' });
    expect(res.statusCode).toBe(201);
    cityPlan = res.json<Plan>();
    expect(cityPlan).toMatchObject({ ownerOrgId: w.tree.city.id, taskCount: 0, version: 1 });
    expect((await as.cityAdmin.post('/api/plans', { inspectionId: w.inspectionId, ownerOrgId: w.tree.city.id, title: '又一个' })).statusCode).toBe(409);
    expect((await as.otherCityAdmin.post('/api/plans', { inspectionId: w.inspectionId, ownerOrgId: w.tree.city.id, title: '越权' })).statusCode).toBe(404);
  });

  it('lists plans related to the reader: the province plan and the own city plan, not a sibling\'s', async () => {
    const county = (await as.countyBReporter.get('/api/plans?sort=id')).json<Page<Plan>>();
    expect(county.items.map((p) => p.id)).toEqual([w.planId, cityPlan.id]);
    const other = (await as.otherCityAdmin.get('/api/plans')).json<Page<Plan>>();
    expect(other.items.map((p) => p.id)).toEqual([w.planId]);
    expect((await as.otherCityAdmin.get(`/api/plans/${cityPlan.id}`)).statusCode).toBe(404);
    expect((await as.countyAViewer.get(`/api/plans?q=${encodeURIComponent('贯彻落实')}`)).json<Page<Plan>>().total).toBe(1);
  });

  it('edits a plan at its version', async () => {
    const ok = await as.cityAdmin.patch(`/api/plans/${cityPlan.id}`, { version: 1, dueDate: '2025-12-31' });
    expect(ok.json()).toMatchObject({ dueDate: '2025-12-31', issuedDate: '2021-04-01', version: 2 });
    expect((await as.cityAdmin.patch(`/api/plans/${cityPlan.id}`, { version: 1, title: '旧版本' })).statusCode).toBe(409);
    expect((await as.cityAdmin.patch(`/api/plans/${w.planId}`, { version: 1, title: '改省方案' })).statusCode).toBe(403);
  });

  it('adds tasks to a plan for administrators of its owner only', async () => {
    const res = await as.cityAdmin.post(`/api/plans/${cityPlan.id}/tasks`, {
      code: '1', problem: '城区燃煤小锅炉淘汰不彻底', goal: '2025年底前全部淘汰', deadlineKind: 'by_date', deadlineDate: '2025-12-31', responsibleUnits: ['市生态环境局'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<Task>()).toMatchObject({ planId: cityPlan.id, code: '1', deadlineDate: '2025-12-31', version: 1 });
    expect((await as.countyAAdmin.post(`/api/plans/${cityPlan.id}/tasks`, { code: '2', problem: '县里加的', deadlineKind: 'long_term' })).statusCode).toBe(403);
    expect((await as.otherCityAdmin.post(`/api/plans/${cityPlan.id}/tasks`, { code: '2', problem: '越权', deadlineKind: 'long_term' })).statusCode).toBe(404);
    expect((await as.countyAReporter.post(`/api/plans/${cityPlan.id}/tasks`, { code: '2', problem: '填报人', deadlineKind: 'long_term' })).statusCode).toBe(403);
  });

  it('validates a task naming the field and writes nothing', async () => {
    const noDate = await as.cityAdmin.post(`/api/plans/${cityPlan.id}/tasks`, { code: '3', problem: '缺少日期', deadlineKind: 'by_date' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json()).toMatchObject({ error: { details: [{ field: 'deadlineDate' }] } });
    const dup = await as.cityAdmin.post(`/api/plans/${cityPlan.id}/tasks`, { code: '1', problem: '重复编号', deadlineKind: 'long_term' });
    expect(dup.statusCode).toBe(409);
    const bad = await as.cityAdmin.post(`/api/plans/${cityPlan.id}/tasks`, { code: '4', problem: '', deadlineKind: 'someday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/body\.(problem|deadlineKind)/);
    expect((await as.cityAdmin.get(`/api/tasks?planId=${cityPlan.id}`)).json<Page<Task>>().total).toBe(1);
  });

  it('shows a county the tasks it carries, never a sibling county\'s or another city\'s', async () => {
    const county = (await as.countyAReporter.get('/api/tasks')).json<Page<Task>>();
    expect(county.items.map((x) => x.id)).toEqual([w.taskId]);
    expect((await as.countyAReporter.get(`/api/tasks/${w.otherCityTaskId}`)).statusCode).toBe(404);
    expect((await as.countyAReporter.get(`/api/tasks?q=${encodeURIComponent('黑臭水体')}`)).json<Page<Task>>().total).toBe(0);
    const mine = (await as.countyAReporter.get(`/api/tasks/${w.taskId}/assignments`)).json<Page<{ id: number }>>();
    expect(mine.items.map((a) => a.id)).toEqual([w.countyAShare]);
    const city = (await as.cityAdmin.get(`/api/tasks/${w.taskId}/assignments`)).json<Page<{ id: number }>>();
    expect(city.items.map((a) => a.id).sort((a, b) => a - b)).toEqual([w.cityShare, w.countyAShare, w.countyBShare].sort((a, b) => a - b));
  });

  it('sorts and pages tasks', async () => {
    const page = (await as.provinceAdmin.get('/api/tasks?sort=code&order=desc&pageSize=1')).json<Page<Task>>();
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
  });

  it('edits a task at its version, refreshing the assignments\' search text', async () => {
    const ok = await as.provinceAdmin.patch(`/api/tasks/${w.taskId}`, { version: 1, problem: '抚顺市能耗强度高，燃煤电厂超低排放改造滞后' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Task>().version).toBe(2);
    const found = (await as.countyAReporter.get(`/api/assignments?q=${encodeURIComponent('超低排放改造')}`)).json<{ items: { id: number }[] }>();
    expect(found.items.map((i) => i.id)).toEqual([w.countyAShare]);
    const stale = await as.provinceAdmin.patch(`/api/tasks/${w.taskId}`, { version: 1, goal: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', details: { current: { version: 2, problem: expect.stringContaining('超低排放') } } } });
    expect((await as.cityAdmin.patch(`/api/tasks/${w.taskId}`, { version: 2, goal: '市里改省任务' })).statusCode).toBe(403);
  });
});
