/**
 * The roll-up rule (issue #17): a parent share's status, warning and completion follow from its children and its own
 * open items (rollUpStatus), on trees of several levels; the report prints a parent whose children are all
 * 完成整改 as completed, not 未注明.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, type OrgTree } from '../helpers/factories.js';
import { getAssignmentById, insertAssignment, updateAssignment } from '../../src/db/assignments.repository.js';
import type { Assignment } from '../../src/core/api/assignments.js';
import { insertOrgUnit } from '../../src/db/org-units.repository.js';
import { rollUpStatus, type RollUpChild } from '../../src/core/schedule.js';
import { refreshSchedule } from '../../src/services/schedule.js';
import { buildReport } from '../../src/services/report-from-ledger.js';

describe('rollUpStatus (the written rule)', () => {
  const unknown = { status: 'unknown' as const, ratio: null, reason: '无节点和指标，也无报送状态，无法判断' };
  const done = { status: 'completed' as const, ratio: 1, reason: '已完成整改' };
  const child = (status: RollUpChild['status'], label: string): RollUpChild => ({ status, warning: 'green', label });

  it('leaves a share without children as its own items say', () => {
    expect(rollUpStatus(unknown, [])).toBe(unknown);
  });
  it('completes a parent with no items of its own when every child is done', () => {
    expect(rollUpStatus(unknown, [child('completed', '新宾'), child('closed', '清原')])).toMatchObject({ status: 'completed', reason: '本级无自身节点和指标，下级单位均已完成整改' });
  });
  it('gives a parent with no items of its own its worst unfinished child', () => {
    expect(rollUpStatus(unknown, [child('completed', '新宾'), child('on_schedule', '清原'), child('behind_schedule', '抚顺县'), child('behind_schedule', '市生态环境局')]))
      .toMatchObject({ status: 'behind_schedule', reason: '本级无自身节点和指标，按下级单位：抚顺县、市生态环境局未达序时进度' });
    expect(rollUpStatus(unknown, [child('on_schedule', '清原'), child('overdue', '新宾')]).status).toBe('overdue');
  });
  it('keeps a done parent in progress until its children are done, and an open parent as it is', () => {
    expect(rollUpStatus(done, [child('on_schedule', '清原')])).toMatchObject({ status: 'in_progress', reason: '本级已完成，下级单位尚未全部完成：清原' });
    expect(rollUpStatus(done, [child('completed', '清原')])).toBe(done);
    const own = { status: 'on_schedule' as const, ratio: 0.5, reason: '节点' };
    expect(rollUpStatus(own, [child('completed', '清原')])).toBe(own);
  });
});

describe.each(DIALECTS)('roll-up over a tree of shares on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  const refresh = (id: number) => ctx.db.transaction().execute((tx) => refreshSchedule(tx, id, '2026-06-01'));
  const complete = async (a: Assignment) => {
    const current = await getAssignmentById(ctx.db, a.id);
    await updateAssignment(ctx.db, a.id, current.version, { isCompleted: true, statusText: '完成整改', statusCode: 'completed' });
    return refresh(a.id);
  };
  const share = (taskId: number, orgId: number, parentId: number, fields: Parameters<typeof insertAssignment>[3] = {}) =>
    insertAssignment(ctx.db, taskId, orgId, { parentId, statusText: '达到序时进度', statusCode: 'on_schedule', deadlineKind: 'by_date', deadlineDate: '2030-12-31', ...fields });

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('rolls up province ← city ← counties ← a township office through three levels', async () => {
    const planId = (await buildPlan(ctx, tree.province)).plan.id;
    const blank = { statusText: null, statusCode: null };
    const { task, assignment: province } = await buildTask(ctx, { planId, org: tree.province, fields: blank, measures: [] });
    const city = await share(task.id, tree.city.id, province.id, blank);
    const countyA = await share(task.id, tree.countyA.id, city.id, blank);
    const countyB = await share(task.id, tree.countyB.id, city.id);
    const office = await insertOrgUnit(ctx.db, { parentId: tree.countyA.id, code: `T${Date.now()}`, name: '永陵镇', kind: 'department' });
    const town = await share(task.id, office.id, countyA.id, { statusText: '未达到序时进度', statusCode: 'behind_schedule' });
    await refresh(town.id);
    await refresh(countyB.id);
    expect(await getAssignmentById(ctx.db, countyA.id)).toMatchObject({ scheduleStatus: 'behind_schedule', warning: 'yellow' });
    expect(await getAssignmentById(ctx.db, city.id)).toMatchObject({ scheduleStatus: 'behind_schedule', warningReason: expect.stringContaining('新宾满族自治县') });
    expect((await getAssignmentById(ctx.db, province.id)).scheduleStatus).toBe('behind_schedule');
    await complete(town);
    expect((await getAssignmentById(ctx.db, countyA.id)).scheduleStatus).toBe('completed');
    expect(await getAssignmentById(ctx.db, city.id)).toMatchObject({ scheduleStatus: 'on_schedule', warningReason: expect.stringContaining('清原满族自治县达到序时进度') });
    await complete(countyB);
    expect(await getAssignmentById(ctx.db, city.id)).toMatchObject({ scheduleStatus: 'completed', warning: 'green' });
    expect(await getAssignmentById(ctx.db, province.id)).toMatchObject({ scheduleStatus: 'completed', warning: 'green' });
  });

  it('prints a parent whose children are all 完成整改 as 完成整改 in the report, not 未注明', async () => {
    const planId = (await buildPlan(ctx, tree.city, '市级督察（汇总）')).plan.id;
    const { task, assignment: city } = await buildTask(ctx, { planId, org: tree.city, code: '7', fields: { statusText: null, statusCode: null } });
    for (const org of [tree.countyA, tree.countyB, tree.department]) await complete(await share(task.id, org.id, city.id));
    expect((await getAssignmentById(ctx.db, city.id)).scheduleStatus).toBe('completed');
    const { report } = await buildReport(ctx, [tree.province.path], { orgUnitId: tree.city.id, inspectionId: (await buildPlan(ctx, tree.city, '市级督察（汇总）')).inspection.id });
    expect(report.tasks.find((t) => t.code === '7')).toMatchObject({ status: '完成整改', statusCode: 'completed' });
  });
});
