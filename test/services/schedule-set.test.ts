/**
 * The set-based writes a returned sheet (and a plan import) use, on every dialect: refreshing a set of assignments at
 * once leaves every row and every ancestor exactly as refreshing them one by one does; audit events appended
 * together keep the chain whole and in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { getAssignmentById, insertAssignment, updateAssignment } from '../../src/db/assignments.repository.js';
import type { Assignment } from '../../src/core/api/assignments.js';
import { appendAuditEvents, listAuditEvents, verifyAuditChain, SYSTEM_ACTOR } from '../../src/db/audit.repository.js';
import { createPart } from '../../src/services/assignment-parts.js';
import { refreshSchedule } from '../../src/services/schedule.js';
import { refreshSchedules } from '../../src/services/schedule-set.js';
import type { Access } from '../../src/services/access.js';
import { accessFor } from './support/access.js';

describe.each(DIALECTS)('set-based schedule refresh and audit append on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let planId: number;
  let admin: Access;
  const AS_OF = '2026-06-01';

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    planId = (await buildPlan(ctx, tree.province)).plan.id;
    admin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.province));
  });
  afterAll(async () => { await ctx.cleanup(); });

  /** A city's share with three shares under it, each then changed in a way that moves its colour (and the city's). */
  async function buildFamily(): Promise<{ city: Assignment; shares: Assignment[] }> {
    const { task, assignment: city } = await buildTask(ctx, { planId, org: tree.city });
    const share = (orgId: number) => insertAssignment(ctx.db, task.id, orgId, {
      parentId: city.id, statusText: '达到序时进度', statusCode: 'on_schedule', deadlineKind: 'by_date', deadlineDate: '2030-12-31',
    });
    const shares = [await share(tree.countyA.id), await share(tree.countyB.id), await share(tree.department.id)];
    for (const s of shares) await ctx.db.transaction().execute((tx) => refreshSchedule(tx, s.id, AS_OF));
    await createPart(ctx, admin, 'milestones', shares[0]!.id, { title: '完成管网3公里', dueDate: '2026-03-31', weight: 1 });
    const [a, b, c] = await Promise.all(shares.map((s) => getAssignmentById(ctx.db, s.id)));
    // A: a milestone overdue (it now reads behind); B: its deadline passed; C: completed.
    await updateAssignment(ctx.db, b!.id, b!.version, { deadlineDate: '2026-04-30', statusText: '正在推进', statusCode: 'in_progress' });
    await updateAssignment(ctx.db, c!.id, c!.version, { isCompleted: true, completedAt: '2026-05-20', statusText: '完成整改', statusCode: 'completed' });
    return { city, shares: [a!, b!, c!] };
  }

  const state = async (id: number) => {
    const a = await getAssignmentById(ctx.db, id);
    return { scheduleStatus: a.scheduleStatus, warning: a.warning, warningReason: a.warningReason };
  };

  it('leaves the rows and their parent as the one-by-one refresh does', async () => {
    const one = await buildFamily();
    const set = await buildFamily();
    const before = await state(set.city.id);
    await ctx.db.transaction().execute(async (tx) => { for (const s of one.shares) await refreshSchedule(tx, s.id, AS_OF); });
    const written = await ctx.db.transaction().execute((tx) => refreshSchedules(tx, set.shares.map((s) => s.id), AS_OF));
    for (let i = 0; i < 3; i++) expect(await state(set.shares[i]!.id)).toEqual(await state(one.shares[i]!.id));
    expect(await state(set.city.id)).toEqual(await state(one.city.id));
    // The changes were real: the shares' colours and the city's roll-up moved, and were written.
    expect(await state(set.shares[1]!.id)).toMatchObject({ scheduleStatus: 'overdue', warning: 'red' });
    expect((await state(set.city.id)).warning).toBe('red');
    expect(await state(set.city.id)).not.toEqual(before);
    expect(written).toBeGreaterThanOrEqual(3);
    // Nothing left to do: a second pass writes nothing.
    expect(await ctx.db.transaction().execute((tx) => refreshSchedules(tx, set.shares.map((s) => s.id), AS_OF))).toBe(0);
  });

  it('computes a parent in the set after its children in the same set', async () => {
    const one = await buildFamily();
    const set = await buildFamily();
    await ctx.db.transaction().execute(async (tx) => { for (const s of one.shares) await refreshSchedule(tx, s.id, AS_OF); });
    // The parent first in the list: it must still end with its children's new state rolled up.
    await ctx.db.transaction().execute((tx) => refreshSchedules(tx, [set.city.id, ...set.shares.map((s) => s.id)], AS_OF));
    expect(await state(set.city.id)).toEqual(await state(one.city.id));
  });

  it('appends many events in order, each chained to the one before, and the chain verifies', async () => {
    const head = (await listAuditEvents(ctx.db, { limit: 1 }))[0]?.id ?? 0;
    const inputs = Array.from({ length: 250 }, (_, i) => ({ action: 'test.batch', entityType: 'test', entityId: i + 1, after: { n: i + 1 } }));
    await ctx.db.transaction().execute((tx) => appendAuditEvents(tx, ctx.dialect, SYSTEM_ACTOR, inputs));
    const events = (await listAuditEvents(ctx.db, { entityType: 'test', limit: 500 })).filter((e) => e.id > head).reverse();
    expect(events.map((e) => e.entityId)).toEqual(inputs.map((i) => String(i.entityId)));
    expect(events.map((e) => (e.after as { n: number }).n)).toEqual(inputs.map((i) => i.after.n));
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
