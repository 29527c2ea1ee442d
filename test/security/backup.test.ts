/**
 * Nothing is lost: a backup taken while writes keep landing restores into a fresh location with the row counts of
 * its manifest, an intact audit chain and byte-identical evidence files. A restore is refused while a server uses the
 * database (it would replace the file under the server, whose acknowledged writes would then be lost). PostgreSQL is
 * refused with instructions.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { SYSTEM_ACTOR } from '../../src/db/audit.repository.js';
import { storeEvidence } from '../../src/services/evidence.js';
import { createBackup, restoreBackup } from '../../src/services/backup.js';
import { parseConfig } from '../../src/config.js';
import { openSqliteFile, countRows } from '../../src/db/backup.repository.js';
import { createLocalFileStore } from '../../src/storage/file-store.js';
import { PDF } from '../fixtures/evidence/samples.js';
import { serverEnv, startServer, type ServerRun } from '../helpers/crash-server.js';
import { TEST_PASSWORD } from '../helpers/factories.js';
import { findUserByUsername } from '../../src/db/users.repository.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/rectify.js');
/** Runs `rectify ARGS` as an operator would; never throws on a non-zero exit. */
async function rectifyCli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('backup and restore on sqlite', () => {
  let ctx: TestContext;
  let tree: OrgTree;
  let assignmentId: number;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-backup-'));
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.city);
    assignmentId = (await buildTask(ctx, { planId: plan.id, org: tree.countyA })).assignment.id;
  });
  afterAll(async () => { await ctx.cleanup(); fs.rmSync(dir, { recursive: true, force: true }); });

  // Each upload is distinct content, so every write adds an evidence row, an audit event and a stored file.
  const upload = (i: number) => storeEvidence(ctx, SYSTEM_ACTOR, {
    ownerType: 'assignment', ownerId: assignmentId, orgUnitId: tree.countyA.id, assignmentId, name: `验收意见${i}.pdf`,
    data: Buffer.concat([PDF, Buffer.from(`%${i}\n`)]),
  });

  it('takes a consistent copy while writes continue, and restores it into a fresh location', async () => {
    for (let i = 0; i < 5; i++) await upload(i);
    let stop = false;
    let written = 0;
    const writer = (async () => {
      for (let i = 100; !stop && i < 400; i++) {
        await upload(i);
        if (i % 10 === 0) await buildUser(ctx, 'viewer', tree.countyB);
        written++;
      }
    })();
    // Let the writer get going before the snapshot, and keep it going during the snapshot.
    while (written < 10) await new Promise((r) => setImmediate(r));
    const file = path.join(dir, 'rectify.backup');
    const manifest = await createBackup(ctx, file);
    stop = true;
    await writer;
    expect(manifest.counts.evidence_files).toBeGreaterThanOrEqual(15);
    expect(manifest.files).toBe(manifest.counts.evidence_files);
    expect(manifest.auditHead).not.toBeNull();

    const fresh = parseConfig({ NODE_ENV: 'test', SQLITE_PATH: path.join(dir, 'restored/rectify.db'), STORAGE_DIR: path.join(dir, 'restored/files'), SECRET_KEY: ctx.config.secretKey! });
    const report = await restoreBackup(fresh, file);
    expect(report.mismatches).toEqual([]);
    expect(report.counts).toEqual(manifest.counts);
    expect(report.audit).toMatchObject({ ok: true, count: manifest.counts.audit_events, keyed: true });
    expect(report.files).toBe(manifest.files);
    const db = openSqliteFile(fresh.database.kind === 'sqlite' ? fresh.database.path : '', true);
    const last = db.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').get();
    const shas = db.prepare('SELECT sha256 FROM evidence_files').all() as { sha256: string }[];
    const extra = db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'backup_%'`).all();
    db.close();
    expect(last).toEqual(manifest.auditHead);
    expect(extra).toEqual([]);
    const store = createLocalFileStore(fresh.storageDir);
    for (const { sha256 } of shas) expect((await store.read(sha256)).equals(await ctx.files.read(sha256))).toBe(true);

    // A second restore onto the now non-empty database needs --force, and then agrees again.
    await expect(restoreBackup(fresh, file)).rejects.toThrow(/--force/);
    expect((await restoreBackup(fresh, file, { force: true })).mismatches).toEqual([]);
  });

  it('refuses to overwrite an existing backup file and to restore a file that is not a backup', async () => {
    const file = path.join(dir, 'again.backup');
    fs.writeFileSync(file, 'x');
    await expect(createBackup(ctx, file)).rejects.toThrow(/已存在/);
    const notBackup = ctx.config.database.kind === 'sqlite' ? ctx.config.database.path : '';
    const target = parseConfig({ NODE_ENV: 'test', SQLITE_PATH: path.join(dir, 'other/rectify.db'), STORAGE_DIR: path.join(dir, 'other/files') });
    await expect(restoreBackup(target, notBackup)).rejects.toThrow(/不是 rectify backup/);
    expect(fs.existsSync(path.join(dir, 'other/rectify.db'))).toBe(false);
    const live = openSqliteFile(notBackup, true);
    expect(countRows(live).evidence_files).toBeGreaterThan(0);
    live.close();
  });
});

describe('restore while a server uses the database (sqlite)', () => {
  it('is refused with a clear message, the server keeps its data and writes, and goes through once the server stopped', { timeout: 120_000 }, async () => {
    const ctx = await createTestContext('sqlite');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-restore-lock-'));
    let server: ServerRun | undefined;
    try {
      const tree = await buildOrgTree(ctx);
      const admin = await buildUser(ctx, 'admin', tree.city);
      const file = path.join(dir, 'before.backup');
      await createBackup(ctx, file);
      server = await startServer(serverEnv(ctx));
      const cli = await rectifyCli(serverEnv(ctx), 'restore', file, '--force');
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(/正被运行中的服务或其他 rectify 命令使用，不能恢复：请先停止服务/);
      await expect(restoreBackup(ctx.config, file, { force: true })).rejects.toMatchObject({ code: 'DATABASE_IN_USE' });

      // The server still writes to the database it has: a user created now is there after a restart.
      const signIn = await fetch(`${server.baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: admin.username, password: TEST_PASSWORD }) });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const created = await fetch(`${server.baseUrl}/api/users`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ username: 'after-refusal', displayName: '拒绝后新建', memberships: [{ orgUnitId: tree.countyA.id, role: 'viewer' }] }),
      });
      expect(created.status).toBe(201);
      await server.stop();
      server = await startServer(serverEnv(ctx));
      expect(await findUserByUsername(ctx.db, 'after-refusal')).toBeDefined();
      await server.stop();
      server = undefined;

      // Stopped: the restore goes through (and the user made after the backup is gone, as the operator asked).
      const restored = await rectifyCli(serverEnv(ctx), 'restore', file, '--force');
      expect(restored.code, restored.stderr).toBe(0);
      // Read through a new connection: the test's own one still sees the file the restore replaced.
      const after = openSqliteFile(ctx.config.database.kind === 'sqlite' ? ctx.config.database.path : '', true);
      try { expect(after.prepare('SELECT id FROM users WHERE username = ?').get('after-refusal')).toBeUndefined(); } finally { after.close(); }
    } finally {
      await server?.stop();
      await ctx.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(DIALECTS.filter((d) => d === 'postgres'))('backup on %s', (dialect) => {
  it('refuses with the pg_dump / pg_restore commands and the storage directory to copy', async () => {
    const ctx = await createTestContext(dialect);
    try {
      await expect(createBackup(ctx, path.join(os.tmpdir(), 'never.backup'))).rejects.toThrow(new RegExp(`pg_dump -Fc[\\s\\S]*pg_restore[\\s\\S]*${ctx.config.storageDir.replace(/[/\\]/g, '.')}`));
    } finally { await ctx.cleanup(); }
  });
});
