/**
 * Hardening (issue #18):
 * - API tokens expire and carry a scope (read / write); tokens made before this keep working as write tokens until
 *   90 days after the migration, so no machine client breaks the day it runs.
 * - Users may be made to change their password at their next sign-in.
 * - Audit events get a gapless sequence number (so a deleted event is named) and the id of the key their hash was
 *   made with (null: the plain sha256 of events written before; see audit.repository.ts). Existing events are
 *   numbered in id order; their hashes do not cover the number, so they keep verifying as they are.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

const LEGACY_TOKEN_DAYS = 90;

async function withAuditTriggersOff(db: Db, dialect: Dialect, work: () => Promise<void>): Promise<void> {
  // The append-only triggers refuse the one UPDATE the numbering needs; they are back before the migration ends.
  if (dialect === 'sqlite') {
    await sql`DROP TRIGGER audit_no_update`.execute(db);
    await work();
    await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
  } else {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_no_change`.execute(db);
    await work();
    await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_no_change`.execute(db);
  }
}

export function hardeningMigration(dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
      await db.schema.alterTable('api_tokens').addColumn('scope', 'text', (c) => c.notNull().defaultTo('read')).execute();
      const until = new Date(Date.now() + LEGACY_TOKEN_DAYS * 86_400_000).toISOString();
      await sql`UPDATE api_tokens SET scope = 'write', expires_at = ${until}`.execute(db);

      await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();

      await db.schema.alterTable('audit_events').addColumn('seq', 'integer').execute();
      await db.schema.alterTable('audit_events').addColumn('key_id', 'text').execute();
      await withAuditTriggersOff(db, dialect, async () => {
        // One statement on both dialects (UPDATE … FROM: SQLite 3.33+, PostgreSQL).
        await sql`UPDATE audit_events SET seq = r.n FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM audit_events) AS r
          WHERE audit_events.id = r.id`.execute(db);
      });
      await db.schema.createIndex('audit_events_seq').on('audit_events').column('seq').unique().execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropIndex('audit_events_seq').ifExists().execute();
      await db.schema.alterTable('audit_events').dropColumn('key_id').execute();
      await db.schema.alterTable('audit_events').dropColumn('seq').execute();
      await db.schema.alterTable('users').dropColumn('must_change_password').execute();
      await db.schema.alterTable('api_tokens').dropColumn('scope').execute();
      await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
    },
  };
}
