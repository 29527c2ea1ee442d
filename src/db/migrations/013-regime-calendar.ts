/**
 * The regime level by level (issue #17), second part: a working-day calendar that knows what it doesn't know — the
 * years an administrator entered, and their official holidays and adjusted working days (调休). Revisit draws keep
 * their top-ups (each with the population it was drawn from), so the whole quarter's sample reproduces from the seed.
 * Evidence keeps its versions: a replacement links to the version it replaces; a withdrawal is soft, with its reason.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

export function regimeCalendarMigration(_dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.createTable('calendar_years')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
        .addColumn('entered_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('calendar_days')
        .addColumn('date', 'text', (c) => c.primaryKey())
        .addColumn('year', 'integer', (c) => c.notNull().references('calendar_years.year').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('holiday', 'workday')`))
        .addColumn('name', 'text')
        .execute();
      await db.schema.alterTable('revisit_draws').addColumn('top_ups', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('evidence_files').addColumn('replaces_id', 'integer').execute();
      await db.schema.alterTable('evidence_files').addColumn('withdrawn_at', 'text').execute();
      await db.schema.alterTable('evidence_files').addColumn('withdrawn_by', 'integer').execute();
      await db.schema.alterTable('evidence_files').addColumn('withdraw_reason', 'text').execute();
      await db.schema.createIndex('evidence_files_replaces').on('evidence_files').column('replaces_id').unique().execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropIndex('evidence_files_replaces').ifExists().execute();
      for (const c of ['withdraw_reason', 'withdrawn_by', 'withdrawn_at', 'replaces_id']) await db.schema.alterTable('evidence_files').dropColumn(c).execute();
      await db.schema.alterTable('revisit_draws').dropColumn('top_ups').execute();
      await db.schema.dropTable('calendar_days').execute();
      await db.schema.dropTable('calendar_years').execute();
    },
  };
}
