/**
 * The real server for crash tests: `rectify serve` in a child process over a test database (SQLite file or a fresh
 * PostgreSQL database from createTestContext), on a free loopback port, that a test can SIGKILL and start again on
 * the same database and storage. Clients use API tokens (created in the test process), so they survive restarts.
 * Also: a webhook receiver that can hold a request unanswered (to kill the server mid-send), a kill switch that fires
 * after a given number of acknowledged writes, and the checks every restart must pass.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import type { TestContext } from './test-db.js';
import { verifyAuditChain } from '../../src/db/audit.repository.js';
import { JOB_LEASE_MS } from '../../src/db/jobs.repository.js';
import { OUTBOX_LEASE_MS } from '../../src/db/outbox.repository.js';
import { createApiToken } from '../../src/services/auth.js';
import { logChildOutput } from './test-log.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const live = new Set<ChildProcess>();
// A failed test must not leave servers behind holding the database: killed when the test file ends (a test that
// timed out leaves its server running; the worker process may be reused or ended by a signal, not a normal exit).
const killLive = () => { for (const c of live) c.kill('SIGKILL'); };
afterAll(killLive);
process.once('exit', killLive);

export interface ServerRun {
  baseUrl: string;
  pid: number;
  /** Everything the server printed (for failure messages). */
  output(): string;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it lingers. */
  stop(): Promise<void>;
}

/** The server's environment for the test context's database and storage; `extra` adds WEBHOOK_URL, JOB_POLL_MS, … */
export function serverEnv(ctx: TestContext, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOAD_SAMPLE: 'false', LOG_LEVEL: 'info',
    STORAGE_DIR: ctx.config.storageDir, SECRET_KEY: ctx.config.secretKey ?? undefined, ...extra,
  };
  delete env.DATABASE_URL;
  delete env.SQLITE_PATH;
  if (ctx.config.database.kind === 'postgres') env.DATABASE_URL = ctx.config.database.url;
  else env.SQLITE_PATH = ctx.config.database.path;
  return env;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** Starts `rectify serve` and resolves with its address once it says it listens (it prints the port it got). */
export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<ServerRun> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/rectify.js'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  logChildOutput('crash', child);
  child.once('exit', () => live.delete(child));
  let out = '';
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the server did not start within ${timeoutMs / 1000} s:\n${out}`)); }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /已启动：(http:\/\/[^\s]+?:\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`the server exited (${code ?? signal}) before it listened:\n${out}`)); });
  });
  return {
    baseUrl, pid: child.pid!, output: () => out,
    async kill() { child.kill('SIGKILL'); await exited(child); },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited(child), new Promise((r) => setTimeout(r, 5000))]);
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** What a request came to: the HTTP status and body, or status 0 when no answer came (the server died). */
export interface Outcome<T = unknown> { status: number; body: T }

/**
 * Kills the server when the given number of writes has been acknowledged (2xx received): a kill point defined by
 * progress, not by time, so it is the same on a fast and a slow machine; what is in flight then is cut off wherever
 * the server is with it.
 */
export class KillSwitch {
  acks = 0;
  fired: Promise<void> | undefined;
  constructor(private readonly server: ServerRun, private readonly afterAcks: number) {}
  ack(): void {
    if (++this.acks === this.afterAcks) this.fired ??= this.server.kill();
  }
  get dead(): boolean { return this.fired !== undefined; }
}

export interface ApiClient {
  get<T>(url: string): Promise<Outcome<T>>;
  send<T>(method: string, url: string, body?: unknown): Promise<Outcome<T>>;
  upload<T>(url: string, payload: Buffer, contentType: string): Promise<Outcome<T>>;
}

/** A client with a bearer API token; writes that succeed count towards the kill switch. */
export function apiClient(baseUrl: string, token: string, killSwitch?: KillSwitch): ApiClient {
  const call = async <T>(method: string, url: string, body: BodyInit | undefined, contentType?: string): Promise<Outcome<T>> => {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${url}`, { method, body, headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) } });
    } catch {
      return { status: 0, body: undefined as T };
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      return { status: 0, body: undefined as T };
    }
    if (method !== 'GET' && res.ok) killSwitch?.ack();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    get: (url) => call('GET', url, undefined),
    send: (method, url, body) => call(method, url, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json'),
    upload: (url, payload, contentType) => call('POST', url, new Uint8Array(payload), contentType),
  };
}

/** An API token for the user, made in the test process (as `rectify` or the web page would). */
export async function tokenFor(ctx: TestContext, userId: number): Promise<string> {
  return (await createApiToken(ctx, { id: userId, name: String(userId) }, { name: 'crash test', scope: 'write', expiresInDays: 1 })).token;
}

/** Receives webhook deliveries; `holdNth` leaves that request (1-based) unanswered and calls `onHold` when it arrives. */
export interface Receiver {
  url: string;
  received: { dedupeKey: string; idempotencyKey: string | undefined }[];
  holdNth: number;
  onHold: (() => void) | undefined;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  let seen = 0;
  const state: Receiver = { url: '', received: [], holdNth: 0, onHold: undefined, close: async () => undefined };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      const message = JSON.parse(body) as { dedupeKey: string };
      state.received.push({ dedupeKey: message.dedupeKey, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
      if (++seen === state.holdNth) { state.onHold?.(); return; }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  state.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return state;
}

/**
 * A test cannot wait out a lease (a minute): with the server dead, move the claims it held back by one lease, as the
 * clock would, so the next server's first pass finds them expired. Returns what the dead server held: the jobs it was
 * running and the messages it was sending when it died.
 */
export async function expireDeadLeases(ctx: TestContext): Promise<{ running: number[]; sending: number[] }> {
  const running = (await ctx.db.selectFrom('jobs').select('id').where('state', '=', 'running').execute()).map((r) => r.id);
  const sending = (await ctx.db.selectFrom('outbox').select('id').where('state', '=', 'sending').execute()).map((r) => r.id);
  const jobsPast = new Date(Date.now() - JOB_LEASE_MS - 1000).toISOString();
  const outboxPast = new Date(Date.now() - OUTBOX_LEASE_MS - 1000).toISOString();
  await ctx.db.updateTable('jobs').set({ locked_at: jobsPast }).where('state', '=', 'running').execute();
  await ctx.db.updateTable('outbox').set({ sent_at: outboxPast }).where('state', '=', 'sending').execute();
  return { running, sending };
}

const count = async (ctx: TestContext, q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);

/** Waits until the server's worker has run every due job and delivered the outbox (no job or message under way). */
export async function waitForQueueDrained(ctx: TestContext, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = new Date().toISOString();
    const jobs = await count(ctx, ctx.db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('state', 'in', ['queued', 'running']).where('run_at', '<=', now).executeTakeFirst());
    const outbox = await count(ctx, ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', 'in', ['pending', 'sending']).executeTakeFirst());
    if (jobs === 0 && outbox === 0) return;
    if (Date.now() > deadline) {
      const left = await ctx.db.selectFrom('jobs').select(['id', 'kind', 'state', 'attempts', 'locked_by', 'locked_at', 'error']).where('state', 'in', ['queued', 'running']).execute();
      throw new Error(`the queue did not drain within ${timeoutMs / 1000} s: ${jobs} jobs and ${outbox} outbox messages left ${JSON.stringify(left.slice(0, 5))}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const AUDITED_TABLES = { closure: 'closures', case: 'complaint_cases', case_batch: 'complaint_batches', assignment: 'assignments', task: 'tasks' } as const;

/**
 * What must hold after any crash, whatever was in flight: the audit chain verifies; every audited entity of the kinds
 * written here exists (an event never outlives its write); every closure step, penalty and imported file has its
 * audit event or evidence row and its follow-up job (a write never outlives its event); every closure starts with
 * its application; every stored blob matches its hash.
 */
export async function checkStoreWhole(ctx: TestContext): Promise<void> {
  expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  const events = await ctx.db.selectFrom('audit_events').select(['id', 'action', 'entity_type', 'entity_id', 'after']).orderBy('id').execute();
  for (const [type, table] of Object.entries(AUDITED_TABLES)) {
    const ids = new Set((await ctx.db.selectFrom(table).select('id').execute()).map((r) => String(r.id)));
    // Removals would be audited too; none of these tests removes such rows.
    const orphans = events.filter((e) => e.entity_type === type && !ids.has(String(e.entity_id)));
    expect(orphans, `${type} audit events without their row`).toEqual([]);
  }
  const steps = await ctx.db.selectFrom('closure_steps').select(['id', 'closure_id', 'step']).orderBy('id').execute();
  const closureEvents = events.filter((e) => e.entity_type === 'closure');
  const closures = await ctx.db.selectFrom('closures').select('id').execute();
  for (const c of closures) {
    const own = steps.filter((s) => s.closure_id === c.id).map((s) => `closure.${s.step}`);
    expect(own[0], `closure ${c.id} starts with its application`).toBe('closure.apply');
    expect(closureEvents.filter((e) => String(e.entity_id) === String(c.id)).map((e) => e.action), `closure ${c.id}: one audit event per step`).toEqual(own);
  }
  const jobKeys = new Set((await ctx.db.selectFrom('jobs').select('dedupe_key').where('kind', '=', 'notify.closure').execute()).map((j) => j.dedupe_key));
  expect(steps.filter((s) => !jobKeys.has(`closure:${s.closure_id}:step:${s.id}`)), 'closure steps without their follow-up job').toEqual([]);
  expect(jobKeys.size, 'closure jobs without their step').toBe(steps.length);
  const penalties = await ctx.db.selectFrom('case_penalties').select('id').execute();
  const penaltyEvents = events.filter((e) => e.action === 'case.penalty_add').map((e) => (JSON.parse(e.after ?? '{}') as { penaltyId: number }).penaltyId);
  expect(penaltyEvents.sort((a, b) => a - b)).toEqual(penalties.map((p) => p.id).sort((a, b) => a - b));
  const imports = await ctx.db.selectFrom('imports').select(['id', 'sha256']).execute();
  const importEvidence = await ctx.db.selectFrom('evidence_files').select('owner_id').where('owner_type', '=', 'import').execute();
  expect(importEvidence.map((e) => e.owner_id).sort((a, b) => a - b)).toEqual(imports.map((i) => i.id).sort((a, b) => a - b));
  const root = ctx.config.storageDir;
  const blobs = fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).map(String).filter((p) => /[0-9a-f]{64}$/.test(p)) : [];
  for (const file of blobs) expect(createHash('sha256').update(fs.readFileSync(path.join(root, file))).digest('hex')).toBe(path.basename(file));
  for (const i of imports) expect(blobs.some((b) => b.endsWith(i.sha256)), `import ${i.id} has its stored file`).toBe(true);
}
