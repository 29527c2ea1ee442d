/** Runs the `rectify` command as an operator runs it: a child process on a test context's database and storage. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestContext } from './test-db.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/rectify.js');
const run = promisify(execFile);

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs `rectify ARGS` against the test database (same SECRET_KEY, so the keyed audit chain accepts its writes); never throws on a non-zero exit. */
export async function rectify(ctx: TestContext, ...args: string[]): Promise<CliResult> {
  const db = ctx.config.database;
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, NODE_ENV: 'test', LOAD_SAMPLE: 'false', STORAGE_DIR: ctx.config.storageDir, SECRET_KEY: ctx.config.secretKey!, ...(db.kind === 'sqlite' ? { SQLITE_PATH: db.path } : { DATABASE_URL: db.url }) };
  try {
    // A guard against a hung child only (a loaded machine can take a minute to start one); not a speed check.
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 300_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
