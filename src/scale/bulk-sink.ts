/**
 * Where the national-scale generator writes its rows: a freshly migrated SQLite file or PostgreSQL database, filled
 * with multi-row INSERTs in big transactions (the fast path on both; the ORM's per-query building would dominate at
 * millions of rows). Ids come from the generator, so after the load the PostgreSQL sequences are moved past them.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';

export type Row = readonly unknown[];

export interface BulkSink {
  /** Buffers rows of one table; they are written in order, committed at least every few hundred thousand rows. */
  add(table: string, columns: readonly string[], row: Row): Promise<void>;
  /** Writes what is buffered and commits. */
  flush(): Promise<void>;
  /**
   * Drops a table's secondary indexes until the returned function builds them again: building an index once over
   * millions of rows is much faster than keeping it up to date row by row.
   */
  withoutIndexes(table: string): Promise<() => Promise<void>>;
  /** Flushes, fixes sequences, updates planner statistics and closes. */
  finish(tables: readonly string[]): Promise<void>;
  /** Closes without committing what is buffered (after a failure). */
  abort(): Promise<void>;
}

const ROWS_PER_COMMIT = 200_000;
const ROWS_PER_WRITE = 5_000;

/** Rows per INSERT statement: as many as the dialect's parameter limit allows, at most 500. */
function rowsPerStatement(columns: number, maxParams: number): number {
  return Math.max(1, Math.min(500, Math.floor(maxParams / columns)));
}

/** What differs between the databases; buffering, batching and commits are the same (bufferedSink). */
interface Driver {
  /** Runs one statement without parameters (BEGIN, COMMIT, DROP/CREATE INDEX). */
  exec(sql: string): Promise<void>;
  /** Inserts rows of one table in as few statements as the parameter limit allows. */
  insert(table: string, columns: readonly string[], rows: readonly Row[]): Promise<void>;
  /** A table's secondary indexes as the statements that create them. */
  indexes(table: string): Promise<{ name: string; sql: string }[]>;
  /** After the last commit: sequences, statistics, closing. */
  finish(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

function bufferedSink(driver: Driver): BulkSink {
  let buffer: { table: string; columns: readonly string[]; rows: Row[] } | null = null;
  let uncommitted = 0;
  let began = false;
  const begin = async () => { if (!began) { await driver.exec('BEGIN'); began = true; } };
  const commit = async () => { if (began) { await driver.exec('COMMIT'); began = false; uncommitted = 0; } };
  const write = async () => {
    if (!buffer) return;
    const { table, columns, rows } = buffer;
    buffer = null;
    await begin();
    await driver.insert(table, columns, rows);
    uncommitted += rows.length;
    if (uncommitted >= ROWS_PER_COMMIT) await commit();
  };
  return {
    async add(table, columns, row) {
      if (buffer && buffer.table !== table) await write();
      buffer ??= { table, columns, rows: [] };
      buffer.rows.push(row);
      if (buffer.rows.length >= ROWS_PER_WRITE) await write();
    },
    async flush() {
      await write();
      await commit();
    },
    async withoutIndexes(table) {
      await write();
      const indexes = await driver.indexes(table);
      for (const index of indexes) await driver.exec(`DROP INDEX ${index.name}`);
      return async () => {
        await write();
        for (const index of indexes) await driver.exec(index.sql);
      };
    },
    async finish(tables) {
      await write();
      await commit();
      await driver.finish(tables);
    },
    async abort() {
      if (began) await driver.exec('ROLLBACK').catch(() => undefined);
      await driver.close();
    },
  };
}

function sqliteSink(file: string): BulkSink {
  const db = new SQLite(file);
  // A new file being filled once: no rollback journal and no fsync; a crash means generating again. (The migrations
  // left it in WAL mode, which must be left before the journal can be turned off; another open connection keeps it
  // in WAL, which is only slower.)
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('journal_mode = OFF');
  } catch {
    /* stays in WAL mode */
  }
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -512000');
  const statements = new Map<string, SQLite.Statement>();
  const statement = (table: string, columns: readonly string[], rows: number) => {
    const key = `${table}|${columns.join(',')}|${rows}`;
    let s = statements.get(key);
    if (!s) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      s = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`);
      statements.set(key, s);
    }
    return s;
  };
  return bufferedSink({
    async exec(sql) { db.exec(sql); },
    async insert(table, columns, rows) {
      const per = rowsPerStatement(columns.length, 32_000);
      for (let i = 0; i < rows.length; i += per) {
        const slice = rows.slice(i, i + per);
        statement(table, columns, slice.length).run(slice.flat());
      }
    },
    async indexes(table) {
      return db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as { name: string; sql: string }[];
    },
    async finish() {
      db.exec('ANALYZE');
      db.pragma('journal_mode = WAL');
      db.close();
    },
    async close() { db.close(); },
  });
}

async function postgresSink(url: string): Promise<BulkSink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SET synchronous_commit = off');
  return bufferedSink({
    async exec(sql) { await client.query(sql); },
    async insert(table, columns, rows) {
      const per = rowsPerStatement(columns.length, 60_000);
      for (let i = 0; i < rows.length; i += per) {
        const slice = rows.slice(i, i + per);
        let n = 0;
        const tuples = slice.map(() => `(${columns.map(() => `$${++n}`).join(', ')})`);
        await client.query({ text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values: slice.flat() });
      }
    },
    async indexes(table) {
      const result = await client.query<{ name: string; sql: string }>(
        'SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i WHERE i.tablename = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)', [table]);
      return result.rows;
    },
    async finish(tables) {
      for (const table of tables) {
        await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT MAX(id) FROM ${table}), 1))`);
      }
      await client.query('ANALYZE');
      await client.end();
    },
    async close() { await client.end(); },
  });
}

export async function openBulkSink(target: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string }): Promise<BulkSink> {
  return target.kind === 'sqlite' ? sqliteSink(target.path) : postgresSink(target.url);
}
