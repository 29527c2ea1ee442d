/**
 * Nothing is lost: a backup taken while writes keep landing restores into a fresh location with the row counts of
 * its manifest, an intact audit chain and byte-identical evidence files. PostgreSQL is refused with instructions.
 */
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

    const fresh = parseConfig({ NODE_ENV: 'test', SQLITE_PATH: path.join(dir, 'restored/rectify.db'), STORAGE_DIR: path.join(dir, 'restored/files') });
    const report = await restoreBackup(fresh, file);
    expect(report.mismatches).toEqual([]);
    expect(report.counts).toEqual(manifest.counts);
    expect(report.audit).toEqual({ ok: true, count: manifest.counts.audit_events });
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

describe.each(DIALECTS.filter((d) => d === 'postgres'))('backup on %s', (dialect) => {
  it('refuses with the pg_dump / pg_restore commands and the storage directory to copy', async () => {
    const ctx = await createTestContext(dialect);
    try {
      await expect(createBackup(ctx, path.join(os.tmpdir(), 'never.backup'))).rejects.toThrow(new RegExp(`pg_dump -Fc[\\s\\S]*pg_restore[\\s\\S]*${ctx.config.storageDir.replace(/[/\\]/g, '.')}`));
    } finally { await ctx.cleanup(); }
  });
});
