/**
 * What the resource API needs from the schema: audit events carry the org unit they concern (so an administrator
 * reads only the trail of their own subtree), and indexes for the scoped list queries (members of a unit, a user's
 * tokens, a plan's tasks in order, the ledger's subtree and status filters).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

export function apiScopeMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('audit_events').addColumn('org_unit_id', 'integer').execute();
      await db.schema.createIndex('audit_org_unit').on('audit_events').columns(['org_unit_id', 'id']).execute();
      await db.schema.createIndex('memberships_org_unit').on('memberships').columns(['org_unit_id', 'user_id']).execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id', 'id']).execute();
      await db.schema.createIndex('tasks_plan_order').on('tasks').columns(['plan_id', 'sort_order', 'id']).execute();
      // Covers the ledger's subtree filter, status filter and join to tasks without reading assignment rows; it
      // replaces the (org_unit_id, schedule_status) index of 001, its prefix.
      await db.schema.createIndex('assignments_org_status_task').on('assignments').columns(['org_unit_id', 'schedule_status', 'task_id']).execute();
      await db.schema.dropIndex('assignments_org_status').execute();
      // Read task by task (a large ledger in task order), a status filter is checked in the index, not row by row.
      await db.schema.createIndex('assignments_task_status_org').on('assignments').columns(['task_id', 'schedule_status', 'org_unit_id']).execute();
      if (dialect === 'postgres') {
        // Materialized paths are compared by prefix (LIKE '/1/4/%'); text_pattern_ops lets PostgreSQL use an index for it
        // under a non-C collation.
        await sql`CREATE INDEX org_units_path_prefix ON org_units (path text_pattern_ops)`.execute(db);
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres') await sql`DROP INDEX IF EXISTS org_units_path_prefix`.execute(db);
      await db.schema.createIndex('assignments_org_status').on('assignments').columns(['org_unit_id', 'schedule_status']).execute();
      for (const name of ['assignments_task_status_org', 'assignments_org_status_task', 'tasks_plan_order', 'api_tokens_user', 'memberships_org_unit', 'audit_org_unit']) {
        await db.schema.dropIndex(name).ifExists().execute();
      }
      await db.schema.alterTable('audit_events').dropColumn('org_unit_id').execute();
    },
  };
}
