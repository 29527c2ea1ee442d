/**
 * The objects the access matrix aims at: for county A ("own") and county B ("other") one of each kind a route can
 * name — task, plan, inspection, assignment parts, document, evidence, round, progress report, closure, case batch,
 * case, penalty, listing, user — created through the API by that county's own people. Every text of county B carries
 * MARKER, so any response shown to county A that contains it is a leak. A kind that could not be made is left out;
 * its routes are then aimed at a guessed id.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/services/context.js';
import type { Client } from '../helpers/test-app.js';
import { buildPlan, buildTask } from '../helpers/factories.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';
import { PDF, multipart } from '../fixtures/evidence/samples.js';
import { findUserByUsername } from '../../src/db/users.repository.js';
import { insertPublishedReport } from '../../src/db/imports.repository.js';

export const MARKER = '清原机密标记';
export type UnitKey = 'own' | 'other';
export type Ids = Record<string, number>;

export interface MatrixWorld { w: World; as: Record<UserKey, Client>; ids: Record<UnitKey, Ids>; orgPath: Record<UnitKey, string> }

async function idOf(res: Promise<{ statusCode: number; body: string }>): Promise<number | undefined> {
  const r = await res;
  return r.statusCode < 300 ? (JSON.parse(r.body) as { id: number }).id : undefined;
}

export async function buildMatrixWorld(ctx: AppContext, app: FastifyInstance): Promise<MatrixWorld> {
  const w = await buildWorld(ctx);
  const as = await signInAll(app, w);
  const ids = { own: {}, other: {} } as Record<UnitKey, Ids>;
  for (const unit of ['own', 'other'] as const) {
    const org = unit === 'own' ? w.tree.countyA : w.tree.countyB;
    const mark = unit === 'other' ? MARKER : '新宾公开内容';
    const admin = unit === 'own' ? as.countyAAdmin : as.countyBAdmin;
    const reporter = unit === 'own' ? as.countyAReporter : as.countyBReporter;
    const { inspection, plan } = await buildPlan(ctx, org, `${org.name}专项督察${mark}`);
    const done = await buildTask(ctx, { planId: plan.id, org, problem: `${mark}燃煤锅炉`, fields: { isCompleted: true, statusText: '完成整改', statusCode: 'completed' } });
    const a = done.assignment.id;
    const put = (k: string, v: number | undefined) => { if (v !== undefined) ids[unit][k] = v; };
    put('orgUnit', org.id); put('inspection', inspection.id); put('plan', plan.id); put('task', done.task.id); put('assignment', a);
    put('measure', await idOf(admin.post(`/api/assignments/${a}/measures`, { text: `${mark}措施` })));
    put('milestone', await idOf(admin.post(`/api/assignments/${a}/milestones`, { title: `${mark}节点`, dueDate: '2026-06-30' })));
    put('indicator', await idOf(admin.post(`/api/assignments/${a}/indicators`, { name: `${mark}指标`, target: 50, comparator: '<=' })));
    put('document', await idOf(admin.post(`/api/assignments/${a}/documents`, { title: `${mark}文件` })));
    const body = multipart(`${mark}验收.pdf`, PDF);
    put('evidence', await idOf(reporter.request({ method: 'POST', url: `/api/assignments/${a}/evidence`, payload: body.payload, headers: body.headers })));
    put('round', await idOf(admin.post('/api/rounds', { scopeOrgId: org.id, referenceDate: '2024-06-12', dueDate: '2099-12-31' })));
    put('progressReport', await idOf(reporter.post(`/api/assignments/${a}/progress-reports`, { roundId: ids[unit].round, progress: `${mark}进展`, statusText: '达到序时进度' })));
    put('closure', await idOf(reporter.post('/api/closures', { subjectType: 'assignment', subjectId: a, comment: `${mark}申请` })));
    put('caseBatch', await idOf(admin.post('/api/case-batches', { inspectionId: inspection.id, orgUnitId: org.id, batchNo: '1', handedOverAt: '2025-05-31' })));
    put('case', await idOf(admin.post('/api/cases', {
      batchId: ids[unit].caseBatch, caseNo: `X3LN20250531000${unit === 'own' ? 1 : 2}`, orgUnitId: org.id, regionText: org.name, targetName: `${mark}矿业公司`,
      content: `${mark}矿山开采破坏植被`, pollutionType: '生态', source: 'letter', complainantName: `${mark}周某某`, complainantContact: '13512345678',
    })));
    put('penalty', await idOf(admin.post(`/api/cases/${ids[unit].case}/penalties`, { kind: 'order', issuedAt: '2025-06-01', description: `${mark}责令整改` })));
    put('listing', await idOf(admin.post('/api/supervision-listings', { subjectType: 'assignment', subjectId: a, level: 'city', reason: `${mark}挂牌`, leader: '张某', measures: '督办', deadline: '2026-12-31' })));
    const reporterKey: UserKey = unit === 'own' ? 'countyAReporter' : 'countyBReporter';
    put('user', (await findUserByUsername(ctx.db, w.users[reporterKey]))!.id);
  }
  // Published: county A's batch and a report (county B's published ones and both counties' unpublished ones are added
  // by publication-world.ts).
  ids.own.publicReport = await insertPublishedReport(ctx.db, { orgUnitId: w.tree.countyA.id, inspectionId: w.inspectionId, title: '新宾县整改进展（已公开）', asOf: '2023-12-31', content: { title: '新宾县整改进展', region: '新宾满族自治县', inspection: null, asOf: '2023-12-31', tasks: [], summary: [], warnings: [] }, importId: null, publishedBy: null });
  const published = await as.countyAAdmin.post(`/api/case-batches/${ids.own.caseBatch}/publish`);
  if (published.statusCode === 200) ids.own.publicCaseBatch = ids.own.caseBatch!;
  return { w, as, ids, orgPath: { own: w.tree.countyA.path, other: w.tree.countyB.path } };
}
