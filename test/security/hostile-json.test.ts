/**
 * Hostile JSON: random bodies (arbitrary JSON, and valid bodies with one field replaced by arbitrary JSON) sent by the
 * city's administrator, who may reach most handlers, to every JSON write route. No answer is a 500, every 4xx is the
 * error shape, and a refused request writes nothing (every write appends an audit event in its transaction, so the
 * count of audit events and of the main tables stays put). Bounded: numRuns per dialect below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { appWithRoutes, minimalValue, type RouteInfo } from './route-inventory.js';
import { buildMatrixWorld, type MatrixWorld } from './matrix-world.js';
import { kindOf } from './access-rules.js';

const RUNS = 300;

describe.each(DIALECTS)('hostile JSON bodies on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let routes: RouteInfo[];
  let mw: MatrixWorld;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ app, routes } = await appWithRoutes(ctx));
    mw = await buildMatrixWorld(ctx, app);
    // Signing out would end the client's session; the rest may be hit at random.
    routes = routes.filter((r) => r.body && r.method !== 'GET' && r.url !== '/api/auth/sign-out');
  }, 120_000);
  afterAll(async () => { await app.close(); await ctx.cleanup(); });

  const rowCount = async () => {
    const r = await sql<{ n: number }>`SELECT (SELECT COUNT(*) FROM audit_events) + (SELECT COUNT(*) FROM assignments) + (SELECT COUNT(*) FROM tasks)
      + (SELECT COUNT(*) FROM complaint_cases) + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM org_units) AS n`.execute(ctx.db);
    return Number(r.rows[0]!.n);
  };
  const urlOf = (route: RouteInfo) => {
    const segments = route.url.split('/');
    return segments.map((s, i) => (s.startsWith(':') ? (s === ':key' ? 'warnings' : String(mw.ids.other[kindOf(segments[i - 1]!, s.slice(1))] ?? 1)) : s)).join('/');
  };
  const send = (route: RouteInfo, payload: string) => mw.as.cityAdmin.request({ method: route.method, url: urlOf(route), payload, headers: { 'content-type': 'application/json' } });
  let cases = 0;

  async function check(route: RouteInfo, payload: string): Promise<void> {
    cases++;
    const before = await rowCount();
    const res = await send(route, payload);
    const where = `${route.method} ${route.url} ${payload.slice(0, 200)}`;
    expect(res.statusCode, `${where} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (res.statusCode >= 400) {
      expect(Object.keys(res.json<object>()), where).toEqual(['error']);
      expect(await rowCount(), `${where} wrote although refused`).toBe(before);
    }
  }

  it('never answers 500 and never writes on a refused random body', async () => {
    expect(routes.length).toBeGreaterThan(40);
    const ids = { orgUnitId: mw.ids.other.orgUnit!, taskId: mw.ids.other.task!, assignmentId: mw.ids.other.assignment!, subjectId: mw.ids.other.assignment!, inspectionId: mw.ids.other.inspection! };
    const arb = fc.integer({ min: 0, max: routes.length - 1 }).chain((i) => {
      const base = (minimalValue(routes[i]!.body, ids) ?? {}) as Record<string, unknown>;
      const keys = Object.keys(base);
      const mutated = keys.length
        ? fc.tuple(fc.nat(), fc.jsonValue()).map(([k, v]) => ({ ...base, [keys[k % keys.length]!]: v }))
        : fc.jsonValue();
      return fc.tuple(fc.constant(i), fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()), mutated));
    });
    await fc.assert(fc.asyncProperty(arb, async ([i, body]) => { await check(routes[i]!, JSON.stringify(body)); }), { numRuns: RUNS, seed: 20261129 });
  }, 240_000);

  it('answers malformed, deep, polluting and oversized JSON with a 4xx', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const payloads = ['{"a":', '', 'null', '"x"', '[]', deep, '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}', `{"title":"${'测'.repeat(1_100_000)}"}`];
    for (const route of routes.filter((_, i) => i % 4 === 0)) for (const p of payloads) await check(route, p);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    console.info(`hostile JSON on ${dialect}: ${cases} requests over ${routes.length} routes`);
  }, 240_000);
});
