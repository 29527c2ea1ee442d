/**
 * A unit's public report covers its own plan's tasks held below it (issue #15): a city's report lists the tasks of
 * the city's plan held by the city or by any unit under it (departments, counties), each task once; a task several
 * units hold reads as their roll-up (core/schedule.ts rollUpStatus). On every dialect.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, type OrgTree } from '../helpers/factories.js';
import { insertAssignment } from '../../src/db/assignments.repository.js';
import { refreshSchedule } from '../../src/services/schedule.js';
import { buildReport } from '../../src/services/report-from-ledger.js';

describe.each(DIALECTS)('report source of a unit on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let inspectionId: number;
  const done = { isCompleted: true, completedAt: '2026-05-01', statusText: '完成整改', statusCode: 'completed' as const };
  const behind = { statusText: '未达到序时进度', statusCode: 'behind_schedule' as const };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    const province = await buildPlan(ctx, tree.province, '市级报告督察');
    inspectionId = province.inspection.id;
    const cityPlan = (await buildPlan(ctx, tree.city, '市级报告督察')).plan.id;
    const otherCityPlan = (await buildPlan(ctx, tree.otherCity, '市级报告督察')).plan.id;
    const share = async (taskId: number, orgId: number, fields: object, parentId: number | null = null) => {
      const a = await insertAssignment(ctx.db, taskId, orgId, { parentId, statusText: '达到序时进度', statusCode: 'on_schedule', deadlineKind: 'by_date', deadlineDate: '2030-12-31', ...fields });
      await ctx.db.transaction().execute((tx) => refreshSchedule(tx, a.id, '2026-06-01'));
    };
    // The city's plan: 1 held by the city; 2 only by its environment bureau; 3 by the bureau (done) and a county
    // (behind); 4 by the city with a county's share under it.
    await buildTask(ctx, { planId: cityPlan, org: tree.city, code: '1', problem: '市本级任务' });
    await buildTask(ctx, { planId: cityPlan, org: tree.department, code: '2', problem: '市生态环境局承担的任务', fields: { statusText: '基本完成', statusCode: 'basically_completed' } });
    const t3 = await buildTask(ctx, { planId: cityPlan, org: tree.department, code: '3', problem: '两个单位承担的任务', fields: done });
    await share(t3.task.id, tree.countyA.id, behind);
    const t4 = await buildTask(ctx, { planId: cityPlan, org: tree.city, code: '4', problem: '市与县共同承担的任务' });
    await share(t4.task.id, tree.countyB.id, {}, t4.assignment.id);
    // Not the city's: another city's plan, and the province's plan held by the city's bureau.
    await buildTask(ctx, { planId: otherCityPlan, org: tree.otherCity, code: '9', problem: '沈阳市的任务' });
    await buildTask(ctx, { planId: province.plan.id, org: tree.department, code: '8', problem: '省方案中由市生态环境局承担的任务' });
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('lists the tasks of the city\'s plan held by the city or by units under it, each once, in plan order', async () => {
    const { report, ledgerRows } = await buildReport(ctx, [tree.province.path], { orgUnitId: tree.city.id, inspectionId });
    expect(report.tasks.map((t) => t.code)).toEqual(['1', '2', '3', '4']);
    expect(ledgerRows.map((r) => r.code)).toEqual(['1', '2', '3', '4']);
    expect(report.tasks.find((t) => t.code === '2')).toMatchObject({ problem: '市生态环境局承担的任务', status: '基本完成' });
  });

  it('reads a task several units below hold as their roll-up: the worst unfinished status and the worst warning', async () => {
    const { report, ledgerRows } = await buildReport(ctx, [tree.province.path], { orgUnitId: tree.city.id, inspectionId });
    // The bureau's share is done and the county's behind: the task is not done, and reads as behind schedule.
    expect(report.tasks.find((t) => t.code === '3')).toMatchObject({ status: '未达到序时进度', statusCode: 'behind_schedule' });
    expect(ledgerRows.find((r) => r.code === '3')?.latestProgress).toBeNull();
    // The worst warning of the two shares: the county's (the bureau's, done, is green).
    const county = await ctx.db.selectFrom('assignments').select('warning').where('org_unit_id', '=', tree.countyA.id).executeTakeFirstOrThrow();
    expect(county.warning).not.toBe('green');
    expect(ledgerRows.find((r) => r.code === '3')?.warning).toBe({ red: '红', yellow: '黄' }[county.warning as 'red' | 'yellow']);
  });

  it('reports a city whose plan only its departments hold, instead of refusing it as having no tasks', async () => {
    const lone = await buildOrgTree(ctx);
    const plan = (await buildPlan(ctx, lone.city, '部门承担督察')).plan.id;
    await buildTask(ctx, { planId: plan, org: lone.department, code: '5', problem: '只有部门承担的任务' });
    const { report } = await buildReport(ctx, [lone.province.path], { orgUnitId: lone.city.id });
    expect(report.inspection).toBe('部门承担督察');
    expect(report.tasks.map((t) => t.code)).toEqual(['5']);
  });

  it('keeps the department\'s own report to its own shares', async () => {
    const { report } = await buildReport(ctx, [tree.province.path], { orgUnitId: tree.department.id, inspectionId });
    expect(report.tasks.map((t) => t.code).sort()).toEqual(['2', '3', '8']);
  });
});

describe.each(DIALECTS)('report source of a unit as of a past day on %s', (dialect) => {
  let ctx: TestContext;
  /** 10:00 in China on the day. */
  const at = (day: string) => vi.setSystemTime(new Date(`${day}T02:00:00Z`));

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2025-03-03');
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => {
    await ctx.cleanup();
    vi.useRealTimers();
  });

  it('reads the tasks held below the city from the recorded history, as the live report read them that day', async () => {
    at('2025-03-03');
    const tree = await buildOrgTree(ctx);
    const plan = (await buildPlan(ctx, tree.city, '回放督察')).plan.id;
    await buildTask(ctx, { planId: plan, org: tree.department, code: '1', problem: '部门承担的任务', fields: { statusText: '基本完成', statusCode: 'basically_completed' } });
    const t2 = await buildTask(ctx, { planId: plan, org: tree.department, code: '2', problem: '部门与县共同承担的任务', fields: { isCompleted: true, completedAt: '2025-03-01', statusText: '完成整改', statusCode: 'completed' } });
    const county = await insertAssignment(ctx.db, t2.task.id, tree.countyA.id, { statusText: '未达到序时进度', statusCode: 'behind_schedule', deadlineKind: 'by_date', deadlineDate: '2030-12-31' });
    await ctx.db.transaction().execute((tx) => refreshSchedule(tx, county.id, '2025-03-03'));
    const thatDay = await buildReport(ctx, [tree.province.path], { orgUnitId: tree.city.id });
    expect(thatDay.report.tasks.map((t) => [t.code, t.statusCode])).toEqual([['1', 'basically_completed'], ['2', 'behind_schedule']]);

    // A week later: another task below the city, and the county's share is done.
    at('2025-03-10');
    await buildTask(ctx, { planId: plan, org: tree.countyB, code: '3', problem: '后来增加的任务' });
    await ctx.db.updateTable('assignments').set({ status_text: '完成整改', status_code: 'completed', is_completed: 1, completed_at: '2025-03-09' }).where('id', '=', county.id).execute();
    await ctx.db.transaction().execute((tx) => refreshSchedule(tx, county.id, '2025-03-10'));
    const now = await buildReport(ctx, [tree.province.path], { orgUnitId: tree.city.id });
    expect(now.report.tasks.map((t) => t.code)).toEqual(['1', '2', '3']);

    const replayed = await buildReport(ctx, [tree.province.path], { orgUnitId: tree.city.id, asOf: '2025-03-03' });
    expect(replayed.report.tasks.map((t) => [t.code, t.statusCode, t.problem])).toEqual(thatDay.report.tasks.map((t) => [t.code, t.statusCode, t.problem]));
  });
});
