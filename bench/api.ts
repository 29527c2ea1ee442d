/**
 * API benchmark: the ledger list a city administrator opens most (`/api/assignments?orgUnitId=<city>&status=
 * on_schedule&pageSize=50`, bearer token) over 100,000 assignments on SQLite, beside a bare Fastify JSON route in the
 * same process and run (their ratio is the application's overhead). Latencies are every response's, collected by
 * autocannon. Run alone with `npx tsx bench/api.ts`, or through `runApiBench()` from `npm run bench`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { parseConfig } from '../src/config.js';
import { createDatabase, migrateToLatest } from '../src/db/database.js';
import { createLocalFileStore } from '../src/storage/file-store.js';
import { createApp } from '../src/server/app.js';
import { SYSTEM_ACTOR } from '../src/db/audit.repository.js';
import { createUser } from '../src/services/users.js';
import { createApiToken } from '../src/services/auth.js';
import type { AppContext } from '../src/services/context.js';
import { generateLedger } from './api-data.js';

export interface BenchResult { name: string; value: number; unit: string }

const DURATION_S = 10;
const CONNECTIONS = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Loads the URL for the duration; every response must be 2xx. */
async function load(url: string, headers: Record<string, string>, duration: number) {
  const latencies: number[] = [];
  const run = autocannon({ url, connections: CONNECTIONS, duration, headers });
  run.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await run;
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), rps: Math.round(result.requests.average) };
}

/** Builds the data, serves it on a loopback port, measures; returns one figure per line of the report. */
export async function runApiBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-api-'));
  const config = parseConfig({ NODE_ENV: 'production', SQLITE_PATH: path.join(dir, 'bench.db'), STORAGE_DIR: path.join(dir, 'files'), LOG_LEVEL: 'silent' });
  const handle = createDatabase(config.database);
  const bare = Fastify({ logger: false });
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    await migrateToLatest(handle);
    const ctx: AppContext = { db: handle.db, dialect: handle.dialect, files: createLocalFileStore(config.storageDir), config };
    const started = performance.now();
    const ledger = await generateLedger(handle.db);
    const generationMs = performance.now() - started;
    const admin = await createUser(ctx, SYSTEM_ACTOR, { username: 'bench', displayName: 'bench', password: 'bench-password-1', memberships: [{ orgUnitId: ledger.provinceId, role: 'admin' }] });
    const { token } = await createApiToken(ctx, admin.id, 'bench');

    app = await createApp(ctx, { serveWeb: false, logger: false });
    const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    bare.get('/bare', async () => ({ items: [], total: 0, page: 1, pageSize: 50 }));
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

    const city = ledger.cityIds[3]!;
    const listUrl = `${apiUrl}/api/assignments?orgUnitId=${city}&status=on_schedule&pageSize=50`;
    const auth = { authorization: `Bearer ${token}` };
    await load(listUrl, auth, 2); // warm-up: statement caches, JIT
    const list = await load(listUrl, auth, DURATION_S);
    await load(`${bareUrl}/bare`, {}, 1);
    const floor = await load(`${bareUrl}/bare`, {}, DURATION_S);
    return [
      { name: 'api.generate.100k-assignments', value: Math.round(generationMs), unit: 'ms' },
      { name: 'api.ledger-list.p50', value: list.p50, unit: 'ms' },
      { name: 'api.ledger-list.p95', value: list.p95, unit: 'ms' },
      { name: 'api.ledger-list.p99', value: list.p99, unit: 'ms' },
      { name: 'api.ledger-list.throughput', value: list.rps, unit: 'req/s' },
      { name: 'api.bare-fastify.p50', value: floor.p50, unit: 'ms' },
      { name: 'api.bare-fastify.p95', value: floor.p95, unit: 'ms' },
      { name: 'api.bare-fastify.throughput', value: floor.rps, unit: 'req/s' },
      { name: 'api.overhead.throughput-ratio', value: Math.round((floor.rps / Math.max(list.rps, 1)) * 10) / 10, unit: 'x' },
    ];
  } finally {
    await app?.close();
    await bare.close();
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runApiBench()) console.log(`${r.name.padEnd(40)} ${String(r.value).padStart(10)} ${r.unit}`);
}
