/**
 * Closed means locked (issue #17): after 销号 a share's measures, milestones, indicators, documents, evidence,
 * responsible person and its task's text refuse changes with SUBJECT_CLOSED and change nothing; 重新打开 (reason
 * required, audited) unlocks it as a new procedure. The closure keeps the content it approved and prints it as the
 * 销号审批表 (DOCX), also after the share is changed again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import mammoth from 'mammoth';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildDoneTask, buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { PDF, multipart } from '../fixtures/evidence/samples.js';
import { listMemberships } from '../../src/db/users.repository.js';
import { listEvidenceOf } from '../../src/db/assignment-details.repository.js';
import { closeClosure } from '../../src/services/closure/finish.js';
import { addDays } from '../../src/core/workdays.js';
import { closePdfRenderer } from '../../src/export/pdf.js';

interface ClosureBody { id: number; state: string; version: number; noticeEnd: string | null }
type ErrorBody = { error: { code: string; message: string } };
interface Part { id: number; version: number; text?: string }

describe.each(DIALECTS)('closed means locked on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let countyAdmin: Client, reporter: Client, cityReviewer: Client, provinceAdmin: Client, stranger: Client;
  let shareId: number, taskId: number;
  let measure: Part, milestone: Part, indicator: Part;
  let c: ClosureBody;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.province);
    const built = await buildDoneTask(t.ctx, {
      planId: plan.id, org: tree.countyA, code: '41', problem: '城市黑臭水体治理滞后', measures: ['完成截污纳管。一是建设管网。二是清淤。'],
      evidence: { name: '水质监测报告.pdf', data: PDF },
    });
    shareId = built.assignment.id;
    taskId = built.task.id;
    await buildUser(t.ctx, 'admin', tree.countyA, 'xinbin-admin');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xinbin-reporter');
    const reviewerId = (await buildUser(t.ctx, 'reviewer', tree.city, 'fushun-reviewer')).id;
    await buildUser(t.ctx, 'admin', tree.province, 'ln-admin');
    await buildUser(t.ctx, 'admin', tree.countyB, 'qingyuan-admin');
    countyAdmin = await signedIn(t.app, 'xinbin-admin');
    reporter = await signedIn(t.app, 'xinbin-reporter');
    cityReviewer = await signedIn(t.app, 'fushun-reviewer');
    provinceAdmin = await signedIn(t.app, 'ln-admin');
    stranger = await signedIn(t.app, 'qingyuan-admin');

    const detail = (await countyAdmin.get(`/api/assignments/${shareId}`)).json<{ measures: Part[] }>();
    measure = detail.measures[0]!;
    milestone = (await countyAdmin.post(`/api/assignments/${shareId}/milestones`, { title: '完成主管网建设', dueDate: '2024-06-30', doneDate: '2024-06-01' })).json<Part>();
    indicator = (await countyAdmin.post(`/api/assignments/${shareId}/indicators`, { name: '黑臭水体消除比例', unit: '%', target: 90, comparator: '>=' })).json<Part>();

    c = (await reporter.post('/api/closures', { subjectType: 'assignment', subjectId: shareId, comment: '全部完成' })).json<ClosureBody>();
    c = (await cityReviewer.post(`/api/closures/${c.id}/accept`, { version: c.version, comment: '现场核查合格' })).json<ClosureBody>();
    c = (await cityReviewer.post(`/api/closures/${c.id}/notice`, { version: c.version })).json<ClosureBody>();
    const access = { actor: { id: reviewerId, name: 'fushun-reviewer' }, memberships: await listMemberships(t.ctx.db, reviewerId) };
    c = await closeClosure(t.ctx, access, c.id, { version: c.version }, addDays(c.noticeEnd!, 1));
  });
  afterAll(async () => { await t.close(); await closePdfRenderer(); });

  it('refuses every change to the closed share with SUBJECT_CLOSED, changing nothing', async () => {
    const before = (await countyAdmin.get(`/api/assignments/${shareId}`)).body;
    const refusals = [
      await countyAdmin.post(`/api/assignments/${shareId}/measures`, { text: '新增措施' }),
      await countyAdmin.patch(`/api/measures/${measure.id}`, { version: measure.version, text: '改写措施' }),
      await countyAdmin.delete(`/api/milestones/${milestone.id}?version=${milestone.version}`),
      await countyAdmin.patch(`/api/indicators/${indicator.id}`, { version: indicator.version, target: 50 }),
      await countyAdmin.patch(`/api/assignments/${shareId}`, { version: 1, responsiblePerson: '张三' }),
      await countyAdmin.post(`/api/assignments/${shareId}/documents`, { title: '关于黑臭水体整治的通知' }),
      await reporter.request({ method: 'POST', url: `/api/assignments/${shareId}/evidence`, ...multipart('补充材料.pdf', PDF) }),
      await provinceAdmin.patch(`/api/tasks/${taskId}`, { version: 1, goal: '改写目标' }),
      await cityReviewer.request({ method: 'PUT', url: `/api/assignments/${shareId}/schedule-override`, payload: { version: 1, status: 'completed', reason: '人工认定' } }),
    ];
    for (const res of refusals) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json<ErrorBody>().error.code).toBe('SUBJECT_CLOSED');
    }
    expect(refusals[0]!.json<ErrorBody>().error.message).toMatch(/^该任务已于\d{4}-\d{2}-\d{2}销号，内容只读；如需修改，须由验收单位或其上级“重新打开”（写明理由），重新办理验收销号$/);
    expect((await countyAdmin.get(`/api/assignments/${shareId}`)).body).toBe(before);
    expect((await listEvidenceOf(t.ctx.db, shareId)).map((e) => e.originalName)).toEqual(['水质监测报告.pdf']);
  });

  it('prints the 销号审批表 with what was approved; not for readers outside the scope', async () => {
    const res = await reporter.get(`/api/closures/${c.id}/approval.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
    for (const part of ['整改任务销号审批表', '任务41（新宾满族自治县）', '城市黑臭水体治理滞后', '完成截污纳管', '完成主管网建设', '黑臭水体消除比例', '水质监测报告.pdf', 'SHA-256', '抚顺市验收通过', '现场核查合格', '公示期满无异议，予以销号']) {
      expect(text).toContain(part);
    }
    expect((await stranger.get(`/api/closures/${c.id}/approval.docx`)).statusCode).toBe(404);
  });

  it('prints the 销号审批表 as PDF beside the DOCX, with the same rows', async () => {
    const res = await reporter.get(`/api/closures/${c.id}/approval.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: res.rawPayload }).toString('utf8').replace(/\s+/g, '');
    for (const part of ['整改任务销号审批表', '任务41（新宾满族自治县）', '城市黑臭水体治理滞后', '完成主管网建设', '水质监测报告.pdf', '现场核查合格', '公示期满无异议，予以销号']) {
      expect(text).toContain(part);
    }
    expect((await stranger.get(`/api/closures/${c.id}/approval.pdf`)).statusCode).toBe(404);
  });

  it('unlocks only through 重新打开 with a reason, audited; the closed record keeps what it approved', async () => {
    const noReason = await cityReviewer.post(`/api/closures/${c.id}/reopen`, { version: c.version, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const reopened = await cityReviewer.post(`/api/closures/${c.id}/reopen`, { version: c.version, reason: '群众反映水体返黑' });
    expect(reopened.json<ClosureBody>().state).toBe('reopened');
    const audit = (await provinceAdmin.get(`/api/audit?assignmentId=${shareId}&action=closure.reopen`)).json<{ items: { action: string }[] }>();
    expect(audit.items.map((i) => i.action)).toContain('closure.reopen');
    const edited = await countyAdmin.patch(`/api/measures/${measure.id}`, { version: measure.version, text: '完成截污纳管并新建调蓄池' });
    expect(edited.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: (await reporter.get(`/api/closures/${c.id}/approval.docx`)).rawPayload })).value;
    expect(text).toContain('完成截污纳管');
    expect(text).not.toContain('调蓄池');
    const open = await reporter.get(`/api/closures/${reopened.json<ClosureBody>().id}/approval.docx`);
    expect(open.json<ErrorBody>().error).toMatchObject({ code: 'INVALID_TRANSITION', message: '该验收销号记录尚未销号，没有销号审批表' });
  });
});
