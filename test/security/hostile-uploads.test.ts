/**
 * Hostile uploads to the evidence and import endpoints: oversize, a wrong type behind a right name, path-traversal
 * and header-injecting names, SVG with script, a truncated ZIP, a zip bomb DOCX (honest and lying sizes). Each is
 * refused with a clear error or made harmless, and a refused upload writes nothing. Files built to stall the reader
 * (a million paragraphs, a sheet reaching its last cell, XML thousands deep, a PDF of thousands of pages) are refused
 * by the parse budgets while the server keeps answering everyone else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';
import * as f from '../fixtures/evidence/samples.js';
import { MAX_UPLOAD_BYTES } from '../../src/server/app.js';
import { hostileReports, hostileSheets, slowDocx } from '../fixtures/hostile/files.js';
import { multipart as tableUpload } from '../fixtures/cases/upload.js';

const CT = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A DOCX whose document part inflates to `size` bytes; `claim` rewrites the sizes its directories declare. */
function bombDocx(size: number, claim?: number): Buffer {
  const doc = f.zip({ '[Content_Types].xml': CT, 'word/document.xml': `<w:document>${' '.repeat(size)}</w:document>` });
  if (claim === undefined) return doc;
  for (const [sig, at] of [[0x04034b50, 22], [0x02014b50, 24]] as const) {
    for (let i = 0; i + 4 <= doc.length; i++) {
      // Rewrite the uncompressed size of the document part in its local header and its central directory record.
      if (doc.readUInt32LE(i) === sig && doc.subarray(i, i + 200).includes('word/document.xml')) doc.writeUInt32LE(claim, i + at);
    }
  }
  return doc;
}

describe.each(DIALECTS)('hostile uploads on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
  });
  afterAll(async () => { await t.close(); });

  const upload = (url: string, name: string, data: Buffer) => {
    const body = f.multipart(name, data);
    return as.cityAdmin.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
  };
  const evidenceUrl = () => `/api/assignments/${w.countyAShare}/evidence`;
  const counts = async () => ({
    evidence: Number((await t.ctx.db.selectFrom('evidence_files').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await t.ctx.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    files: fs.existsSync(t.ctx.config.storageDir) ? fs.readdirSync(t.ctx.config.storageDir, { recursive: true }).filter((p) => /[0-9a-f]{64}$/.test(String(p))).length : 0,
  });

  it('refuses hostile evidence with a clear error and writes nothing', async () => {
    const before = await counts();
    const refusals: [string, Buffer, number, RegExp][] = [
      ['超大.pdf', Buffer.concat([f.PDF, Buffer.alloc(MAX_UPLOAD_BYTES + 1)]), 413, /大小上限|上限/],
      ['验收.pdf', f.EXE, 415, /无法识别|不接受|内容/],
      ['现场照片.png', f.SVG, 415, /.+/],
      ['示意图.svg', f.SVG, 415, /脚本|不接受/],
      ['页面.html', f.HTML, 415, /不接受/],
      ['截断.docx', (await f.docx()).subarray(0, 300), 415, /.+/],
    ];
    for (const [name, data, status, message] of refusals) {
      const res = await upload(evidenceUrl(), name, data);
      expect([status, 400], `${name}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.json<{ error: { message: string } }>().error.message, name).toMatch(message);
    }
    // A refused file's bytes may be kept as an unreferenced blob only if they passed the checks; none did here.
    expect(await counts()).toEqual(before);
  });

  it('makes traversal and header-injecting names harmless', async () => {
    const names = ['../../../../tmp/rectify-evil.pdf', '..\\..\\windows\\evil.pdf', 'a\r\nSet-Cookie: pwned=1.pdf', 'nul\u0000byte.pdf', `${'长'.repeat(400)}.pdf`];
    for (const [i, name] of names.entries()) {
      const res = await upload(evidenceUrl(), name, Buffer.concat([f.PDF, Buffer.from(`%${i}\n`)]));
      expect(res.statusCode, res.body).toBe(201);
      const ev = res.json<{ originalName: string; downloadUrl: string }>();
      // eslint-disable-next-line no-control-regex -- the point is that no control character survives
      expect(ev.originalName).not.toMatch(/[\\/\r\n\u0000]|\.\./);
      const down = await as.countyAViewer.get(ev.downloadUrl);
      expect(down.statusCode).toBe(200);
      expect(down.headers['set-cookie']).toBeUndefined();
      expect(String(down.headers['content-disposition'])).not.toMatch(/[\r\n]/);
    }
    expect(fs.existsSync('/tmp/rectify-evil.pdf')).toBe(false);
    const stray = fs.readdirSync(path.dirname(t.ctx.config.storageDir)).filter((p) => !['files', 'test.db', 'test.db-wal', 'test.db-shm'].includes(p));
    expect(stray).toEqual([]);
  });

  it('refuses zip bombs and truncated archives on import, writing nothing', async () => {
    const before = await counts();
    for (const [name, data] of [
      ['炸弹.docx', bombDocx(70 * 1024 * 1024)], ['谎报大小.docx', bombDocx(8 * 1024 * 1024, 1000)], ['截断.docx', (await f.docx()).subarray(0, 200)],
      ['伪装.docx', f.PDF], ['空.docx', Buffer.alloc(0)],
    ] as const) {
      for (const url of ['/api/imports/preview', '/api/imports']) {
        const res = await upload(url, name, data);
        expect([400, 413, 415, 422], `${url} ${name}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        expect(res.json<{ error: { code: string; message: string } }>().error.message.length).toBeGreaterThan(4);
      }
    }
    expect((await counts()).evidence).toBe(before.evidence);
    expect((await counts()).audit).toBe(before.audit);
  });
});

describe('files built to stall the reader (sqlite)', () => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  beforeAll(async () => {
    // One reader thread with a small heap: the tightest the pool runs, so what holds here holds with more.
    t = await createTestApp('sqlite', { env: { PARSE_WORKERS: '1', PARSE_HEAP_MB: '384', PARSE_QUEUE: '16' } });
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
  });
  afterAll(async () => { await t.close(); });

  const upload = (client: Client, url: string, name: string, data: Buffer) => {
    const body = f.multipart(name, data);
    return client.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
  };
  const auditCount = async () => Number((await t.ctx.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const errorOf = (res: { json<T>(): T }) => res.json<{ error: { code: string; message: string } }>().error;

  it('refuses each hostile report on preview and import with FILE_TOO_COMPLEX naming the file and the budget', async () => {
    const before = await auditCount();
    for (const { name, data, code } of hostileReports()) {
      for (const url of ['/api/imports/preview', '/api/imports']) {
        const res = await upload(as.cityAdmin, url, name, data);
        expect([res.statusCode, errorOf(res).code], `${url} ${name}: ${res.body.slice(0, 200)}`).toEqual([422, code]);
        expect(errorOf(res).message).toMatch(new RegExp(`^${name}: .*超过.*上限`));
      }
    }
    expect(await auditCount()).toBe(before);
  }, 120_000);

  it('refuses each hostile case sheet on preview and import', async () => {
    for (const { name, data, code } of hostileSheets()) {
      for (const url of ['/api/case-batches/import/preview', '/api/case-batches/import']) {
        const body = tableUpload({ inspectionId: w.inspectionId, orgUnitId: w.tree.city.id }, { name, data });
        const res = await as.cityAdmin.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
        expect([res.statusCode, errorOf(res).code], `${url} ${name}: ${res.body.slice(0, 200)}`).toEqual([422, code]);
        // (The upload helper sends the name percent-encoded, as some clients do.)
        expect(errorOf(res).message).toMatch(new RegExp(`^${encodeURIComponent(name)}: .*超过.*上限`));
      }
    }
    const cases = await t.ctx.db.selectFrom('complaint_cases').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(cases.n)).toBe(0);
  }, 120_000);

  it('keeps answering /api/health and another user while ten hostile uploads run at once, and recovers', async () => {
    // The sheets go to the report upload too: the budgets are checked before any reader looks at what the file is.
    const files = [...hostileReports(), ...hostileSheets()].map((h) => ({ ...h, url: '/api/imports/preview' }));
    // Two slow but admissible reports (within every budget, seconds of reading each) keep the reader busy throughout.
    for (const i of [1, 2]) files.push({ name: `长报告${i}.docx`, data: slowDocx(), code: 'FILE_TOO_COMPLEX', url: '/api/imports/preview' });

    expect(files).toHaveLength(10);
    let peak = process.memoryUsage().rss;
    const start = peak;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    let pending = files.length;
    const uploads = files.map((file) => upload(as.cityAdmin, file.url, file.name, file.data).finally(() => { pending -= 1; }));
    try {
      const answered: { health: number; other: number; pendingAtHealth: number }[] = [];
      for (let i = 0; i < 5; i++) {
        const health = await t.app.inject({ method: 'GET', url: '/api/health' });
        const pendingAtHealth = pending;
        const other = await as.provinceAdmin.get('/api/imports');
        answered.push({ health: health.statusCode, other: other.statusCode, pendingAtHealth });
      }
      expect(answered.map((a) => [a.health, a.other])).toEqual(Array.from({ length: 5 }, () => [200, 200]));
      // The first health check was answered while uploads were still being read: the readers do not hold the server.
      expect(answered[0]!.pendingAtHealth).toBeGreaterThan(0);
      const results = await Promise.all(uploads);
      for (const [i, res] of results.entries()) {
        const file = files[i]!;
        // The slow reports are read to the end (nothing in them is about rectification); the hostile ones refused.
        const expected = file.name.startsWith('长报告') ? [422, 'NOTHING_RECOGNIZED'] : [422, file.code];
        expect([res.statusCode, errorOf(res).code], `${file.name}: ${res.body.slice(0, 200)}`).toEqual(expected);
      }
    } finally {
      clearInterval(sampler);
    }
    // The attack took 3.8 GB when the main thread read such files; one reader thread is held to its 384 MB heap.
    expect(peak - start).toBeLessThan(1024 * 1024 * 1024);
    const next = await upload(as.cityAdmin, '/api/imports/preview', 'report.txt', fs.readFileSync(path.join(import.meta.dirname, '../fixtures/fushun-progress-2023.txt')));
    expect(next.statusCode, next.body.slice(0, 200)).toBe(200);
    expect(next.json<{ tasks: unknown[] }>().tasks).toHaveLength(13);
  }, 180_000);

  it('answers BUSY with Retry-After when the reader and its queue are full', async () => {
    const busy = await createTestApp('sqlite', { env: { PARSE_WORKERS: '1', PARSE_QUEUE: '0', PARSE_HEAP_MB: '385' } });
    try {
      const bw = await buildWorld(busy.ctx);
      const admin = (await signInAll(busy.app, bw)).cityAdmin;
      const slow = upload(admin, '/api/imports/preview', '长报告.docx', slowDocx());
      // Wait until the slow report holds the one reader (a condition, not a delay).
      const { parsePoolFor } = await import('../../src/services/parse-jobs.js');
      await expect.poll(() => parsePoolFor(busy.ctx.config).load.running, { timeout: 60_000, interval: 20 }).toBe(1);
      const res = await upload(admin, '/api/imports/preview', 'report.txt', f.UTF8_TEXT);
      expect([res.statusCode, errorOf(res).code]).toEqual([503, 'BUSY']);
      expect(res.headers['retry-after']).toBe('5');
      expect(errorOf(res).message).toContain('report.txt');
      expect((await slow).statusCode).toBe(422);
    } finally {
      await busy.close();
    }
  }, 120_000);
});
