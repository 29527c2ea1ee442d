/**
 * Evidence files, content-addressed: a file is stored once under its sha256, outside the web root. The interface
 * is small so a deployment can put it on a shared volume (several instances) or another store.
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

export function createLocalFileStore(root: string): FileStore {
  const pathOf = (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('invalid content hash');
    return path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  return {
    async put(data) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      const target = pathOf(sha256);
      if (!fs.existsSync(target)) {
        await fsp.mkdir(path.dirname(target), { recursive: true });
        // Write then rename: a crash never leaves a half-written file under a valid hash.
        const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
        await fsp.writeFile(tmp, data);
        await fsp.rename(tmp, target);
      }
      return { sha256, size: data.byteLength };
    },
    read: (sha) => fsp.readFile(pathOf(sha)),
    openStream: (sha) => fs.createReadStream(pathOf(sha)),
    async has(sha) {
      return fs.existsSync(pathOf(sha));
    },
  };
}
