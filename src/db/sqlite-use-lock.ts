/**
 * Who is using a SQLite database, told by a lock the operating system holds for them: `<database>.inuse`, a tiny
 * SQLite file of its own. Every process that opens the database (the server, the CLI's commands, a backup) holds a
 * shared lock on it for as long as it has the database open; a restore needs the exclusive lock, so it is refused
 * while anyone uses the database, and nobody can open the database while a restore runs. The locks are POSIX
 * record locks taken by SQLite itself: a process that dies (even SIGKILL) lets go of its lock at once, so a crashed
 * server never blocks a restore, and there is no stale pid file to clean up.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../core/errors.js';

export interface UseLock { release(): void }

export const useLockPath = (databasePath: string) => `${databasePath}.inuse`;

function open(databasePath: string): SQLite.Database {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const db = new SQLite(useLockPath(databasePath));
  // Never wait: the answer is wanted now, and waiting behind a server would be forever.
  db.pragma('busy_timeout = 0');
  return db;
}

const busy = (error: unknown) => (error as { code?: string }).code === 'SQLITE_BUSY';

/** Takes a shared hold on the database (any number of users at once); refused while a restore runs. */
export function holdDatabaseInUse(databasePath: string): UseLock {
  const db = open(databasePath);
  try {
    db.exec('BEGIN');
    // Reading takes the shared lock; the open transaction keeps it until release.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if (busy(error)) throw new AppError('DATABASE_IN_USE', `数据库 ${databasePath} 正在恢复备份，请等恢复结束后再启动或操作`);
    throw error;
  }
  return { release: () => { if (db.open) { db.exec('COMMIT'); db.close(); } } };
}

/** Takes the database for oneself alone (a restore); refused while any server or command has it open. */
export function takeDatabaseExclusively(databasePath: string): UseLock {
  const db = open(databasePath);
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (busy(error)) {
      throw new AppError('DATABASE_IN_USE', `数据库 ${databasePath} 正被运行中的服务或其他 rectify 命令使用，不能恢复：请先停止服务（以及备份、导入等命令），再运行 rectify restore；恢复会覆盖数据库，服务在运行时确认的修改都会丢失`);
    }
    throw error;
  }
  return { release: () => { if (db.open) { db.exec('ROLLBACK'); db.close(); } } };
}
