/**
 * The state history (migration 018): a database from before it gets each assignment's state now, valid from the
 * assignment's creation; an unchanged state is not appended twice; a state placed at an earlier day (an imported
 * report's date) answers for that day while later days keep the later state.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask } from '../helpers/factories.js';
import { getAssignmentById, updateAssignment } from '../../src/db/assignments.repository.js';
import { lastInstantOf, recordAssignmentStates, statesAsOf } from '../../src/db/state-history.repository.js';
import { stateHistoryMigration } from '../../src/db/migrations/018-state-history.js';
import { textCodesMigration } from '../../src/db/migrations/021-text-codes.js';

const at = (day: string) => vi.setSystemTime(new Date(`${day}T02:00:00Z`));

describe.each(DIALECTS)('state history on %s', (dialect) => {
  let ctx: TestContext;
  let id: number;
  const count = async () => Number((await ctx.db.selectFrom('assignment_states').select((eb) => eb.fn.countAll().as('n')).where('assignment_id', '=', id).executeTakeFirstOrThrow()).n);
  const statusOn = async (day: string) => (await statesAsOf(ctx.db, day, { assignmentIds: [id] })).map((s) => s.status_text);

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2025-03-03');
    ctx = await createTestContext(dialect);
    const tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.province);
    id = (await buildTask(ctx, { planId: plan.id, org: tree.city })).assignment.id;
  });
  afterAll(async () => {
    await ctx.cleanup();
    vi.useRealTimers();
  });

  it('records each change once: the same state written again appends nothing', async () => {
    at('2025-03-10');
    const before = await count();
    await recordAssignmentStates(ctx.db, [id]);
    expect(await count()).toBe(before);
    const a = await getAssignmentById(ctx.db, id);
    await updateAssignment(ctx.db, id, a.version, { statusText: '已完成整改', statusCode: 'completed', isCompleted: true });
    expect(await count()).toBe(before + 1);
    expect(await statusOn('2025-03-09')).toEqual(['达到序时进度']);
    expect(await statusOn('2025-03-10')).toEqual(['已完成整改']);
    expect(await statusOn('2025-03-02')).toEqual([]);
  });

  it('places a state at an earlier day: that day answers with it, later days keep the later state', async () => {
    const a = await getAssignmentById(ctx.db, id);
    await updateAssignment(ctx.db, id, a.version, { statusText: '基本完成' });
    await recordAssignmentStates(ctx.db, [id], lastInstantOf('2025-03-05'));
    const a2 = await getAssignmentById(ctx.db, id);
    await updateAssignment(ctx.db, id, a2.version, { statusText: '已完成整改' });
    expect(await statusOn('2025-03-04')).toEqual(['达到序时进度']);
    expect(await statusOn('2025-03-05')).toEqual(['基本完成']);
    expect(await statusOn('2025-03-10')).toEqual(['已完成整改']);
  });

  it('backfills a database from before the migration: the state now, valid from the assignment\'s creation', async () => {
    // Back to before 018 (undoing 021 first, which adds a column to the history), then forward again.
    const migration = stateHistoryMigration(dialect);
    await textCodesMigration().down(ctx.db as never);
    await migration.down(ctx.db as never);
    await migration.up(ctx.db as never);
    await textCodesMigration().up(ctx.db as never);
    expect(await count()).toBe(1);
    expect(await statusOn('2025-03-02')).toEqual([]);
    expect(await statusOn('2025-03-03')).toEqual(['已完成整改']);
    const [state] = await statesAsOf(ctx.db, '2025-03-03', { assignmentIds: [id] });
    expect(JSON.parse(state!.measures)).toEqual([{ ordinal: 1, text: '严格落实年度目标任务。一是印发方案。二是加强宣传。', items: [], doneDate: null }]);
    // The next change is recorded on top of the backfilled state.
    const a = await getAssignmentById(ctx.db, id);
    await updateAssignment(ctx.db, id, a.version, { statusText: '已销号', isClosed: true });
    expect(await count()).toBe(2);
  });
});
