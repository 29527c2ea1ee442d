/**
 * The daily refresh in batches (issue #20): it lets the event loop run between batches (so requests are answered
 * while it works), and recomputing only what the date can move still leaves every assignment as a full refresh would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, type OrgTree } from '../helpers/factories.js';
import { getAssignmentById, insertAssignment } from '../../src/db/assignments.repository.js';
import { refreshAllSchedules, refreshSchedule } from '../../src/services/schedule.js';

describe.each(DIALECTS)('the daily schedule refresh on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let planId: number;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    planId = (await buildPlan(ctx, tree.province)).plan.id;
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('lets the event loop run between its batches', async () => {
    for (let i = 0; i < 3; i++) await buildTask(ctx, { planId, org: tree.countyA });
    let turned = false;
    setImmediate(() => { turned = true; });
    const turnedBeforeDone = refreshAllSchedules(ctx, '2026-06-01', { budgetMs: 0 }).then(() => turned);
    expect(await turnedBeforeDone).toBe(true);
  });

  it('leaves the date-stable shares alone and recomputes, after its share, a parent whose share turns overdue that day', async () => {
    // A city's share completed, its county's share due 2026-09-30; an overdue share far past its deadline.
    const { task, assignment: city } = await buildTask(ctx, { planId, org: tree.city, fields: { isCompleted: true, statusText: '完成整改', statusCode: 'completed' } });
    const county = await insertAssignment(ctx.db, task.id, tree.countyA.id, { parentId: city.id, statusText: '达到序时进度', statusCode: 'on_schedule', deadlineKind: 'by_date', deadlineDate: '2026-09-30' });
    const late = (await buildTask(ctx, { planId, org: tree.countyB, fields: { deadlineDate: '2026-01-31' } })).assignment;
    await ctx.db.transaction().execute((tx) => refreshSchedule(tx, county.id, '2026-09-30'));
    await refreshAllSchedules(ctx, '2026-09-30', { only: 'all' });
    expect(await getAssignmentById(ctx.db, city.id)).toMatchObject({ scheduleStatus: 'in_progress', warning: 'yellow' });
    const lateBefore = await getAssignmentById(ctx.db, late.id);
    expect(lateBefore).toMatchObject({ scheduleStatus: 'overdue', warning: 'red' });

    await refreshAllSchedules(ctx, '2026-10-01', { only: 'date' });
    expect(await getAssignmentById(ctx.db, county.id)).toMatchObject({ scheduleStatus: 'overdue', warning: 'red' });
    // Completed itself but with a share open, the parent moves with the date: recomputed after its share, same pass.
    const cityAfter = await getAssignmentById(ctx.db, city.id);
    expect(cityAfter).toMatchObject({ scheduleStatus: 'in_progress', warning: 'red' });
    expect(cityAfter.warningReason).toContain('下级单位');
    // Overdue for months, nothing to move: not written again.
    expect((await getAssignmentById(ctx.db, late.id)).version).toBe(lateBefore.version);

    // And the same result as recomputing everything.
    const snapshot = async () => (await ctx.db.selectFrom('assignments').select(['id', 'schedule_status', 'warning', 'warning_reason']).orderBy('id').execute());
    const incremental = await snapshot();
    await refreshAllSchedules(ctx, '2026-10-01', { only: 'all' });
    expect(await snapshot()).toEqual(incremental);
  });
});
