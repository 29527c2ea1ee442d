/**
 * The county wall: a user of county A must not read or change county B's (or another city's) data through any
 * route, filter, search, export or download. Out-of-scope ids answer 404 exactly like missing ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { anonymous, createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';
import { PDF, multipart } from '../fixtures/evidence/samples.js';
import { findUserByUsername } from '../../src/db/users.repository.js';
import { insertPublishedReport } from '../../src/db/imports.repository.js';

const COUNTY_A_USERS = ['countyAAdmin', 'countyAReporter', 'countyAReviewer', 'countyAViewer'] as const;

describe.each(DIALECTS)('scope across counties on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  const b = { measure: 0, milestone: 0, indicator: 0, evidence: 0, document: 0, plan: 0, inspection: 0, user: 0 };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
    const share = `/api/assignments/${w.countyBShare}`;
    b.measure = (await as.countyBAdmin.post(`${share}/measures`, { text: '清原县污水处理厂提标改造' })).json<{ id: number }>().id;
    b.milestone = (await as.countyBAdmin.post(`${share}/milestones`, { title: '完成提标改造', dueDate: '2026-06-30' })).json<{ id: number }>().id;
    b.indicator = (await as.countyBAdmin.post(`${share}/indicators`, { name: '出水COD', target: 50, comparator: '<=' })).json<{ id: number }>().id;
    b.document = (await as.countyBAdmin.post(`${share}/documents`, { title: '清原县水污染防治方案' })).json<{ id: number }>().id;
    const body = multipart('清原验收.pdf', PDF);
    b.evidence = (await as.countyBReporter.request({ method: 'POST', url: `${share}/evidence`, payload: body.payload, headers: body.headers })).json<{ id: number }>().id;
    b.inspection = (await as.otherCityAdmin.post('/api/inspections', { name: `沈阳市专项督察${dialect}`, round: 'S1', kind: 'provincial', targetOrgId: w.tree.otherCity.id })).json<{ id: number }>().id;
    b.plan = (await as.otherCityAdmin.post('/api/plans', { inspectionId: b.inspection, ownerOrgId: w.tree.otherCity.id, title: '沈阳市专项整改方案' })).json<{ id: number }>().id;
    b.user = (await findUserByUsername(t.ctx.db, w.users.countyBReporter))!.id;
    await insertPublishedReport(t.ctx.db, { orgUnitId: w.tree.city.id, inspectionId: w.inspectionId, title: '抚顺市整改进展情况', asOf: '2023-12-31', content: { title: '抚顺市整改进展情况', region: '抚顺市', inspection: null, asOf: '2023-12-31', tasks: [], summary: [], warnings: [] }, importId: null, publishedBy: null });
  });
  afterAll(async () => { await t.close(); });

  const reads = () => [
    `/api/org-units/${w.tree.countyB.id}`, `/api/inspections/${b.inspection}`, `/api/plans/${b.plan}`, `/api/tasks/${w.otherCityTaskId}`,
    `/api/tasks/${w.otherCityTaskId}/assignments`, `/api/assignments/${w.countyBShare}`, `/api/assignments/${w.countyBShare}/history`,
    `/api/assignments/${w.countyBShare}/documents`, `/api/assignments/${w.countyBShare}/evidence`, `/api/evidence/${b.evidence}`,
    `/api/evidence/${b.evidence}?inline=1`, `/api/indicators/${b.indicator}/values`, `/api/assignments?orgUnitId=${w.tree.countyB.id}`,
    `/api/dashboard?orgUnitId=${w.tree.countyB.id}`, `/api/assignments/export.xlsx?orgUnitId=${w.tree.countyB.id}`,
  ];

  it('answers 404 on every read of county B\'s records, for every role of county A', async () => {
    for (const who of COUNTY_A_USERS) {
      for (const url of reads()) expect((await as[who].get(url)).statusCode, `${who} GET ${url}`).toBe(404);
    }
  });

  it('answers 404 to county A\'s administrator on every write to county B\'s records, and writes nothing', async () => {
    const a = as.countyAAdmin;
    const share = `/api/assignments/${w.countyBShare}`;
    const body = multipart('越权.pdf', PDF);
    const writes = [
      () => a.patch(share, { version: 1, responsiblePerson: '越权' }),
      () => a.post(`${share}/measures`, { text: '越权措施' }),
      () => a.patch(`/api/measures/${b.measure}`, { version: 1, text: '越权' }),
      () => a.delete(`/api/milestones/${b.milestone}?version=1`),
      () => a.patch(`/api/indicators/${b.indicator}`, { version: 1, target: 1 }),
      () => a.post(`${share}/documents`, { title: '越权文件' }),
      () => a.delete(`${share}/documents/${b.document}`),
      () => a.request({ method: 'POST', url: `${share}/evidence`, payload: body.payload, headers: body.headers }),
      () => a.post('/api/assignments', { taskId: w.taskId, orgUnitId: w.tree.countyB.id, parentId: w.countyBShare }),
      () => a.patch(`/api/org-units/${w.tree.countyB.id}`, { version: 1, name: '越权' }),
      () => a.post('/api/org-units', { parentId: w.tree.countyB.id, code: 'X-B', name: '越权局', kind: 'department' }),
      () => a.get(`/api/users/${b.user}`),
      () => a.post(`/api/users/${b.user}/reset-password`),
      () => a.request({ method: 'PUT', url: `/api/users/${b.user}/memberships`, payload: { memberships: [{ orgUnitId: w.tree.countyA.id, role: 'viewer' }] } }),
    ];
    for (const write of writes) {
      const res = await write();
      expect(res.statusCode, res.body).toBe(404);
    }
    const measures = (await as.countyBAdmin.get(share)).json<{ measures: { text: string }[]; documents: unknown[]; evidence: unknown[] }>();
    expect(measures.measures.map((m) => m.text)).not.toContain('越权措施');
    expect(measures.documents).toHaveLength(1);
    expect(measures.evidence).toHaveLength(1);
  });

  it('answers an out-of-scope id exactly like a missing one', async () => {
    const missing = (await as.countyAViewer.get('/api/evidence/987654')).json<{ error: { code: string } }>();
    const hidden = (await as.countyAViewer.get(`/api/evidence/${b.evidence}`)).json<{ error: { code: string } }>();
    expect(hidden.error.code).toBe(missing.error.code);
    const missingA = (await as.countyAViewer.get('/api/assignments/987654')).json<{ error: { code: string; message: string } }>();
    const hiddenA = (await as.countyAViewer.get(`/api/assignments/${w.countyBShare}`)).json<{ error: { code: string; message: string } }>();
    expect(hiddenA.error.message.replace(String(w.countyBShare), 'N')).toBe(missingA.error.message.replace('987654', 'N'));
  });

  it('reaches only county A\'s records however the ids are guessed', async () => {
    const max = (await t.ctx.db.selectFrom('assignments').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m;
    const open: number[] = [];
    for (let id = 1; id <= max + 2; id++) if ((await as.countyAReporter.get(`/api/assignments/${id}`)).statusCode === 200) open.push(id);
    expect(open).toEqual([w.countyAShare]);
    const files: number[] = [];
    for (let id = 1; id <= b.evidence + 2; id++) if ((await as.countyAReporter.get(`/api/evidence/${id}`)).statusCode === 200) files.push(id);
    expect(files).toEqual([]);
  });

  it('keeps county B out of every list, filter and search', async () => {
    const q = encodeURIComponent('污水处理厂');
    const lists: [string, (body: unknown) => unknown][] = [
      ['/api/assignments?pageSize=200', (x) => (x as { items: { id: number }[] }).items.map((i) => i.id)],
      [`/api/assignments?q=${q}`, (x) => (x as { total: number }).total],
      [`/api/assignments?q=${encodeURIComponent('清原')}`, (x) => (x as { total: number }).total],
      [`/api/tasks?q=${encodeURIComponent('黑臭')}`, (x) => (x as { total: number }).total],
      [`/api/org-units?q=${encodeURIComponent('清原')}`, (x) => (x as { total: number }).total],
      ['/api/plans', (x) => (x as { items: { id: number }[] }).items.map((p) => p.id).includes(b.plan)],
      ['/api/inspections', (x) => (x as { items: { id: number }[] }).items.map((i) => i.id).includes(b.inspection)],
      ['/api/dashboard', (x) => (x as { total: number }).total],
    ];
    const expected = [[w.countyAShare], 0, 0, 0, 0, false, false, 1];
    for (const who of COUNTY_A_USERS) {
      const got = [];
      for (const [url, pick] of lists) got.push(pick((await as[who].get(url)).json()));
      expect(got, who).toEqual(expected);
    }
    expect((await as.countyAAdmin.get('/api/users?pageSize=200')).json<{ items: { username: string }[] }>().items.map((u) => u.username))
      .not.toContain(w.users.countyBReporter);
    const own = (await as.countyAAdmin.get(`/api/assignments?orgUnitId=${w.tree.city.id}`)).json<{ items: { id: number }[] }>();
    expect(own.items.map((i) => i.id)).toEqual([w.countyAShare]);
  });

  it('shows the public only what is published, and nothing of the ledger', async () => {
    const pub = anonymous(t.app);
    const reports = (await pub.get('/api/public/reports')).json<{ items: { title: string }[] }>();
    expect(reports.items.map((r) => r.title)).toEqual(['抚顺市整改进展情况']);
    for (const url of [...reads(), '/api/assignments', '/api/tasks', '/api/org-units/tree', '/api/users', '/api/audit', `/api/evidence/${b.evidence}`, '/api/tokens']) {
      expect((await pub.get(url)).statusCode, url).toBe(401);
    }
    expect((await pub.post('/api/org-units', { parentId: w.tree.city.id, code: 'ANON', name: '匿名', kind: 'county' })).statusCode).toBe(401);
  });
});
