/**
 * The real server for browser journeys: `rectify serve` in a child process on a free loopback port, over a temporary
 * SQLite database and storage directory, with the bundled sample loaded. The administrator's one-time password is
 * read from the console; more users are created through the API (`createUser`), as an administrator would.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { logChildOutput } from './test-log.js';
import { chinaDate } from '../../src/core/calendar-date.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface E2EServer {
  baseUrl: string;
  admin: { username: string; password: string };
  /** The server's temporary SQLite file, for the rare step a journey cannot wait for (a notice period ending). */
  dbPath: string;
  /** Everything the server printed (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The server serves dist/web as it finds it at start-up, so the build must be current first. */
export function ensureWebBuilt(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-web-if-stale.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the web app failed');
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s:\n${output()}`);
}

/** `env`: more settings for this server (FORCE_PASSWORD_CHANGE, say). */
export async function startE2EServer(env: Record<string, string> = {}): Promise<E2EServer> {
  ensureWebBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dbPath = path.join(dir, 'rectify.db');
  let out = '';
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', LOAD_SAMPLE: 'true', LOG_LEVEL: 'info',
    SQLITE_PATH: dbPath, STORAGE_DIR: path.join(dir, 'files'),
    // Complainants' details are sealed with this key; without one, case tables naming complainants are refused.
    SECRET_KEY: 'e2e-secret-key-for-sealing-complainants',
    ...env,
  };
  // Always the temporary SQLite file, even where a PostgreSQL URL is configured for other suites.
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/rectify.js'), 'serve', '--port', String(port)], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  logChildOutput('e2e', child);
  const output = () => out;
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, output, 90_000);
    // Not a terminal: the server writes the first password to a file beside the data, never to its output (the log).
    const passwordFile = path.join(dir, 'initial-admin-password.txt');
    if (/初始密码：/.test(out) || !fs.existsSync(passwordFile)) throw new Error(`the administrator password is in the server output or missing from ${passwordFile}:\n${out}`);
    const password = fs.readFileSync(passwordFile, 'utf8').trim();
    return { baseUrl, admin: { username: 'admin', password }, dbPath, output, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** A minimal API client signed in like the browser (session cookie + CSRF header), for setting up data. */
export async function apiSession(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const r = await fetch(`${baseUrl}${url}`, {
      method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
}

/** A user with one role at the unit named `orgName`, as createUser makes them. */
export interface E2EUser { username: string; displayName: string; password: string; role: string; orgName: string }

/** 抚顺市's reporter and reviewer (抚顺市 reports, and accepts its counties' shares at city level), whom most journeys sign in as. */
export const FS_REPORTER: E2EUser = { username: 'fs-reporter', displayName: '抚顺市填报员', password: 'reporter-pass-2024', role: 'reporter', orgName: '抚顺市' };
export const FS_REVIEWER: E2EUser = { username: 'fs-reviewer', displayName: '抚顺市审核员', password: 'reviewer-pass-2024', role: 'reviewer', orgName: '抚顺市' };

/** 辽宁省's reviewer: accepts what 抚顺市 holds itself, receives 抚顺市's filings (备案) and samples its closures (抽查). */
export const LN_REVIEWER: E2EUser = { username: 'ln-reviewer', displayName: '辽宁省审核员', password: 'reviewer-pass-2024', role: 'reviewer', orgName: '辽宁省' };
/** 新宾满族自治县's reporter: holds a county share of a 抚顺市 task. */
export const XB_REPORTER: E2EUser = { username: 'xb-reporter', displayName: '新宾县填报员', password: 'reporter-pass-2024', role: 'reporter', orgName: '新宾满族自治县' };

/** Creates a user with one role at the unit named `orgName` (looked up through the API), as the administrator. */
export async function createUser(server: E2EServer, user: E2EUser): Promise<void> {
  const call = await apiSession(server.baseUrl, server.admin.username, server.admin.password);
  const units = await call<{ items: { id: number; name: string }[] }>('GET', `/api/org-units?q=${encodeURIComponent(user.orgName)}&pageSize=50`);
  const unit = units.items.find((u) => u.name === user.orgName);
  if (!unit) throw new Error(`no org unit named ${user.orgName}`);
  await call('POST', '/api/users', {
    username: user.username, displayName: user.displayName, password: user.password, memberships: [{ orgUnitId: unit.id, role: user.role }],
  });
}

/** A day `offset` days from today, as the server and the date pickers count days (China's calendar date, YYYY-MM-DD). */
export function chinaDay(offset: number): string {
  return chinaDate(new Date(Date.now() + offset * 86_400_000));
}

/**
 * A real notice period (公示, days long) cannot be waited out in a journey: move the notice of every procedure now
 * under notice into the past (started a week ago, ended yesterday), directly in the server's SQLite file.
 * Returns how many procedures were moved.
 */
export function endNoticesYesterday(server: E2EServer): number {
  const db = new Database(server.dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(`UPDATE closures SET notice_start = ?, notice_end = ? WHERE state = 'noticed'`).run(chinaDay(-7), chinaDay(-1)).changes;
  } finally {
    db.close();
  }
}
