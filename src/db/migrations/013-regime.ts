/**
 * The regime level by level (issue #17), first part: graded acceptance.
 * - An inspection or a plan may define its acceptance chain (JSON list of levels, e.g. ["county","city","province"]);
 *   a plan's chain wins over its inspection's, and without either the deployment setting's level applies.
 * - A closure keeps the stages fixed at its application (JSON list of { level, orgUnitId }) and how many have accepted;
 *   accepting_org_id stays the unit whose turn it is (the last stage's unit once every stage has accepted).
 * - Closed means locked: the closure freezes the content it approved at 销号 (JSON: the task, measures, milestones,
 *   indicator values, the evidence with hashes, the opinions of every step), printed as the 销号审批表.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

export function regimeAcceptanceMigration(_dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.alterTable('inspections').addColumn('acceptance_chain', 'text').execute();
      await db.schema.alterTable('plans').addColumn('acceptance_chain', 'text').execute();
      await db.schema.alterTable('closures').addColumn('acceptance_stages', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('closures').addColumn('stage_index', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('closures').addColumn('approved_content', 'text').execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.alterTable('closures').dropColumn('approved_content').execute();
      await db.schema.alterTable('closures').dropColumn('stage_index').execute();
      await db.schema.alterTable('closures').dropColumn('acceptance_stages').execute();
      await db.schema.alterTable('plans').dropColumn('acceptance_chain').execute();
      await db.schema.alterTable('inspections').dropColumn('acceptance_chain').execute();
    },
  };
}
