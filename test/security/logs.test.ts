/**
 * The log keeps no secrets: requests through an app logging at trace level with production's logger options into a
 * buffer, then the buffer is searched for every password, session token, CSRF token, cookie, API token and complainant
 * detail the requests carried. (The same lines go to the worker's log file, which test/helpers/log-scan.ts searches
 * with the logs of every other server of the suite when the run ends.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { clientFromSignIn, clientWith, createTestApp, sessionOf, type TestApp } from '../helpers/test-app.js';
import type { FastifyInstance } from 'fastify';

const NAME = '欧阳某某';
const PHONE = '13987654321';

describe('what the server logs', () => {
  let t: TestApp;
  let ctx: TestContext;
  let app: FastifyInstance;
  let out = '';
  beforeAll(async () => {
    t = await createTestApp('sqlite', { onLog: (s) => { out += s; } });
    ({ ctx, app } = t);
  });
  afterAll(async () => { await t.close(); });

  it('holds no passwords, tokens, cookies or complainants\' names and phones', async () => {
    const tree = await buildOrgTree(ctx);
    const { inspection } = await buildPlan(ctx, tree.city);
    const user = await buildUser(ctx, 'admin', tree.city);
    await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: 'a-wrong-password-zz9' } });
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: TEST_PASSWORD } });
    const session = sessionOf(res).value;
    const csrf = res.json<{ csrfToken: string }>().csrfToken;
    const admin = clientFromSignIn(app, res);
    const token = (await admin.post('/api/tokens', { name: '数据对接' })).json<{ token: string }>().token;
    expect(token).toBeTruthy();
    const batch = (await admin.post('/api/case-batches', { inspectionId: inspection.id, orgUnitId: tree.city.id, batchNo: '9', handedOverAt: '2025-05-31' })).json<{ id: number }>().id;
    const created = await admin.post('/api/cases', { batchId: batch, caseNo: 'X3LN202505310099', orgUnitId: tree.countyA.id, content: '夜间偷排废水', complainantName: NAME, complainantContact: PHONE });
    expect(created.statusCode, created.body).toBe(201);
    for (const q of [NAME, PHONE]) expect((await admin.get(`/api/cases?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/cases?q=${PHONE}`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    await admin.get('/api/no-such-route?secret=abc');
    await clientWith(app, { cookie: `rectify_session=${session}` }).post('/api/notifications/read-all');

    expect(out.length).toBeGreaterThan(1000);
    expect(out).toMatch(/\/api\/cases\?q=\*\*\*/);
    for (const secret of [TEST_PASSWORD, 'a-wrong-password-zz9', session, csrf, token, 'rectify_session', NAME, PHONE, encodeURIComponent(NAME)]) {
      expect(out.includes(secret), `log contains ${secret.slice(0, 12)}…`).toBe(false);
    }
  });
});
