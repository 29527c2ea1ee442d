/**
 * Where the servers the tests start write their logs: files under test-results/logs/<run>/ that outlive the run, so that
 * test/helpers/log-scan.ts can search the logs of the whole suite for secrets and personal data once it ends.
 * In-process apps log through the production logger options (`productionLoggerOptions`, what `rectify serve` uses)
 * into one file per worker process; servers in child processes (`rectify serve`) have their stdout and stderr
 * appended to a file of their own.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { productionLoggerOptions } from '../../src/server/log-serializers.js';

export const TEST_LOG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/logs');
/** The run's own folder under TEST_LOG_DIR, set by log-scan.ts before the workers start (absent: TEST_LOG_DIR itself). */
export const TEST_LOG_DIR_VARIABLE = 'RECTIFY_TEST_LOG_DIR';

function openAppend(name: string): number {
  const dir = process.env[TEST_LOG_DIR_VARIABLE] ?? TEST_LOG_DIR;
  fs.mkdirSync(dir, { recursive: true });
  return fs.openSync(path.join(dir, name), 'a');
}

/**
 * Level of the in-process apps: trace costs next to nothing over info here (Fastify and its plugins log little below
 * info), and a debug line someone adds later is searched too.
 */
const IN_PROCESS_LEVEL = 'trace';

let workerFd: number | undefined;

/**
 * Pino's destination for this worker: each line written synchronously (one write(2) of a few hundred bytes). A
 * worker is ended with SIGTERM once its file is done, which runs no exit handler, so a buffer could lose the last
 * lines; unbuffered writes lose nothing and cost well under a second over the whole suite.
 */
const workerStream = {
  write(line: string): void {
    workerFd ??= openAppend(`node-${process.pid}.log`);
    fs.writeSync(workerFd, line);
  },
};

/**
 * Logger options for createApp in tests: production's options, into this worker's log file; `also` receives each
 * line too (tests that search the log of their own requests).
 */
export function testLogger(also?: (line: string) => void): object {
  const stream = also ? { write(line: string) { workerStream.write(line); also(line); } } : workerStream;
  return { ...productionLoggerOptions(IN_PROCESS_LEVEL), stream };
}

/** Appends everything a child server prints (its log on stdout, anything on stderr) to `<kind>-<pid>.log`. */
export function logChildOutput(kind: string, child: ChildProcess): void {
  const fd = openAppend(`${kind}-${child.pid ?? 'unknown'}.log`);
  const write = (d: Buffer) => { fs.writeSync(fd, d); };
  child.stdout?.on('data', write);
  child.stderr?.on('data', write);
  child.once('close', () => { fs.closeSync(fd); });
}
