/**
 * API tokens end with access: every event that ends a user's sessions (an administrator's "sign out everywhere", a
 * password reset by an administrator, the user's own password change, the operator's `user passwd`, disabling) ends
 * their tokens too, for reads and writes, and enabling the account again revives none. Tokens expire, read tokens
 * cannot write, and administrators list and revoke a user's tokens. Also here: the password policy, the forced
 * change of a password an administrator set, and Cache-Control on private answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../helpers/test-db.js';
import { clientFromSignIn, clientWith, createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import type { FastifyInstance } from 'fastify';
import { buildOrgTree, buildUser, TEST_PASSWORD, type OrgTree } from '../helpers/factories.js';
import { setPassword } from '../../src/services/user-accounts.js';
import { SYSTEM_ACTOR } from '../../src/db/audit.repository.js';

let address = 0;
/** Signs in from an address of its own each time: the sign-in rate limit (10 a minute) is per address. */
async function signedIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, remoteAddress: `10.88.${++address >> 8}.${address & 255}` });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${username}: ${res.statusCode} ${res.body}`);
  return clientFromSignIn(app, res);
}

describe.each(DIALECTS)('API tokens end with access on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { FORCE_PASSWORD_CHANGE: 'true' } });
    tree = await buildOrgTree(t.ctx);
    admin = await signedIn(t.app, (await buildUser(t.ctx, 'admin', tree.city)).username);
  });
  afterAll(async () => { await t.close(); });

  /** A reporter of county A with a write token: the token reads and writes (marks its notifications read). */
  async function reporterWithToken() {
    const user = await buildUser(t.ctx, 'reporter', tree.countyA);
    const session = await signedIn(t.app, user.username);
    const made = await session.post('/api/tokens', { name: '报送脚本', scope: 'write' });
    expect(made.statusCode).toBe(201);
    const machine = clientWith(t.app, { authorization: `Bearer ${made.json<{ token: string }>().token}` });
    expect((await machine.get('/api/auth/me')).statusCode).toBe(200);
    expect((await machine.post('/api/notifications/read-all')).statusCode).toBe(200);
    return { user, session, machine, tokenId: made.json<{ id: number }>().id };
  }
  const dead = async (machine: Client) => [(await machine.get('/api/assignments')).statusCode, (await machine.post('/api/notifications/read-all')).statusCode];

  it('ends with "sign out everywhere", an administrator\'s password reset, a password change and `user passwd`', async () => {
    const events: [string, (u: { id: number; username: string }, session: Client) => Promise<unknown>][] = [
      ['revoke-sessions', (u) => admin.post(`/api/users/${u.id}/revoke-sessions`)],
      ['reset-password', (u) => admin.post(`/api/users/${u.id}/reset-password`)],
      ['own password change', (_u, s) => s.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-passphrase' })],
      ['user passwd', (u) => setPassword(t.ctx, SYSTEM_ACTOR, u.username, 'another-fresh-passphrase')],
    ];
    for (const [name, end] of events) {
      const { user, session, machine } = await reporterWithToken();
      await end(user, session);
      expect(await dead(machine), name).toEqual([401, 401]);
    }
  });

  it('ends when the account is disabled, and enabling it again does not revive it', async () => {
    const { user, machine } = await reporterWithToken();
    expect((await admin.post(`/api/users/${user.id}/disable`)).statusCode).toBe(200);
    expect(await dead(machine)).toEqual([401, 401]);
    expect((await admin.post(`/api/users/${user.id}/enable`)).statusCode).toBe(200);
    expect(await dead(machine)).toEqual([401, 401]);
  });

  it('expires, and a read token cannot write', async () => {
    const { session, machine, tokenId } = await reporterWithToken();
    const made = await session.post('/api/tokens', { name: '只读', expiresInDays: 30 });
    expect(made.json()).toMatchObject({ scope: 'read' });
    const reader = clientWith(t.app, { authorization: `Bearer ${made.json<{ token: string }>().token}` });
    expect((await reader.get('/api/assignments')).statusCode).toBe(200);
    const write = await reader.post('/api/notifications/read-all');
    expect([write.statusCode, write.json<{ error: { code: string } }>().error.code]).toEqual([403, 'FORBIDDEN']);
    await sql`UPDATE api_tokens SET expires_at = ${new Date(Date.now() - 1000).toISOString()} WHERE id = ${tokenId}`.execute(t.ctx.db);
    expect(await dead(machine)).toEqual([401, 401]);
    expect((await session.post('/api/tokens', { name: '太久', expiresInDays: 400 })).statusCode).toBe(400);
  });

  it('is listed and revoked by the user\'s administrator, not by one of another unit', async () => {
    const { user, machine, tokenId } = await reporterWithToken();
    const list = await admin.get(`/api/users/${user.id}/tokens`);
    expect(list.json<{ items: { id: number; scope: string; expiresAt: string }[] }>().items).toEqual([expect.objectContaining({ id: tokenId, scope: 'write', expiresAt: expect.any(String) })]);
    const other = await signedIn(t.app, (await buildUser(t.ctx, 'admin', tree.countyB)).username);
    expect((await other.get(`/api/users/${user.id}/tokens`)).statusCode).toBe(404);
    expect((await other.delete(`/api/users/${user.id}/tokens/${tokenId}`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/users/${user.id}/tokens/${tokenId}`)).statusCode).toBe(204);
    expect(await dead(machine)).toEqual([401, 401]);
  });

  it('refuses guessable passwords and the user name, and makes a password an administrator set be changed first', async () => {
    const made = await admin.post('/api/users', { username: 'zhangwei', displayName: '张伟', memberships: [{ orgUnitId: tree.countyA.id, role: 'viewer' }] });
    expect(made.statusCode).toBe(201);
    const { user, password } = made.json<{ user: { id: number }; password: string }>();
    for (const weak of ['1234567890', 'aaaaaaaaaa', 'zhangweixx', 'zhangwei1234', 'woaini5201314']) {
      const res = await admin.post('/api/users', { username: `u${weak.length}${weak.slice(0, 3)}`, displayName: '某', password: weak, memberships: [{ orgUnitId: tree.countyA.id, role: 'viewer' }] });
      expect([res.statusCode, res.json<{ error: { code: string } }>().error.code], weak).toEqual([400, 'WEAK_PASSWORD']);
    }
    const first = await signedIn(t.app, 'zhangwei', password);
    expect((await first.get('/api/auth/me')).json()).toMatchObject({ mustChangePassword: true });
    const blocked = await first.get('/api/assignments');
    expect([blocked.statusCode, blocked.json<{ error: { code: string } }>().error.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    // What everyone reads without signing in stays readable (the public page behind the change-password page).
    expect((await first.get('/api/public/reports')).statusCode).toBe(200);
    const weak = await first.post('/api/auth/password', { currentPassword: password, newPassword: 'zhangweixx' });
    expect([weak.statusCode, weak.json<{ error: { code: string } }>().error.code]).toEqual([400, 'WEAK_PASSWORD']);
    expect((await first.post('/api/auth/password', { currentPassword: password, newPassword: 'river-lantern-quiet-47' })).statusCode).toBe(204);
    const again = await signedIn(t.app, 'zhangwei', 'river-lantern-quiet-47');
    expect((await again.get('/api/assignments')).statusCode).toBe(200);
    expect((await admin.get(`/api/users/${user.id}`)).statusCode).toBe(200);
  });

  it('sends Cache-Control: no-store on private answers, refusals included', async () => {
    for (const res of [await admin.get('/api/auth/me'), await admin.get('/api/assignments'), await clientWith(t.app, {}).get('/api/assignments'), await admin.get('/api/assignments/987654')]) {
      expect(res.headers['cache-control']).toMatch(/no-store/);
    }
  });
});
