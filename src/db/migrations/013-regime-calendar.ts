/**
 * The regime level by level (issue #17), second part: a working-day calendar that knows what it doesn't know — the
 * years an administrator entered, and their official holidays and adjusted working days (调休). Revisit draws keep
 * their top-ups (each with the population it was drawn from), so the whole quarter's sample reproduces from the seed.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

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
    },
    async down(db: Db): Promise<void> {
      await db.schema.alterTable('revisit_draws').dropColumn('top_ups').execute();
      await db.schema.dropTable('calendar_days').execute();
      await db.schema.dropTable('calendar_years').execute();
    },
  };
}
