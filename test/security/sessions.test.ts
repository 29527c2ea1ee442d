/**
 * Sessions and secrets: fixation, CSRF, brute force (rate limit and lock-out that reveal nothing about which accounts
 * exist, and a lock-out that concurrent failures cannot outrun), the Secure flag, security headers, and sessions ended server-side by sign-out and by an admin's reset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, clientFromSignIn, clientWith, me, sessionOf, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { findUserByUsername } from '../../src/db/users.repository.js';

let address = 0;
/** Each call from its own address unless given one: the sign-in rate limit is per address. */
const signInRaw = (app: FastifyInstance, username: string, password: string, opts: { cookie?: string; ip?: string } = {}) => app.inject({
  method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, remoteAddress: opts.ip ?? `10.77.${++address >> 8}.${address & 255}`,
  ...(opts.cookie ? { headers: { cookie: `rectify_session=${opts.cookie}` } } : {}),
});

describe.each(DIALECTS)('sessions and secrets on %s', (dialect) => {
  let t: TestApp;
  let users: Record<'admin' | 'alice' | 'bob' | 'carol', string>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const tree = await buildOrgTree(t.ctx);
    users = {
      admin: (await buildUser(t.ctx, 'admin', tree.city)).username, alice: (await buildUser(t.ctx, 'reporter', tree.countyA)).username,
      bob: (await buildUser(t.ctx, 'viewer', tree.countyA)).username, carol: (await buildUser(t.ctx, 'viewer', tree.countyB)).username,
    };
  });
  afterAll(async () => { await t.close(); });

  it('never keeps a session id planted before sign-in (fixation)', async () => {
    const planted = sessionOf(await signInRaw(t.app, users.bob, TEST_PASSWORD)).value;
    const fresh = sessionOf(await signInRaw(t.app, users.alice, TEST_PASSWORD, { cookie: planted })).value;
    expect(fresh).not.toBe(planted);
    expect((await me(t.app, planted)).statusCode).toBe(401);
    expect((await me(t.app, fresh)).json<{ user: { username: string } }>().user.username).toBe(users.alice);
    const made = sessionOf(await signInRaw(t.app, users.alice, TEST_PASSWORD, { cookie: 'attacker-chosen-value' })).value;
    expect(made).not.toBe('attacker-chosen-value');
    expect((await me(t.app, 'attacker-chosen-value')).statusCode).toBe(401);
  });

  it('refuses cookie-authenticated writes without the right X-CSRF-Token', async () => {
    const res = await signInRaw(t.app, users.alice, TEST_PASSWORD);
    const cookie = `rectify_session=${sessionOf(res).value}`;
    const csrf = res.json<{ csrfToken: string }>().csrfToken;
    const write = (headers: Record<string, string>) => clientWith(t.app, { cookie, ...headers }).post('/api/notifications/read-all');
    for (const headers of [{}, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': '' }] as Record<string, string>[]) {
      const refused = await write(headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ error: { code: string } }>().error.code).toBe('CSRF_FAILED');
    }
    expect((await write({ 'x-csrf-token': csrf })).statusCode).toBeLessThan(300);
  });

  it('locks an account after 5 failures and answers an unknown user exactly alike', async () => {
    const tries = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) out.push((await signInRaw(t.app, username, 'wrong-password-123')).body);
      out.push((await signInRaw(t.app, username, TEST_PASSWORD)).body);
      return out.map((b, i) => `${i}:${b}`);
    };
    const known = await tries(users.carol);
    const unknown = await tries(`nobody-${dialect}`);
    expect(known).toEqual(unknown);
    expect(known.at(-1)).toMatch(/INVALID_CREDENTIALS/);
    expect(known.join()).not.toMatch(/锁定了|已锁定|ACCOUNT_LOCKED/);
  });

  it('counts 12 simultaneous failed sign-ins as if one after another: the account locks', async () => {
    const org = (await buildOrgTree(t.ctx)).countyA;
    const one = (await buildUser(t.ctx, 'viewer', org)).username;
    const many = (await buildUser(t.ctx, 'viewer', org)).username;
    // One after another: the fifth failure locks; the rest are refused by the lock and not counted.
    const sequential: LightMyRequestResponse[] = [];
    for (let i = 0; i < 12; i++) sequential.push(await signInRaw(t.app, one, 'wrong-password-123'));
    // All at once, each from its own address (as from several instances): no failure may be lost.
    const concurrent = await Promise.all(Array.from({ length: 12 }, () => signInRaw(t.app, many, 'wrong-password-123')));
    const answers = [...sequential, ...concurrent];
    expect(answers.map((r) => r.statusCode)).toEqual(Array<number>(24).fill(401));
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);

    const stateOf = async (username: string) => {
      const u = (await findUserByUsername(t.ctx.db, username))!;
      return { failedLogins: u.failedLogins, locked: u.lockedUntil !== null && u.lockedUntil > new Date().toISOString() };
    };
    expect(await stateOf(one)).toEqual({ failedLogins: 0, locked: true });
    expect(await stateOf(many)).toEqual(await stateOf(one));
    // The right password is refused with the same answer while the lock lasts.
    const right = await signInRaw(t.app, many, TEST_PASSWORD);
    expect([right.statusCode, right.body]).toEqual([401, answers[0]!.body]);
  });

  it('rate-limits sign-in attempts from one address (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signInRaw(t.app, `nobody-rl-${i}`, 'x', { ip: '10.99.0.1' })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('ends the session on the server at sign-out, and every session of a user whose password an admin resets', async () => {
    const bobRes = await signInRaw(t.app, users.bob, TEST_PASSWORD);
    const bob = sessionOf(bobRes).value;
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: `rectify_session=${bob}`, 'x-csrf-token': bobRes.json<{ csrfToken: string }>().csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await me(t.app, bob)).statusCode).toBe(401);

    const aliceRes = await signInRaw(t.app, users.alice, TEST_PASSWORD);
    const alice = sessionOf(aliceRes).value;
    const adminRes = await signInRaw(t.app, users.admin, TEST_PASSWORD);
    const admin = clientFromSignIn(t.app, adminRes);
    const aliceId = aliceRes.json<{ user: { id: number } }>().user.id;
    const reset = await admin.post(`/api/users/${aliceId}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await me(t.app, alice)).statusCode).toBe(401);
    const password = reset.json<{ password: string }>().password;
    expect((await signInRaw(t.app, users.alice, password)).statusCode).toBe(200);
  });

  it('sends security headers on API answers: CSP with frame-ancestors, nosniff', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite and, with COOKIE_SECURE=true, Secure', async () => {
    const t = await createTestApp('sqlite', { env: { COOKIE_SECURE: 'true' } });
    try {
      const tree = await buildOrgTree(t.ctx);
      const user = await buildUser(t.ctx, 'viewer', tree.countyA);
      const cookie = sessionOf(await signInRaw(t.app, user.username, TEST_PASSWORD));
      expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    } finally { await t.close(); }
  });
});
