/**
 * Case benchmark: a SQLite database of 1,000,000 complaint cases (bench/cases-data.ts), and the case ledger's filtered
 * page — a city's subtree, state 正在办理, overdue, sorted by deadline, 50 a page — measured directly through the
 * repository (rotating over the 14 cities) and through HTTP with autocannon against the real app in its own process
 * (bench/api-server.ts, bearer token of a provincial administrator). Target: p95 under 30 ms.
 * Run alone with `npx tsx bench/cases.ts` (CASES_BENCH_N=200000 for a quicker run), or through `npm run bench`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../src/config.js';
import { createDatabase, migrateToLatest } from '../src/db/database.js';
import { createLocalFileStore } from '../src/storage/file-store.js';
import { SYSTEM_ACTOR } from '../src/db/audit.repository.js';
import { findCasePage, type CaseLedgerFilter } from '../src/db/case-ledger.repository.js';
import { createUser } from '../src/services/users.js';
import { createApiToken } from '../src/services/auth.js';
import type { AppContext } from '../src/services/context.js';
import { cpuMs, load, percentile, startServer, type BenchResult } from './api.js';
import { generateCases } from './cases-data.js';

const TOTAL = Number(process.env.CASES_BENCH_N ?? 1_000_000);
const REPO_RUNS = 280;
const DURATION_S = 10;

const round = (n: number) => Math.round(n * 100) / 100;

/** p50/p95 of the page query through the repository, each run on the next city; a first pass over all cities warms the cache. */
async function measureRepository(ctx: AppContext, cityPaths: string[], filter: Omit<CaseLedgerFilter, 'orgPath'>): Promise<{ p50: number; p95: number; total: number }> {
  for (const orgPath of cityPaths) await findCasePage(ctx.db, 'sqlite', { ...filter, orgPath });
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < REPO_RUNS; i++) {
    const started = performance.now();
    total = (await findCasePage(ctx.db, 'sqlite', { ...filter, orgPath: cityPaths[i % cityPaths.length] })).total;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), total };
}

export async function runCasesBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-cases-'));
  const env = { SQLITE_PATH: path.join(dir, 'bench.db'), STORAGE_DIR: path.join(dir, 'files'), LOAD_SAMPLE: 'false' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const config = parseConfig(env);
    let handle = createDatabase(config.database);
    await migrateToLatest(handle);
    await handle.destroy();
    const started = performance.now();
    const data = generateCases(env.SQLITE_PATH, TOTAL);
    const generationMs = performance.now() - started;

    handle = createDatabase(config.database);
    const ctx: AppContext = { db: handle.db, dialect: handle.dialect, files: createLocalFileStore(config.storageDir), config };
    const filter = { scopePaths: [`/${data.provinceId}/`], states: ['handling' as const], overdue: true, today: data.today, page: 1, pageSize: 50 };
    const byDeadline = await measureRepository(ctx, data.cityPaths, { ...filter, sort: 'deadline' });
    const byCaseNo = await measureRepository(ctx, data.cityPaths, { ...filter, sort: 'caseNo' });
    const admin = await createUser(ctx, SYSTEM_ACTOR, { username: 'bench', displayName: 'bench', password: 'bench-password-1', memberships: [{ orgUnitId: data.provinceId, role: 'admin' }] });
    const { token } = await createApiToken(ctx, admin.id, 'bench');
    await handle.destroy();

    server = await startServer(env);
    const url = `${server.api}/api/cases?orgUnitId=${data.cityIds[3]}&state=handling&overdue=true&sort=deadline&pageSize=50`;
    const auth = { authorization: `Bearer ${token}` };
    await load(url, auth, 2); // warm-up: statement cache, JIT
    // One user at a time is the request's own latency; several at once add queueing for the cores.
    const alone = await load(url, auth, DURATION_S, 1);
    const cpuBefore = cpuMs(server.child.pid);
    const http = await load(url, auth, DURATION_S);
    const cpuAfter = cpuMs(server.child.pid);
    return [
      { name: `cases.generate.${TOTAL}-cases`, value: Math.round(generationMs), unit: 'ms' },
      { name: `cases.repo.city-handling-overdue.sort-deadline.p50 (${byDeadline.total} matches)`, value: byDeadline.p50, unit: 'ms' },
      { name: 'cases.repo.city-handling-overdue.sort-deadline.p95', value: byDeadline.p95, unit: 'ms' },
      { name: 'cases.repo.city-handling-overdue.sort-caseNo.p50', value: byCaseNo.p50, unit: 'ms' },
      { name: 'cases.repo.city-handling-overdue.sort-caseNo.p95', value: byCaseNo.p95, unit: 'ms' },
      { name: 'cases.http.city-handling-overdue.1-connection.p50', value: alone.p50, unit: 'ms' },
      { name: 'cases.http.city-handling-overdue.1-connection.p95', value: alone.p95, unit: 'ms' },
      { name: `cases.http.city-handling-overdue.p50 (${process.env.BENCH_API_CONNECTIONS ?? 4} connections)`, value: http.p50, unit: 'ms' },
      { name: 'cases.http.city-handling-overdue.p95', value: http.p95, unit: 'ms' },
      { name: 'cases.http.city-handling-overdue.p99', value: http.p99, unit: 'ms' },
      { name: 'cases.http.city-handling-overdue.throughput', value: http.rps, unit: 'req/s' },
      // Latency also counts waiting for a core (the load generator shares the machine); CPU per request does not.
      ...(cpuBefore !== null && cpuAfter !== null
        ? [{ name: 'cases.http.city-handling-overdue.server-cpu-per-request', value: round((cpuAfter - cpuBefore) / http.count), unit: 'ms' }] : []),
    ];
  } finally {
    server?.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runCasesBench()) console.log(`${r.name.padEnd(70)} ${String(r.value).padStart(10)} ${r.unit}`);
}
