/**
 * Evidence files, content-addressed: a file is stored once under its sha256, outside the web root. The interface
 * is small so a deployment can put it on a shared volume (several instances) or another store.
 *
 * Several processes may store into one directory at once (instances on a shared volume, or the CLI beside the
 * server), even the same content at the same moment. Each writes a temporary file of its own, flushes it to disk
 * and only then publishes it under its hash with link(2), which never replaces an existing file: a file found under
 * a hash is always complete, a reader never sees one being written, and a file another instance is reading is
 * never swapped under it (on NFS a rename over a file open on another client leaves that reader with ESTALE).
 * Where the file system has no hard links, an atomic rename publishes instead (identical bytes either way).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface FileStore {
  put(data: Uint8Array): Promise<StoredFile>;
  read(sha256: string): Promise<Buffer>;
  openStream(sha256: string): fs.ReadStream;
  has(sha256: string): Promise<boolean>;
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
/** What link(2) answers on file systems without hard links (some SMB, FUSE and object-store mounts). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}

/** Flushes a directory's entries (the new name) to disk; best effort where directories cannot be opened. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fsp.open(dir, 'r');
    try { await handle.sync(); } finally { await handle.close(); }
  } catch {
    // Not supported here (e.g. Windows); the file's own data was flushed.
  }
}

/** Puts the complete temporary file under its final name unless a file is there already (same hash, same bytes). */
async function publish(tmp: string, target: string): Promise<void> {
  try {
    await fsp.link(tmp, target);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return;
    if (!NO_HARD_LINKS.has(codeOf(error) ?? '')) throw error;
    await fsp.rename(tmp, target);
  }
}

export function createLocalFileStore(root: string): FileStore {
  const pathOf = (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('invalid content hash');
    return path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  return {
    async put(data) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      const target = pathOf(sha256);
      if (!(await exists(target))) {
        const dir = path.dirname(target);
        await fsp.mkdir(dir, { recursive: true });
        // Unique per process and call: two writers of the same content never share a temporary file.
        const tmp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
        try {
          const handle = await fsp.open(tmp, 'wx');
          try {
            await handle.writeFile(data);
            // On disk before it has a valid name: a crash or power cut never leaves a short file under a hash.
            await handle.sync();
          } finally { await handle.close(); }
          await publish(tmp, target);
          await syncDirectory(dir);
        } finally {
          await fsp.rm(tmp, { force: true });
        }
      }
      return { sha256, size: data.byteLength };
    },
    read: (sha) => fsp.readFile(pathOf(sha)),
    openStream: (sha) => fs.createReadStream(pathOf(sha)),
    async has(sha) {
      return exists(pathOf(sha));
    },
  };
}
