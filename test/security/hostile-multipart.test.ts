/**
 * Malformed multipart requests on every upload route (each route whose schema consumes multipart/form-data, found
 * as the app registers it): no boundary, a body cut short, a file part without a file name, a boundary that never
 * comes, an empty body. Each answers 400 with a code of its own and the one error shape, never 500, and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { createApp } from '../../src/server/app.js';
import { testLogger } from '../helpers/test-log.js';
import { buildMatrixWorld, type MatrixWorld } from './matrix-world.js';
import { PDF } from '../fixtures/evidence/samples.js';

const B = '----rectify-hostile';
const CT = { 'content-type': `multipart/form-data; boundary=${B}` };
const filePart = (disposition: string) => Buffer.concat([Buffer.from(`--${B}\r\nContent-Disposition: ${disposition}\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${B}--\r\n`)]);

const CASES: { name: string; headers: Record<string, string>; payload: Buffer }[] = [
  { name: 'no boundary', headers: { 'content-type': 'multipart/form-data' }, payload: filePart('form-data; name="file"; filename="a.pdf"') },
  { name: 'an empty boundary', headers: { 'content-type': 'multipart/form-data; boundary=' }, payload: filePart('form-data; name="file"; filename="a.pdf"') },
  { name: 'cut short inside the file', headers: CT, payload: filePart('form-data; name="file"; filename="a.pdf"').subarray(0, 120) },
  { name: 'cut short in the part headers', headers: CT, payload: Buffer.from(`--${B}\r\nContent-Disposition: form-da`) },
  { name: 'the boundary never comes', headers: CT, payload: Buffer.from('just some bytes, not a form at all') },
  { name: 'an empty body', headers: CT, payload: Buffer.alloc(0) },
  { name: 'a file part with no filename', headers: CT, payload: filePart('form-data; name="file"') },
];

describe.each(DIALECTS)('malformed multipart on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let mw: MatrixWorld;
  const uploads: string[] = [];
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createApp(ctx, {
      serveWeb: false, logger: testLogger(),
      onRoute: (r) => { if ((r.schema as { consumes?: string[] } | undefined)?.consumes?.includes('multipart/form-data')) uploads.push(r.url); },
    });
    await app.ready();
    mw = await buildMatrixWorld(ctx, app);
  }, 120_000);
  afterAll(async () => { await app.close(); await ctx.cleanup(); });

  it('answers 400 with a code on every upload route, never 500, and writes nothing', async () => {
    expect(uploads.length).toBeGreaterThanOrEqual(6);
    const ids = mw.ids.own;
    const count = async () => Number((await ctx.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const failures: string[] = [];
    for (const url of uploads) {
      const target = url.replace(':id', String(url.startsWith('/api/cases/') ? ids.case : ids.assignment));
      for (const c of CASES) {
        const res = await mw.as.cityAdmin.request({ method: 'POST', url: target, headers: c.headers, payload: c.payload });
        const body = res.json<{ error?: { code?: string; message?: string } }>();
        if (res.statusCode !== 400 || !body.error?.code || !body.error.message) failures.push(`${target} with ${c.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await count()).toBe(before);
    console.info(`malformed multipart on ${dialect}: ${uploads.length * CASES.length} requests over ${uploads.length} upload routes`);
  }, 120_000);
});
