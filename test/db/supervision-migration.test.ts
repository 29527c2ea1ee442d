/**
 * Migration 017 (supervision as records) on every dialect: the free text written before it is carried over, nothing
 * lost — a listing's leader becomes a leader charge from the listing's day, each free-text accountability row becomes
 * one 其他 record with its persons, units and words; old listings get the unit that listed them; undoing it gives the
 * texts back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, type OrgTree } from '../helpers/factories.js';
import { supervisionMigration } from '../../src/db/migrations/017-supervision.js';
import { listAccountability } from '../../src/db/case-records.repository.js';
import { listLeaderCharges } from '../../src/db/supervision.repository.js';

describe.each(DIALECTS)('migration 017-supervision on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let assignmentId: number;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.province);
    assignmentId = (await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '8' })).assignment.id;
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('carries the free-text leader and accountability into records, and back when undone', async () => {
    const migration = supervisionMigration(dialect);
    await migration.down(ctx.db as never);
    // Rows as written before 017: a city-level listing naming its leader in a text field, one without, and a free-text 问责.
    await sql`INSERT INTO supervision_listings (subject_type, subject_id, level, reason, leader, listed_at)
      VALUES ('assignment', ${assignmentId}, 'city', 'key_case', ${'王副市长'}, '2025-06-02T03:00:00.000Z')`.execute(ctx.db);
    await sql`INSERT INTO supervision_listings (subject_type, subject_id, level, reason, leader, listed_at)
      VALUES ('assignment', ${assignmentId}, 'province', 'other', NULL, '2025-07-02T03:00:00.000Z')`.execute(ctx.db);
    await sql`INSERT INTO accountability_records (subject_type, subject_id, persons, units, measures, decided_at, document, created_at)
      VALUES ('assignment', ${assignmentId}, ${JSON.stringify(['张某（副局长）', '李某'])}, ${JSON.stringify(['新宾县水务局'])}, ${'停职检查，扣发年度绩效'}, '2025-06-20', ${'新纪发〔2025〕5号'}, '2025-06-21T00:00:00.000Z')`.execute(ctx.db);

    await migration.up(ctx.db as never);
    expect(await listLeaderCharges(ctx.db, 'assignment', [assignmentId])).toEqual([
      expect.objectContaining({ leaderName: '王副市长', position: null, unitName: null, assignedOn: '2025-06-02', actions: [] }),
    ]);
    const listings = await ctx.db.selectFrom('supervision_listings').select(['level', 'listed_org_id']).orderBy('id').execute();
    // The nearest unit at or above each listing's level: the city for the city plate, the province for the provincial one.
    expect(listings).toEqual([{ level: 'city', listed_org_id: tree.city.id }, { level: 'province', listed_org_id: tree.province.id }]);
    expect(await listAccountability(ctx.db, 'assignment', [assignmentId])).toEqual([expect.objectContaining({
      person: '张某（副局长）、李某', position: null, unitName: '新宾县水务局', measure: 'other', measureOther: '停职检查，扣发年度绩效', decidedAt: '2025-06-20', document: '新纪发〔2025〕5号',
    })]);

    await migration.down(ctx.db as never);
    const back = await sql<{ persons: string; units: string; measures: string }>`SELECT persons, units, measures FROM accountability_records`.execute(ctx.db);
    expect(back.rows).toEqual([{ persons: JSON.stringify(['张某（副局长）、李某']), units: JSON.stringify(['新宾县水务局']), measures: '停职检查，扣发年度绩效' }]);
    const leaders = await sql<{ leader: string | null }>`SELECT leader FROM supervision_listings ORDER BY id`.execute(ctx.db);
    expect(leaders.rows.map((r) => r.leader)).toEqual(['王副市长', '王副市长']);
    await migration.up(ctx.db as never);
  });
});
