/**
 * Reporting rounds, closure and reminders: a progress report keeps the evidence it cites and the claims it applied
 * (milestone completions and their previous dates), so returning it can take them back; one report per assignment
 * per round; a closure records the unit that accepts it ("谁验收谁负责"), and a subject has at most one procedure
 * under way; indexes for notifications, the outbox and rounds.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

export function reportingClosureMigration(_dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.alterTable('progress_reports').addColumn('evidence_ids', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('progress_reports').addColumn('claims', 'text', (c) => c.notNull().defaultTo('{}')).execute();
      // NULL round ids (imported and ad-hoc reports) are distinct in a unique index on both dialects.
      await db.schema.createIndex('progress_reports_round_unique').on('progress_reports').columns(['round_id', 'assignment_id']).unique().execute();
      await db.schema.createIndex('reporting_rounds_scope').on('reporting_rounds').columns(['scope_org_id', 'state']).execute();

      await db.schema.alterTable('closures').addColumn('accepting_org_id', 'integer', (c) => c.references('org_units.id')).execute();
      // Same syntax on SQLite and PostgreSQL; a partial index keeps two concurrent applications from both succeeding.
      await sql`CREATE UNIQUE INDEX closures_open_subject ON closures (subject_type, subject_id) WHERE state IN ('reopened', 'applied', 'accepted', 'noticed')`.execute(db);
      await db.schema.createIndex('closures_reopened_from').on('closures').column('reopened_from_id').execute();
      await db.schema.createIndex('objections_closure').on('objections').columns(['closure_id', 'id']).execute();

      await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
      await db.schema.createIndex('outbox_state').on('outbox').columns(['state', 'id']).execute();
    },
    async down(db: Db): Promise<void> {
      for (const name of ['outbox_state', 'notifications_user', 'objections_closure', 'closures_reopened_from', 'closures_open_subject', 'reporting_rounds_scope', 'progress_reports_round_unique']) {
        await db.schema.dropIndex(name).ifExists().execute();
      }
      await db.schema.alterTable('closures').dropColumn('accepting_org_id').execute();
      await db.schema.alterTable('progress_reports').dropColumn('claims').execute();
      await db.schema.alterTable('progress_reports').dropColumn('evidence_ids').execute();
    },
  };
}
