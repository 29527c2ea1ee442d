/**
 * Backup and restore of a whole deployment: the database and the evidence files in one self-contained file.
 * SQLite only: the online backup API copies a consistent snapshot while the server keeps writing. PostgreSQL
 * deployments use pg_dump / pg_restore and copy the storage directory; we say so rather than half-doing it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { createDatabase, migrateToLatest } from '../db/database.js';
import { auditKeyringFor } from '../db/audit-keys.js';
import { readAuditHead as readChainHead, verifyAuditChain, type AuditVerification } from '../db/audit.repository.js';
import {
  countRows, createBackupTables, holdsNoData, dropBackupTables, insertBackupFile, iterateBackupFiles, listReferencedFiles, openSqliteFile,
  readAuditHead, readManifest, snapshotSqlite, writeManifest, type BackupManifest,
} from '../db/backup.repository.js';
import { createLocalFileStore } from '../storage/file-store.js';
import { setAsideCheckpointsAfter } from '../storage/audit-checkpoints.js';
import { takeDatabaseExclusively } from '../db/sqlite-use-lock.js';

/** The SQLite file to back up or restore into; for PostgreSQL, throws the instructions for its own tools. */
export function sqlitePathOf(config: Config): string {
  if (config.database.kind === 'sqlite') return config.database.path;
  throw new AppError('VALIDATION_FAILED', [
    'PostgreSQL 部署请用数据库自带工具备份：',
    '  备份：pg_dump -Fc -f rectify.dump "$DATABASE_URL"',
    '  恢复：pg_restore --clean --if-exists -d "$DATABASE_URL" rectify.dump',
    `并同时复制证明材料目录 ${config.storageDir}（内容寻址，可直接 rsync/cp -a），恢复后运行 rectify audit verify 校验审计链。`,
  ].join('\n'));
}

/** Writes a backup file (refuses to overwrite one) and returns its manifest. */
export async function createBackup(ctx: AppContext, file: string): Promise<BackupManifest> {
  const source = sqlitePathOf(ctx.config);
  if (fs.existsSync(file)) throw new AppError('ALREADY_EXISTS', `备份文件 ${file} 已存在，请换一个文件名`);
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await snapshotSqlite(source, tmp);
    const copy = openSqliteFile(tmp);
    try {
      createBackupTables(copy);
      const shas = listReferencedFiles(copy);
      copy.exec('BEGIN');
      for (const sha of shas) {
        // A row commits only after its file was stored, so every file the snapshot names exists.
        const data = await ctx.files.read(sha).catch(() => { throw new AppError('BAD_FILE', `证明材料 ${sha} 在存储目录中缺失，备份中止；请先排查存储目录 ${ctx.config.storageDir}`); });
        insertBackupFile(copy, sha, data);
      }
      const manifest: BackupManifest = { createdAt: new Date().toISOString(), counts: countRows(copy), auditHead: readAuditHead(copy), files: shas.length };
      writeManifest(copy, manifest);
      copy.exec('COMMIT');
      copy.pragma('journal_mode = DELETE');
      copy.close();
      fs.renameSync(tmp, file);
      return manifest;
    } finally { if (copy.open) copy.close(); }
  } finally { fs.rmSync(tmp, { force: true }); }
}

export interface RestoreReport {
  manifest: BackupManifest;
  counts: Record<string, number>;
  /** Tables whose restored row count differs from the manifest (empty when all agree). */
  mismatches: { table: string; expected: number; actual: number }[];
  files: number;
  audit: AuditVerification;
  /** Checkpoints of events after the backup, moved aside (they record history the restore has undone). */
  supersededCheckpoints: number;
}

function isEmptyDatabase(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return true;
  const db = openSqliteFile(file, true);
  try {
    return holdsNoData(db);
  } finally { db.close(); }
}

/**
 * Restores a backup into the configured database and storage directory. Refused while a server or another command
 * has the database open (they hold it "in use"), so no write a running server acknowledged is lost silently; the
 * restore holds the database for itself until it has verified the result.
 */
export async function restoreBackup(config: Config, file: string, opts: { force?: boolean } = {}): Promise<RestoreReport> {
  const target = sqlitePathOf(config);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `找不到备份文件 ${file}`);
  const lock = takeDatabaseExclusively(target);
  try {
    const { headSeq, ...report } = await restoreUnlocked(config, target, file, opts);
    return { ...report, supersededCheckpoints: await setAsideCheckpointsAfter(config.audit.checkpointDir, headSeq) };
  } finally { lock.release(); }
}

async function restoreUnlocked(config: Config, target: string, file: string, opts: { force?: boolean }): Promise<Omit<RestoreReport, 'supersededCheckpoints'> & { headSeq: number }> {
  const backup = openSqliteFile(file, true);
  const tmp = `${target}.${randomBytes(4).toString('hex')}.restore`;
  try {
    const manifest = readManifest(backup);
    if (!manifest) throw new AppError('BAD_FILE', `${file} 不是 rectify backup 生成的备份文件`);
    if (!opts.force && !isEmptyDatabase(target)) {
      throw new AppError('ALREADY_EXISTS', `数据库 ${target} 已有数据；确认要用备份覆盖时请加 --force（建议先对现有数据再做一次备份）`);
    }
    const store = createLocalFileStore(config.storageDir);
    let files = 0;
    for (const f of iterateBackupFiles(backup)) {
      const stored = await store.put(f.data);
      if (stored.sha256 !== f.sha256) throw new AppError('BAD_FILE', `备份中的证明材料 ${f.sha256} 内容已损坏，恢复中止`);
      files++;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await backup.backup(tmp);
    const restored = openSqliteFile(tmp);
    dropBackupTables(restored);
    restored.exec('VACUUM');
    restored.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(tmp, target);
    return { manifest, files, ...(await verifyRestored(config, target, manifest)) };
  } finally {
    backup.close();
    fs.rmSync(tmp, { force: true });
  }
}

async function verifyRestored(config: Config, target: string, manifest: BackupManifest) {
  const db = openSqliteFile(target, true);
  let counts: Record<string, number>;
  try { counts = countRows(db); } finally { db.close(); }
  const mismatches = Object.entries(manifest.counts)
    .filter(([t, n]) => counts[t] !== n).map(([table, expected]) => ({ table, expected, actual: counts[table] ?? 0 }));
  const handle = createDatabase(config.database, auditKeyringFor(config));
  try {
    // A backup from an older version gets the newer schema now (as the next start would give it), so its chain is
    // checked the way it will be read from now on.
    await migrateToLatest(handle);
    return { counts, mismatches, audit: await verifyAuditChain(handle.db), headSeq: (await readChainHead(handle.db))?.seq ?? 0 };
  } finally { await handle.destroy(); }
}
