/**
 * Evidence versions (issue #17): replacing a file keeps every version (who, when, hash, size); withdrawal is soft,
 * with a reason; the current list and new dossiers show current versions only; a closure keeps the versions it pinned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildDoneTask, buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { PDF, UTF8_TEXT, multipart } from '../fixtures/evidence/samples.js';

type ErrorBody = { error: { code: string; message: string } };
interface Version { id: number; version: number; name: string; sha256: string; size: number; uploadedBy: string | null; current: boolean; withdrawnAt: string | null; withdrawReason: string | null; pinnedBy: number[] }

describe.each(DIALECTS)('evidence versions on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let reporter: Client, stranger: Client, reviewer: Client;
  let shareId: number, firstId: number, secondId: number, closureId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.province);
    shareId = (await buildDoneTask(t.ctx, { planId: plan.id, org: tree.countyA, evidence: { name: '监测报告.pdf', data: PDF } })).assignment.id;
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xb-reporter');
    await buildUser(t.ctx, 'reporter', tree.countyB, 'qy-reporter');
    await buildUser(t.ctx, 'reviewer', tree.city, 'fs-reviewer');
    reporter = await signedIn(t.app, 'xb-reporter');
    stranger = await signedIn(t.app, 'qy-reporter');
    reviewer = await signedIn(t.app, 'fs-reviewer');
    firstId = (await reporter.get(`/api/assignments/${shareId}/evidence`)).json<{ items: { id: number }[] }>().items[0]!.id;
    // An application pins the first version.
    closureId = (await reporter.post('/api/closures', { subjectType: 'assignment', subjectId: shareId })).json<{ id: number }>().id;
  });
  afterAll(async () => { await t.close(); });

  it('replaces a file with a new version and keeps the old one, pinned by the closure that applied with it', async () => {
    expect((await stranger.request({ method: 'POST', url: `/api/evidence/${firstId}/versions`, ...multipart('监测报告v2.txt', UTF8_TEXT) })).statusCode).toBe(404);
    const same = await reporter.request({ method: 'POST', url: `/api/evidence/${firstId}/versions`, ...multipart('监测报告.pdf', PDF) });
    expect(same.json<ErrorBody>().error.message).toContain('内容相同');
    const res = await reporter.request({ method: 'POST', url: `/api/evidence/${firstId}/versions`, ...multipart('监测报告（修订）.txt', UTF8_TEXT) });
    expect(res.statusCode).toBe(201);
    secondId = res.json<{ id: number }>().id;
    const versions = (await reporter.get(`/api/evidence/${secondId}/versions`)).json<{ versions: Version[] }>().versions;
    expect(versions.map((v) => [v.id, v.version, v.name, v.current])).toEqual([[firstId, 1, '监测报告.pdf', false], [secondId, 2, '监测报告（修订）.txt', true]]);
    expect(versions[0]).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: PDF.length, pinnedBy: [closureId] });
    expect(versions[1]).toMatchObject({ uploadedBy: '新宾满族自治县reporter', pinnedBy: [] });
    // The current list shows the new version only; the old one still downloads by id; the closure keeps its dossier.
    expect((await reporter.get(`/api/assignments/${shareId}/evidence`)).json<{ items: { id: number }[] }>().items.map((e) => e.id)).toEqual([secondId]);
    expect((await reporter.get(`/api/evidence/${firstId}`)).statusCode).toBe(200);
    const view = (await reviewer.get(`/api/closures/${closureId}`)).json<{ steps: { evidence: { id: number }[] }[] }>();
    expect(view.steps[0]!.evidence.map((e) => e.id)).toEqual([firstId]);
    const stale = await reporter.request({ method: 'POST', url: `/api/evidence/${firstId}/versions`, ...multipart('又一版.txt', Buffer.from('第三版内容，补充说明。')) });
    expect(stale.json<ErrorBody>().error).toMatchObject({ code: 'INVALID_TRANSITION', message: '监测报告.pdf 已有新版本，请在最新版本上操作' });
  });

  it('withdraws softly with a reason, audited; the file stays on record', async () => {
    expect((await reporter.post(`/api/evidence/${secondId}/withdraw`, { reason: '' })).statusCode).toBe(400);
    const res = await reporter.post(`/api/evidence/${secondId}/withdraw`, { reason: '上传错了任务' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ versions: Version[] }>().versions[1]).toMatchObject({ withdrawnAt: expect.any(String), withdrawReason: '上传错了任务', current: false });
    expect((await reporter.get(`/api/assignments/${shareId}/evidence`)).json<{ total: number }>().total).toBe(0);
    expect((await reporter.get(`/api/evidence/${secondId}`)).statusCode).toBe(200);
    expect((await reporter.post(`/api/evidence/${secondId}/withdraw`, { reason: '再撤一次' })).json<ErrorBody>().error.code).toBe('INVALID_TRANSITION');
    const events = await t.ctx.db.selectFrom('audit_events').select('action').where('action', 'in', ['evidence.replace', 'evidence.withdraw']).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['evidence.replace', 'evidence.withdraw']);
  });
});
