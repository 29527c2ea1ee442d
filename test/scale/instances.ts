/**
 * Real server instances for the multi-instance tests: `rectify serve` in child processes on loopback ports the
 * system picks, all on one database and one evidence directory, each with its job worker polling every `pollMs`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { logChildOutput } from '../helpers/test-log.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Instance {
  name: string;
  baseUrl: string;
  pid: number;
  /** Everything the process printed (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

export interface InstanceEnv { databaseUrl: string; storageDir: string; secretKey: string; pollMs: number; extra?: Record<string, string> }

/** Starts one instance and waits until /api/health answers; the port is read from the start-up line. */
export async function startInstance(name: string, env: InstanceEnv, timeoutMs = 40_000): Promise<Instance> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOAD_SAMPLE: 'false',
    DATABASE_URL: env.databaseUrl, STORAGE_DIR: env.storageDir, SECRET_KEY: env.secretKey, JOB_POLL_MS: String(env.pollMs), ...env.extra,
  };
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/rectify.js'), 'serve', '--port', '0'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  logChildOutput(`instance-${name}`, child);
  const output = () => out;
  // Never outlive the test run, even when it ends without calling close().
  const killOnExit = () => { child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  const close = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    // SIGTERM: the worker finishes the pass under way, then the server and the pool close.
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`instance ${name} exited (${child.exitCode}) before it was ready:\n${out}`);
      if (Date.now() > deadline) throw new Error(`instance ${name} was not ready within ${timeoutMs / 1000} s:\n${out}`);
      const baseUrl = /已启动：(http:\/\/[\d.]+:\d+)/.exec(out)?.[1];
      if (baseUrl && (await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false))) {
        return { name, baseUrl, pid: child.pid!, output, close };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (e) {
    await close();
    throw e;
  }
}

/** A browser-like session on one instance's origin: the cookie and CSRF token can be carried to another. */
export interface Session { cookie: string; csrfToken: string }

export async function signIn(instance: Instance, username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${instance.baseUrl}/api/auth/sign-in`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }),
  });
}

export async function sessionOn(instance: Instance, username: string, password: string): Promise<Session> {
  const res = await signIn(instance, username, password);
  if (!res.ok) throw new Error(`sign-in as ${username} on ${instance.name} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** A request with the session's cookie (and its CSRF token unless `csrf: false`). */
export function call(instance: Instance, session: Session, method: string, url: string, opts: { json?: unknown; body?: FormData; csrf?: boolean } = {}): Promise<Response> {
  const headers: Record<string, string> = { cookie: session.cookie };
  if (opts.csrf !== false) headers['x-csrf-token'] = session.csrfToken;
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${instance.baseUrl}${url}`, { method, headers, body: opts.body ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json)) });
}
