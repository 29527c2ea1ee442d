import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';

interface Assignment { id: number; taskId: number; orgUnitId: number; parentId: number | null; deadlineDate: string | null; responsiblePerson: string | null; scheduleStatus: string | null; warning: string | null; version: number }
interface Part { id: number; version: number; [k: string]: unknown }

describe.each(DIALECTS)('assignments and their parts over HTTP on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  let deptShare: Assignment;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
  });
  afterAll(async () => { await t.close(); });

  const get = async (who: UserKey, id: number) => (await as[who].get(`/api/assignments/${id}`)).json<{ assignment: Assignment; milestones: Part[]; measures: Part[] }>();

  it('lets the city split its share to its own department, inheriting the deadline', async () => {
    const res = await as.cityAdmin.post('/api/assignments', { taskId: w.taskId, orgUnitId: w.tree.department.id, parentId: w.cityShare, responsiblePerson: '王局长' });
    expect(res.statusCode).toBe(201);
    deptShare = res.json<Assignment>();
    expect(deptShare).toMatchObject({ parentId: w.cityShare, orgUnitId: w.tree.department.id, deadlineDate: '2030-12-31', responsiblePerson: '王局长', scheduleStatus: expect.any(String) });
    const history = (await as.cityAdmin.get(`/api/assignments/${deptShare.id}/history`)).json<{ items: { action: string }[] }>();
    expect(history.items.map((e) => e.action)).toContain('assignment.create');
  });

  it('refuses a split sideways, upwards, twice, or by a unit that does not hold the parent share', async () => {
    const sideways = await as.cityAdmin.post('/api/assignments', { taskId: w.taskId, orgUnitId: w.tree.otherCity.id, parentId: w.cityShare });
    expect(sideways.statusCode).toBe(404);
    const upwards = await as.countyAAdmin.post('/api/assignments', { taskId: w.taskId, orgUnitId: w.tree.city.id, parentId: w.countyAShare });
    expect(upwards.statusCode).toBe(404);
    const sibling = await as.cityAdmin.post('/api/assignments', { taskId: w.taskId, orgUnitId: w.tree.countyB.id, parentId: w.countyAShare });
    expect(sibling.statusCode).toBe(400);
    expect(sibling.json()).toMatchObject({ error: { details: [{ field: 'orgUnitId' }] } });
    const twice = await as.cityAdmin.post('/api/assignments', { taskId: w.taskId, orgUnitId: w.tree.department.id, parentId: w.cityShare });
    expect(twice.statusCode).toBe(409);
    const countyB = await as.countyBAdmin.post('/api/assignments', { taskId: w.taskId, orgUnitId: w.tree.countyB.id, parentId: w.countyAShare });
    expect(countyB.statusCode).toBe(404);
    const reporter = await as.countyAReporter.post('/api/assignments', { taskId: w.taskId, orgUnitId: w.tree.countyA.id, parentId: w.cityShare });
    expect(reporter.statusCode).toBe(403);
  });

  it('keeps a child\'s deadline within its parent\'s', async () => {
    const late = await as.provinceAdmin.post('/api/assignments', { taskId: w.otherCityTaskId, orgUnitId: w.tree.province.id, deadlineDate: '2040-01-01', deadlineKind: 'by_date' });
    expect(late.statusCode).toBe(201);
    const res = await as.cityAdmin.patch(`/api/assignments/${deptShare.id}`, { version: deptShare.version, deadlineDate: '2031-06-30' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { details: [{ field: 'deadlineDate' }] } });
  });

  it('lets the assigner move a deadline but not the unit holding the share', async () => {
    const current = (await get('countyAAdmin', w.countyAShare)).assignment;
    const own = await as.countyAAdmin.patch(`/api/assignments/${w.countyAShare}`, { version: current.version, deadlineDate: '2030-12-31' });
    expect(own.statusCode).toBe(403);
    const person = await as.countyAAdmin.patch(`/api/assignments/${w.countyAShare}`, { version: current.version, responsiblePerson: '李县长' });
    expect(person.statusCode).toBe(200);
    const after = person.json<Assignment>();
    expect(after.responsiblePerson).toBe('李县长');
    const city = await as.cityAdmin.patch(`/api/assignments/${w.countyAShare}`, { version: after.version, deadlineDate: '2024-01-01' });
    expect(city.statusCode).toBe(200);
    // Past the new deadline and not done: the schedule is refreshed in the same change, and the city share follows.
    expect(city.json<Assignment>()).toMatchObject({ deadlineDate: '2024-01-01', scheduleStatus: 'overdue', warning: 'red' });
    expect((await get('cityAdmin', w.cityShare)).assignment.warning).toBe('red');
  });

  it('answers a stale version with 409 and the current assignment', async () => {
    const res = await as.countyAAdmin.patch(`/api/assignments/${w.countyAShare}`, { version: 1, responsiblePerson: '旧的' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', details: { current: { id: w.countyAShare, responsiblePerson: '李县长' } } } });
    expect((await as.countyAAdmin.patch(`/api/assignments/${w.countyAShare}`, { version: 1 })).statusCode).toBe(400);
  });

  it('adds, edits and deletes measures, feeding the search', async () => {
    const created = await as.countyAAdmin.post(`/api/assignments/${w.countyAShare}/measures`, { text: '全面淘汰10蒸吨以下燃煤锅炉', items: ['一是摸底排查', '二是分批淘汰'], dueDate: '2025-06-30' });
    expect(created.statusCode).toBe(201);
    const m = created.json<Part>();
    expect(m).toMatchObject({ assignmentId: w.countyAShare, items: ['一是摸底排查', '二是分批淘汰'], version: 1 });
    const found = (await as.countyAViewer.get(`/api/assignments?q=${encodeURIComponent('蒸吨以下燃煤')}`)).json<{ items: { id: number }[] }>();
    expect(found.items.map((i) => i.id)).toEqual([w.countyAShare]);
    const edited = await as.countyAAdmin.patch(`/api/measures/${m.id}`, { version: 1, doneDate: '2025-05-01' });
    expect(edited.json<Part>()).toMatchObject({ doneDate: '2025-05-01', text: '全面淘汰10蒸吨以下燃煤锅炉', version: 2 });
    expect((await as.countyAAdmin.delete(`/api/measures/${m.id}?version=1`)).statusCode).toBe(409);
    expect((await as.countyBAdmin.patch(`/api/measures/${m.id}`, { version: 2, text: '越权' })).statusCode).toBe(404);
    expect((await as.countyAReporter.patch(`/api/measures/${m.id}`, { version: 2, text: '填报人' })).statusCode).toBe(403);
    expect((await as.countyAAdmin.delete(`/api/measures/${m.id}?version=2`)).statusCode).toBe(204);
    expect((await as.countyAAdmin.patch(`/api/measures/${m.id}`, { version: 3, text: '已删' })).statusCode).toBe(404);
  });

  it('drives the schedule from milestones, which only administrators set here', async () => {
    const share = (await get('cityAdmin', deptShare.id)).assignment;
    expect(share.scheduleStatus).not.toBe('behind_schedule');
    const due = await as.cityAdmin.post(`/api/assignments/${deptShare.id}/milestones`, { title: '2024年底前完成一半', dueDate: '2024-12-31', weight: 1 });
    expect(due.statusCode).toBe(201);
    await as.cityAdmin.post(`/api/assignments/${deptShare.id}/milestones`, { title: '2030年全部完成', dueDate: '2030-12-31', weight: 1 });
    expect((await get('cityAdmin', deptShare.id)).assignment.scheduleStatus).toBe('behind_schedule');
    const milestone = due.json<Part>();
    const done = await as.cityAdmin.patch(`/api/milestones/${milestone.id}`, { version: 1, doneDate: '2024-12-20' });
    expect(done.statusCode).toBe(200);
    expect((await get('cityAdmin', deptShare.id)).assignment.scheduleStatus).toBe('on_schedule');
    // A reporter marks milestones done only by submitting progress; another county's administrator cannot see this one.
    expect((await as.countyAReporter.patch(`/api/milestones/${milestone.id}`, { version: 2, doneDate: '2024-12-01' })).statusCode).toBe(403);
    expect((await as.countyBAdmin.patch(`/api/milestones/${milestone.id}`, { version: 2, doneDate: '2024-12-01' })).statusCode).toBe(404);
    const wrongMeasure = await as.cityAdmin.post(`/api/assignments/${deptShare.id}/milestones`, { title: '错挂措施', dueDate: '2026-01-01', measureId: 999999 });
    expect(wrongMeasure.statusCode).toBe(400);
    expect(wrongMeasure.json()).toMatchObject({ error: { details: [{ field: 'measureId' }] } });
  });

  it('keeps indicators with recorded values, lists values by date', async () => {
    const created = await as.countyAAdmin.post(`/api/assignments/${w.countyAShare}/indicators`, { name: 'PM2.5年均浓度', unit: 'μg/m³', baseline: 45, baselineDate: '2020-12-31', target: 35, targetDate: '2025-12-31', comparator: '<=' });
    expect(created.statusCode).toBe(201);
    const ind = created.json<Part>();
    await t.ctx.db.insertInto('indicator_values').values([
      { indicator_id: ind.id, value: 41, as_of: '2022-12-31', created_at: '2023-01-01T00:00:00Z' },
      { indicator_id: ind.id, value: 38, as_of: '2023-12-31', created_at: '2024-01-01T00:00:00Z' },
    ]).execute();
    const values = (await as.countyAViewer.get(`/api/indicators/${ind.id}/values?order=desc&pageSize=1`)).json<{ items: { value: number }[]; total: number }>();
    expect(values).toMatchObject({ total: 2, items: [{ value: 38 }] });
    expect((await as.countyAViewer.get(`/api/indicators/${ind.id}/values?from=2023-01-01`)).json<{ total: number }>().total).toBe(1);
    expect((await as.countyBReporter.get(`/api/indicators/${ind.id}/values`)).statusCode).toBe(404);
    const del = await as.countyAAdmin.delete(`/api/indicators/${ind.id}?version=1`);
    expect(del.statusCode).toBe(409);
    expect(del.json()).toMatchObject({ error: { code: 'INVALID_TRANSITION' } });
  });

  it('cites documents by title and number, normalized and shared, and stops citing them', async () => {
    const first = await as.countyAAdmin.post(`/api/assignments/${w.countyAShare}/documents`, { title: '《抚顺市燃煤锅炉淘汰工作方案》', number: '抚政办 [2021] 24 号' });
    expect(first.statusCode).toBe(201);
    const doc = first.json<{ id: number; title: string; number: string }>();
    expect(doc).toMatchObject({ title: '抚顺市燃煤锅炉淘汰工作方案', number: '抚政办〔2021〕24号' });
    const again = await as.cityAdmin.post(`/api/assignments/${w.cityShare}/documents`, { number: '抚政办〔2021〕24号' });
    expect(again.json<{ id: number }>().id).toBe(doc.id);
    expect((await as.countyAAdmin.post(`/api/assignments/${w.countyAShare}/documents`, { title: '  ' })).statusCode).toBe(400);
    const list = (await as.countyAViewer.get(`/api/assignments/${w.countyAShare}/documents?q=${encodeURIComponent('锅炉')}`)).json<{ items: { id: number }[]; total: number }>();
    expect(list.items.map((d) => d.id)).toEqual([doc.id]);
    expect((await as.countyBAdmin.delete(`/api/assignments/${w.countyAShare}/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await as.countyAAdmin.delete(`/api/assignments/${w.countyAShare}/documents/${doc.id}`)).statusCode).toBe(204);
    expect((await as.countyAAdmin.delete(`/api/assignments/${w.countyAShare}/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await as.cityAdmin.get(`/api/assignments/${w.cityShare}/documents`)).json<{ total: number }>().total).toBe(1);
  });

  it('pages the history newest first by id, for readers of the assignment only', async () => {
    const first = (await as.countyAViewer.get(`/api/assignments/${w.countyAShare}/history?limit=2`)).json<{ items: { id: number; action: string }[]; nextBeforeId: number | null }>();
    expect(first.items).toHaveLength(2);
    expect(first.items[0]!.id).toBeGreaterThan(first.items[1]!.id);
    const next = (await as.countyAViewer.get(`/api/assignments/${w.countyAShare}/history?limit=200&beforeId=${first.nextBeforeId}`)).json<{ items: { id: number }[] }>();
    expect(next.items.every((e) => e.id < first.items[1]!.id)).toBe(true);
    expect((await as.countyBReporter.get(`/api/assignments/${w.countyAShare}/history`)).statusCode).toBe(404);
  });
});
