/**
 * The real server (`rectify serve`, a child process) is SIGKILLed while many HTTP writes of one kind are in flight,
 * then started again on the same database and storage: closure steps (apply, accept, reject, notice, close, file),
 * case handover tables and case handling updates with penalties, and report imports. Kill points are counted in
 * acknowledged writes (the kill lands wherever the server then is with the rest), or a fixed delay after the first
 * request. After every restart: each write is wholly there or absent, every acknowledged one is there, the audit
 * chain verifies and matches the rows (checkStoreWhole), and clients that carry on reach the clean end state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildDoneTask, buildOrgTree, buildPlan, buildUser, type OrgTree } from '../helpers/factories.js';
import {
  apiClient, checkStoreWhole, expireDeadLeases, KillSwitch, serverEnv, startReceiver, startServer, tokenFor, waitForQueueDrained,
  type ApiClient, type Outcome, type Receiver, type ServerRun,
} from '../helpers/crash-server.js';
import { multipart } from '../fixtures/cases/upload.js';
import { PDF } from '../fixtures/evidence/samples.js';
import { SYSTEM_ACTOR } from '../../src/db/audit.repository.js';
import { importReportFile } from '../../src/services/import-report-file.js';
import { nextClosureState, type ClosureAction, type ClosureState } from '../../src/core/closure.js';
import { addDays } from '../../src/core/workdays.js';
import { today } from '../../src/services/schedule.js';

// Each test kills and restarts a server several times under dozens of concurrent writes: on a loaded 2-core machine
// that is minutes, not seconds. The limit only catches a hang.
vi.setConfig({ testTimeout: 360_000, hookTimeout: 360_000 });

const SUBJECTS = 24;
const BATCHES = 8;
const CASES_PER_BATCH = 6;
const FILES = 8;
const FIXTURE = fs.readFileSync(path.resolve('test/fixtures/fushun-progress-2023.txt'));

interface ClosureBody { id: number; state: ClosureState; version: number; noticeEnd: string | null }

describe.each(DIALECTS)('the server killed mid-write on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let receiver: Receiver;
  let env: NodeJS.ProcessEnv;
  let server: ServerRun;
  let inspectionId: number;
  const tokens = { reporter: '', reviewer: '', cityAdmin: '', provinceAdmin: '' };
  const subjects: number[] = [];
  let assignmentsPerImport = 0;

  /**
   * Fires `writes` (each gets clients bound to the kill switch), SIGKILLs the server at the kill point (or once they
   * are done, if they finish first), lets the dead server's leases run out and starts it again.
   */
  async function crash(kill: { afterAcks?: number; afterMs?: number }, writes: (ks: KillSwitch, client: (token: string) => ApiClient) => Promise<void>) {
    const ks = new KillSwitch(server, kill.afterAcks ?? Number.POSITIVE_INFINITY);
    const timer = kill.afterMs === undefined ? undefined : setTimeout(() => { ks.fired ??= server.kill(); }, kill.afterMs);
    await writes(ks, (token) => apiClient(server.baseUrl, token, ks));
    clearTimeout(timer);
    const killedMidway = ks.dead;
    await (ks.fired ??= server.kill());
    const held = await expireDeadLeases(ctx);
    server = await startServer(env);
    await checkStoreWhole(ctx);
    return { acks: ks.acks, killedMidway, held };
  }

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.province);
    inspectionId = (await buildPlan(ctx, tree.province, '第三轮中央生态环境保护督察')).inspection.id;
    tokens.reporter = await tokenFor(ctx, (await buildUser(ctx, 'reporter', tree.countyA)).id);
    tokens.reviewer = await tokenFor(ctx, (await buildUser(ctx, 'reviewer', tree.city)).id);
    tokens.cityAdmin = await tokenFor(ctx, (await buildUser(ctx, 'admin', tree.city)).id);
    tokens.provinceAdmin = await tokenFor(ctx, (await buildUser(ctx, 'admin', tree.province)).id);
    for (let i = 0; i < SUBJECTS; i++) {
      const { assignment } = await buildDoneTask(ctx, { planId: plan.id, org: tree.countyA, evidence: { name: `验收材料${i}.pdf`, data: PDF } });
      subjects.push(assignment.id);
    }
    // The report once, before the server: its inspection and tasks exist, so each import over HTTP only adds its own unit's share.
    const warmUp = await importReportFile(ctx, SYSTEM_ACTOR, { name: 'warm-up.txt', data: FIXTURE }, { org: '辽宁省/抚顺市' });
    assignmentsPerImport = warmUp.created;
    receiver = await startReceiver();
    env = serverEnv(ctx, { WEBHOOK_URL: receiver.url, JOB_POLL_MS: '200' });
    server = await startServer(env);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    await ctx?.cleanup();
  });

  describe('closure steps', () => {
    /** Subjects i % 4 === 3 are rejected; the others go all the way to filing (备案). */
    const goalOf = (i: number): ClosureState => (i % 4 === 3 ? 'returned' : 'filed');
    const acked = new Map<number, number>();
    const unexpected: Outcome[] = [];

    async function current(api: ApiClient, subjectId: number): Promise<ClosureBody | null> {
      const res = await api.get<{ items: ClosureBody[] }>(`/api/closures?subjectType=assignment&subjectId=${subjectId}`);
      expect(res.status).toBe(200);
      return res.body.items.sort((a, b) => b.id - a.id)[0] ?? null;
    }

    /**
     * One client per subject takes the next step until the goal, the end of the notice, or the server's death: the
     * county applies, the city accepts, gives notice and closes, the province (the level above the closer) files.
     */
    async function drive(i: number, reporter: ApiClient, reviewer: ApiClient, filer: ApiClient, startAt: ClosureBody | null): Promise<void> {
      let c = startAt;
      for (;;) {
        const state = c?.state ?? null;
        if (state === goalOf(i)) return;
        let res: Outcome<ClosureBody>;
        if (state === null) res = await reporter.send('POST', '/api/closures', { subjectType: 'assignment', subjectId: subjects[i], comment: `第${i}项整改完成` });
        else if (state === 'applied' && goalOf(i) === 'returned') res = await reviewer.send('POST', `/api/closures/${c!.id}/reject`, { version: c!.version, reason: '佐证材料不足，退回整改' });
        else if (state === 'applied') res = await reviewer.send('POST', `/api/closures/${c!.id}/accept`, { version: c!.version, comment: '现场核查通过' });
        else if (state === 'accepted') res = await reviewer.send('POST', `/api/closures/${c!.id}/notice`, { version: c!.version, comment: '政府网站公示' });
        else if (state === 'noticed' && c!.noticeEnd! < today()) res = await reviewer.send('POST', `/api/closures/${c!.id}/close`, { version: c!.version });
        else if (state === 'closed') res = await filer.send('POST', `/api/closures/${c!.id}/file`, { version: c!.version });
        else return;
        if (res.status === 0) return;
        if (res.status >= 300) { unexpected.push(res); return; }
        c = res.body;
        acked.set(c.id, Math.max(acked.get(c.id) ?? 0, c.version));
      }
    }

    async function round(kill: { afterAcks?: number; afterMs?: number }) {
      const reader = apiClient(server.baseUrl, tokens.reviewer);
      const starts = await Promise.all(subjects.map((id) => current(reader, id)));
      return crash(kill, async (_ks, client) => {
        const reporter = client(tokens.reporter);
        const reviewer = client(tokens.reviewer);
        const filer = client(tokens.provinceAdmin);
        await Promise.all(subjects.map((_, i) => drive(i, reporter, reviewer, filer, starts[i]!)));
      });
    }

    /** A notice period cannot be waited out: move every running notice into the past, directly in the database. */
    async function endNotices() {
      await ctx.db.updateTable('closures').set({ notice_start: addDays(today(), -10), notice_end: addDays(today(), -2) }).where('state', '=', 'noticed').execute();
    }

    async function checkClosures() {
      const closures = await ctx.db.selectFrom('closures').select(['id', 'subject_id', 'state', 'version']).where('subject_type', '=', 'assignment').execute();
      const steps = await ctx.db.selectFrom('closure_steps').select(['closure_id', 'step']).orderBy('id').execute();
      const events = await ctx.db.selectFrom('audit_events').select(['action', 'entity_id']).where('entity_type', '=', 'assignment').execute();
      for (const c of closures) {
        const own = steps.filter((s) => s.closure_id === c.id).map((s) => s.step as ClosureAction);
        // Replaying the recorded steps gives the stored state; each step bumped the version once.
        const replayed = own.reduce<ClosureState | null>((s, a) => nextClosureState(s, a, { close: { asOf: '9999-12-31', noticeEnd: '0000-01-01', openObjections: 0 } }), null);
        expect({ id: c.id, state: replayed, version: own.length }).toEqual({ id: c.id, state: c.state, version: c.version });
        expect(c.version, `closure ${c.id}: an acknowledged step is kept`).toBeGreaterThanOrEqual(acked.get(c.id) ?? 0);
      }
      for (const id of await ctx.db.selectFrom('assignments').selectAll().where('id', 'in', subjects).execute()) {
        const mine = closures.filter((c) => c.subject_id === id.id);
        const actions = events.filter((e) => String(e.entity_id) === String(id.id)).map((e) => e.action);
        const rejected = mine.filter((c) => c.state === 'returned').length;
        const closed = mine.some((c) => c.state === 'closed' || c.state === 'filed');
        // The subject agrees with its procedure, and each of its changes was audited in the step's transaction.
        expect({ id: id.id, isClosed: id.is_closed, isCompleted: id.is_completed, returned: actions.filter((a) => a === 'assignment.return_to_rectification').length, closes: actions.filter((a) => a === 'assignment.close').length })
          .toEqual({ id: id.id, isClosed: closed ? 1 : 0, isCompleted: rejected > 0 ? 0 : 1, returned: rejected, closes: closed ? 1 : 0 });
      }
    }

    it(`keeps each of ${SUBJECTS} procedures in a state its recorded steps explain, at two kill points, and every one reaches its end`, async () => {
      const first = await round({ afterAcks: 10 });
      await checkClosures();
      await endNotices();
      const second = await round({ afterAcks: 30 });
      await checkClosures();
      console.info(`closures on ${dialect}: killed after ${first.acks} and ${second.acks} acknowledged steps; the dead servers held ${JSON.stringify([first.held, second.held])}`);
      expect(first.killedMidway && second.killedMidway).toBe(true);
      // Clients carry on after the crashes: nothing is stuck, every subject reaches its end.
      for (let n = 0; n < 3; n++) {
        const reader = apiClient(server.baseUrl, tokens.reviewer);
        const starts = await Promise.all(subjects.map((id) => current(reader, id)));
        if (starts.every((c, i) => c?.state === goalOf(i))) break;
        await endNotices();
        await Promise.all(subjects.map((_, i) => drive(i, apiClient(server.baseUrl, tokens.reporter), reader, apiClient(server.baseUrl, tokens.provinceAdmin), starts[i]!)));
      }
      await checkClosures();
      const final = await ctx.db.selectFrom('closures').select(['subject_id', 'state']).where('subject_type', '=', 'assignment').execute();
      expect(subjects.map((id, i) => final.some((c) => c.subject_id === id && c.state === goalOf(i)))).toEqual(subjects.map(() => true));
      expect(unexpected.map((u) => [u.status, JSON.stringify(u.body)])).toEqual([]);
    }, 120_000);
  });

  describe('case batches and case updates', () => {
    const caseNo = (b: number, r: number) => `D3LN2025061${String(b).padStart(2, '0')}${String(r).padStart(3, '0')}`;
    const batchNo = (b: number) => String(20 + b);
    function table(b: number): Buffer {
      const rows = Array.from({ length: CASES_PER_BATCH }, (_, r) =>
        `${r + 1},${caseNo(b, r)},匿名,,抚顺第${b}${r}号企业${['化工', '采石', '养殖', '造纸', '铸造', '印染'][r % 6]}有限公司,新宾满族自治县,第${b}批第${r}件：${['夜间偷排废气', '无证开采破坏植被', '粪污直排河道', '污水管网渗漏', '粉尘无组织排放', '噪声扰民'][r % 6]}，编号${b * 100 + r}。,大气,来电,否`);
      return Buffer.from(`第三轮中央生态环境保护督察组交办信访件清单（第${batchNo(b)}批）\n序号,受理编号,举报人,联系方式,被举报对象,行政区域,举报内容,污染类型,来源,是否重点\n${rows.join('\n')}\n`);
    }
    const importBatch = (api: ApiClient, b: number) => {
      const { payload, headers } = multipart({ inspectionId, orgUnitId: tree.city.id, handedOverAt: '2025-06-10' }, { name: `第${batchNo(b)}批.csv`, data: table(b) });
      return api.upload<{ batches: { batchNo: string }[] }>('/api/case-batches/import', payload, headers['content-type']!);
    };

    /** Each batch is wholly there (its row, its audit event, all its cases) or not at all; acknowledged ones are there. */
    async function checkBatches(acked: Set<number>): Promise<number[]> {
      const present: number[] = [];
      for (let b = 0; b < BATCHES; b++) {
        const batch = await ctx.db.selectFrom('complaint_batches').select('id').where('batch_no', '=', batchNo(b)).executeTakeFirst();
        const cases = await ctx.db.selectFrom('complaint_cases').select(['batch_id']).where('case_no', 'in', Array.from({ length: CASES_PER_BATCH }, (_, r) => caseNo(b, r))).execute();
        const events = await ctx.db.selectFrom('audit_events').select('id').where('action', '=', 'case_batch.import').where('entity_id', '=', String(batch?.id ?? -1)).execute();
        if (batch) {
          expect({ b, cases: cases.filter((c) => c.batch_id === batch.id).length, events: events.length }).toEqual({ b, cases: CASES_PER_BATCH, events: 1 });
          present.push(b);
        } else {
          expect({ b, cases: cases.length }).toEqual({ b, cases: 0 });
          expect(acked.has(b), `batch ${b} was acknowledged but is missing`).toBe(false);
        }
      }
      return present;
    }

    it(`imports each of ${BATCHES} handover tables wholly or not at all when killed mid-import; a retry completes them`, async () => {
      const acked = new Set<number>();
      const crashed = await crash({ afterAcks: 3 }, async (_ks, client) => {
        const api = client(tokens.cityAdmin);
        await Promise.all(Array.from({ length: BATCHES }, async (_, b) => {
          const res = await importBatch(api, b);
          if (res.status === 201) acked.add(b);
          else expect(res.status, JSON.stringify(res.body)).toBe(0);
        }));
      });
      const present = await checkBatches(acked);
      console.info(`case batches on ${dialect}: killed after ${crashed.acks} acknowledged imports; ${present.length} of ${BATCHES} batches there`);
      expect(crashed.killedMidway).toBe(true);
      const api = apiClient(server.baseUrl, tokens.cityAdmin);
      for (let b = 0; b < BATCHES; b++) if (!present.includes(b)) expect((await importBatch(api, b)).status).toBe(201);
      expect(await checkBatches(acked)).toHaveLength(BATCHES);
    });

    it(`keeps each of ${BATCHES * CASES_PER_BATCH * 2} concurrent handling updates and penalties wholly or not at all`, async () => {
      const cases = await ctx.db.selectFrom('complaint_cases').select(['id', 'version']).where('case_no', 'like', 'D3LN2025061%').orderBy('id').execute();
      const ackedHandling = new Set<number>();
      const ackedPenalty = new Set<number>();
      const crashed = await crash({ afterAcks: 30 }, async (_ks, client) => {
        const api = client(tokens.cityAdmin);
        await Promise.all(cases.flatMap((c) => [
          api.send('PATCH', `/api/cases/${c.id}/handling`, { version: c.version, verified: 'true', handling: `第${c.id}件已查处，责令停产整治` }).then((r) => {
            if (r.status === 200) ackedHandling.add(c.id); else expect(r.status, JSON.stringify(r.body)).toBe(0);
          }),
          api.send('POST', `/api/cases/${c.id}/penalties`, { kind: 'order_rectify', note: `第${c.id}件责令整改` }).then((r) => {
            if (r.status === 201) ackedPenalty.add(c.id); else expect(r.status, JSON.stringify(r.body)).toBe(0);
          }),
        ]));
      });
      const after = await ctx.db.selectFrom('complaint_cases').select(['id', 'version', 'handling', 'verified']).where('id', 'in', cases.map((c) => c.id)).execute();
      const handlingEvents = await ctx.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'case.handling').execute();
      const penalties = await ctx.db.selectFrom('case_penalties').select(['case_id', 'note']).execute();
      let updated = 0;
      for (const c of cases) {
        const row = after.find((a) => a.id === c.id)!;
        const events = handlingEvents.filter((e) => String(e.entity_id) === String(c.id)).length;
        // Wholly there (the row at the next version with what was sent, and one audit event) or wholly absent.
        if (row.version === c.version) expect({ id: c.id, handling: row.handling, events }).toEqual({ id: c.id, handling: null, events: 0 });
        else expect({ id: c.id, version: row.version, handling: row.handling, verified: row.verified, events }).toEqual({ id: c.id, version: c.version + 1, handling: `第${c.id}件已查处，责令停产整治`, verified: 'true', events: 1 });
        if (ackedHandling.has(c.id)) expect(row.version, `case ${c.id}: acknowledged update kept`).toBe(c.version + 1);
        const own = penalties.filter((p) => p.case_id === c.id);
        expect(own.length).toBeLessThanOrEqual(1);
        if (ackedPenalty.has(c.id)) expect(own, `case ${c.id}: acknowledged penalty kept`).toHaveLength(1);
        if (row.version > c.version) updated++;
      }
      console.info(`case updates on ${dialect}: killed after ${crashed.acks} acknowledged writes; ${updated} of ${cases.length} handling updates and ${penalties.length} penalties there`);
      expect(crashed.killedMidway).toBe(true);
    });
  });

  describe('report imports', () => {
    const orgOf = (round: number, i: number) => `测试市${round}${i}`;
    const importFile = (api: ApiClient, round: number, i: number) => {
      const { payload, headers } = multipart({ org: `辽宁省/${orgOf(round, i)}` }, { name: `report-${round}-${i}.txt`, data: FIXTURE });
      return api.upload<{ importId: number }>('/api/imports', payload, headers['content-type']!);
    };

    /** Each file is wholly there (its record, unit, every assignment with its audit event) or leaves no trace. */
    async function checkFiles(round: number, acked: Set<number>): Promise<number[]> {
      const present: number[] = [];
      for (let i = 0; i < FILES; i++) {
        const record = await ctx.db.selectFrom('imports').select(['id', 'org_unit_id']).where('file_name', '=', `report-${round}-${i}.txt`).executeTakeFirst();
        const unit = await ctx.db.selectFrom('org_units').select('id').where('name', '=', orgOf(round, i)).executeTakeFirst();
        if (!record) {
          expect({ i, unit }).toEqual({ i, unit: undefined });
          expect(acked.has(i), `file ${i} was acknowledged but is missing`).toBe(false);
          continue;
        }
        const assignments = await ctx.db.selectFrom('assignments').select('id').where('org_unit_id', '=', record.org_unit_id).execute();
        const events = (await ctx.db.selectFrom('audit_events').select('after').where('action', '=', 'assignment.import').where('entity_id', 'in', assignments.map((a) => String(a.id)).concat('-1')).execute())
          .filter((e) => (JSON.parse(e.after ?? '{}') as { importId?: number }).importId === record.id);
        expect({ i, unit: unit?.id, assignments: assignments.length, events: events.length }).toEqual({ i, unit: record.org_unit_id, assignments: assignmentsPerImport, events: assignmentsPerImport });
        present.push(i);
      }
      return present;
    }

    // Round 2 is killed 100 ms after the requests go out (or, on a machine fast enough to finish most by then, after 6).
    it.each([{ round: 1, kill: { afterAcks: 2 } }, { round: 2, kill: { afterMs: 100, afterAcks: FILES - 2 } }])(`imports each of ${FILES} reports wholly or not at all (round $round, kill $kill)`, async ({ round, kill }) => {
      const acked = new Set<number>();
      const crashed = await crash(kill, async (_ks, client) => {
        const api = client(tokens.provinceAdmin);
        await Promise.all(Array.from({ length: FILES }, async (_, i) => {
          const res = await importFile(api, round, i);
          if (res.status === 200) acked.add(i);
          else expect(res.status, JSON.stringify(res.body)).toBe(0);
        }));
      });
      const present = await checkFiles(round, acked);
      console.info(`report imports on ${dialect}, round ${round}: killed after ${crashed.acks} acknowledged imports; ${present.length} of ${FILES} files there`);
      expect(crashed.killedMidway).toBe(true);
      const api = apiClient(server.baseUrl, tokens.provinceAdmin);
      for (let i = 0; i < FILES; i++) if (!present.includes(i)) expect((await importFile(api, round, i)).status).toBe(200);
      expect(await checkFiles(round, acked)).toHaveLength(FILES);
    });
  });

  it('ends with every follow-up job done once and every message delivered, after all the crashes', async () => {
    await waitForQueueDrained(ctx);
    await checkStoreWhole(ctx);
    const jobs = await ctx.db.selectFrom('jobs').select(['kind', 'state', 'dedupe_key']).execute();
    expect(jobs.filter((j) => j.state !== 'done').map((j) => [j.kind, j.state])).toEqual([]);
    const outbox = await ctx.db.selectFrom('outbox').select(['dedupe_key', 'state']).execute();
    const notifications = await ctx.db.selectFrom('notifications').select('dedupe_key').execute();
    // One webhook message per notification; each one delivered at least once, and repeated only if a crash cut off its send.
    expect(outbox.map((m) => m.dedupe_key).sort()).toEqual(notifications.map((n) => `${n.dedupe_key}:webhook`).sort());
    expect(outbox.filter((m) => m.state !== 'sent')).toEqual([]);
    const delivered = new Set(receiver.received.map((r) => r.dedupeKey));
    expect(outbox.filter((m) => !delivered.has(m.dedupe_key))).toEqual([]);
    expect(receiver.received.every((r) => r.idempotencyKey === r.dedupeKey)).toBe(true);
  }, 30_000);
});
