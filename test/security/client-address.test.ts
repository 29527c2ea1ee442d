/**
 * The client's address, on which the sign-in rate limit is counted: by default (TRUST_PROXY=false, the app reached
 * directly) X-Forwarded-For is ignored, so a client cannot pick the address it is counted under; with TRUST_PROXY=1
 * (behind one nginx) only the entry that proxy appended counts, so rotating the part the client wrote does not escape
 * the 429.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { parseConfig } from '../../src/config.js';

const signIn = (app: FastifyInstance, remoteAddress: string, forwardedFor?: string) => app.inject({
  method: 'POST', url: '/api/auth/sign-in', payload: { username: 'nobody', password: 'wrong-password' }, remoteAddress,
  ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}),
});
/** Twelve attempts: the sign-in limit is 10 a minute per address. */
const twelve = async (attempt: (i: number) => ReturnType<typeof signIn>) => {
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await attempt(i)).statusCode);
  return statuses;
};
const LIMITED = [...Array<number>(10).fill(401), 429, 429];

describe.each(DIALECTS)('the client address behind a proxy on %s', (dialect) => {
  const opened: TestApp[] = [];
  const appWith = async (env: Record<string, string>) => {
    const t = await createTestApp(dialect, { env });
    opened.push(t);
    return t.app;
  };
  let direct: FastifyInstance;
  let behindOne: FastifyInstance;
  beforeAll(async () => {
    direct = await appWith({});
    behindOne = await appWith({ TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    for (const t of opened) await t.close();
  });

  it('ignores X-Forwarded-For by default: a forged header does not escape the limit', async () => {
    expect(await twelve((i) => signIn(direct, '10.88.0.1', `6.6.6.${i}`))).toEqual(LIMITED);
    // The header names a limited address, but the connection comes from another one: counted under the connection's.
    expect((await signIn(direct, '10.88.0.2', '10.88.0.1')).statusCode).toBe(401);
  });

  it('with TRUST_PROXY=1 counts the address the proxy appended, whatever the client put before it', async () => {
    const proxy = '127.0.0.1';
    expect(await twelve((i) => signIn(behindOne, proxy, `6.6.6.${i}, 10.0.0.1`))).toEqual(LIMITED);
    // Another client behind the same proxy has its own count; the spoofed part of a header is not an address.
    expect((await signIn(behindOne, proxy, '10.0.0.2')).statusCode).toBe(401);
    expect((await signIn(behindOne, proxy, '10.0.0.1, 10.0.0.3')).statusCode).toBe(401);
    expect((await signIn(behindOne, proxy, '10.0.0.1')).statusCode).toBe(429);
  });
});

describe('the TRUST_PROXY setting', () => {
  it('defaults to not behind a proxy, takes a number of proxies, and refuses "true" (which trusts the client)', () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: ' 2 ' }).trustProxy).toBe(2);
    for (const bad of ['true', 'yes', '-1', '1.5', '']) expect(() => parseConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
  });
});
