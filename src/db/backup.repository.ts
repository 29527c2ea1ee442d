/**
 * File-level SQL for SQLite backups: the online backup API, the tables a backup file carries besides the database
 * itself (backup_files: evidence bytes by sha256; backup_manifest: one JSON row), and row counts. A backup is one
 * self-contained SQLite file, so copying it anywhere copies everything.
 */
import SQLite from 'better-sqlite3';

export interface BackupManifest {
  createdAt: string;
  /** Rows per table, counted in the snapshot itself (so they match it exactly). */
  counts: Record<string, number>;
  auditHead: { id: number; hash: string } | null;
  files: number;
}

/** Consistent copy of a live database (other connections may keep writing) through SQLite's online backup API. */
export async function snapshotSqlite(sourcePath: string, targetPath: string): Promise<void> {
  const source = new SQLite(sourcePath, { readonly: true, fileMustExist: true });
  source.pragma('busy_timeout = 10000');
  try {
    // Large steps: a write by another connection between steps restarts the copy, so few steps finish sooner.
    await source.backup(targetPath, { progress: () => 100_000 });
  } finally { source.close(); }
}

export const openSqliteFile = (file: string, readonly = false) => new SQLite(file, { readonly, fileMustExist: true });

/** The application's tables: no SQLite internals, no full-text index shadow tables, no backup extras. */
export function listDataTables(db: SQLite.Database): string[] {
  const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string; sql: string | null }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  return rows.map((r) => r.name).filter((n) => !virtual.includes(n) && !virtual.some((v) => n.startsWith(`${v}_`)) && !n.startsWith('backup_'));
}

export function countRows(db: SQLite.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of listDataTables(db)) counts[t] = (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
  return counts;
}

/** True when no data table holds a row (Kysely's own migration tables aside); stops at the first row found. */
export function holdsNoData(db: SQLite.Database): boolean {
  return listDataTables(db).filter((t) => !t.startsWith('kysely_')).every((t) => db.prepare(`SELECT 1 FROM "${t}" LIMIT 1`).get() === undefined);
}

export function readAuditHead(db: SQLite.Database): BackupManifest['auditHead'] {
  const row = db.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  return row ?? null;
}

/** Every stored file the database refers to (evidence and imported source files). */
export function listReferencedFiles(db: SQLite.Database): string[] {
  const rows = db.prepare('SELECT sha256 FROM evidence_files UNION SELECT sha256 FROM imports').all() as { sha256: string }[];
  return rows.map((r) => r.sha256);
}

export function createBackupTables(db: SQLite.Database): void {
  db.exec('CREATE TABLE backup_files (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL); CREATE TABLE backup_manifest (json TEXT NOT NULL)');
}

export function insertBackupFile(db: SQLite.Database, sha256: string, data: Buffer): void {
  db.prepare('INSERT OR IGNORE INTO backup_files (sha256, data) VALUES (?, ?)').run(sha256, data);
}

export function writeManifest(db: SQLite.Database, manifest: BackupManifest): void {
  db.prepare('INSERT INTO backup_manifest (json) VALUES (?)').run(JSON.stringify(manifest));
}

/** The manifest of a backup file, or undefined when the file is not a Rectify backup. */
export function readManifest(db: SQLite.Database): BackupManifest | undefined {
  const has = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'backup_manifest'`).get();
  if (!has) return undefined;
  const row = db.prepare('SELECT json FROM backup_manifest').get() as { json: string } | undefined;
  return row ? JSON.parse(row.json) as BackupManifest : undefined;
}

/** Evidence files of a backup, one at a time (a backup may hold more bytes than fit in memory at once). */
export function* iterateBackupFiles(db: SQLite.Database): Generator<{ sha256: string; data: Buffer }> {
  for (const row of db.prepare('SELECT sha256, data FROM backup_files').iterate() as Iterable<{ sha256: string; data: Buffer }>) yield row;
}

export function dropBackupTables(db: SQLite.Database): void {
  db.exec('DROP TABLE IF EXISTS backup_files; DROP TABLE IF EXISTS backup_manifest');
}
