/**
 * The access matrix: every registered API route × six callers (admin, reporter, reviewer, viewer of county A; the
 * city's admin; anonymous) × an object of county A ("own") and of county B ("other"), with real ids in the path and
 * orgUnitId / q filters aimed at the unit. Allowed reads answer 200 and show county A's people none of county B's
 * text; refused calls answer exactly 401/403/404 with only { error: { code, message } } and nothing of county B.
 * Writes that would be allowed are not sent (they would change the objects under test; the resource suites cover
 * them); refused writes are sent with a body that passes validation, so they reach the authorization check.
 * Published × unpublished: each county also has published and unpublished reports and case batches
 * (publication-world.ts); public answers never show unpublished text, and the last test checks both sides in detail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { anonymous, type Client } from '../helpers/test-app.js';
import { can, type Membership } from '../../src/core/roles.js';
import { SETTING_KEYS } from '../../src/core/settings.js';
import { appWithRoutes, minimalValue, type RouteInfo } from './route-inventory.js';
import { buildMatrixWorld, MARKER, type MatrixWorld, type UnitKey } from './matrix-world.js';
import { RULES, kindOf, type Rule } from './access-rules.js';
import { PDF } from '../fixtures/evidence/samples.js';
import { multipart as multipartWith } from '../fixtures/cases/upload.js';
import type { UserKey } from '../fixtures/api/world.js';
import { buildPublicationWorld, checkPublication, UNPUBLISHED, type PublicationWorld } from './publication-world.js';

const CALLERS = [['countyAAdmin', 'admin'], ['countyAReporter', 'reporter'], ['countyAReviewer', 'reviewer'], ['countyAViewer', 'viewer'], ['cityAdmin', 'admin'], ['anonymous', null]] as const;
const GUESSED = 987_654;
type Expect = 'ok' | 401 | 403 | 404 | 'guessed' | 'nowhere';

function expectation(rule: Exclude<Rule, { kind: 'skip' }>, ms: Membership[] | null, target: { path: string | null; accepting: string; above: string }, guessed: boolean): Expect {
  if (rule.kind === 'public') return guessed ? 404 : 'ok';
  if (!ms) return 401;
  if (rule.kind === 'self') return guessed ? 'guessed' : 'ok';
  if (rule.at === 'root') return 403;
  if (!ms.some((m) => can([m], rule.perm, m.orgPath))) return 'nowhere';
  if (target.path === null) return ms.some((m) => can([m], rule.perm, m.orgPath)) ? (guessed ? 'guessed' : 'ok') : 403;
  if (guessed) return 'guessed';
  if (!can(ms, 'read', target.path)) return 404;
  return can(ms, rule.perm, rule.at === 'accepting' ? target.accepting : rule.at === 'above' ? target.above : target.path) ? 'ok' : 403;
}

describe.each(DIALECTS)('access matrix on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let routes: RouteInfo[];
  let mw: MatrixWorld;
  let pw: PublicationWorld;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ app, routes } = await appWithRoutes(ctx));
    mw = await buildMatrixWorld(ctx, app);
    pw = await buildPublicationWorld(ctx, mw);
  }, 120_000);
  afterAll(async () => { await app.close(); await ctx.cleanup(); });

  it('classifies every registered route', () => {
    const unknown = routes.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in RULES));
    expect(unknown, 'add these routes to test/security/access-rules.ts').toEqual([]);
    expect(routes.length).toBeGreaterThan(100);
  });

  it('allows and refuses exactly per the table, and a refusal leaks nothing', async () => {
    const failures: string[] = [];
    let checks = 0;
    for (const route of routes) {
      const rule = RULES[`${route.method} ${route.url}`];
      if (!rule || rule.kind === 'skip') continue;
      for (const unit of ['own', 'other'] as UnitKey[]) {
        const ids = mw.ids[unit];
        const org = ids.orgUnit!;
        let guessed = false;
        const segments = route.url.split('/');
        const url = segments.map((s, i) => {
          if (!s.startsWith(':')) return s;
          const kind = kindOf((route.url.startsWith('/api/public/') ? 'public:' : '') + segments[i - 1]!, s.slice(1));
          if (kind === 'settingKey') return SETTING_KEYS[0];
          if (ids[kind] === undefined) guessed = true;
          return String(ids[kind] ?? GUESSED);
        }).join('/');
        const fieldIds = {
          orgUnitId: org, scopeOrgId: org, targetOrgId: org, ownerOrgId: org, parentId: org, taskId: ids.task!, assignmentId: ids.assignment!,
          subjectId: ids.assignment!, inspectionId: ids.inspection!, planId: ids.plan!, batchId: ids.caseBatch ?? GUESSED, roundId: ids.round ?? GUESSED, caseId: ids.case ?? GUESSED,
        };
        const query = { ...(minimalValue(route.querystring, fieldIds) as Record<string, unknown> | undefined) };
        // Filters aimed at the unit: orgUnitId of the unit, and q = county B's marker words (search must not find them).
        const queryKeys = Object.keys((route.querystring as unknown as { shape?: object } | undefined)?.shape ?? {});
        const filtered = queryKeys.includes('orgUnitId');
        if (filtered) query.orgUnitId = org;
        if (queryKeys.includes('q')) query.q = MARKER;
        const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
        const full = qs ? `${url}?${qs}` : url;
        const hasPathObject = /:(?!key\b)/.test(route.url);
        const target = { path: hasPathObject || filtered || rule.kind === 'perm' && rule.at !== 'any' ? mw.orgPath[unit] : null, accepting: mw.w.tree.city.path, above: mw.w.tree.province.path };
        for (const [who, role] of CALLERS) {
          const ms: Membership[] | null = role === null ? null : [{ orgUnitId: 0, orgName: '', role: role, orgPath: who === 'cityAdmin' ? mw.w.tree.city.path : mw.orgPath.own }];
          const exp = expectation(rule, ms, target, guessed);
          const isWrite = route.method !== 'GET';
          if (exp === 'ok' && isWrite) continue;
          const client: Client = who === 'anonymous' ? anonymous(app) : mw.as[who as UserKey];
          let res;
          if (isWrite && !route.body && route.method === 'POST') {
            const mp = multipartWith({ inspectionId: ids.inspection, orgUnitId: org }, { name: `${MARKER}.pdf`, data: PDF });
            res = await client.request({ method: 'POST', url: full, payload: mp.payload, headers: mp.headers });
          } else {
            res = await client.request({ method: route.method, url: full, ...(route.body ? { payload: minimalValue(route.body, fieldIds) as object } : {}) });
          }
          checks++;
          const where = `${who} ${route.method} ${full} [${unit}]`;
          const status = res.statusCode;
          // Private answers, allowed or refused, are never kept by a browser or proxy.
          if (rule.kind !== 'public' && !String(res.headers['cache-control'] ?? '').includes('no-store')) failures.push(`${where}: no Cache-Control: no-store`);
          if (exp === 'ok') {
            if (status !== 200) failures.push(`${where}: expected 200, got ${status} ${res.body.slice(0, 160)}`);
            else if (who !== 'cityAdmin' && res.body.includes(MARKER)) failures.push(`${where}: shows county B's text`);
            if (rule.kind === 'public' && (res.body.includes(UNPUBLISHED) || res.body.includes(MARKER))) failures.push(`${where}: a public answer shows unpublished text`);
            continue;
          }
          const okCodes = exp === 'guessed' || exp === 'nowhere' ? [403, 404] : [exp];
          if (!okCodes.includes(status)) { failures.push(`${where}: expected ${okCodes.join('/')}, got ${status} ${res.body.slice(0, 160)}`); continue; }
          const body = res.json<{ error?: Record<string, unknown> }>();
          if (Object.keys(body).join() !== 'error' || Object.keys(body.error ?? {}).sort().join() !== 'code,message,params' || JSON.stringify(body.error?.params) !== '{}') failures.push(`${where}: refusal body is not just { error: { code, message, params: {} } }: ${res.body.slice(0, 160)}`);
          if (res.body.includes(MARKER) || res.body.includes('清原')) failures.push(`${where}: refusal names county B`);
        }
      }
    }
    console.info(`access matrix on ${dialect}: ${checks} (route × caller × unit) requests checked over ${routes.length} routes`);
    expect(failures).toEqual([]);
  }, 240_000);

  it('shows the public only what was published, and signed-in callers in scope what was not', async () => {
    const { checks, failures } = await checkPublication(app, mw, pw);
    console.info(`access matrix on ${dialect}: ${checks} published × unpublished requests checked`);
    expect(failures).toEqual([]);
  }, 60_000);
});
