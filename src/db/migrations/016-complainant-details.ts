/**
 * Complainants' details as a permission of its own (issue #18): a membership (a role at a unit) may carry the grant to
 * open the complainant's name and contact of the cases at that unit and below. No role implies it; administrators
 * grant and revoke it per membership. Nobody holds it when the migration runs: until an administrator grants it,
 * everyone sees the details masked.
 */
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

export function complainantDetailsMigration() {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.alterTable('memberships').addColumn('complainant_details', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.alterTable('memberships').dropColumn('complainant_details').execute();
    },
  };
}
