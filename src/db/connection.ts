/**
 * The connection types every repository takes, apart from database.ts: the migrations and the modules they use
 * import these without importing the module that lists the migrations (no import cycle).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type Conn = Db | Tx;
