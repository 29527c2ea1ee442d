/** The real HTTP app over a fresh database, and a client that signs in like a browser (cookie + CSRF header). */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/server/app.js';
import { createTestContext, type TestContext } from './test-db.js';
import type { Dialect } from '../../src/db/database.js';
import { TEST_PASSWORD } from './factories.js';
import { testLogger } from './test-log.js';

export interface TestApp { ctx: TestContext; app: FastifyInstance; close(): Promise<void> }

export interface TestAppOptions {
  /** Configuration variables over the test defaults (see createTestContext). */
  env?: Record<string, string>;
  /** Receives each log line too (tests that search the log of their own requests). */
  onLog?: (line: string) => void;
}

export async function createTestApp(dialect: Dialect, { env, onLog }: TestAppOptions = {}): Promise<TestApp> {
  const ctx = await createTestContext(dialect, env);
  const app = await createApp(ctx, { serveWeb: false, logger: testLogger(onLog) });
  await app.ready();
  return { ctx, app, async close() { await app.close(); await ctx.cleanup(); } };
}

export interface Client {
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** A client sending these headers with every request (a cookie, a bearer token, …). */
export function clientWith(app: FastifyInstance, headers: Record<string, string>): Client {
  const request = (opts: InjectOptions) => app.inject({ ...opts, headers: { ...headers, ...(opts.headers as Record<string, string> | undefined) } });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

export const anonymous = (app: FastifyInstance): Client => clientWith(app, {});

/** The session cookie a sign-in answer set (asserted present). */
export const sessionOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'rectify_session')!;

/** A client carrying the session cookie and CSRF token of a successful sign-in answer. */
export const clientFromSignIn = (app: FastifyInstance, res: LightMyRequestResponse): Client =>
  clientWith(app, { cookie: `rectify_session=${sessionOf(res).value}`, 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken });

/** GET /api/auth/me with only this session id as cookie (no CSRF token): whether the session is alive. */
export const me = (app: FastifyInstance, session: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `rectify_session=${session}` } });

/** Signs in through the API and returns a client carrying the session cookie and CSRF token. */
export async function signedIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${username}: ${res.statusCode} ${res.body}`);
  return clientFromSignIn(app, res);
}
