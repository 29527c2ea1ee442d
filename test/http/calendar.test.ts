/**
 * The working-day calendar over HTTP (issue #17): a 公示 from 2026-12-28 runs into 2027, which the holiday library
 * does not know: refused with CALENDAR_UNKNOWN until an administrator of the whole tree enters 2027 (pasted as a
 * table, all or nothing), then counted with its holidays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildDoneTask, buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import { PDF } from '../fixtures/evidence/samples.js';

interface ClosureBody { id: number; state: string; version: number; noticeStart: string | null; noticeEnd: string | null }
type ErrorBody = { error: { code: string; message: string } };
const TABLE_2027 = '日期\t名称\t安排\n2027-01-01\t元旦\t休\n2027-02-06至2027-02-12\t春节\t休\n2027-02-14\t春节\t班';

describe.each(DIALECTS)('working-day calendar on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let provinceAdmin: Client, cityAdmin: Client, cityReviewer: Client, reporter: Client;
  let c: ClosureBody;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.province);
    const id = (await buildDoneTask(t.ctx, { planId: plan.id, org: tree.countyA, evidence: { name: '验收.pdf', data: PDF } })).assignment.id;
    await buildUser(t.ctx, 'admin', tree.province, 'ln-admin');
    await buildUser(t.ctx, 'admin', tree.city, 'fs-admin');
    await buildUser(t.ctx, 'reviewer', tree.city, 'fs-reviewer');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xb-reporter');
    provinceAdmin = await signedIn(t.app, 'ln-admin');
    cityAdmin = await signedIn(t.app, 'fs-admin');
    cityReviewer = await signedIn(t.app, 'fs-reviewer');
    reporter = await signedIn(t.app, 'xb-reporter');
    c = (await reporter.post('/api/closures', { subjectType: 'assignment', subjectId: id })).json<ClosureBody>();
    c = (await cityReviewer.post(`/api/closures/${c.id}/accept`, { version: c.version })).json<ClosureBody>();
  });
  afterAll(async () => { await t.close(); });

  it('says which years it knows', async () => {
    expect((await cityAdmin.get('/api/calendar?year=2026')).json()).toMatchObject({ year: 2026, source: 'library', days: [] });
    expect((await cityAdmin.get('/api/calendar?year=2027')).json()).toMatchObject({ year: 2027, source: 'unknown' });
  });

  it('refuses a working-day notice running into 2027, changing nothing', async () => {
    const res = await cityReviewer.post(`/api/closures/${c.id}/notice`, { version: c.version, startDate: '2026-12-28' });
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorBody>().error).toMatchObject({ code: 'CALENDAR_UNKNOWN', message: expect.stringContaining('系统尚无2027年的法定节假日和调休安排') });
    expect((await reporter.get(`/api/closures/${c.id}`)).json<{ closure: ClosureBody }>().closure).toMatchObject({ state: 'accepted', version: c.version, noticeStart: null });
  });

  it('lets only an administrator of the whole tree enter a year, all or nothing', async () => {
    expect((await cityAdmin.post('/api/calendar/import', { year: 2027, text: TABLE_2027 })).statusCode).toBe(403);
    const bad = await provinceAdmin.post('/api/calendar/import', { year: 2027, text: `${TABLE_2027}\n2027-05-01 劳动节` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.message).toContain('第5行无法识别');
    expect((await cityAdmin.get('/api/calendar?year=2027')).json()).toMatchObject({ source: 'unknown' });
    const ok = await provinceAdmin.post('/api/calendar/import', { year: 2027, text: TABLE_2027 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ source: string; days: unknown[] }>()).toMatchObject({ source: 'entered', days: expect.arrayContaining([{ date: '2027-02-14', kind: 'workday', name: '春节' }]) });
    expect(ok.json<{ days: unknown[] }>().days).toHaveLength(9);
    const audit = (await provinceAdmin.get('/api/audit?action=calendar.import')).json<{ items: { action: string }[] }>();
    expect(audit.items.map((i) => i.action)).toContain('calendar.import');
  });

  it('then counts the notice across the new year with 2027\'s holidays', async () => {
    const res = await cityReviewer.post(`/api/closures/${c.id}/notice`, { version: c.version, startDate: '2026-12-28' });
    expect(res.statusCode).toBe(200);
    expect(res.json<ClosureBody>()).toMatchObject({ state: 'noticed', noticeStart: '2026-12-28', noticeEnd: '2027-01-04' });
  });

  it('replaces a year entered as a list', async () => {
    const res = await provinceAdmin.request({ method: 'PUT', url: '/api/calendar', payload: { year: 2028, days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-12-31', kind: 'holiday' }] } });
    expect(res.statusCode).toBe(400);
    const put = await provinceAdmin.request({ method: 'PUT', url: '/api/calendar', payload: { year: 2028, days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }] } });
    expect(put.json()).toMatchObject({ year: 2028, source: 'entered', days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }] });
  });
});
