/**
 * Speed (issue #20): indexes that serve the ledger's sorts over a large subtree and the daily sweep's review queue,
 * whatever the planner's version.
 * - assignments (updated_at, id): the ledger sorted by last update reads the index in order and stops at the page;
 * - on PostgreSQL assignments (deadline_date, id): the same for the deadline sort (on SQLite the existing
 *   assignments_deadline already orders ties by rowid, the id);
 * - assignments (the warning's rank red–yellow–green, id): the sort by warning, the same way;
 * - progress_reports (state, submitted_at, id): the reports awaiting review, in the queue's order, without reading
 *   every report ever submitted.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { WARNING_RANK } from '../ledger-sort.js';

type Db = Kysely<unknown>;

export function speedMigration(dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.createIndex('assignments_updated').on('assignments').columns(['updated_at', 'id']).execute();
      if (dialect === 'postgres') await db.schema.createIndex('assignments_deadline_id').on('assignments').columns(['deadline_date', 'id']).execute();
      await db.schema.createIndex('assignments_warning_rank').on('assignments').expression(sql`(${sql.raw(WARNING_RANK)}), id`).execute();
      await db.schema.createIndex('progress_reports_state_submitted').on('progress_reports').columns(['state', 'submitted_at', 'id']).execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropIndex('progress_reports_state_submitted').ifExists().execute();
      await db.schema.dropIndex('assignments_warning_rank').ifExists().execute();
      await db.schema.dropIndex('assignments_deadline_id').ifExists().execute();
      await db.schema.dropIndex('assignments_updated').ifExists().execute();
    },
  };
}
