/**
 * The workbench (issue #21): 催办 — a reminder an office sends by hand to a unit that has not reported in a round.
 * At most one a day per unit per round, held by a unique key on (round, unit, China date), so two clicks at once
 * (or two servers) send it once; each row remembers who sent it, when, and to how many people.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

export function workbenchMigration(dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      let t = db.schema.createTable('round_reminders');
      t = dialect === 'postgres'
        ? t.addColumn('id', 'serial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
      await t
        .addColumn('round_id', 'integer', (c) => c.notNull().references('reporting_rounds.id').onDelete('cascade'))
        .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('sent_on', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('sent_by', 'integer', (c) => c.references('users.id'))
        .addColumn('recipients', 'integer', (c) => c.notNull())
        .addColumn('owed', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('round_reminders_once_a_day').on('round_reminders').columns(['round_id', 'org_unit_id', 'sent_on']).unique().execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropTable('round_reminders').ifExists().execute();
    },
  };
}
