/**
 * Audit checkpoints on disk, outside the database: one small JSON file per recorded head of the chain, named by its
 * sequence number and hash, written to a temporary name and renamed into place. Several instances checkpointing the
 * same head write the same name, so the directory never holds two files for one head; nothing here is ever rewritten.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AuditCheckpoint } from '../db/audit.repository.js';

const NAME = /^(\d{12})-([0-9a-f]{16})\.json$/;

export const checkpointFileName = (c: Pick<AuditCheckpoint, 'seq' | 'hash'>) => `${String(c.seq).padStart(12, '0')}-${c.hash.slice(0, 16)}.json`;

/** Writes the checkpoint unless its file exists; true when it was written now. */
export async function writeCheckpointFile(dir: string, checkpoint: AuditCheckpoint): Promise<boolean> {
  await fsp.mkdir(dir, { recursive: true });
  const target = path.join(dir, checkpointFileName(checkpoint));
  if (fs.existsSync(target)) return false;
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fsp.open(tmp, 'wx');
  try {
    await handle.writeFile(`${JSON.stringify(checkpoint)}\n`);
    await handle.sync();
  } finally { await handle.close(); }
  await fsp.rename(tmp, target);
  return true;
}

export interface CheckpointFiles { checkpoints: AuditCheckpoint[]; unreadable: string[] }

/** Every checkpoint in the directory (none when it does not exist); files that do not parse are named, not skipped silently. */
export async function readCheckpointFiles(dir: string): Promise<CheckpointFiles> {
  const names = await fsp.readdir(dir).catch((error: NodeJS.ErrnoException) => { if (error.code === 'ENOENT') return []; throw error; });
  const out: CheckpointFiles = { checkpoints: [], unreadable: [] };
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    try {
      const c = JSON.parse(await fsp.readFile(path.join(dir, name), 'utf8')) as AuditCheckpoint;
      const m = NAME.exec(name);
      if (!m || Number(m[1]) !== c.seq || !c.hash.startsWith(m[2]!) || typeof c.at !== 'string') throw new Error('name and content disagree');
      out.checkpoints.push({ seq: c.seq, hash: c.hash, keyId: c.keyId ?? null, at: c.at });
    } catch {
      out.unreadable.push(name);
    }
  }
  return out;
}

/** The newest readable checkpoint in the directory (by sequence number), without reading the others; undefined when none. */
export async function readLatestCheckpoint(dir: string): Promise<AuditCheckpoint | undefined> {
  const names = await fsp.readdir(dir).catch((error: NodeJS.ErrnoException) => { if (error.code === 'ENOENT') return []; throw error; });
  for (const name of names.filter((n) => NAME.test(n)).sort().reverse()) {
    try {
      const c = JSON.parse(await fsp.readFile(path.join(dir, name), 'utf8')) as AuditCheckpoint;
      const m = NAME.exec(name)!;
      if (Number(m[1]) === c.seq && typeof c.hash === 'string' && c.hash.startsWith(m[2]!) && typeof c.at === 'string') return { seq: c.seq, hash: c.hash, keyId: c.keyId ?? null, at: c.at };
    } catch {
      // An unreadable file is reported by `rectify audit verify`; the public page shows the newest good one.
    }
  }
  return undefined;
}

/**
 * Moves the checkpoints of events after `seq` into a `superseded-<time>` folder (a restore undid those events; the
 * record of them is kept, out of the way of verification). Returns how many were moved.
 */
export async function setAsideCheckpointsAfter(dir: string, seq: number): Promise<number> {
  const { checkpoints } = await readCheckpointFiles(dir);
  const later = checkpoints.filter((c) => c.seq > seq);
  if (later.length === 0) return 0;
  const aside = path.join(dir, `superseded-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await fsp.mkdir(aside, { recursive: true });
  for (const c of later) await fsp.rename(path.join(dir, checkpointFileName(c)), path.join(aside, checkpointFileName(c)));
  return later.length;
}
