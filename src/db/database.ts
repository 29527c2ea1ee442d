/**
 * Opens the database (embedded SQLite by default, PostgreSQL when configured) and runs migrations.
 * Everything that knows SQL lives under db/; services receive a `Db` and call repositories.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationResultSet } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from './schema.js';
import type { Conn, Db, Dialect } from './connection.js';
import { initialMigration } from './migrations/001-initial.js';
import { searchMigration } from './migrations/002-search.js';
import { apiScopeMigration } from './migrations/003-api-scope.js';
import { withStatementCache } from './sqlite-statements.js';
import { attachAuditKeyring, EMPTY_KEYRING, type AuditKeyring } from './audit-keys.js';
import { reportingClosureMigration } from './migrations/004-reporting-closure.js';
import { casesMigration } from './migrations/005-cases.js';
import { passwordResetMigration } from './migrations/006-password-reset.js';
import { sharedRateLimitMigration } from './migrations/007-shared-rate-limit.js';
import { dashboardRollupsMigration } from './migrations/009-dashboard-rollups.js';
import { ledgerSheetsMigration } from './migrations/011-ledger-sheets.js';
import { hardeningMigration } from './migrations/012-hardening.js';
import { planLinksMigration } from './migrations/010-plan-links.js';
import { complainantDetailsMigration } from './migrations/016-complainant-details.js';
import { speedMigration } from './migrations/015-speed.js';
import { regimeAcceptanceMigration } from './migrations/013-regime.js';
import { regimeCalendarMigration } from './migrations/013-regime-calendar.js';
import { supervisionMigration } from './migrations/017-supervision.js';
import { stateHistoryMigration } from './migrations/018-state-history.js';
import { workbenchMigration } from './migrations/019-workbench.js';
import { reportVersionsMigration } from './migrations/020-report-versions.js';
import { textCodesMigration } from './migrations/021-text-codes.js';
import { shortSearchMigration } from './migrations/024-short-search.js';
import { ledgerOrderMigration } from './migrations/025-ledger-order.js';

export type { Conn, Db, Dialect, Tx } from './connection.js';

export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: Dialect;
  destroy(): Promise<void>;
}

/** One round trip to the database (the health check): throws when it cannot answer. */
export async function pingDatabase(db: Conn): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** How many rows a table holds. */
export async function countRows(db: Conn, table: keyof Database): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

// pg returns COUNT(*) and BIGINT as strings; int8 values in this schema stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Opens the database. The audit keyring (audit-keys.ts, from the configuration) is tied to the handle, so audit
 * events written through it are hashed with the deployment's key; without one they are hashed unkeyed.
 */
export function createDatabase(database: Config['database'], auditKeyring: AuditKeyring = EMPTY_KEYRING): DatabaseHandle {
  const handle = openDatabase(database);
  attachAuditKeyring(handle.db, auditKeyring);
  return handle;
}

function openDatabase(database: Config['database']): DatabaseHandle {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    // An idle client whose server connection ends (restart, failover, DROP DATABASE … FORCE) is discarded by the pool
    // and replaced on next use; without a listener its 'error' event would crash the process.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', destroy: () => db.destroy() };
  }
  if (database.path !== ':memory:') fs.mkdirSync(path.dirname(database.path), { recursive: true });
  const sqlite = new SQLite(database.path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // Concurrent writers wait for the lock instead of failing with "database is locked".
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}

function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '2026-11-29-001-initial': initialMigration(dialect),
    '2026-11-29-002-search': searchMigration(dialect),
    '2026-11-30-003-api-scope': apiScopeMigration(dialect),
    '2026-11-30-004-reporting-closure': reportingClosureMigration(dialect),
    '2026-11-30-005-cases': casesMigration(dialect),
    '2026-11-30-006-password-reset': passwordResetMigration(dialect),
    '2026-11-30-007-shared-rate-limit': sharedRateLimitMigration(dialect),
    '2026-11-30-009-dashboard-rollups': dashboardRollupsMigration(dialect),
    '2026-12-07-010-plan-links': planLinksMigration(dialect),
    '2026-12-07-011-ledger-sheets': ledgerSheetsMigration(dialect),
    '2026-12-07-012-hardening': hardeningMigration(dialect),
    '2026-12-07-013-regime-acceptance': regimeAcceptanceMigration(dialect),
    '2026-12-07-013-regime-calendar': regimeCalendarMigration(dialect),
    '2026-12-07-015-speed': speedMigration(dialect),
    '2026-12-07-016-complainant-details': complainantDetailsMigration(),
    '2026-12-07-017-supervision': supervisionMigration(dialect),
    '2026-12-07-018-state-history': stateHistoryMigration(dialect),
    '2026-12-07-019-workbench': workbenchMigration(dialect),
    '2026-12-07-020-report-versions': reportVersionsMigration(),
    '2026-12-08-021-text-codes': textCodesMigration(),
    '2026-12-08-024-short-search': shortSearchMigration(dialect),
    '2026-12-08-025-ledger-order': ledgerOrderMigration(dialect),
  };
}

function migrator(handle: DatabaseHandle): Migrator {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrationsFor(handle.dialect) },
    // Numbers were reserved ahead (008, 010, 011 land after 012 was applied): a database at 012 takes them in turn.
    allowUnorderedMigrations: true,
  });
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<MigrationResultSet> {
  const result = await migrator(handle).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${result.error instanceof Error ? result.error.message : JSON.stringify(result.error)}`);
  }
  return result;
}

/** Runs the migrations up to and including the named one (tests of upgrades from an older schema). */
export async function migrateUpTo(handle: DatabaseHandle, name: string): Promise<void> {
  const result = await migrator(handle).migrateTo(name);
  if (result.error) throw result.error instanceof Error ? result.error : new Error(`Migration to ${name} failed: ${JSON.stringify(result.error)}`);
}

export async function migrationStatus(handle: DatabaseHandle): Promise<{ name: string; executedAt: Date | null }[]> {
  const list = await migrator(handle).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
