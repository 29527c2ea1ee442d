/** Test helpers: fixture paths and reading (used by the *.test.ts files beside this one only). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures');

/** Bytes of a fixture: 'fushun-progress-2023.txt' or 'import/…'. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(root, name)));
}

/** Text of a UTF-8 fixture. */
export function fixtureText(name: string): string {
  return readFileSync(path.join(root, name), 'utf8');
}

export const SAMPLE = 'fushun-progress-2023.txt';
