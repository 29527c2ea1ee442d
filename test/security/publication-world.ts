/**
 * The published/unpublished dimension of the access matrix. On top of the matrix world each county gets a published
 * report and a published case batch, and things never published: a ledger task, an imported report, a case batch
 * with a case and its evidence file, and a case added to the published batch after publication. Every unpublished
 * text carries UNPUBLISHED (county B's also MARKER); nothing published carries either.
 *
 * `checkPublication` then asks, as each of the matrix's six callers: do the public routes show exactly the published
 * items (titles, row counts, status totals) and nothing unpublished (no text, no file name, no row, 404 on the ids of
 * unpublished items), and do the authenticated routes still show a signed-in caller the unpublished items of the units
 * in their scope (lists, search hits, detail, report preview, file download) and nothing of the others?
 */
import type { AppContext } from '../../src/services/context.js';
import { anonymous, type Client } from '../helpers/test-app.js';
import { buildTask } from '../helpers/factories.js';
import { insertImportRecord, insertPublishedReport } from '../../src/db/imports.repository.js';
import { PDF, multipart } from '../fixtures/evidence/samples.js';
import type { UserKey } from '../fixtures/api/world.js';
import { MARKER, type MatrixWorld, type UnitKey } from './matrix-world.js';
import type { FastifyInstance } from 'fastify';

export const UNPUBLISHED = '未公开内容标记';
const UNITS: UnitKey[] = ['own', 'other'];
/** The matrix's callers and the units each one's scope covers. */
const CALLERS: readonly [UserKey | 'anonymous', readonly UnitKey[]][] = [
  ['countyAAdmin', ['own']], ['countyAReporter', ['own']], ['countyAReviewer', ['own']], ['countyAViewer', ['own']], ['cityAdmin', ['own', 'other']], ['anonymous', []],
];

interface Unpublished { text: string; batch: number; kase: number; lateCase: number; evidence: number; evidenceName: string; importId: number }
export interface PublicationWorld {
  published: Record<UnitKey, { report: number; reportTitle: string; reportTasks: number; batch: number; rows: number }>;
  unpublished: Record<UnitKey, Unpublished>;
}

async function idOf(res: Promise<{ statusCode: number; body: string }>, what: string): Promise<number> {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`publication world: ${what} answered ${r.statusCode} ${r.body.slice(0, 200)}`);
  return (JSON.parse(r.body) as { id: number }).id;
}

/** Adds the published and unpublished items; sets ids[unit].publicReport / publicCaseBatch for the matrix. */
export async function buildPublicationWorld(ctx: AppContext, mw: MatrixWorld): Promise<PublicationWorld> {
  const { w, as, ids } = mw;
  const pw = { published: {}, unpublished: {} } as PublicationWorld;
  for (const [n, unit] of UNITS.entries()) {
    const org = unit === 'own' ? w.tree.countyA : w.tree.countyB;
    const admin = unit === 'own' ? as.countyAAdmin : as.countyBAdmin;
    const text = unit === 'own' ? `新宾${UNPUBLISHED}` : `${MARKER}${UNPUBLISHED}`;

    // Published: county A's report and batch come from the matrix world; county B's are made here, in public words
    // only (under the provincial inspection, whose name carries no marker).
    if (unit === 'other') {
      ids.other.publicReport = await insertPublishedReport(ctx.db, {
        orgUnitId: org.id, inspectionId: w.inspectionId, title: '清原县整改进展（已公开）', importId: null, publishedBy: null, asOf: '2023-12-31',
        content: {
          title: '清原县整改进展', region: '清原满族自治县', inspection: null, asOf: '2023-12-31', summary: [], warnings: [],
          tasks: [{ code: '1', number: 1, problem: '清原县污水处理厂提标改造', goal: null, status: '完成整改', statusCode: 'completed', measures: [], units: [], deadline: null, documents: [], facts: [] }],
        },
      });
      const batch = await idOf(admin.post('/api/case-batches', { inspectionId: w.inspectionId, orgUnitId: org.id, batchNo: '2', handedOverAt: '2025-06-15' }), 'county B batch');
      await idOf(admin.post('/api/cases', { batchId: batch, caseNo: 'X3LN202506150002', orgUnitId: org.id, regionText: org.name, content: '清原县河道垃圾清理（已公开）', pollutionType: '水', source: 'letter' }), 'county B public case');
      const res = await admin.post(`/api/case-batches/${batch}/publish`);
      if (res.statusCode !== 200) throw new Error(`publication world: publish answered ${res.statusCode} ${res.body}`);
      ids.other.publicCaseBatch = batch;
    }
    const report = ids[unit].publicReport!;
    const batch = ids[unit].publicCaseBatch;
    if (batch === undefined) throw new Error('publication world: the matrix world published no batch for county A');
    pw.published[unit] = { report, reportTitle: unit === 'own' ? '新宾县整改进展（已公开）' : '清原县整改进展（已公开）', reportTasks: unit === 'own' ? 0 : 1, batch, rows: 1 };

    // Never published: a ledger task, an imported report, a batch with a case and its evidence, and a case added to
    // the published batch after publication.
    await buildTask(ctx, { planId: ids[unit].plan!, org, problem: `${text}黑臭水体` });
    const importId = await insertImportRecord(ctx.db, {
      fileName: `${text}.txt`, sha256: '0'.repeat(64), orgUnitId: org.id, inspectionId: ids[unit].inspection!, title: `${text}进展报告`, asOf: '2024-06-30', importedBy: null,
    });
    const hidden = await idOf(admin.post('/api/case-batches', { inspectionId: ids[unit].inspection, orgUnitId: org.id, batchNo: '3', handedOverAt: '2025-06-30' }), 'unpublished batch');
    const kase = await idOf(admin.post('/api/cases', {
      batchId: hidden, caseNo: `X3LN20250630000${n + 1}`, orgUnitId: org.id, regionText: org.name, targetName: `${text}化工厂`, content: `${text}夜间偷排`, pollutionType: '水', source: 'letter',
    }), 'unpublished case');
    const evidenceName = `${text}现场照片.pdf`;
    const upload = multipart(evidenceName, PDF);
    const evidence = await idOf(admin.request({ method: 'POST', url: `/api/cases/${kase}/evidence`, payload: upload.payload, headers: upload.headers }), 'case evidence');
    const lateCase = await idOf(admin.post('/api/cases', {
      batchId: batch, caseNo: `X3LN20250701000${n + 1}`, orgUnitId: org.id, regionText: org.name, content: `${text}公开后补录`, pollutionType: '大气', source: 'phone',
    }), 'case added after publication');
    pw.unpublished[unit] = { text, batch: hidden, kase, lateCase, evidence, evidenceName, importId };
  }
  return pw;
}

const errorOnly = (body: string) => {
  try {
    const b = JSON.parse(body) as { error?: Record<string, unknown> };
    // { error: { code, message, params: {} } }: a refusal's params are empty, so they name nothing either.
    return Object.keys(b).join() === 'error' && Object.keys(b.error ?? {}).sort().join() === 'code,message,params' && JSON.stringify(b.error?.params) === '{}';
  } catch { return false; }
};

/** Every check of the dimension; returns how many requests were checked and what failed. */
export async function checkPublication(app: FastifyInstance, mw: MatrixWorld, pw: PublicationWorld): Promise<{ checks: number; failures: string[] }> {
  const failures: string[] = [];
  let checks = 0;
  const secrets = UNITS.flatMap((u) => [pw.unpublished[u].text, pw.unpublished[u].evidenceName]);
  const publishedReports = UNITS.map((u) => pw.published[u].report).sort((a, b) => a - b);
  const publishedBatches = UNITS.map((u) => pw.published[u].batch).sort((a, b) => a - b);
  // Ids of reports never published: an unpublished import's id when no published report has it, and the next ids.
  const top = Math.max(...publishedReports);
  const guessedReports = [...new Set([...UNITS.map((u) => pw.unpublished[u].importId), top + 1, top + 2])].filter((id) => !publishedReports.includes(id));
  const hiddenBatches = [...UNITS.map((u) => pw.unpublished[u].batch), mw.ids.other.caseBatch!];

  for (const [who, scope] of CALLERS) {
    const c: Client = who === 'anonymous' ? anonymous(app) : mw.as[who];
    const get = async (url: string) => { checks++; return c.get(url); };
    const fail = (url: string, why: string, body = '') => failures.push(`${who} GET ${url}: ${why} ${body.slice(0, 160)}`);
    const clean = (url: string, body: string) => {
      for (const s of [UNPUBLISHED, MARKER, ...secrets]) if (body.includes(s)) fail(url, `public answer shows unpublished text "${s}"`);
      if (body.includes('/api/evidence')) fail(url, 'public answer links a file');
    };

    // The public side: the same for everyone, signed in or not.
    for (const url of ['/api/public/reports', `/api/public/reports?q=${encodeURIComponent(UNPUBLISHED)}`]) {
      const res = await get(url);
      clean(url, res.body);
      const items = res.statusCode === 200 ? res.json<{ items: { id: number; title: string }[] }>().items : [];
      if (JSON.stringify(items.map((i) => i.id).sort((a, b) => a - b)) !== JSON.stringify(publishedReports)) fail(url, `lists ${JSON.stringify(items.map((i) => i.id))}, not exactly the published ${JSON.stringify(publishedReports)}`, res.body);
    }
    for (const u of UNITS) {
      const url = `/api/public/reports/${pw.published[u].report}`;
      const res = await get(url);
      clean(url, res.body);
      if (res.statusCode !== 200) { fail(url, `expected 200, got ${res.statusCode}`, res.body); continue; }
      const body = res.json<{ report: { title: string }; content: { tasks: unknown[] }; byStatus: Record<string, number> }>();
      const total = Object.values(body.byStatus).reduce((a, b) => a + b, 0);
      if (body.report.title !== pw.published[u].reportTitle) fail(url, `title ${body.report.title}`);
      if (body.content.tasks.length !== pw.published[u].reportTasks || total !== pw.published[u].reportTasks) fail(url, `counts ${total} tasks, the published report has ${pw.published[u].reportTasks}`);
    }
    for (const id of guessedReports) {
      const url = `/api/public/reports/${id}`;
      const res = await get(url);
      clean(url, res.body);
      if (res.statusCode !== 404 || !errorOnly(res.body)) fail(url, `a report never published: expected a bare 404, got ${res.statusCode}`, res.body);
    }
    for (const url of ['/api/public/case-batches', `/api/public/case-batches?q=${encodeURIComponent(UNPUBLISHED)}`]) {
      const res = await get(url);
      clean(url, res.body);
      const items = res.statusCode === 200 ? res.json<{ items: { id: number }[] }>().items : [];
      if (JSON.stringify(items.map((i) => i.id).sort((a, b) => a - b)) !== JSON.stringify(publishedBatches)) fail(url, `lists ${JSON.stringify(items.map((i) => i.id))}, not exactly the published ${JSON.stringify(publishedBatches)}`, res.body);
    }
    for (const u of UNITS) {
      const url = `/api/public/case-batches/${pw.published[u].batch}`;
      const res = await get(url);
      clean(url, res.body);
      if (res.statusCode !== 200) { fail(url, `expected 200, got ${res.statusCode}`, res.body); continue; }
      const rows = res.json<{ rows: unknown[] }>().rows.length;
      if (rows !== pw.published[u].rows) fail(url, `${rows} rows: a case added after publication shows`);
    }
    for (const id of hiddenBatches) {
      const url = `/api/public/case-batches/${id}`;
      const res = await get(url);
      clean(url, res.body);
      if (res.statusCode !== 404 || !errorOnly(res.body)) fail(url, `a batch never published: expected a bare 404, got ${res.statusCode}`, res.body);
    }

    // The authenticated side: unpublished items of the units in scope, and nothing of the others.
    for (const u of UNITS) {
      const { text, batch, kase, lateCase, evidence, evidenceName } = pw.unpublished[u];
      const org = mw.ids[u].orgUnit!;
      const inScope = scope.includes(u);
      const q = encodeURIComponent(text);
      const reads: [string, (body: string) => boolean][] = [
        ['/api/case-batches', (b) => (JSON.parse(b) as { items: { id: number }[] }).items.some((i) => i.id === batch)],
        [`/api/cases?q=${q}`, (b) => { const ids = (JSON.parse(b) as { items: { id: number }[] }).items.map((i) => i.id); return ids.includes(kase) && ids.includes(lateCase); }],
        [`/api/cases/${kase}`, (b) => b.includes(text) && b.includes(evidenceName)],
        ['/api/imports', (b) => b.includes(`${text}进展报告`)],
        [`/api/tasks?q=${q}`, (b) => b.includes(`${text}黑臭水体`)],
        [`/api/reports/preview?orgUnitId=${org}&inspectionId=${mw.ids[u].inspection}`, (b) => b.includes(`${text}黑臭水体`)],
      ];
      for (const [url, shows] of reads) {
        const res = await get(url);
        const detail = /\/\d+$/.test(url) || url.includes('preview');
        if (!scope.length) { if (res.statusCode !== 401 || !errorOnly(res.body)) fail(url, `anonymous: expected a bare 401, got ${res.statusCode}`, res.body); continue; }
        if (inScope) {
          if (res.statusCode !== 200 || !shows(res.body)) fail(url, `in scope: expected the unpublished item, got ${res.statusCode}`, res.body);
        } else if (res.body.includes(text)) fail(url, 'out of scope: shows the other county\'s unpublished item');
        else if (detail && (res.statusCode !== 404 || !errorOnly(res.body))) fail(url, `out of scope: expected a bare 404, got ${res.statusCode}`, res.body);
        else if (!detail && res.statusCode === 200 && shows(res.body)) fail(url, 'out of scope: lists the other county\'s unpublished item');
      }
      const url = `/api/evidence/${evidence}`;
      const file = await get(url);
      const expected = !scope.length ? 401 : inScope ? 200 : 404;
      if (file.statusCode !== expected) fail(url, `expected ${expected}, got ${file.statusCode}`, file.body);
      else if (expected === 200 && !file.rawPayload.subarray(0, 5).equals(PDF.subarray(0, 5))) fail(url, 'in scope: the file is not the uploaded one');
      else if (expected !== 200 && (!errorOnly(file.body) || file.body.includes(text))) fail(url, 'refusal is not a bare error', file.body);
    }
  }
  return { checks, failures };
}
