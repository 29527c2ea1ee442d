/**
 * Time that can be replayed (issue #17): the report built "as of" a past day is the report that was built on that day —
 * tasks created later absent, statuses, measures, texts and checks as they were — and the period diff works from any
 * date, before the first report too. The test clock (fake Date) moves through three days of changes.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { PDF } from '../fixtures/evidence/samples.js';
import { buildReport, type BuiltReport } from '../../src/services/report-from-ledger.js';
import { renderReportFile } from '../../src/services/report-file.js';
import { diffReports } from '../../src/export/diff.js';
import { createPart, updatePartFields } from '../../src/services/assignment-parts.js';
import { updateTaskFields } from '../../src/services/tasks.js';
import { storeEvidence } from '../../src/services/evidence.js';
import { submitProgressReport } from '../../src/services/reporting/submit-report.js';
import { acceptProgressReport } from '../../src/services/reporting/review-report.js';
import { listMeasures } from '../../src/db/tasks.repository.js';
import type { Access } from '../../src/services/access.js';
import { accessFor } from './support/access.js';

/** 10:00 in China on the day. */
const at = (day: string) => vi.setSystemTime(new Date(`${day}T02:00:00Z`));

describe.each(DIALECTS)('as-of reads of the report on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let admin: Access, reporter: Access, reviewer: Access;
  let planId: number;
  let first: { taskId: number; assignmentId: number };
  let second: { taskId: number; assignmentId: number };
  const scope = () => ['/'];
  const build = (asOf?: string) => buildReport(ctx, scope(), { orgUnitId: tree.countyA.id, asOf, withSummary: true });
  /** What a reader gets: the preview's report and checks, and the Markdown and text files. */
  const seen = async (built: BuiltReport) => ({
    report: built.report, checks: built.checks, ledgerRows: built.ledgerRows,
    md: (await renderReportFile(built, 'md')).toString('utf8'), txt: (await renderReportFile(built, 'txt')).toString('utf8'),
  });
  const madeOn = new Map<string, Awaited<ReturnType<typeof seen>>>();

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2025-03-03');
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    planId = (await buildPlan(ctx, tree.province)).plan.id;
    admin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.province));
    reporter = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyA));
    reviewer = await accessFor(ctx, await buildUser(ctx, 'reviewer', tree.city));
    const a = await buildTask(ctx, { planId, org: tree.countyA, code: '2', measures: ['（一）整治散乱污企业。一是排查。二是关停。'] });
    const b = await buildTask(ctx, { planId, org: tree.countyA, code: '30', measures: ['（一）推进污水管网建设。'] });
    first = { taskId: a.task.id, assignmentId: a.assignment.id };
    second = { taskId: b.task.id, assignmentId: b.assignment.id };
  });
  afterAll(async () => {
    await ctx.cleanup();
    vi.useRealTimers();
  });

  it('day one (2025-03-03): two tasks on schedule', async () => {
    const built = await build();
    expect(built.report.tasks.map((t) => [t.code, t.status])).toEqual([['2', '达到序时进度'], ['30', '达到序时进度']]);
    madeOn.set('2025-03-03', await seen(built));
  });

  it('day two (2025-03-10): a new task, a corrected problem text, a new measure, an accepted report completing a task', async () => {
    at('2025-03-10');
    await buildTask(ctx, { planId, org: tree.countyA, code: '38' });
    const task = (await ctx.db.selectFrom('tasks').select('version').where('id', '=', first.taskId).executeTakeFirstOrThrow()).version;
    await updateTaskFields(ctx, admin, first.taskId, { problem: '散乱污企业整治不到位（已更正）', version: task });
    await createPart(ctx, admin, 'measures', second.assignmentId, { ordinal: 2, text: '（二）完成雨污分流改造。' });
    const evidence = await storeEvidence(ctx, reporter.actor, { ownerType: 'assignment', ownerId: first.assignmentId, orgUnitId: tree.countyA.id, name: '验收意见.pdf', data: PDF });
    const report = await submitProgressReport(ctx, reporter, first.assignmentId, { progress: '散乱污企业全部关停取缔。', statusText: '已完成整改', evidenceIds: [evidence.id] });
    await acceptProgressReport(ctx, reviewer, report.id, { version: report.version });
    const built = await build();
    expect(built.report.tasks.map((t) => [t.code, t.status])).toEqual([['2', '已完成整改'], ['30', '达到序时进度'], ['38', '达到序时进度']]);
    madeOn.set('2025-03-10', await seen(built));
  });

  it('day three (2025-04-01): the first measure of task 30 is reworded; the report is as edited', async () => {
    at('2025-04-01');
    const [m] = await listMeasures(ctx.db, second.assignmentId);
    await updatePartFields(ctx, admin, 'measures', m!.id, m!.version, { text: '（一）推进污水管网建设，新建管网 12 公里。' });
    const built = await build();
    expect(built.report.tasks.find((t) => t.code === '30')!.measures.map((x) => x.text)).toEqual(['（一）推进污水管网建设，新建管网 12 公里。', '（二）完成雨污分流改造。']);
  });

  it('an as-of export of each past day equals the export made on that day', async () => {
    at('2025-05-20');
    for (const [day, then] of madeOn) {
      const now = await seen(await build(day));
      expect(now.report).toEqual(then.report);
      expect(now.checks).toEqual(then.checks);
      expect(now.ledgerRows).toEqual(then.ledgerRows);
      expect(now.md).toBe(then.md);
      expect(now.txt).toBe(then.txt);
    }
    // The day before the change answers the first state too: tasks created later are absent.
    const before = await build('2025-03-09');
    expect(before.report.tasks.map((t) => t.code)).toEqual(['2', '30']);
    expect(before.report.tasks[0]!.problem).not.toContain('已更正');
  });

  it('before anything existed, the report has no tasks; the diff from then lists every task as new', async () => {
    expect((await build('2025-01-01')).report.tasks).toEqual([]);
    const diff = diffReports((await build('2025-01-01')).report, (await build()).report);
    expect(diff.added.map((t) => t.code)).toEqual(['2', '30', '38']);
    expect(diff.statusChanged).toEqual([]);
  });

  it('the diff between two past days names what changed between them', async () => {
    const diff = diffReports((await build('2025-03-03')).report, (await build('2025-03-10')).report);
    expect(diff.added.map((t) => t.code)).toEqual(['38']);
    expect(diff.statusChanged).toEqual([{ code: '2', from: '达到序时进度', to: '已完成整改' }]);
    expect(diff.newlyCompleted).toEqual(['2']);
    expect(diff.newMeasures).toEqual([{ code: '30', text: '（二）完成雨污分流改造。' }]);
  });
});
