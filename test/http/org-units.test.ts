import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { anonymous, createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';

interface Unit { id: number; parentId: number | null; code: string; name: string; kind: string; sortOrder: number; version: number; children?: Unit[] }
const names = (units: Unit[]): string[] => units.flatMap((u) => [u.name, ...names(u.children ?? [])]);

describe.each(DIALECTS)('org units over HTTP on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
  });
  afterAll(async () => { await t.close(); });

  it('shows each reader only their own subtree as a tree', async () => {
    const city = (await as.cityAdmin.get('/api/org-units/tree')).json<{ items: Unit[] }>().items;
    expect(city.map((u) => u.name)).toEqual(['抚顺市']);
    expect(names(city).sort()).toEqual(['抚顺市', '新宾满族自治县', '清原满族自治县', '市生态环境局'].sort());
    const county = (await as.countyAViewer.get('/api/org-units/tree')).json<{ items: Unit[] }>().items;
    expect(names(county)).toEqual(['新宾满族自治县']);
    expect(names((await as.provinceAdmin.get('/api/org-units/tree')).json<{ items: Unit[] }>().items)).toContain('沈阳市');
  });

  it('lists, filters, searches and sorts units within scope only', async () => {
    const res = (await as.cityAdmin.get(`/api/org-units?kind=county&sort=name&order=desc`)).json<{ items: Unit[]; total: number }>();
    expect(res.items.map((u) => u.name)).toEqual(['清原满族自治县', '新宾满族自治县']);
    expect(res.total).toBe(2);
    const search = (await as.countyAReporter.get(`/api/org-units?q=${encodeURIComponent('清原')}`)).json<{ total: number }>();
    expect(search.total).toBe(0);
    const paged = (await as.provinceAdmin.get('/api/org-units?pageSize=2&page=2&sort=path')).json<{ items: Unit[]; total: number; page: number }>();
    expect(paged).toMatchObject({ total: 6, page: 2 });
    expect(paged.items).toHaveLength(2);
  });

  it('answers 404 for a unit outside the scope, like a missing one', async () => {
    expect((await as.countyAReporter.get(`/api/org-units/${w.tree.countyB.id}`)).statusCode).toBe(404);
    expect((await as.countyAReporter.get(`/api/org-units/${w.tree.city.id}`)).statusCode).toBe(404);
    expect((await as.countyAReporter.get('/api/org-units/999999')).json()).toMatchObject({ error: { code: 'ORG_UNIT_NOT_FOUND' } });
    expect((await as.countyAReporter.get(`/api/org-units/${w.tree.countyA.id}`)).json<Unit>().name).toBe('新宾满族自治县');
  });

  it('lets a city administrator create a county under the city, audited', async () => {
    const res = await as.cityAdmin.post('/api/org-units', { parentId: w.tree.city.id, code: `FS-DZ-${dialect}`, name: '东洲区', kind: 'county' });
    expect(res.statusCode).toBe(201);
    const unit = res.json<Unit>();
    expect(unit).toMatchObject({ parentId: w.tree.city.id, name: '东洲区', kind: 'county', version: 1 });
    const audit = (await as.cityAdmin.get(`/api/audit?entityType=org_unit&entityId=${unit.id}`)).json<{ items: { action: string }[] }>();
    expect(audit.items.map((e) => e.action)).toEqual(['org_unit.create']);
  });

  it('never lets a city administrator touch its parent or a sibling city', async () => {
    const underProvince = await as.cityAdmin.post('/api/org-units', { parentId: w.tree.province.id, code: 'X1', name: '铁岭市', kind: 'city' });
    expect(underProvince.statusCode).toBe(404);
    const underSibling = await as.cityAdmin.post('/api/org-units', { parentId: w.tree.otherCity.id, code: 'X2', name: '和平区', kind: 'county' });
    expect(underSibling.statusCode).toBe(404);
    const renameSibling = await as.cityAdmin.patch(`/api/org-units/${w.tree.otherCity.id}`, { version: 1, name: '改名' });
    expect(renameSibling.statusCode).toBe(404);
    const renameParent = await as.cityAdmin.patch(`/api/org-units/${w.tree.province.id}`, { version: 1, name: '改名' });
    expect(renameParent.statusCode).toBe(404);
  });

  it('refuses units for roles other than administrator, with 403 inside the scope', async () => {
    for (const who of ['countyAReporter', 'countyAReviewer', 'countyAViewer'] as const) {
      const res = await as[who].post('/api/org-units', { parentId: w.tree.countyA.id, code: `D-${who}`, name: '县生态环境分局', kind: 'department' });
      expect(res.statusCode).toBe(403);
    }
    expect((await anonymous(t.app).get('/api/org-units/tree')).statusCode).toBe(401);
  });

  it('checks the kind of a child and the uniqueness of codes, naming the field, writing nothing', async () => {
    const province = await as.cityAdmin.post('/api/org-units', { parentId: w.tree.city.id, code: 'P-X', name: '假省', kind: 'province' });
    expect(province.statusCode).toBe(400);
    expect(province.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'kind' }] } });
    const dup = await as.cityAdmin.post('/api/org-units', { parentId: w.tree.city.id, code: w.tree.countyA.code, name: '重复', kind: 'county' });
    expect(dup.statusCode).toBe(409);
    const bad = await as.cityAdmin.post('/api/org-units', { parentId: w.tree.city.id, code: 'a b', name: '', kind: 'county' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/body\.(code|name)/);
    const list = (await as.cityAdmin.get(`/api/org-units?q=${encodeURIComponent('假省')}`)).json<{ total: number }>();
    expect(list.total).toBe(0);
  });

  it('renames at the version read, and answers 409 with the current unit when stale', async () => {
    const first = await as.countyAAdmin.patch(`/api/org-units/${w.tree.countyA.id}`, { version: 1, name: '新宾县', sortOrder: 3 });
    expect(first.statusCode).toBe(200);
    expect(first.json<Unit>()).toMatchObject({ name: '新宾县', sortOrder: 3, version: 2 });
    const stale = await as.cityAdmin.patch(`/api/org-units/${w.tree.countyA.id}`, { version: 1, name: '新宾满族自治县' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', details: { current: { name: '新宾县', version: 2 } } } });
    await as.cityAdmin.patch(`/api/org-units/${w.tree.countyA.id}`, { version: 2, name: '新宾满族自治县' });
  });

  it('refuses a write without the CSRF header from a browser session', async () => {
    const res = await as.cityAdmin.request({ method: 'POST', url: '/api/org-units', headers: { 'x-csrf-token': '' }, payload: { parentId: w.tree.city.id, code: 'CSRF1', name: '无令牌区', kind: 'county' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });
  });
});
