/**
 * The public page's anchor of the audit chain: GET /api/public/audit-checkpoint answers, without sign-in, the newest
 * checkpoint written outside the database (sequence number, head hash, time) — none before the first — and passes
 * over a file that does not read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { anonymous, createTestApp, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildUser } from '../helpers/factories.js';
import { writeAuditCheckpoint } from '../../src/services/audit.js';

describe.each(DIALECTS)('the public audit checkpoint on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  it('is null before the first checkpoint, then the newest one', async () => {
    expect((await anonymous(t.app).get('/api/public/audit-checkpoint')).json()).toEqual({ checkpoint: null });
    const tree = await buildOrgTree(t.ctx);
    await buildUser(t.ctx, 'admin', tree.city);
    const first = (await writeAuditCheckpoint(t.ctx))!.checkpoint;
    await buildUser(t.ctx, 'viewer', tree.city);
    const second = (await writeAuditCheckpoint(t.ctx))!.checkpoint;
    expect(second.seq).toBeGreaterThan(first.seq);
    const res = await anonymous(t.app).get('/api/public/audit-checkpoint');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ checkpoint: { seq: second.seq, hash: second.hash, at: second.at } });

    // A damaged newer file is passed over (verification names it); the newest good checkpoint is shown.
    fs.writeFileSync(path.join(t.ctx.config.audit.checkpointDir, `${String(second.seq + 5).padStart(12, '0')}-${'0'.repeat(16)}.json`), '{ not json');
    expect((await anonymous(t.app).get('/api/public/audit-checkpoint')).json()).toEqual({ checkpoint: { seq: second.seq, hash: second.hash, at: second.at } });
  });
});
