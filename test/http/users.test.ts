import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { anonymous, clientWith, createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signIn, signInAll, type UserKey, type World } from '../fixtures/api/world.js';
import { addMembership, findUserByUsername } from '../../src/db/users.repository.js';

interface ManagedUser { id: number; username: string; isActive: boolean; memberships: { orgUnitId: number; role: string }[]; hasOtherMemberships: boolean }
interface Page<T> { items: T[]; total: number }
const put = (c: Client, url: string, payload: unknown) => c.request({ method: 'PUT', url, payload: payload as object });

describe.each(DIALECTS)('users and API tokens over HTTP on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  let created: ManagedUser;
  let oneTimePassword: string;
  const idOf = async (key: UserKey) => (await findUserByUsername(t.ctx.db, w.users[key]))!.id;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
  });
  afterAll(async () => { await t.close(); });

  it('lists the users of the administrator\'s subtree, filtered and sorted, never the password hash', async () => {
    const res = await as.cityAdmin.get('/api/users?sort=username&order=asc');
    const page = res.json<Page<ManagedUser>>();
    expect(page.items.map((u) => u.username)).not.toContain(w.users.otherCityAdmin);
    expect(page.items.map((u) => u.username)).not.toContain(w.users.provinceAdmin);
    expect(page.total).toBe(7);
    expect(res.body).not.toMatch(/argon2|passwordHash|password_hash/);
    const county = (await as.cityAdmin.get(`/api/users?orgUnitId=${w.tree.countyB.id}`)).json<Page<ManagedUser>>();
    expect(county.items.map((u) => u.username).sort()).toEqual([w.users.countyBAdmin, w.users.countyBReporter].sort());
    const reporters = (await as.cityAdmin.get('/api/users?role=reporter')).json<Page<ManagedUser>>();
    expect(reporters.total).toBe(2);
    const q = (await as.cityAdmin.get(`/api/users?q=countyAView`)).json<Page<ManagedUser>>();
    expect(q.items.map((u) => u.username)).toEqual([w.users.countyAViewer]);
    expect((await as.countyAAdmin.get(`/api/users?orgUnitId=${w.tree.countyB.id}`)).statusCode).toBe(404);
    expect((await as.countyAAdmin.get(`/api/users/${await idOf('countyBReporter')}`)).statusCode).toBe(404);
  });

  it('creates a user at a unit in scope, with a one-time random password', async () => {
    const res = await as.countyAAdmin.post('/api/users', { username: `xb-fill-${dialect}`, displayName: '新宾填报员', memberships: [{ orgUnitId: w.tree.countyA.id, role: 'reporter' }] });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ user: ManagedUser; password: string }>();
    created = body.user;
    oneTimePassword = body.password;
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await (await signIn(t.app, created.username, oneTimePassword)).get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses memberships outside the administrator\'s scope, and users for non-administrators', async () => {
    const res = await as.countyAAdmin.post('/api/users', { username: 'sneaky', displayName: '越权', memberships: [{ orgUnitId: w.tree.countyB.id, role: 'admin' }] });
    expect(res.statusCode).toBe(404);
    const up = await as.countyAAdmin.post('/api/users', { username: 'sneaky2', displayName: '越级', memberships: [{ orgUnitId: w.tree.city.id, role: 'admin' }] });
    expect(up.statusCode).toBe(404);
    expect((await as.countyAReporter.get('/api/users')).statusCode).toBe(403);
    expect((await as.countyAViewer.post('/api/users', { username: 'v2', displayName: 'v', memberships: [{ orgUnitId: w.tree.countyA.id, role: 'viewer' }] })).statusCode).toBe(403);
    const bad = await as.countyAAdmin.post('/api/users', { username: 'a b', displayName: 'x', memberships: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/body\.(username|memberships)/);
  });

  it('replaces memberships inside the scope and keeps those elsewhere', async () => {
    // A user who is also a reviewer in 沈阳市, outside the city administrator's reach.
    await addMembership(t.ctx.db, created.id, w.tree.otherCity.id, 'reviewer');
    const res = await put(as.cityAdmin, `/api/users/${created.id}/memberships`, { memberships: [{ orgUnitId: w.tree.countyA.id, role: 'viewer' }, { orgUnitId: w.tree.department.id, role: 'reporter' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json<ManagedUser>()).toMatchObject({ hasOtherMemberships: true, memberships: [{ orgUnitId: w.tree.countyA.id, role: 'viewer' }, { orgUnitId: w.tree.department.id, role: 'reporter' }] });
    const province = (await as.provinceAdmin.get(`/api/users/${created.id}`)).json<ManagedUser>();
    expect(province.memberships.map((m) => m.role).sort()).toEqual(['reporter', 'reviewer', 'viewer']);
    const outside = await put(as.cityAdmin, `/api/users/${created.id}/memberships`, { memberships: [{ orgUnitId: w.tree.otherCity.id, role: 'admin' }] });
    expect(outside.statusCode).toBe(404);
  });

  it('keeps account-wide actions for administrators over every unit the user belongs to', async () => {
    for (const action of ['disable', 'reset-password', 'revoke-sessions']) {
      const res = await as.cityAdmin.post(`/api/users/${created.id}/${action}`);
      expect(res.statusCode, action).toBe(403);
    }
    const reset = await as.provinceAdmin.post(`/api/users/${created.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const password = reset.json<{ password: string }>().password;
    expect(password).not.toBe(oneTimePassword);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: created.username, password: oneTimePassword }, remoteAddress: '10.99.0.1' });
    expect(old.statusCode).toBe(401);
    expect((await (await signIn(t.app, created.username, password)).get('/api/auth/me')).statusCode).toBe(200);
  });

  it('disables an account, ending its sessions, and enables it again', async () => {
    const viewer = await signIn(t.app, w.users.countyAViewer);
    const id = await idOf('countyAViewer');
    expect((await as.countyAAdmin.post(`/api/users/${id}/disable`)).json<ManagedUser>().isActive).toBe(false);
    expect((await viewer.get('/api/auth/me')).statusCode).toBe(401);
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: w.users.countyAViewer, password: 'correct-horse-battery' }, remoteAddress: '10.99.0.2' });
    expect(refused.statusCode).toBe(401);
    expect((await as.countyAAdmin.post(`/api/users/${id}/enable`)).json<ManagedUser>().isActive).toBe(true);
    as.countyAViewer = await signIn(t.app, w.users.countyAViewer);
    expect((await as.countyAAdmin.post(`/api/users/${await idOf('countyAAdmin')}/disable`)).statusCode).toBe(409);
    expect((await as.countyAAdmin.post(`/api/users/${await idOf('countyBAdmin')}/disable`)).statusCode).toBe(404);
  });

  it('signs a user out everywhere', async () => {
    const second = await signIn(t.app, w.users.countyAReviewer);
    expect((await as.countyAAdmin.post(`/api/users/${await idOf('countyAReviewer')}/revoke-sessions`)).statusCode).toBe(204);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    expect((await as.countyAReviewer.get('/api/auth/me')).statusCode).toBe(401);
    as.countyAReviewer = await signIn(t.app, w.users.countyAReviewer);
  });

  it('audits user administration inside the administrator\'s subtree', async () => {
    const audit = (await as.countyAAdmin.get('/api/audit?entityType=user')).json<{ items: { action: string }[] }>();
    expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'user.disable', 'user.enable', 'user.revoke_sessions']));
    const other = (await as.otherCityAdmin.get('/api/audit?entityType=user')).json<{ items: { entityId: string }[] }>();
    expect(other.items.map((e) => e.entityId)).toEqual([String(await idOf('otherCityAdmin'))]);
  });

  describe('API tokens', () => {
    let token: string;
    let tokenId: number;
    it('creates a token shown once, lists it without the secret', async () => {
      const res = await as.countyAReporter.post('/api/tokens', { name: '报送脚本' });
      expect(res.statusCode).toBe(201);
      ({ token, id: tokenId } = res.json<{ id: number; token: string }>());
      expect(token).toMatch(/^rt_/);
      const list = await as.countyAReporter.get('/api/tokens');
      expect(list.json<Page<{ id: number; name: string }>>().items).toEqual([expect.objectContaining({ id: tokenId, name: '报送脚本' })]);
      expect(list.body).not.toContain(token);
    });

    it('works as a bearer credential, scoped like its user, and without CSRF', async () => {
      const machine = clientWith(t.app, { authorization: `Bearer ${token}` });
      const list = (await machine.get('/api/assignments')).json<{ items: { id: number }[] }>();
      expect(list.items.map((i) => i.id)).toEqual([w.countyAShare]);
      expect((await machine.get(`/api/assignments/${w.countyBShare}`)).statusCode).toBe(404);
      expect((await machine.post('/api/tokens', { name: '令牌生令牌' })).statusCode).toBe(403);
      expect((await clientWith(t.app, { authorization: 'Bearer rt_guessed' }).get('/api/assignments')).statusCode).toBe(401);
    });

    it('cannot be revoked by another user, and stops working once revoked by its owner', async () => {
      expect((await as.countyAAdmin.delete(`/api/tokens/${tokenId}`)).statusCode).toBe(404);
      expect((await as.countyAReporter.delete(`/api/tokens/${tokenId}`)).statusCode).toBe(204);
      expect((await clientWith(t.app, { authorization: `Bearer ${token}` }).get('/api/assignments')).statusCode).toBe(401);
      const all = (await as.countyAReporter.get('/api/tokens?includeRevoked=true')).json<Page<{ revokedAt: string | null }>>();
      expect(all.items[0]!.revokedAt).not.toBeNull();
      expect((await as.countyAReporter.get('/api/tokens')).json<Page<unknown>>().total).toBe(0);
      expect((await anonymous(t.app).get('/api/tokens')).statusCode).toBe(401);
    });
  });
});
