/**
 * The audit log for people over HTTP: each event with the names its sentence needs (who, from which unit, which task
 * or round), filtered by person, unit (and below) and a range of China calendar days; and the web app's list of audit
 * actions, checked against every action the services write, each with a sentence in both languages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { chinaDate } from '../../src/core/calendar-date.js';
import { chinaDayStart } from '../../src/services/audit.js';
import { AUDIT_ACTIONS } from '../../src/web/pages/admin/audit-actions.js';
import { zh } from '../../src/web/i18n/zh.js';
import { en } from '../../src/web/i18n/en.js';

interface Subject { kind: string; id: number | null; name: string | null; taskCode: string | null; unitName: string | null }
interface Event {
  id: number; action: string; at: string; actorId: number | null; actorDisplayName: string | null; actorUnitName: string | null;
  orgUnitName: string | null; subject: Subject; after: unknown;
}
interface AuditPage { items: Event[]; nextBeforeId: number | null }

describe.each(DIALECTS)('the audit log for people on %s', (dialect) => {
  let t: TestApp;
  let tree: OrgTree;
  let admin: Client, reporter: Client, reviewer: Client;
  let countyTask: number, roundId: number, reviewerId: number;
  const list = async (query: string) => {
    const res = await admin.get(`/api/audit?limit=200&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AuditPage>().items;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    tree = await buildOrgTree(t.ctx);
    const { plan } = await buildPlan(t.ctx, tree.province);
    countyTask = (await buildTask(t.ctx, { planId: plan.id, org: tree.countyA, code: '2', problem: '燃煤锅炉淘汰滞后' })).assignment.id;
    await buildTask(t.ctx, { planId: plan.id, org: tree.countyB, code: '5', problem: '污水处理厂超标排放' });
    await buildUser(t.ctx, 'admin', tree.province, 'ln-admin');
    await buildUser(t.ctx, 'reporter', tree.countyA, 'xb-reporter');
    reviewerId = (await buildUser(t.ctx, 'reviewer', tree.city, 'fs-reviewer')).id;
    admin = await signedIn(t.app, 'ln-admin');
    reporter = await signedIn(t.app, 'xb-reporter');
    reviewer = await signedIn(t.app, 'fs-reviewer');
    const round = await admin.post('/api/rounds', { scopeOrgId: tree.city.id, referenceDate: '2024-06-12', dueDate: '2099-12-31' });
    expect(round.statusCode, round.body).toBe(201);
    roundId = round.json<{ id: number }>().id;
    const report = await reporter.post(`/api/assignments/${countyTask}/progress-reports`, { roundId, progress: '已淘汰 3 台燃煤锅炉。', statusText: '达到序时进度' });
    expect(report.statusCode, report.body).toBe(201);
    const returned = await reviewer.post(`/api/progress-reports/${report.json<{ id: number }>().id}/return`, { version: 1, reason: '现场照片不清晰' });
    expect(returned.statusCode, returned.body).toBe(200);
  });
  afterAll(async () => { await t.close(); });

  it('names who did it, from which unit, and the task it concerns', async () => {
    const [ret] = await list('action=progress_report.return');
    expect(ret).toMatchObject({
      actorId: reviewerId, actorDisplayName: '抚顺市reviewer', actorUnitName: '抚顺市', orgUnitName: '新宾满族自治县',
      subject: { kind: 'assignment', id: countyTask, taskCode: '2', unitName: '新宾满族自治县' },
      after: { reason: '现场照片不清晰' },
    });
    const [opened] = await list('action=round.open');
    expect(opened!.subject).toMatchObject({ kind: 'round', id: roundId, name: '抚顺市2024年6月整改进展调度' });
    const [created] = await list('action=user.create&entityId=' + reviewerId);
    expect(created!.subject).toMatchObject({ kind: 'user', id: reviewerId, name: '抚顺市reviewer' });
    expect(created!.actorDisplayName).toBeNull(); // made by the system (the factory), not a person
  });

  it('filters by person and by unit and everything below it', async () => {
    const byReviewer = await list(`actorId=${reviewerId}`);
    // Newest first: the return, and before it the reviewer's sign-in (an event of no unit, which a province administrator reads).
    expect(byReviewer.map((e) => e.action)).toEqual(['progress_report.return', 'session.sign_in']);
    const countyA = await list(`orgUnitId=${tree.countyA.id}`);
    expect(countyA.map((e) => e.action)).toEqual(expect.arrayContaining(['progress_report.submit', 'progress_report.return']));
    expect(countyA.every((e) => e.orgUnitName === '新宾满族自治县')).toBe(true);
    const city = await list(`orgUnitId=${tree.city.id}`);
    expect(city.map((e) => e.orgUnitName)).toEqual(expect.arrayContaining(['抚顺市', '新宾满族自治县']));
    expect(city.some((e) => e.orgUnitName === '沈阳市' || e.orgUnitName === '辽宁省')).toBe(false);
    expect(await list(`orgUnitId=${tree.countyB.id}&actorId=${reviewerId}`)).toEqual([]);
  });

  it('filters by a range of China calendar days, both ends included', async () => {
    const today = chinaDate();
    const all = await list('');
    expect((await list(`from=${today}&to=${today}`)).length).toBe(all.length);
    expect(await list('from=2020-01-01&to=2020-12-31')).toEqual([]);
    // A day runs from 00:00 in China, which is 16:00 UTC the day before.
    expect(chinaDayStart('2026-12-07')).toBe('2026-12-06T16:00:00.000Z');
  });

  it('refuses a reversed range, a malformed day and a unit out of scope', async () => {
    const reversed = await admin.get('/api/audit?from=2026-12-08&to=2026-12-07');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    expect((await admin.get('/api/audit?from=2026-13-45x')).statusCode).toBe(400);
    await buildUser(t.ctx, 'admin', tree.countyB, 'qy-admin');
    const countyAdmin = await signedIn(t.app, 'qy-admin');
    const res = await countyAdmin.get(`/api/audit?orgUnitId=${tree.countyA.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('ORG_UNIT_NOT_FOUND');
  });
});

describe('the audit actions the log knows', () => {
  /** Every action literal written by the services: `action: 'x.y'`, ternaries of two, and the template families. */
  function writtenActions(): Set<string> {
    const found = new Set<string>();
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
    for (const file of [...walk('src/services'), 'src/db/audit.repository.ts']) {
      const src = fs.readFileSync(file, 'utf8');
      if (!src.includes('appendAuditEvent') && !src.includes('CHAIN_FORMAT_ACTION')) continue;
      for (const m of src.matchAll(/action: (?:[\w.]+ \? )?'([a-z_]+\.[a-zA-Z_]+)'(?: : '([a-z_]+\.[a-zA-Z_]+)')?/g)) {
        found.add(m[1]!);
        if (m[2]) found.add(m[2]);
      }
      for (const m of src.matchAll(/CHAIN_FORMAT_ACTION = '([a-z_.]+)'/g)) found.add(m[1]!);
      for (const m of src.matchAll(/change\(ctx, tx, actor, id, '([a-z_]+\.[a-z_]+)'/g)) found.add(m[1]!);
    }
    return found;
  }

  it('lists every action the services write', () => {
    const written = writtenActions();
    expect(written.size).toBeGreaterThan(50);
    expect([...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });

  it('has the action families the services build from parts (closure steps, case transitions, parts, calendar)', () => {
    const src = (f: string) => fs.readFileSync(f, 'utf8');
    const steps = [...(src('src/services/closure/decide.ts') + src('src/services/closure/notice.ts') + src('src/services/closure/finish.ts') + src('src/services/closure/sample.ts'))
      .matchAll(/takeStep\(ctx, tx, access, p, '(\w+)'/g)].map((m) => `closure.${m[1]}`);
    const cases = ['stage_done', 'done', 'close', 'return', 'reopen'].map((a) => `case.${a}`);
    const parts = ['measure', 'milestone', 'indicator'].flatMap((p) => ['create', 'update', 'delete'].map((v) => `${p}.${v}`));
    expect(steps.length).toBeGreaterThanOrEqual(9);
    for (const action of [...steps, ...cases, ...parts, 'calendar.set', 'calendar.import', 'closure.apply']) {
      expect(AUDIT_ACTIONS as readonly string[], action).toContain(action);
    }
  });

  it('has a sentence and a label for each in both languages', () => {
    for (const action of AUDIT_ACTIONS) {
      for (const dict of [zh, en] as Record<string, string>[]) {
        expect(dict[`auditLog.s.${action}`], action).toMatch(/\{actor\}/);
        expect(dict[`audit.${action}`], action).toBeTruthy();
      }
    }
  });
});
