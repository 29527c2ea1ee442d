/**
 * Benchmark of "no document stalls the server": the real app in its own process (bench/api-server.ts, production
 * settings, the parse pool at its defaults) answering /api/health under autocannon, first alone, then while ten
 * hostile uploads (test/fixtures/hostile/files.ts) are kept in flight at once; the machine's load average is printed
 * beside the latencies, since on a shared machine it explains them. Then the sample report's parse throughput in
 * the pool against in-process. Run: npx tsx bench/stall.ts (or `npm run bench -- stall`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config.js';
import { openContext } from '../src/bootstrap.js';
import { seedSampleIfEmpty } from '../src/services/seed-sample.js';
import { createApiToken } from '../src/services/auth.js';
import { parseReport } from '../src/import/index.js';
import { ParsePool, REPORT_BUDGETS } from '../src/import/pool/index.js';
import { hostileReports, hostileSheets } from '../test/fixtures/hostile/files.js';
import { load, memoryMb, round2, startServer, type Figure } from './load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const IN_FLIGHT = 10;

/** A fresh database with the sample loaded and a write token of its administrator. */
async function prepare(dir: string): Promise<{ env: Record<string, string>; token: string }> {
  const env = { SQLITE_PATH: path.join(dir, 'rectify.db'), STORAGE_DIR: path.join(dir, 'files'), LOAD_SAMPLE: 'false', SECRET_KEY: 'bench-secret-key-0123456789abcdef' };
  const ctx = await openContext(parseConfig(env));
  try {
    await seedSampleIfEmpty(ctx);
    const admin = await ctx.db.selectFrom('users').select(['id', 'username']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    const { token } = await createApiToken(ctx, { id: admin.id, name: admin.username }, { name: 'stall bench', scope: 'write', expiresInDays: 1 });
    return { env, token };
  } finally {
    await ctx.close();
  }
}

/** Keeps IN_FLIGHT hostile uploads going until `until()` says stop; counts the answers by status. */
async function storm(api: string, token: string, until: () => boolean): Promise<Record<string, number>> {
  const files = [...hostileReports(), ...hostileSheets()];
  const statuses: Record<string, number> = {};
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!until()) {
      const file = files[next++ % files.length]!;
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file.data)]), file.name);
      const res = await fetch(`${api}/api/imports/preview`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return statuses;
}

/** Reports a second: `runs` parses of the sample, in-process one after another, and through a pool all at once. */
async function throughput(runs: number): Promise<{ inProcess: number; pool: number; poolSequentialMs: number; workers: number }> {
  const sample = { data: new Uint8Array(fs.readFileSync(path.join(here, '..', 'test', 'fixtures', 'import', 'fushun-progress-2023.docx'))), name: 'sample.docx' };
  for (let i = 0; i < 5; i++) await parseReport(sample);
  let t0 = performance.now();
  for (let i = 0; i < runs; i++) await parseReport(sample);
  const inProcess = runs / ((performance.now() - t0) / 1000);
  const config = parseConfig({});
  const pool = new ParsePool({ workers: config.parse.workers, queue: runs, heapMb: config.parse.heapMb });
  try {
    await Promise.all(Array.from({ length: config.parse.workers * 2 }, () => pool.run('report', sample, {}, REPORT_BUDGETS)));
    t0 = performance.now();
    await Promise.all(Array.from({ length: runs }, () => pool.run('report', sample, {}, REPORT_BUDGETS)));
    const poolRate = runs / ((performance.now() - t0) / 1000);
    t0 = performance.now();
    for (let i = 0; i < 20; i++) await pool.run('report', sample, {}, REPORT_BUDGETS);
    return { inProcess, pool: poolRate, poolSequentialMs: (performance.now() - t0) / 20, workers: config.parse.workers };
  } finally {
    await pool.close();
  }
}

export async function runStallBench(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-stall-'));
  const figures: Figure[] = [];
  try {
    const { env, token } = await prepare(dir);
    const server = await startServer({ ...env, LOG_LEVEL: 'silent' });
    try {
      await load(`${server.api}/api/health`, { connections: 1, duration: 2 });
      const calmLoad = os.loadavg()[0]!;
      const calm = await load(`${server.api}/api/health`, { connections: 1, duration: DURATION_S });
      let stop = false;
      const uploads = storm(server.api, token, () => stop);
      // Let the first uploads reach the readers before measuring.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const busy = await load(`${server.api}/api/health`, { connections: 1, duration: DURATION_S });
      const busyLoad = os.loadavg()[0]!;
      stop = true;
      const statuses = await uploads;
      const peak = memoryMb(server.child.pid);
      const refused = Object.entries(statuses).filter(([s]) => s === '422' || s === '413').reduce((n, [, c]) => n + c, 0);
      const total = Object.values(statuses).reduce((a, b) => a + b, 0);
      figures.push(
        { name: 'stall.health.alone.p50', value: calm.p50, unit: 'ms' },
        { name: 'stall.health.alone.p99', value: calm.p99, unit: 'ms' },
        { name: 'stall.health.alone.load-average-1min', value: round2(calmLoad), unit: '' },
        { name: `stall.health.${IN_FLIGHT}-hostile-uploads.p50`, value: busy.p50, unit: 'ms' },
        { name: `stall.health.${IN_FLIGHT}-hostile-uploads.p95`, value: busy.p95, unit: 'ms' },
        { name: `stall.health.${IN_FLIGHT}-hostile-uploads.p99 (target < 100)`, value: busy.p99, unit: 'ms' },
        { name: `stall.health.${IN_FLIGHT}-hostile-uploads.load-average-1min`, value: round2(busyLoad), unit: '' },
        { name: 'stall.hostile-uploads.answered', value: total, unit: 'uploads' },
        { name: 'stall.hostile-uploads.refused-413-422', value: refused, unit: 'uploads' },
        { name: 'stall.hostile-uploads.busy-503', value: statuses['503'] ?? 0, unit: 'uploads' },
      );
      if (peak) figures.push({ name: 'stall.server.rss-peak', value: peak.peak, unit: 'MB' });
    } finally {
      server.stop();
    }
    const rate = await throughput(100);
    figures.push(
      { name: 'stall.sample-docx.in-process', value: Math.round(rate.inProcess), unit: 'reports/s' },
      { name: `stall.sample-docx.pool (${rate.workers} worker${rate.workers > 1 ? 's' : ''})`, value: Math.round(rate.pool), unit: 'reports/s' },
      { name: 'stall.sample-docx.pool.one-at-a-time', value: round2(rate.poolSequentialMs), unit: 'ms/report' },
    );
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await runStallBench()) process.stdout.write(`${f.name}\t${f.value}\t${f.unit}\n`);
  process.exit(0);
}
