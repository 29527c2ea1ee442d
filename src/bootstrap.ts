/** Opens the configured database and file store as an AppContext, migrated; shared by the server and the CLI. */
import type { Config } from './config.js';
import { createDatabase, migrateToLatest, type DatabaseHandle } from './db/database.js';
import { createLocalFileStore } from './storage/file-store.js';
import { auditKeyringFor } from './db/audit-keys.js';
import { holdDatabaseInUse } from './db/sqlite-use-lock.js';
import { usePdfBrowser } from './export/pdf.js';
import type { AppContext } from './services/context.js';

export interface OpenedContext extends AppContext { readonly handle: DatabaseHandle; close(): Promise<void> }

/**
 * On SQLite the context holds the database "in use" (sqlite-use-lock.ts) until it is closed, so `rectify restore`
 * refuses to replace the file under a running server or command.
 */
export async function openContext(config: Config, opts: { migrate?: boolean } = {}): Promise<OpenedContext> {
  const inUse = config.database.kind === 'sqlite' && config.database.path !== ':memory:' ? holdDatabaseInUse(config.database.path) : undefined;
  usePdfBrowser(config.chromiumPath);
  const handle = createDatabase(config.database, auditKeyringFor(config));
  try {
    if (opts.migrate ?? true) await migrateToLatest(handle);
  } catch (error) {
    await handle.destroy();
    inUse?.release();
    throw error;
  }
  return {
    handle, db: handle.db, dialect: handle.dialect, config, files: createLocalFileStore(config.storageDir),
    close: async () => { await handle.destroy(); inUse?.release(); },
  };
}
