/**
 * better-sqlite3 behind Kysely, with prepared statements reused by their SQL text. Kysely prepares a statement for
 * every query; for the ledger's queries preparing costs about as much as running them. The cache is bounded, and a
 * statement still being iterated is never handed out twice.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export function withStatementCache(db: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => { db.close(); },
    prepare(text: string): SqliteStatement {
      // Kysely opens transactions with a deferred BEGIN. One that reads and then writes cannot wait for another
      // process's write lock (SQLite answers SQLITE_BUSY at once rather than risk a deadlock), so take the write
      // lock up front: BEGIN IMMEDIATE waits for busy_timeout. In-process there is one connection, so nothing is lost.
      const sql = text === 'begin' ? 'begin immediate' : text;
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Refresh its place: the least recently used statement is the one dropped.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = db.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > max) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}
