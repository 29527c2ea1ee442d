/**
 * Hostile uploads to the evidence and import endpoints: oversize, a wrong type behind a right name, path-traversal
 * and header-injecting names, SVG with script, a truncated ZIP, a zip bomb DOCX (honest and lying sizes). Each is
 * refused with a clear error or made harmless, and a refused upload writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';
import * as f from '../fixtures/evidence/samples.js';
import { MAX_UPLOAD_BYTES } from '../../src/server/app.js';

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
  }, 60_000);
});
