import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { getAssignmentById, insertAssignment, updateAssignment } from '../../src/db/assignments.repository.js';
import type { Assignment } from '../../src/core/api/assignments.js';
import { listAuditEvents } from '../../src/db/audit.repository.js';
import { refreshAllSchedules, refreshSchedule } from '../../src/services/schedule.js';
import { clearScheduleOverride, setScheduleOverride } from '../../src/services/schedule-override.js';
import type { Access } from '../../src/services/access.js';
import { accessFor } from './support/access.js';

describe.each(DIALECTS)('schedule refresh, roll-up and override on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let planId: number;
  let reviewer: Access;
  let reporter: Access;
  const refresh = (id: number, asOf = '2026-06-01') => ctx.db.transaction().execute((tx) => refreshSchedule(tx, id, asOf));
  const complete = async (a: Assignment) => {
    const current = await getAssignmentById(ctx.db, a.id);
    await updateAssignment(ctx.db, a.id, current.version, { isCompleted: true, statusText: '完成整改', statusCode: 'completed' });
    return refresh(a.id);
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    planId = (await buildPlan(ctx, tree.province)).plan.id;
    reviewer = await accessFor(ctx, await buildUser(ctx, 'reviewer', tree.city));
    reporter = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.city));
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('completes a city\'s task only when every county\'s and department\'s share is', async () => {
    const { task, assignment: city } = await buildTask(ctx, { planId, org: tree.city, fields: { isCompleted: true, statusText: '完成整改', statusCode: 'completed' } });
    const shares = [];
    for (const org of [tree.countyA, tree.countyB, tree.department]) {
      shares.push(await insertAssignment(ctx.db, task.id, org.id, { parentId: city.id, statusText: '达到序时进度', statusCode: 'on_schedule', deadlineKind: 'by_date', deadlineDate: '2030-12-31' }));
    }
    await refresh(shares[0]!.id);
    expect(await getAssignmentById(ctx.db, city.id)).toMatchObject({
      scheduleStatus: 'in_progress', warningReason: '本级已完成，下级单位尚未全部完成：新宾满族自治县、清原满族自治县、市生态环境局',
    });
    await complete(shares[0]!);
    await complete(shares[1]!);
    expect((await getAssignmentById(ctx.db, city.id)).scheduleStatus).toBe('in_progress');
    await complete(shares[2]!);
    expect(await getAssignmentById(ctx.db, city.id)).toMatchObject({ scheduleStatus: 'completed', warning: 'green' });
  });

  it('gives the parent the worst warning of its shares and says where it comes from', async () => {
    const { task, assignment: city } = await buildTask(ctx, { planId, org: tree.city });
    const late = await insertAssignment(ctx.db, task.id, tree.countyB.id, { parentId: city.id, statusText: '正在推进', statusCode: 'in_progress', deadlineKind: 'by_date', deadlineDate: '2026-03-31' });
    await refresh(late.id);
    expect(await getAssignmentById(ctx.db, city.id)).toMatchObject({
      scheduleStatus: 'on_schedule', warning: 'red', warningReason: '下级单位清原满族自治县：整改时限2026年3月31日已过，尚未完成',
    });
    // The same reason as codes, the child's nested, stored and read back (migration 021).
    expect((await getAssignmentById(ctx.db, city.id)).warningReasonCode).toEqual([
      { k: 'child', p: { unit: '清原满族自治县' }, sub: [{ k: 'overdue', p: { deadline: '2026-03-31' } }] },
    ]);
  });

  it('moves a task to overdue in the daily refresh when its deadline passes, with no change of data', async () => {
    const { assignment } = await buildTask(ctx, { planId, org: tree.countyA, fields: { deadlineDate: '2026-07-31' } });
    await refreshAllSchedules(ctx, '2026-07-31');
    expect(await getAssignmentById(ctx.db, assignment.id)).toMatchObject({ scheduleStatus: 'on_schedule', warning: 'yellow' });
    await refreshAllSchedules(ctx, '2026-08-01');
    expect(await getAssignmentById(ctx.db, assignment.id)).toMatchObject({ scheduleStatus: 'overdue', warning: 'red' });
  });

  it('keeps the computed status beside a reviewer\'s override, lets the override decide the colour, and clears it', async () => {
    const { assignment } = await buildTask(ctx, { planId, org: tree.countyA, fields: { deadlineDate: '2020-06-30' } });
    expect(assignment).toMatchObject({ scheduleStatus: 'overdue', warning: 'red' });
    const overridden = await setScheduleOverride(ctx, reviewer, assignment.id, { status: 'on_schedule', reason: '经省督改办同意延期至2030年底', version: assignment.version });
    expect(overridden).toMatchObject({ scheduleStatus: 'overdue', overrideStatus: 'on_schedule', overrideReason: '经省督改办同意延期至2030年底', overrideBy: reviewer.actor.id, warning: 'green' });
    expect(overridden.warningReason).toContain('人工认定为达到序时进度：经省督改办同意延期至2030年底（计算结果：逾期未完成');
    expect(overridden.warningReasonCode?.[0]).toMatchObject({ k: 'override', p: { status: 'on_schedule', computed: 'overdue', text: '经省督改办同意延期至2030年底' } });
    await expect(clearScheduleOverride(ctx, reviewer, assignment.id, assignment.version)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const cleared = await clearScheduleOverride(ctx, reviewer, assignment.id, overridden.version);
    expect(cleared).toMatchObject({ scheduleStatus: 'overdue', overrideStatus: null, overrideBy: null, warning: 'red' });
    const history = await listAuditEvents(ctx.db, { assignmentId: assignment.id });
    expect(history.map((e) => e.action).filter((a) => a.startsWith('schedule.'))).toEqual(['schedule.override_clear', 'schedule.override']);
  });

  it('lets only reviewers and administrators in scope override', async () => {
    const { assignment } = await buildTask(ctx, { planId, org: tree.countyA });
    await expect(setScheduleOverride(ctx, reporter, assignment.id, { status: 'behind_schedule', reason: '抽查发现进度滞后', version: assignment.version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await buildTask(ctx, { planId, org: tree.otherCity });
    await expect(setScheduleOverride(ctx, reviewer, other.assignment.id, { status: 'behind_schedule', reason: '抽查发现进度滞后', version: other.assignment.version })).rejects.toMatchObject({ code: 'ASSIGNMENT_NOT_FOUND' });
    // Closure is a procedure, not a judgement.
    await expect(setScheduleOverride(ctx, reviewer, assignment.id, { status: 'closed', reason: '直接销号', version: assignment.version })).rejects.toMatchObject({ name: 'ZodError' });
  });
});
