/** Opens the configured database and file store as an AppContext, migrated; shared by the server and the CLI. */
import type { Config } from './config.js';
import { createDatabase, migrateToLatest, type DatabaseHandle } from './db/database.js';
import { createLocalFileStore } from './storage/file-store.js';
import { auditKeyringFor } from './db/audit-keys.js';
import type { AppContext } from './services/context.js';

export interface OpenedContext extends AppContext { readonly handle: DatabaseHandle; close(): Promise<void> }

export async function openContext(config: Config, opts: { migrate?: boolean } = {}): Promise<OpenedContext> {
  const handle = createDatabase(config.database, auditKeyringFor(config));
  if (opts.migrate ?? true) await migrateToLatest(handle);
  return {
    handle, db: handle.db, dialect: handle.dialect, config, files: createLocalFileStore(config.storageDir),
    close: () => handle.destroy(),
  };
}
