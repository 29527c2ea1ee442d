/**
 * "No request waits behind background work": the real app in its own process (bench/jobs-server.ts) over a copy of
 * the scale dataset (BENCH_SCALE, default national), `/api/health` asked one request after another while the job
 * runner makes its first pass of a day — at start (today's schedule refresh and reminder sweep) and at the day change
 * (tomorrow's) — and, for the before figure, while the refresh runs the way it did before issue #20 (every open
 * assignment in one go on the main thread). Each figure: the pass's wall time, and the health latencies meanwhile.
 * SQLite (better-sqlite3 runs every query on the main thread, the case that stalled). Run: `npm run bench -- jobs`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpuMs, round2, memoryMb, type Figure } from './load.js';
import { SIZES, sqliteDataset } from './scale-dataset.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DAY_MS = 86_400_000;

interface Probe { p50: number; p99: number; max: number; count: number; failed: number }

/** Asks /api/health one request after another until `done` settles; the latencies of every answer. */
async function probeWhile(url: string, done: Promise<unknown>): Promise<Probe> {
  let finished = false;
  void done.finally(() => { finished = true; });
  const times: number[] = [];
  let failed = 0;
  while (!finished) {
    const started = performance.now();
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
    } catch {
      // A connection the server dropped while it could not answer (its keep-alive timer fired after the stall).
      failed++;
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => round2(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0);
  return { p50: at(0.5), p99: at(0.99), max: round2(times[times.length - 1] ?? 0), count: times.length, failed };
}

export async function runJobsBench(): Promise<Figure[]> {
  const size = process.env.BENCH_SCALE ?? 'national';
  const opts = SIZES[size];
  if (!opts) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SIZES).join(', ')}`);
  const dataset = await sqliteDataset(opts);
  // A copy: the passes move every assignment's state to later days, and the scale benchmark reuses the dataset.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-jobs-'));
  const figures: Figure[] = [];
  try {
    const db = path.join(dir, 'rectify.db');
    fs.copyFileSync(dataset.env.SQLITE_PATH!, db);
    const env = { SQLITE_PATH: db, STORAGE_DIR: path.join(dir, 'files'), LOAD_SAMPLE: 'false' };
    const child = spawn(process.execPath, ['--max-semi-space-size=2', '--import', 'tsx', 'bench/jobs-server.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async () => {
      const line: IteratorResult<string> = await lines.next();
      if (line.done) throw new Error('the jobs benchmark server exited');
      return JSON.parse(line.value) as Record<string, unknown>;
    };
    try {
      const { api } = await next() as { api: string };
      const health = `${api}/api/health`;
      const pass = async (name: string, command: string) => {
        child.stdin.write(`${command}\n`);
        const answer = next();
        const cpu0 = cpuMs(child.pid);
        const probe = await probeWhile(health, answer);
        const cpu1 = cpuMs(child.pid);
        const { ms, summary } = await answer as { ms: number; summary: unknown };
        process.stderr.write(`    ${name}: ${ms} ms, ${JSON.stringify(summary)}\n`);
        figures.push(
          { name: `jobs.${name}.pass`, value: ms, unit: 'ms' },
          { name: `jobs.${name}.server-cpu (the pass and the health answers)`, value: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : -1, unit: 'ms' },
          { name: `jobs.${name}.load-average-1min`, value: round2(os.loadavg()[0]!), unit: '' },
          { name: `jobs.${name}.health.p50`, value: probe.p50, unit: 'ms' },
          { name: `jobs.${name}.health.p99${name.startsWith('before') ? '' : ' (target < 50)'}`, value: probe.p99, unit: 'ms' },
          { name: `jobs.${name}.health.max`, value: probe.max, unit: 'ms' },
          { name: `jobs.${name}.health.asked`, value: probe.count, unit: 'requests' },
          { name: `jobs.${name}.health.failed`, value: probe.failed, unit: 'requests' },
        );
        for (const f of figures.slice(-8)) process.stderr.write(`    ${f.name}\t${f.value}\t${f.unit}\n`);
      };
      const now = Date.now();
      const day = (offset: number) => new Date(now + offset * DAY_MS);
      await pass('start (first pass of today)', `pass ${day(0).toISOString()}`);
      await pass('day change (first pass of tomorrow)', `pass ${day(1).toISOString()}`);
      await pass('before: the refresh of every open assignment in one go', `legacy ${day(2).toISOString().slice(0, 10)}`);
      const idle = await probeWhile(health, new Promise((resolve) => setTimeout(resolve, 3000)));
      figures.push({ name: 'jobs.idle.health.p99', value: idle.p99, unit: 'ms' });
      const mem = memoryMb(child.pid);
      if (mem) figures.push({ name: 'jobs.server.rss-peak', value: mem.peak, unit: 'MB' });
      figures.push({ name: `jobs.dataset (${dataset.summary.assignments} assignments)`, value: 0, unit: '' });
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await runJobsBench()) console.log(`${f.name.padEnd(80)} ${String(f.value).padStart(10)} ${f.unit}`);
  process.exit(0);
}
