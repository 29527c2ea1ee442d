/**
 * The audit chain against someone who can write to the database but holds neither the key nor the checkpoints kept
 * outside it: deleting the newest events, deleting one in the middle, editing one and recomputing every later hash,
 * renumbering. Each is detected and the first missing or altered event is named. Chains written before keyed hashes
 * (migration 012) keep verifying, and the switch is an event of its own; a missing or unknown key refuses writes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { appendAuditEvent, CHAIN_FORMAT_ACTION, GENESIS, hashEvent, SYSTEM_ACTOR } from '../../src/db/audit.repository.js';
import { hashKeyedEvent } from '../../src/db/audit-hash.js';
import { attachAuditKeyring, auditKeyringFor, EMPTY_KEYRING } from '../../src/db/audit-keys.js';
import { createDatabase, migrateToLatest, migrateUpTo, type Dialect } from '../../src/db/database.js';
import { parseConfig } from '../../src/config.js';
import { verifyAudit, writeAuditCheckpoint } from '../../src/services/audit.js';

async function append(ctx: TestContext, n: number, tag = 'e') {
  for (let i = 1; i <= n; i++) {
    await ctx.db.transaction().execute((tx) => appendAuditEvent(tx, ctx.dialect, SYSTEM_ACTOR, {
      action: 'task.update', entityType: 'task', entityId: i, after: { status: `${tag}${i}` },
    }));
  }
}

/** What an intruder with database rights does first: the append-only triggers go. */
async function dropGuards(db: TestContext['db'], dialect: Dialect) {
  if (dialect === 'sqlite') {
    await sql`DROP TRIGGER IF EXISTS audit_no_update`.execute(db);
    await sql`DROP TRIGGER IF EXISTS audit_no_delete`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS audit_no_change ON audit_events`.execute(db);
  }
}

const rows = (ctx: TestContext) => ctx.db.selectFrom('audit_events').selectAll().orderBy('id').execute();

/** Edits event `seq` and recomputes every later hash without the key (plain sha256 in the keyed format or the old one). */
async function editAndRecompute(ctx: TestContext, seq: number, how: 'keep-key-id' | 'v1') {
  let prev: string | undefined;
  for (const e of await rows(ctx)) {
    if (e.seq! < seq) { prev = e.hash; continue; }
    const after = e.seq === seq ? '{"status":"篡改"}' : e.after;
    const fields = { ...e, after, prev_hash: prev ?? GENESIS };
    const hash = how === 'v1' ? hashEvent(fields) : hashKeyedEvent({ ...fields, seq: e.seq!, key_id: e.key_id! }, null);
    await sql`UPDATE audit_events SET after = ${after}, prev_hash = ${fields.prev_hash}, hash = ${hash}, key_id = ${how === 'v1' ? null : e.key_id} WHERE id = ${e.id}`.execute(ctx.db);
    prev = hash;
  }
}

describe.each(DIALECTS)('the audit chain under attack on %s', (dialect) => {
  const contexts: TestContext[] = [];
  const fresh = async (env: Record<string, string> = {}) => { const c = await createTestContext(dialect, env); contexts.push(c); return c; };
  afterAll(async () => { for (const c of contexts) await c.cleanup(); });

  it('is keyed, numbered 1…n, and verifies untouched', async () => {
    const ctx = await fresh();
    await append(ctx, 5);
    const all = await rows(ctx);
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(all.map((e) => e.key_id))).toEqual(new Set([auditKeyringFor(ctx.config).signing!.id]));
    expect(await verifyAudit(ctx)).toMatchObject({ ok: true, count: 5, headSeq: 5, keyed: true });
  });

  it('names the newest event deleted after a checkpoint, and the first of the newest 50', async () => {
    const ctx = await fresh();
    await append(ctx, 60);
    await writeAuditCheckpoint(ctx);
    await dropGuards(ctx.db, dialect);
    await sql`DELETE FROM audit_events WHERE seq = 60`.execute(ctx.db);
    expect(await verifyAudit(ctx)).toMatchObject({ ok: false, problem: 'truncated', badSeq: 60 });
    await sql`DELETE FROM audit_events WHERE seq > 10`.execute(ctx.db);
    const cut = await verifyAudit(ctx);
    expect(cut).toMatchObject({ ok: false, problem: 'truncated', badSeq: 11 });
    expect(!cut.ok && cut.reason).toMatch(/#11–#60/);
  });

  it('names an event deleted in the middle (#20), not the one after it', async () => {
    const ctx = await fresh();
    await append(ctx, 30);
    await dropGuards(ctx.db, dialect);
    await sql`DELETE FROM audit_events WHERE seq = 20`.execute(ctx.db);
    expect(await verifyAudit(ctx)).toMatchObject({ ok: false, problem: 'missing', badSeq: 20, badEventId: null });
  });

  it('names the edited event when every later hash was recomputed without the key', async () => {
    for (const how of ['keep-key-id', 'v1'] as const) {
      const ctx = await fresh();
      await append(ctx, 12);
      const victim = (await rows(ctx))[6]!;
      await dropGuards(ctx.db, dialect);
      await editAndRecompute(ctx, 7, how);
      expect(await verifyAudit(ctx), how).toMatchObject({ ok: false, problem: 'altered', badSeq: 7, badEventId: victim.id });
    }
  });

  it('catches an unkeyed chain recomputed throughout by its checkpoint', async () => {
    const ctx = await fresh();
    const unkeyed = createDatabase(ctx.config.database, EMPTY_KEYRING);
    try {
      await append({ ...ctx, db: unkeyed.db }, 20);
      await writeAuditCheckpoint(ctx);
      await dropGuards(ctx.db, dialect);
      await editAndRecompute(ctx, 5, 'keep-key-id');
      const r = await verifyAudit({ db: unkeyed.db, config: ctx.config });
      expect(r).toMatchObject({ ok: false, problem: 'altered', badSeq: 1 });
      expect(!r.ok && r.reason).toMatch(/#20/);
    } finally { await unkeyed.destroy(); }
  });

  it('keeps a chain written before migration 012 verifying, and records the switch to keyed hashes as an event', async () => {
    const ctx = await fresh();
    // The same database rebuilt up to migration 009, with events as the code before 012 wrote them (v1 hashes, no seq).
    const old = createDatabase(ctx.config.database);
    try {
      await resetToBefore012(old, dialect);
      let prev = GENESIS;
      for (let i = 1; i <= 4; i++) {
        const fields = { at: `2026-01-0${i}T00:00:00.000Z`, actor_id: null, actor_name: 'system', action: 'task.update', entity_type: 'task', entity_id: String(i), assignment_id: null, org_unit_id: i % 2 ? null : 3, before: null, after: `{"n":${i}}`, prev_hash: prev };
        prev = hashEvent(fields);
        await sql`INSERT INTO audit_events (at, actor_id, actor_name, action, entity_type, entity_id, assignment_id, org_unit_id, before, after, prev_hash, hash)
          VALUES (${fields.at}, NULL, 'system', 'task.update', 'task', ${fields.entity_id}, NULL, ${fields.org_unit_id}, NULL, ${fields.after}, ${fields.prev_hash}, ${prev})`.execute(old.db);
      }
      await migrateToLatest(old);
    } finally { await old.destroy(); }
    expect(await verifyAudit(ctx)).toMatchObject({ ok: true, count: 4, keyed: false });
    await append(ctx, 2);
    const all = await rows(ctx);
    expect(all.map((e) => [e.seq, e.key_id === null ? 'v1' : e.action])).toEqual([[1, 'v1'], [2, 'v1'], [3, 'v1'], [4, 'v1'], [5, CHAIN_FORMAT_ACTION], [6, 'task.update'], [7, 'task.update']]);
    expect(JSON.parse(all[4]!.before!)).toEqual({ keyId: 'sha256-v1', seq: 4, hash: all[3]!.hash });
    expect(await verifyAudit(ctx)).toMatchObject({ ok: true, count: 7, keyed: true });
  });

  it('refuses to write on without the key (no downgrade), or with a new key whose predecessor is not configured', async () => {
    const ctx = await fresh();
    await append(ctx, 2);
    const keyless = createDatabase(ctx.config.database, EMPTY_KEYRING);
    const rotated = parseConfig({ ...envOf(ctx), AUDIT_KEY: 'a-brand-new-audit-key-0123456789abcdef' });
    const other = createDatabase(ctx.config.database, auditKeyringFor(rotated));
    try {
      const write = (db: typeof keyless.db) => db.transaction().execute((tx) => appendAuditEvent(tx, dialect, SYSTEM_ACTOR, { action: 'x', entityType: 'x', entityId: 1 }));
      await expect(write(keyless.db)).rejects.toMatchObject({ code: 'AUDIT_KEY_MISSING' });
      await expect(write(other.db)).rejects.toMatchObject({ code: 'AUDIT_KEY_MISSING', message: expect.stringContaining('AUDIT_PREVIOUS_KEYS') });
      // Listing the old key (here: SECRET_KEY still configured) lets the new one take over, with a format event between.
      attachAuditKeyring(other.db, auditKeyringFor(parseConfig({ ...envOf(ctx), AUDIT_KEY: 'a-brand-new-audit-key-0123456789abcdef', SECRET_KEY: ctx.config.secretKey! })));
      await write(other.db);
      expect((await rows(ctx)).map((e) => e.action).slice(-2)).toEqual([CHAIN_FORMAT_ACTION, 'x']);
      expect(await verifyAudit({ db: other.db, config: ctx.config })).toMatchObject({ ok: true, count: 4 });
    } finally { await keyless.destroy(); await other.destroy(); }
  });
});

function envOf(ctx: TestContext): Record<string, string> {
  const db = ctx.config.database;
  return { NODE_ENV: 'test', STORAGE_DIR: ctx.config.storageDir, ...(db.kind === 'sqlite' ? { SQLITE_PATH: db.path } : { DATABASE_URL: db.url }) };
}

/** Drops every table and migrates the empty database up to migration 009, as a deployment stood before 012. */
async function resetToBefore012(handle: ReturnType<typeof createDatabase>, dialect: Dialect) {
  if (dialect === 'postgres') {
    await sql`DROP SCHEMA public CASCADE`.execute(handle.db);
    await sql`CREATE SCHEMA public`.execute(handle.db);
  } else {
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(handle.db);
    await sql`PRAGMA foreign_keys = OFF`.execute(handle.db);
    for (const t of tables.rows) await sql`DROP TABLE IF EXISTS ${sql.table(t.name)}`.execute(handle.db);
  }
  await migrateUpTo(handle, '2026-11-30-009-dashboard-rollups');
}
