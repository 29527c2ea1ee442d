/**
 * Request rate limits kept in the database, so several server instances behind one load balancer count an address's
 * sign-in attempts together instead of each allowing the full quota. One row per limited key (route and client
 * address) holding the hits of its current fixed window; expired rows are swept by the store as it goes.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

export function sharedRateLimitMigration(_dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.createTable('rate_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('hits', 'integer', (c) => c.notNull())
        // ISO-8601 UTC, like every timestamp here: the end of the window the hits belong to.
        .addColumn('window_ends', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_limits_window_ends').on('rate_limits').column('window_ends').execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropTable('rate_limits').ifExists().execute();
    },
  };
}
