/**
 * Self-service password reset over HTTP: a request answers every account alike (known, unknown, disabled, without an
 * address), mails only the real one through the outbox, and leaves the token in neither the log nor the audit trail;
 * the link works once, within 30 minutes, lifts a lock-out and ends every session and every other link of the user;
 * both routes are rate-limited. Administrators set the addresses: lower-cased, unique, validated, account-wide.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DIALECTS, type TestContext } from '../helpers/test-db.js';
import { clientFromSignIn, createTestApp, me, sessionOf, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildUser, TEST_PASSWORD, type OrgTree } from '../helpers/factories.js';
import { sha256 } from '../../src/services/auth.js';
import { findUserByUsername } from '../../src/db/users.repository.js';

const PUBLIC_URL = 'https://rectify.example.gov.cn';
const NEW_PASSWORD = 'a-brand-new-passphrase';

let address = 0;
/** From a fresh address each time unless given one: both routes are rate-limited per address. */
const post = (app: FastifyInstance, url: string, payload: object, opts: { ip?: string; headers?: Record<string, string> } = {}) =>
  app.inject({ method: 'POST', url, payload, remoteAddress: opts.ip ?? `10.61.${++address >> 8}.${address & 255}`, ...(opts.headers ? { headers: opts.headers } : {}) });
const requestReset = (app: FastifyInstance, login: string, ip?: string) => post(app, '/api/auth/password-reset/request', { login }, { ip });
const confirm = (app: FastifyInstance, token: string, password = NEW_PASSWORD, ip?: string) => post(app, '/api/auth/password-reset/confirm', { token, password }, { ip });
const signInRaw = (app: FastifyInstance, username: string, password: string) => post(app, '/api/auth/sign-in', { username, password });

/** Everything a requester can observe of an answer, less the clock (date, rate-limit reset). */
function observable(res: LightMyRequestResponse) {
  const { date: _d, 'x-ratelimit-reset': _r, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body };
}

describe.each(DIALECTS)('password reset on %s', (dialect) => {
  let t: TestApp;
  let ctx: TestContext;
  let app: FastifyInstance;
  let log = '';
  let tree: OrgTree;
  let admin: Client;
  const names = { real: `li.ming-${dialect}`, disabled: `gone-${dialect}`, bare: `bare-${dialect}` };
  const email = `Li.Ming.${dialect}@Example.CN`;
  const tokensSeen: string[] = [];

  const outbox = () => ctx.db.selectFrom('outbox').select(['recipient', 'subject', 'body', 'channel']).orderBy('id').execute();
  const tokenOf = (body: string) => {
    const m = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/reset-password\\?token=([A-Za-z0-9_-]+)`).exec(body);
    expect(m, body).not.toBeNull();
    tokensSeen.push(m![1]!);
    return m![1]!;
  };
  const lastToken = async () => tokenOf((await outbox()).at(-1)!.body);

  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { SMTP_URL: 'smtp://127.0.0.1:2525', PUBLIC_URL: `${PUBLIC_URL}/` }, onLog: (s) => { log += s; } });
    ({ ctx, app } = t);
    tree = await buildOrgTree(ctx);
    const a = await buildUser(ctx, 'admin', tree.city);
    const res = await signInRaw(app, a.username, TEST_PASSWORD);
    admin = clientFromSignIn(app, res);
  });
  afterAll(async () => { await t.close(); });
  afterEach(() => { vi.useRealTimers(); });

  it('lets an administrator set addresses: lower-cased, validated, unique, and only over whole accounts', async () => {
    const create = (username: string, extra: object) => admin.post('/api/users', {
      username, displayName: '李明', password: TEST_PASSWORD, memberships: [{ orgUnitId: tree.countyA.id, role: 'reporter' }], ...extra,
    });
    const real = await create(names.real, { email: `  ${email} ` });
    expect(real.statusCode, real.body).toBe(201);
    expect(real.json<{ user: { email: string } }>().user.email).toBe(email.toLowerCase());
    expect((await create(`dup-${dialect}`, { email: email.toUpperCase() })).json<{ error: { code: string } }>().error.code).toBe('ALREADY_EXISTS');
    expect((await create(`bad-${dialect}`, { email: 'not-an-address' })).statusCode).toBe(400);

    const disabled = (await create(names.disabled, { email: `gone.${dialect}@example.cn` })).json<{ user: { id: number } }>().user;
    expect((await admin.post(`/api/users/${disabled.id}/disable`)).statusCode).toBe(200);
    const bare = (await create(names.bare, {})).json<{ user: { id: number; email: string | null; version: number } }>().user;
    expect(bare.email).toBeNull();

    // Set, then clear, through PATCH at the version the administrator saw; a stale version is a conflict.
    const set = await admin.patch(`/api/users/${bare.id}`, { email: `Bare.${dialect}@example.cn`, version: bare.version });
    expect(set.statusCode, set.body).toBe(200);
    const after = set.json<{ email: string; version: number }>();
    expect(after.email).toBe(`bare.${dialect}@example.cn`);
    expect((await admin.patch(`/api/users/${bare.id}`, { email: null, version: bare.version })).statusCode).toBe(409);
    expect((await admin.patch(`/api/users/${bare.id}`, { email: email, version: after.version })).json<{ error: { code: string } }>().error.code).toBe('ALREADY_EXISTS');
    const cleared = await admin.patch(`/api/users/${bare.id}`, { email: null, version: after.version });
    expect(cleared.json<{ email: string | null }>().email).toBeNull();

    // A county administrator may not redirect the reset mail of someone who also holds a role above the county.
    const countyAdmin = await buildUser(ctx, 'admin', tree.countyA);
    const res = await signInRaw(app, countyAdmin.username, TEST_PASSWORD);
    const county = clientFromSignIn(app, res);
    const wide = await buildUser(ctx, 'viewer', tree.city);
    await ctx.db.insertInto('memberships').values({ user_id: wide.id, org_unit_id: tree.countyA.id, role: 'reporter' }).execute();
    const refused = await county.patch(`/api/users/${wide.id}`, { email: 'takeover@example.cn', version: wide.version });
    expect(refused.statusCode).toBe(403);
    expect((await findUserByUsername(ctx.db, wide.username))!.email).toBeNull();
  });

  it('answers known, unknown, disabled and address-less accounts byte for byte alike, and mails only the real one', async () => {
    const before = (await outbox()).length;
    const answers = [];
    for (const login of [email.toUpperCase(), `nobody-${dialect}`, `nobody.${dialect}@example.cn`, names.disabled, names.bare]) {
      answers.push(observable(await requestReset(app, login)));
    }
    expect(answers[0]!.status).toBe(202);
    for (const a of answers) expect(a).toEqual(answers[0]);

    const mails = (await outbox()).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ channel: 'email', recipient: email.toLowerCase() });
    expect(mails[0]!.body).toContain(names.real);
    const token = tokenOf(mails[0]!.body);
    expect(token.length).toBeGreaterThanOrEqual(43);

    // Only the hash is stored; the audit trail records each request and its outcome, never the token.
    const stored = await ctx.db.selectFrom('password_resets').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).toEqual([sha256(token)]);
    const audit = await ctx.db.selectFrom('audit_events').select(['action', 'after']).where('action', '=', 'password_reset.request').orderBy('id').execute();
    expect(audit.map((e) => (JSON.parse(e.after!) as { outcome: string }).outcome)).toEqual(['sent', 'unknown', 'unknown', 'inactive', 'no_email']);
  });

  it('sets the password once through the link, lifts the lock-out, ends every session and every other link', async () => {
    const first = await lastToken();
    expect((await requestReset(app, names.real)).statusCode).toBe(202);
    const second = await lastToken();
    expect(second).not.toBe(first);

    const session = sessionOf(await signInRaw(app, names.real, TEST_PASSWORD)).value;
    expect((await me(app, session)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) await signInRaw(app, names.real, 'wrong-password-123');
    expect((await signInRaw(app, names.real, TEST_PASSWORD)).statusCode).toBe(401); // locked

    const weak = await confirm(app, first, 'short');
    expect(weak.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    const done = await confirm(app, first);
    expect(done.statusCode, done.body).toBe(204);
    expect((await me(app, session)).statusCode).toBe(401);
    expect((await signInRaw(app, names.real, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signInRaw(app, names.real, NEW_PASSWORD)).statusCode).toBe(200);

    // Used, revoked by the reset, and made up: one answer for all.
    const used = await confirm(app, first, 'another-passphrase-1');
    const revoked = await confirm(app, second, 'another-passphrase-1');
    const madeUp = await confirm(app, 'x'.repeat(43), 'another-passphrase-1');
    expect(used.statusCode).toBe(400);
    expect(used.json()).toEqual({ error: { code: 'RESET_LINK_INVALID', message: expect.any(String) as string, params: {} } });
    for (const r of [revoked, madeUp]) expect(observable(r)).toEqual(observable(used));
    expect((await signInRaw(app, names.real, NEW_PASSWORD)).statusCode).toBe(200);
    const confirmed = await ctx.db.selectFrom('audit_events').select('actor_name').where('action', '=', 'password_reset.confirm').execute();
    expect(confirmed.map((e) => e.actor_name)).toEqual([names.real]);
  });

  it('refuses a link after 30 minutes with the same answer', async () => {
    await requestReset(app, names.real);
    const late = await lastToken();
    await requestReset(app, names.real);
    const inTime = await lastToken();
    const usedBody = (await confirm(app, 'x'.repeat(43))).body;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31 * 60_000 });
    const expired = await confirm(app, late);
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toBe(usedBody);
    vi.setSystemTime(Date.now() - 3 * 60_000);
    expect((await confirm(app, inTime, TEST_PASSWORD)).statusCode).toBe(204);
    vi.useRealTimers();
    expect((await signInRaw(app, names.real, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('mails at most three live links per account, answering further requests alike', async () => {
    const before = (await outbox()).length;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(observable(await requestReset(app, names.real)));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect((await outbox()).length - before).toBe(3);
    for (const m of (await outbox()).slice(before)) tokenOf(m.body);
  });

  it('rate-limits requests and confirmations from one address', async () => {
    const requests: number[] = [];
    for (let i = 0; i < 7; i++) requests.push((await requestReset(app, `nobody-${i}`, '10.62.0.1')).statusCode);
    expect(requests).toEqual([202, 202, 202, 202, 202, 429, 429]);
    const limited = await requestReset(app, names.real, '10.62.0.1');
    expect(limited.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) as string, params: {} } });
    const confirms: number[] = [];
    for (let i = 0; i < 11; i++) confirms.push((await confirm(app, `guess-${i}`.padEnd(43, 'x'), NEW_PASSWORD, '10.62.0.2')).statusCode);
    expect(confirms.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(confirms[10]).toBe(429);
  });

  it('keeps every token out of the log and the audit trail', async () => {
    // The link's page itself: its query is masked in the request log like any other free text.
    await app.inject({ method: 'GET', url: `/reset-password?token=${tokensSeen[0]}` });
    expect(tokensSeen.length).toBeGreaterThan(5);
    expect(log.length).toBeGreaterThan(1000);
    const audit = JSON.stringify(await ctx.db.selectFrom('audit_events').selectAll().execute());
    for (const token of tokensSeen) {
      expect(log.includes(token), 'log holds a reset token').toBe(false);
      expect(audit.includes(token), 'audit holds a reset token').toBe(false);
    }
    expect(log.includes(NEW_PASSWORD)).toBe(false);
  });
});
