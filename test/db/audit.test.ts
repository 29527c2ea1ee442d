import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { appendAuditEvent, listAuditEvents, verifyAuditChain, SYSTEM_ACTOR } from '../../src/db/audit.repository.js';

async function dropAppendOnlyGuard(ctx: TestContext) {
  if (ctx.dialect === 'sqlite') await sql`DROP TRIGGER audit_no_update`.execute(ctx.db);
  else await sql`DROP TRIGGER audit_no_change ON audit_events`.execute(ctx.db);
}

describe.each(DIALECTS)('audit chain on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    for (let i = 1; i <= 5; i++) {
      await ctx.db.transaction().execute((tx) => appendAuditEvent(tx, dialect, SYSTEM_ACTOR, {
        action: 'task.update', entityType: 'task', entityId: i, assignmentId: 7, before: { status: '滞后' }, after: { status: `完成${i}` },
      }));
    }
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('verifies an untouched chain', async () => {
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, count: 5, headSeq: 5, keyed: true });
  });

  it('reads a history newest first with before and after', async () => {
    const events = await listAuditEvents(ctx.db, { assignmentId: 7 });
    expect(events).toHaveLength(5);
    expect(events[0]!.after).toEqual({ status: '完成5' });
    expect(events[0]!.before).toEqual({ status: '滞后' });
  });

  it('names the first event edited behind its back', async () => {
    const third = (await ctx.db.selectFrom('audit_events').select('id').orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow()).id;
    await dropAppendOnlyGuard(ctx);
    await sql`UPDATE audit_events SET after = ${'{"status":"篡改"}'} WHERE id = ${third}`.execute(ctx.db);
    const result = await verifyAuditChain(ctx.db);
    expect(result).toMatchObject({ ok: false, badEventId: third, count: 2 });
  });
});
