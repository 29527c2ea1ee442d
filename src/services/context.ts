/** What every use case receives: the database, its dialect, the file store and the configuration. */
import type { Config } from '../config.js';
import type { Db, Dialect } from '../db/database.js';
import type { FileStore } from '../storage/file-store.js';

export interface AppContext {
  readonly db: Db;
  readonly dialect: Dialect;
  readonly files: FileStore;
  readonly config: Config;
}
