/**
 * Fresh, migrated databases for integration tests, on every configured dialect: SQLite always; PostgreSQL when
 * TEST_DATABASE_URL is set (each call creates its own UTF-8 database and drops it afterwards). Under CI=true a
 * missing TEST_DATABASE_URL fails the suite instead of silently skipping PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { parseConfig, type Config } from '../../src/config.js';
import { createDatabase, migrateToLatest, type DatabaseHandle, type Dialect } from '../../src/db/database.js';
import { createLocalFileStore } from '../../src/storage/file-store.js';
import { auditKeyringFor } from '../../src/db/audit-keys.js';
import type { AppContext } from '../../src/services/context.js';

export const DIALECTS: Dialect[] = (() => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite is required in CI');
  }
  return url ? ['sqlite', 'postgres'] : ['sqlite'];
})();

export interface TestContext extends AppContext {
  readonly handle: DatabaseHandle;
  cleanup(): Promise<void>;
}

async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `rectify_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A migrated, empty database of the given dialect, with a private evidence directory. */
export async function createTestContext(dialect: Dialect, env: Record<string, string> = {}): Promise<TestContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-test-'));
  let drop = async () => undefined as void;
  let config: Config;
  if (dialect === 'postgres') {
    const created = await createPgDatabase();
    drop = created.drop;
    config = parseConfig({ NODE_ENV: 'test', DATABASE_URL: created.url, STORAGE_DIR: path.join(dir, 'files'), SECRET_KEY: 'test-secret-key-0123456789abcdef', ...env });
  } else {
    config = parseConfig({ NODE_ENV: 'test', SQLITE_PATH: path.join(dir, 'test.db'), STORAGE_DIR: path.join(dir, 'files'), SECRET_KEY: 'test-secret-key-0123456789abcdef', ...env });
  }
  const handle = createDatabase(config.database, auditKeyringFor(config));
  await migrateToLatest(handle);
  return {
    handle, db: handle.db, dialect, config, files: createLocalFileStore(config.storageDir),
    async cleanup() {
      await handle.destroy();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
