/**
 * Server-made texts as codes with parameters (issue #21), so each reader words them in their own language:
 * - `assignments.warning_reason_code` and `assignment_states.warning_reason_code`: the warning reason as parts
 *   (core/reason-text.ts, JSON) beside `warning_reason`, its Chinese text, which the public report, Chinese exports
 *   and search keep reading;
 * - `notifications.params`: the values a notification was composed of (JSON); its `kind` is its message code.
 * Rows from before keep null: readers show their text as written (the next recompute of a warning fills its code).
 */
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

export function textCodesMigration() {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.alterTable('assignments').addColumn('warning_reason_code', 'text').execute();
      await db.schema.alterTable('assignment_states').addColumn('warning_reason_code', 'text').execute();
      await db.schema.alterTable('notifications').addColumn('params', 'text').execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.alterTable('notifications').dropColumn('params').execute();
      await db.schema.alterTable('assignment_states').dropColumn('warning_reason_code').execute();
      await db.schema.alterTable('assignments').dropColumn('warning_reason_code').execute();
    },
  };
}
