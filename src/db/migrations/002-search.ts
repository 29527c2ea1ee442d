/**
 * Chinese full-text search over assignments.search_text. SQLite: an FTS5 trigram index kept by triggers (queries of
 * 3+ characters; shorter ones fall back to LIKE in the repository). PostgreSQL: pg_trgm GIN index serving ILIKE.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

export function searchMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'sqlite') {
        await sql`CREATE VIRTUAL TABLE assignments_fts USING fts5(search_text, content='assignments', content_rowid='id', tokenize='trigram')`.execute(db);
        await sql`CREATE TRIGGER assignments_fts_ai AFTER INSERT ON assignments BEGIN
          INSERT INTO assignments_fts(rowid, search_text) VALUES (new.id, new.search_text); END`.execute(db);
        await sql`CREATE TRIGGER assignments_fts_ad AFTER DELETE ON assignments BEGIN
          INSERT INTO assignments_fts(assignments_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END`.execute(db);
        await sql`CREATE TRIGGER assignments_fts_au AFTER UPDATE OF search_text ON assignments BEGIN
          INSERT INTO assignments_fts(assignments_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
          INSERT INTO assignments_fts(rowid, search_text) VALUES (new.id, new.search_text); END`.execute(db);
      } else {
        await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
        await sql`CREATE INDEX assignments_search_trgm ON assignments USING gin (search_text gin_trgm_ops)`.execute(db);
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'sqlite') {
        for (const t of ['assignments_fts_ai', 'assignments_fts_ad', 'assignments_fts_au']) await sql`DROP TRIGGER IF EXISTS ${sql.raw(t)}`.execute(db);
        await sql`DROP TABLE IF EXISTS assignments_fts`.execute(db);
      } else {
        await sql`DROP INDEX IF EXISTS assignments_search_trgm`.execute(db);
      }
    },
  };
}
