import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { anonymous, clientWith, createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';
import * as f from '../fixtures/evidence/samples.js';
import { MAX_UPLOAD_BYTES } from '../../src/server/app.js';

interface Evidence { id: number; originalName: string; mediaType: string; size: number; sha256: string; downloadUrl: string }

describe.each(DIALECTS)('evidence files over HTTP on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  let pdf: Evidence;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
  });
  afterAll(async () => { await t.close(); });

  const upload = (who: Client, assignmentId: number, name: string, data: Buffer, headers: Record<string, string> = {}) => {
    const body = f.multipart(name, data);
    return who.request({ method: 'POST', url: `/api/assignments/${assignmentId}/evidence`, payload: body.payload, headers: { ...body.headers, ...headers } });
  };
  const count = async () => (await as.cityAdmin.get(`/api/assignments/${w.countyAShare}/evidence`)).json<{ total: number }>().total;

  it('takes a PDF from the county\'s reporter and hands it back as an attachment', async () => {
    const res = await upload(as.countyAReporter, w.countyAShare, '燃煤锅炉淘汰验收意见.pdf', f.PDF);
    expect(res.statusCode).toBe(201);
    pdf = res.json<Evidence>();
    expect(pdf).toMatchObject({ originalName: '燃煤锅炉淘汰验收意见.pdf', mediaType: 'application/pdf', size: f.PDF.length });
    const down = await as.countyAViewer.get(pdf.downloadUrl);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(f.PDF)).toBe(true);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-disposition']).toBe(`attachment; filename="${'_'.repeat(10)}.pdf"; filename*=UTF-8''${encodeURIComponent('燃煤锅炉淘汰验收意见.pdf')}`);
    expect((await as.countyAViewer.get(`${pdf.downloadUrl}?inline=1`)).headers['content-disposition']).toMatch(/^inline; /);
  });

  it('accepts every supported kind, typed from the content', async () => {
    const cases: [string, Buffer, string][] = [
      ['现场照片.png', f.PNG, 'image/png'], ['现场照片.jpg', f.JPEG, 'image/jpeg'], ['动图.gif', f.GIF, 'image/gif'], ['截图.webp', f.WEBP, 'image/webp'],
      ['整改视频.mp4', f.MP4, 'video/mp4'], ['验收意见.docx', await f.docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['台账.xlsx', await f.xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['旧文件.doc', f.ole('WordDocument'), 'application/msword'],
      ['旧台账.xls', f.ole('Workbook'), 'application/vnd.ms-excel'], ['说明.txt', f.UTF8_TEXT, 'text/plain; charset=utf-8'], ['台账.csv', f.GB18030_TEXT, 'text/csv; charset=gb18030'],
    ];
    for (const [name, data, type] of cases) {
      const res = await upload(as.countyAAdmin, w.countyAShare, name, data);
      expect(res.statusCode, name).toBe(201);
      expect(res.json<Evidence>().mediaType, name).toBe(type);
    }
    const docx = (await as.countyAViewer.get(`/api/assignments/${w.countyAShare}/evidence?q=${encodeURIComponent('验收意见')}&sort=name&order=asc`)).json<{ items: Evidence[] }>();
    expect(docx.items.map((e) => e.originalName)).toEqual(['燃煤锅炉淘汰验收意见.pdf', '验收意见.docx']);
    const docxId = docx.items[1]!.id;
    // Only images and PDF are ever shown inline; a document stays an attachment even when asked.
    expect((await as.countyAViewer.get(`/api/evidence/${docxId}?inline=1`)).headers['content-disposition']).toMatch(/^attachment; /);
    const images = (await as.countyAViewer.get(`/api/assignments/${w.countyAShare}/evidence?mediaType=image/&pageSize=2`)).json<{ items: Evidence[]; total: number }>();
    expect(images.total).toBe(4);
    expect(images.items).toHaveLength(2);
  });

  it('stores the same content once, and the same file on the same record once', async () => {
    const again = await upload(as.countyAReporter, w.countyAShare, '重复上传.pdf', f.PDF);
    expect(again.json<Evidence>().id).toBe(pdf.id);
    const elsewhere = await upload(as.cityAdmin, w.cityShare, '市级存档.pdf', f.PDF);
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.json<Evidence>()).toMatchObject({ sha256: pdf.sha256 });
    expect(elsewhere.json<Evidence>().id).not.toBe(pdf.id);
    const copies = fs.readdirSync(t.ctx.config.storageDir, { recursive: true }).filter((p) => path.basename(String(p)) === pdf.sha256);
    expect(copies).toHaveLength(1);
  });

  it('refuses a wrong type behind a right name, markup and executables, with a clear message and nothing written', async () => {
    const before = await count();
    const refusals: [string, Buffer, RegExp][] = [
      ['验收报告.pdf', f.EXE, /无法识别/],
      ['照片.pdf', f.PNG, /文件名是 \.pdf，但内容是PNG 图片/],
      ['图标.svg', f.SVG, /不接受 \.svg/],
      ['图标.png', f.SVG, /HTML、SVG/],
      ['说明.txt', f.HTML, /HTML、SVG/],
      ['页面.html', f.HTML, /不接受 \.html/],
      ['宏.docx', f.zip({ '[Content_Types].xml': '<Types><Default ContentType="application/vnd.ms-office.vbaProject"/></Types>' }), /含宏/],
      ['压缩包.docx', f.zip({ 'a.txt': 'x' }), /ZIP 压缩包不是/],
      ['空文件.txt', Buffer.alloc(0), /文件为空/],
    ];
    for (const [name, data, message] of refusals) {
      const res = await upload(as.countyAReporter, w.countyAShare, name, data);
      expect(res.statusCode, name).toBe(415);
      expect(res.json(), name).toMatchObject({ error: { code: 'UNSUPPORTED_FILE', message: expect.stringMatching(message) } });
    }
    expect(await count()).toBe(before);
  });

  it('keeps only a safe name: no path, no control characters', async () => {
    const traversal = await upload(as.countyAReporter, w.countyAShare, '../../../etc/cron.d/任务.txt', Buffer.from('路径穿越测试'));
    expect(traversal.json<Evidence>().originalName).toBe('任务.txt');
    const windows = await upload(as.countyAReporter, w.countyAShare, '..\\..\\Windows\\说明\u202Etxt.exe.txt', Buffer.from('反向字符'));
    expect(windows.json<Evidence>().originalName).toBe('说明txt.exe.txt');
    const noExt = await upload(as.countyAReporter, w.countyAShare, '..', Buffer.concat([f.JPEG, Buffer.from('另一张')]));
    expect(noExt.json<Evidence>().originalName).toBe('file.jpg');
    const down = await as.countyAReporter.get(`/api/evidence/${windows.json<Evidence>().id}`);
    expect(down.headers['content-disposition']).not.toMatch(/[\r\n]|\.\.|\u202E/);
  });

  it('refuses a file over the size limit with 413 and writes nothing', async () => {
    const before = await count();
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
    f.PDF.copy(big);
    const res = await upload(as.countyAReporter, w.countyAShare, '超大文件.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE', message: expect.stringContaining('50 MB') } });
    expect(await count()).toBe(before);
  });

  it('keeps another county\'s readers out: 404 on download, upload and list, however the id is guessed', async () => {
    expect((await as.countyBReporter.get(pdf.downloadUrl)).statusCode).toBe(404);
    expect((await as.countyBReporter.get(`${pdf.downloadUrl}?inline=1`)).statusCode).toBe(404);
    expect((await as.otherCityAdmin.get(pdf.downloadUrl)).statusCode).toBe(404);
    expect((await as.countyBReporter.get('/api/evidence/99999999')).json()).toMatchObject({ error: { code: 'EVIDENCE_NOT_FOUND' } });
    expect((await upload(as.countyBReporter, w.countyAShare, 'x.pdf', f.PDF)).statusCode).toBe(404);
    expect((await as.countyBReporter.get(`/api/assignments/${w.countyAShare}/evidence`)).statusCode).toBe(404);
    expect((await as.cityAdmin.get(pdf.downloadUrl)).statusCode).toBe(200);
  });

  it('lets only reporters and administrators upload; readers read', async () => {
    expect((await upload(as.countyAViewer, w.countyAShare, 'v.pdf', f.PDF)).statusCode).toBe(403);
    expect((await upload(as.countyAReviewer, w.countyAShare, 'r.pdf', f.PDF)).statusCode).toBe(403);
    expect((await as.countyAReviewer.get(pdf.downloadUrl)).statusCode).toBe(200);
    expect((await upload(anonymous(t.app), w.countyAShare, 'a.pdf', f.PDF)).statusCode).toBe(401);
    expect((await anonymous(t.app).get(pdf.downloadUrl)).statusCode).toBe(401);
  });

  it('refuses a browser upload without the CSRF header, and takes one with a bearer token', async () => {
    const csrf = await upload(as.countyAReporter, w.countyAShare, 'c.pdf', f.PDF, { 'x-csrf-token': 'forged' });
    expect(csrf.statusCode).toBe(403);
    const token = (await as.countyAReporter.post('/api/tokens', { name: '填报脚本', scope: 'write' })).json<{ token: string }>().token;
    const machine = clientWith(t.app, { authorization: `Bearer ${token}` });
    const res = await upload(machine, w.countyAShare, '脚本上传.txt', Buffer.from('由填报脚本上传'));
    expect(res.statusCode).toBe(201);
    expect((await machine.get(`/api/evidence/${res.json<Evidence>().id}`)).statusCode).toBe(200);
  });
});
