/**
 * API benchmark: the ledger list a city administrator opens most (`/api/assignments?orgUnitId=<city>&status=
 * on_schedule&pageSize=50`, bearer token) over 100,000 assignments on SQLite, beside a bare Fastify JSON route in the
 * same server process and run (their ratio is the application's overhead). The server runs in a process of its own
 * (bench/api-server.ts) so the load generator does not share its event loop. Latencies are every response's, collected
 * by autocannon. Run alone with `npx tsx bench/api.ts`, or through `runApiBench()` from `npm run bench`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { parseConfig } from '../src/config.js';
import { createDatabase, migrateToLatest } from '../src/db/database.js';
import { createLocalFileStore } from '../src/storage/file-store.js';
import { SYSTEM_ACTOR } from '../src/db/audit.repository.js';
import { createUser } from '../src/services/users.js';
import { createApiToken } from '../src/services/auth.js';
import type { AppContext } from '../src/services/context.js';
import { generateLedger } from './api-data.js';

export interface BenchResult { name: string; value: number; unit: string }

const DURATION_S = 10;
// A handful of people opening the ledger at the same moment. On a 2-core machine the load generator shares the cores
// with the server, so many more connections measure queueing, not the request. Override with BENCH_API_CONNECTIONS.
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 4);

/**
 * CPU milliseconds a process has used (Linux /proc; clock ticks of 10 ms), or null elsewhere. Per request, it is the
 * server's cost independent of how busy the machine is, unlike latency, which also counts waiting for a core.
 */
export function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Loads the URL for the duration; every response must be 2xx. */
export async function load(url: string, headers: Record<string, string>, duration: number, connections = CONNECTIONS) {
  const latencies: number[] = [];
  const run = autocannon({ url, connections, duration, headers });
  run.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await run;
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), rps: Math.round(result.requests.average), count: latencies.length };
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Starts bench/api-server.ts on the database; resolves with its two base URLs. */
export function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; api: string; bare: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api-server.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ child, ...(JSON.parse(line) as { api: string; bare: string }) });
    });
    child.on('exit', (code) => reject(new Error(`benchmark server exited with ${code}`)));
  });
}

/** Builds the data, serves it from its own process on loopback ports, measures; one figure per line of the report. */
export async function runApiBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-api-'));
  const env = { SQLITE_PATH: path.join(dir, 'bench.db'), STORAGE_DIR: path.join(dir, 'files'), LOAD_SAMPLE: 'false' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const config = parseConfig(env);
    const handle = createDatabase(config.database);
    await migrateToLatest(handle);
    const ctx: AppContext = { db: handle.db, dialect: handle.dialect, files: createLocalFileStore(config.storageDir), config };
    const started = performance.now();
    const ledger = await generateLedger(handle.db);
    const generationMs = performance.now() - started;
    const admin = await createUser(ctx, SYSTEM_ACTOR, { username: 'bench', displayName: 'bench', password: 'bench-password-1', memberships: [{ orgUnitId: ledger.provinceId, role: 'admin' }] });
    const { token } = await createApiToken(ctx, admin.id, 'bench');
    await handle.destroy();

    server = await startServer(env);
    const city = ledger.cityIds[3]!;
    const listUrl = `${server.api}/api/assignments?orgUnitId=${city}&status=on_schedule&pageSize=50`;
    const auth = { authorization: `Bearer ${token}` };
    await load(listUrl, auth, 2); // warm-up: statement cache, JIT
    const cpuBefore = cpuMs(server.child.pid);
    const list = await load(listUrl, auth, DURATION_S);
    const cpuAfter = cpuMs(server.child.pid);
    await load(`${server.bare}/bare`, {}, 1);
    const floor = await load(`${server.bare}/bare`, {}, DURATION_S);
    return [
      { name: 'api.generate.100k-assignments', value: Math.round(generationMs), unit: 'ms' },
      { name: `api.ledger-list.p50 (${CONNECTIONS} connections)`, value: list.p50, unit: 'ms' },
      { name: 'api.ledger-list.p95', value: list.p95, unit: 'ms' },
      { name: 'api.ledger-list.p99', value: list.p99, unit: 'ms' },
      { name: 'api.ledger-list.throughput', value: list.rps, unit: 'req/s' },
      ...(cpuBefore !== null && cpuAfter !== null ? [{ name: 'api.ledger-list.server-cpu-per-request', value: Math.round(((cpuAfter - cpuBefore) / list.count) * 100) / 100, unit: 'ms' }] : []),
      { name: 'api.bare-fastify.p50', value: floor.p50, unit: 'ms' },
      { name: 'api.bare-fastify.p95', value: floor.p95, unit: 'ms' },
      { name: 'api.bare-fastify.throughput', value: floor.rps, unit: 'req/s' },
      { name: 'api.overhead.throughput-ratio', value: Math.round((floor.rps / Math.max(list.rps, 1)) * 10) / 10, unit: 'x' },
    ];
  } finally {
    server?.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runApiBench()) console.log(`${r.name.padEnd(40)} ${String(r.value).padStart(10)} ${r.unit}`);
}
