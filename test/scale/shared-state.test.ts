/**
 * The state several instances share, below the HTTP layer: rate-limit counters in the database (concurrent hits
 * never lost, windows that end start afresh, ended ones swept) and the evidence directory (the same content stored
 * by many writers at once leaves one complete file and no temporary files; two stores on one directory see each
 * other's files).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { deleteExpiredRateLimits, hitRateLimit } from '../../src/db/rate-limits.repository.js';
import { createLocalFileStore } from '../../src/storage/file-store.js';

describe.each(DIALECTS)('shared rate-limit counters on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await createTestContext(dialect); });
  afterAll(async () => { await ctx.cleanup(); });

  it('counts concurrent hits without losing one', async () => {
    const now = new Date('2026-11-30T08:00:00.000Z');
    const hits = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(ctx.db, 'POST /api/auth/sign-in|198.51.100.1', now, 60_000)));
    expect(hits.map((h) => h.hits).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(hits.map((h) => h.windowEnds))).toEqual(new Set(['2026-11-30T08:01:00.000Z']));
  });

  it('keeps a window until it ends, then starts a new one', async () => {
    const key = 'POST /api/auth/sign-in|198.51.100.2';
    const t0 = Date.parse('2026-11-30T09:00:00.000Z');
    expect(await hitRateLimit(ctx.db, key, new Date(t0), 60_000)).toEqual({ hits: 1, windowEnds: '2026-11-30T09:01:00.000Z' });
    expect(await hitRateLimit(ctx.db, key, new Date(t0 + 59_999), 60_000)).toEqual({ hits: 2, windowEnds: '2026-11-30T09:01:00.000Z' });
    expect(await hitRateLimit(ctx.db, key, new Date(t0 + 60_000), 60_000)).toEqual({ hits: 1, windowEnds: '2026-11-30T09:02:00.000Z' });
    // Other keys are counted apart.
    expect((await hitRateLimit(ctx.db, 'POST /api/auth/sign-in|198.51.100.3', new Date(t0 + 60_000), 60_000)).hits).toBe(1);
  });

  it('sweeps only counters whose window has ended', async () => {
    await hitRateLimit(ctx.db, 'sweep|old', new Date('2026-11-30T10:00:00.000Z'), 60_000);
    await hitRateLimit(ctx.db, 'sweep|live', new Date('2026-11-30T10:30:00.000Z'), 60_000);
    await deleteExpiredRateLimits(ctx.db, '2026-11-30T10:30:30.000Z');
    const left = await ctx.db.selectFrom('rate_limits').select('key').where('key', 'like', 'sweep|%').execute();
    expect(left.map((r) => r.key)).toEqual(['sweep|live']);
  });
});

describe('evidence directory shared by several writers', () => {
  let root: string;
  beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-shared-files-')); });
  afterAll(() => { fs.rmSync(root, { recursive: true, force: true }); });

  it('stores the same content written at once by many stores as one complete file, with no temporary files left', async () => {
    const data = Buffer.from('同一份证明材料。'.repeat(100_000));
    const stores = Array.from({ length: 8 }, () => createLocalFileStore(root));
    const results = await Promise.all(stores.map((s) => s.put(data)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    const { sha256 } = results[0]!;
    for (const s of stores) expect((await s.read(sha256)).equals(data)).toBe(true);
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(root, f)).isFile());
    expect(files).toEqual([path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256)]);
  });

  it('lets one store read what another stored, and answers has() for both', async () => {
    const [writer, reader] = [createLocalFileStore(root), createLocalFileStore(root)];
    const { sha256 } = await writer.put(Buffer.from('整改验收意见'));
    expect(await reader.has(sha256)).toBe(true);
    expect((await reader.read(sha256)).toString('utf8')).toBe('整改验收意见');
    expect(await reader.has('0'.repeat(64))).toBe(false);
    await expect(reader.has('not-a-hash')).rejects.toThrow(/invalid content hash/);
  });
});
