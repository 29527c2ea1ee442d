/**
 * The checks inside writes reveal nothing across units: every write route, called by county A's administrator on
 * county A's own objects (path ids), with each id field of its body (orgUnitId, roundId, batchId, subjectId, …)
 * pointing at county B's object and, separately, at an id that does not exist. The two answers must be the same:
 * status, code and message (the id itself aside). A difference tells county A that B's object exists, or more (its
 * state, its unit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { appWithRoutes, fieldNames, minimalValue, type RouteInfo } from './route-inventory.js';
import { buildMatrixWorld, type MatrixWorld } from './matrix-world.js';
import { RULES, kindOf } from './access-rules.js';
import { SETTING_KEYS } from '../../src/core/settings.js';
import { PDF } from '../fixtures/evidence/samples.js';
import { multipart as multipartWith } from '../fixtures/cases/upload.js';

const MISSING = 987_654;
const ID_FIELDS: Record<string, string> = {
  orgUnitId: 'orgUnit', scopeOrgId: 'orgUnit', targetOrgId: 'orgUnit', ownerOrgId: 'orgUnit', parentId: 'orgUnit', taskId: 'task', assignmentId: 'assignment',
  subjectId: 'assignment', inspectionId: 'inspection', planId: 'plan', batchId: 'caseBatch', roundId: 'round', caseId: 'case',
};

describe.each(DIALECTS)('foreign ids inside writes on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let routes: RouteInfo[];
  let mw: MatrixWorld;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ app, routes } = await appWithRoutes(ctx));
    mw = await buildMatrixWorld(ctx, app);
  }, 120_000);
  afterAll(async () => { await app.close(); await ctx.cleanup(); });

  it('answers a foreign id exactly as a missing one on every write route', async () => {
    const own = mw.ids.own;
    const other = mw.ids.other;
    const differences: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const rule = RULES[`${route.method} ${route.url}`];
      if (route.method === 'GET' || !rule || rule.kind === 'skip' || rule.kind === 'public') continue;
      const segments = route.url.split('/');
      const url = segments.map((s, i) => {
        if (!s.startsWith(':')) return s;
        const kind = kindOf(segments[i - 1]!, s.slice(1));
        return kind === 'settingKey' ? SETTING_KEYS[0] : String(own[kind] ?? MISSING);
      }).join('/');
      const fieldsOf = (overrides: Record<string, number>) => Object.fromEntries(Object.entries(ID_FIELDS).map(([f, kind]) => [f, overrides[f] ?? own[kind] ?? MISSING]));
      const isUpload = route.multipart === true;
      const bodyKeys = isUpload ? ['inspectionId', 'orgUnitId'] : fieldNames(route.body);
      // parentId names a parent assignment when an assignment is split, a parent unit elsewhere.
      const kindOfField = (f: string) => (f === 'parentId' && route.url.startsWith('/api/assignments') ? 'assignment' : ID_FIELDS[f]!);
      for (const field of bodyKeys.filter((k) => k in ID_FIELDS)) {
        const foreignId = other[kindOfField(field)];
        if (foreignId === undefined) continue;
        const send = async (id: number) => {
          requests++;
          const ids = fieldsOf({ [field]: id });
          if (isUpload) {
            const mp = multipartWith({ inspectionId: ids.inspectionId, orgUnitId: ids.orgUnitId }, { name: '材料.pdf', data: PDF });
            return mw.as.countyAAdmin.request({ method: 'POST', url, payload: mp.payload, headers: mp.headers });
          }
          // The minimal body, and the aimed field set even when it is optional.
          return mw.as.countyAAdmin.request({ method: route.method, url, payload: { ...(minimalValue(route.body, ids) as object), [field]: id } });
        };
        const shape = (res: Awaited<ReturnType<typeof send>>, id: number) => {
          const e = res.statusCode >= 400 ? res.json<{ error?: { code?: string; message?: string } }>().error : undefined;
          return `${res.statusCode} ${e?.code ?? ''} ${(e?.message ?? '').replace(new RegExp(`(?<!\\d)${id}(?!\\d)`, 'g'), 'N')}`;
        };
        const foreign = shape(await send(foreignId), foreignId);
        const missing = shape(await send(MISSING), MISSING);
        if (foreign !== missing) differences.push(`${route.method} ${route.url} with ${field} of county B: «${foreign}» but a missing id: «${missing}»`);
      }
    }
    console.info(`foreign ids on ${dialect}: ${requests} requests over the write routes, ${differences.length} differences`);
    expect(differences).toEqual([]);
  }, 240_000);
});
