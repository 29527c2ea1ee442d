/**
 * What the HTTP benchmarks share: the app in a server process of its own (bench/api-server.ts, so the load generator
 * does not share its event loop), autocannon on loopback collecting every response's latency, the server's CPU time
 * and memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type RequestSpec } from 'autocannon';

export interface Figure { name: string; value: number; unit: string }
export interface Latency { p50: number; p95: number; p99: number; rps: number; count: number }

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const round2 = (n: number) => Math.round(n * 100) / 100;

/** The median wall time of `runs` calls of `fn`, in ms, after `warmups` calls that are not counted. */
export async function medianMs(fn: () => Promise<unknown>, runs: number, warmups = 1): Promise<number> {
  for (let i = 0; i < warmups; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** p50/p95/p99 of sorted milliseconds, to two decimals. */
function quantiles(sorted: readonly number[]): Pick<Latency, 'p50' | 'p95' | 'p99'> {
  return { p50: round2(percentile(sorted, 50)), p95: round2(percentile(sorted, 95)), p99: round2(percentile(sorted, 99)) };
}

/** p50/p95/p99 in milliseconds of `runs` sequential calls (after a warm-up of a tenth as many). */
export async function timeCalls(runs: number, call: (i: number) => Promise<unknown>): Promise<Pick<Latency, 'p50' | 'p95' | 'p99'>> {
  for (let i = 0; i < Math.ceil(runs / 10); i++) await call(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return quantiles(times);
}

/**
 * Loads one URL (or, with `next`, a path per request: rotating ids) for `duration` seconds over `connections`
 * connections; every response must be 2xx.
 */
export async function load(url: string, opts: { headers?: Record<string, string>; duration: number; connections: number; method?: string; body?: string; next?: () => string }): Promise<Latency> {
  const latencies: number[] = [];
  const method = opts.method ?? 'GET';
  const requests: RequestSpec[] | undefined = opts.next ? [{ method, ...(opts.body ? { body: opts.body } : {}), setupRequest: (r) => ({ ...r, path: opts.next!() }) }] : undefined;
  const run = autocannon({ url, connections: opts.connections, duration: opts.duration, headers: opts.headers ?? {}, method, ...(opts.body ? { body: opts.body } : {}), ...(requests ? { requests } : {}) });
  run.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await run;
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  latencies.sort((a, b) => a - b);
  return { ...quantiles(latencies), rps: Math.round(result.requests.average), count: latencies.length };
}

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

/** Resident memory (VmRSS) and its peak so far (VmHWM) of a process in MB, or null elsewhere. */
export function memoryMb(pid: number | undefined): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

export interface BenchServer { child: ChildProcess; api: string; bare: string; stop(): void }

/** Starts bench/api-server.ts with the given environment; resolves with its two base URLs. */
export function startServer(env: Record<string, string>): Promise<BenchServer> {
  // The same V8 setting as `npm start`: a small young generation keeps the server's memory down at no measurable cost.
  const child = spawn(process.execPath, ['--max-semi-space-size=2', '--import', 'tsx', 'bench/api-server.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ child, ...(JSON.parse(line) as { api: string; bare: string }), stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`benchmark server exited with ${code}`)));
  });
}
