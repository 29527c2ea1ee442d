/**
 * Self-service password reset: users get an optional e-mail address (unique when set, stored lower-case by the
 * services), and one-time reset tokens are kept as their sha256 only, with when they expire and when they were used
 * (or revoked), so a leaked database yields no working reset link.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

export function passwordResetMigration(dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.alterTable('users').addColumn('email', 'text').execute();
      // NULLs never collide in a unique index on either dialect: many users may have no address.
      await db.schema.createIndex('users_email').on('users').column('email').unique().execute();

      let t = db.schema.createTable('password_resets');
      t = dialect === 'postgres'
        ? t.addColumn('id', 'serial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
      await t
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('password_resets_user').on('password_resets').columns(['user_id', 'used_at']).execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropTable('password_resets').ifExists().execute();
      await db.schema.dropIndex('users_email').ifExists().execute();
      await db.schema.alterTable('users').dropColumn('email').execute();
    },
  };
}
