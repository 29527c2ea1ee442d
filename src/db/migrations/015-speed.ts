/**
 * Speed (issue #20): indexes that serve the ledger's sorts over a large subtree and the daily sweep's review queue,
 * whatever the planner's version.
 * - assignments by deadline, by last update and by the warning's rank (red, yellow, green), each with the id for
 *   ties and the columns the ledger filters on: a province's ledger in any of these orders reads the index in order
 *   and stops at the page, testing each entry's unit, status and warning in the index itself;
 * - progress_reports (state, submitted_at, id): the reports awaiting review, in the queue's order, without reading
 *   every report ever submitted.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { WARNING_RANK } from '../ledger-sort.js';

type Db = Kysely<unknown>;

export function speedMigration(_dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      // Each sort key, then the id (ties), then what the ledger filters by: the subtree's rows are told apart in the
      // index without reading the table.
      const filtered = ['org_unit_id', 'schedule_status', 'warning'];
      await db.schema.createIndex('assignments_deadline_sort').on('assignments').columns(['deadline_date', 'id', ...filtered]).execute();
      await db.schema.createIndex('assignments_updated_sort').on('assignments').columns(['updated_at', 'id', ...filtered]).execute();
      await db.schema.createIndex('assignments_warning_sort').on('assignments').expression(sql`(${sql.raw(WARNING_RANK)}), id, org_unit_id, schedule_status, warning`).execute();
      await db.schema.createIndex('progress_reports_state_submitted').on('progress_reports').columns(['state', 'submitted_at', 'id']).execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropIndex('progress_reports_state_submitted').ifExists().execute();
      for (const name of ['assignments_warning_sort', 'assignments_updated_sort', 'assignments_deadline_sort']) await db.schema.dropIndex(name).ifExists().execute();
    },
  };
}
