/**
 * Every API route declares the schema of its success answer, so Fastify serializes by schema (only the declared
 * fields leave, and fast). A file download declares it explicitly as binary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createTestContext, type TestContext } from '../helpers/test-db.js';

interface Found { route: string; codes: string[] }

/**
 * Routes whose answers are not declared yet (issue #19, still open): the report preview and diff, publishing, the
 * plan-table and case-batch imports, a task's links. The list only shrinks; any other route without one fails.
 */
const NOT_YET_DECLARED = [
  'GET /api/reports/preview', 'POST /api/reports/publish', 'GET /api/reports/diff',
  'POST /api/case-batches/import/preview', 'POST /api/case-batches/import',
  'POST /api/plans/import/preview', 'POST /api/plans/import', 'GET /api/tasks/:id/links',
];

describe('response schemas', () => {
  let ctx: TestContext;
  const found: Found[] = [];
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    const app = await createApp(ctx, {
      serveWeb: false,
      onRoute: (r) => {
        if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) return;
        const response = ((r.schema ?? {}) as { response?: Record<string, unknown> }).response ?? {};
        for (const method of [r.method].flat()) {
          if (method === 'HEAD' || method === 'OPTIONS') continue;
          found.push({ route: `${method} ${r.url}`, codes: Object.keys(response) });
        }
      },
    });
    await app.ready();
    await app.close();
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('every API route declares the schema of its 2xx answer', () => {
    expect(found.length).toBeGreaterThan(100);
    const missing = found.filter((f) => !f.codes.some((c) => /^2(\d\d|xx)$/.test(c))).map((f) => f.route);
    expect(missing).toEqual(NOT_YET_DECLARED);
  });
});
