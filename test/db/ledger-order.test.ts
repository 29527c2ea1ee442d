/**
 * The ledger's sort keys on each assignment (migration 025: its task's plan and place, its unit's path) follow every
 * change that moves them, on both dialects: set on insert, and changed with the assignment's task or unit, the
 * task's plan or place, and the unit's path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';

describe.each(DIALECTS)('the ledger\'s sort keys on %s', (dialect) => {
  let ctx: TestContext;
  const now = new Date().toISOString();
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    await ctx.db.insertInto('org_units').values([
      { id: 1, parent_id: null, code: 'P', name: '省', kind: 'province', path: '/1/', created_at: now, updated_at: now },
      { id: 2, parent_id: 1, code: 'C', name: '市', kind: 'city', path: '/1/2/', created_at: now, updated_at: now },
    ]).execute();
    await ctx.db.insertInto('inspections').values({ id: 1, name: '督察', round: '3', kind: 'central', created_at: now, updated_at: now }).execute();
    await ctx.db.insertInto('plans').values([1, 2].map((id) => ({ id, inspection_id: 1, owner_org_id: 1, title: `方案${id}`, created_at: now, updated_at: now }))).execute();
    await ctx.db.insertInto('tasks').values([
      { id: 1, plan_id: 1, code: '1', sort_order: 5, problem: '问题', created_at: now, updated_at: now },
      { id: 2, plan_id: 2, code: '2', sort_order: 9, problem: '问题', created_at: now, updated_at: now },
    ]).execute();
    await ctx.db.insertInto('assignments').values({ id: 1, task_id: 1, org_unit_id: 2, search_text: '问题', created_at: now, updated_at: now }).execute();
  });
  afterAll(async () => { await ctx?.cleanup(); });

  const keys = async () => ctx.db.selectFrom('assignments').select(['task_plan_id', 'task_sort_order', 'org_path']).where('id', '=', 1).executeTakeFirstOrThrow();

  it('are set on insert', async () => {
    expect(await keys()).toEqual({ task_plan_id: 1, task_sort_order: 5, org_path: '/1/2/' });
  });

  it('follow the task\'s place and plan', async () => {
    await ctx.db.updateTable('tasks').set({ sort_order: 7 }).where('id', '=', 1).execute();
    expect(await keys()).toEqual({ task_plan_id: 1, task_sort_order: 7, org_path: '/1/2/' });
    await ctx.db.updateTable('tasks').set({ plan_id: 2 }).where('id', '=', 1).execute();
    expect(await keys()).toEqual({ task_plan_id: 2, task_sort_order: 7, org_path: '/1/2/' });
  });

  it('follow the assignment\'s task and unit', async () => {
    await ctx.db.updateTable('assignments').set({ task_id: 2, org_unit_id: 1 }).where('id', '=', 1).execute();
    expect(await keys()).toEqual({ task_plan_id: 2, task_sort_order: 9, org_path: '/1/' });
  });

  it('follow the unit\'s path', async () => {
    await ctx.db.updateTable('org_units').set({ path: '/1/x/' }).where('id', '=', 2).execute();
    await ctx.db.updateTable('assignments').set({ org_unit_id: 2 }).where('id', '=', 1).execute();
    expect((await keys()).org_path).toBe('/1/x/');
    await ctx.db.updateTable('org_units').set({ path: '/1/2/' }).where('id', '=', 2).execute();
    expect((await keys()).org_path).toBe('/1/2/');
  });
});
