/**
 * Migration 020 on existing data: publications that repeat the version before them (an unchanged re-import used to
 * publish again) fold into it; different content becomes the next version; each unit and inspection is its own report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan } from '../helpers/factories.js';
import { reportVersionsMigration } from '../../src/db/migrations/020-report-versions.js';
import { getPublishedReportContent, insertPublishedReport, listPublishedReportGroups } from '../../src/db/imports.repository.js';

const doc = (status: string, asOf = '2023-12-31') => ({ title: '抚顺市整改进展情况', region: '抚顺市', inspection: null, asOf, summary: [], warnings: [], tasks: [{ code: '1', number: 1, problem: '扬尘', goal: null, status, statusCode: null, measures: [], units: [], deadline: null, documents: [], facts: [] }] });

describe.each(DIALECTS)('report versions (migration 020) on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await createTestContext(dialect); });
  afterAll(async () => { await ctx.cleanup(); });

  it('folds repeats into the version they repeat and numbers the rest per report', async () => {
    const tree = await buildOrgTree(ctx);
    const { inspection } = await buildPlan(ctx, tree.city);
    const migration = reportVersionsMigration();
    await migration.down(ctx.db as never);
    // Published before versions existed, oldest first: three copies of one text, a changed text, then the county's.
    const insert = async (org: number, content: ReturnType<typeof doc>, at: string) => Number((await sql<{ id: number }>`INSERT INTO published_reports (org_unit_id, inspection_id, title, as_of, content, import_id, published_at, published_by)
      VALUES (${org}, ${inspection.id}, ${content.title}, ${content.asOf}, ${JSON.stringify(content)}, ${null}, ${at}, ${null}) RETURNING id`.execute(ctx.db)).rows[0]!.id);
    const a = await insert(tree.city.id, doc('有所好转'), '2024-01-02T00:00:00.000Z');
    const a2 = await insert(tree.city.id, doc('有所好转', '2024-01-05'), '2024-01-05T00:00:00.000Z');
    const a3 = await insert(tree.city.id, doc('有所好转'), '2024-01-06T00:00:00.000Z');
    const b = await insert(tree.city.id, doc('已完成整改'), '2024-02-01T00:00:00.000Z');
    const c = await insert(tree.countyA.id, doc('有所好转'), '2024-02-02T00:00:00.000Z');
    await migration.up(ctx.db as never);

    const rows = await ctx.db.selectFrom('published_reports').select(['id', 'version', 'duplicate_of']).orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.version, r.duplicate_of])).toEqual([[a, 1, null], [a2, null, a], [a3, null, a], [b, 2, null], [c, 1, null]]);
    const groups = await listPublishedReportGroups(ctx.db);
    expect(groups.map((g) => [g.id, g.version, g.earlier.map((e) => e.id)])).toEqual([[c, 1, []], [b, 2, [a]]]);
    // An old address of a folded repeat still opens the same text.
    expect((await getPublishedReportContent(ctx.db, a3))?.record).toMatchObject({ id: a, version: 1 });
    // The next publication continues the numbering.
    const next = await insertPublishedReport(ctx.db, { orgUnitId: tree.city.id, inspectionId: inspection.id, title: 't', asOf: '2024-03-01', content: doc('已销号'), importId: null, publishedBy: null });
    expect((await ctx.db.selectFrom('published_reports').select('version').where('id', '=', next).executeTakeFirstOrThrow()).version).toBe(3);
  });
});
