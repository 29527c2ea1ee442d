import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { migrationStatus } from '../../src/db/database.js';
import { insertOrgUnit, listOrgUnits } from '../../src/db/org-units.repository.js';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await createTestContext(dialect); });
  afterAll(async () => { await ctx.cleanup(); });

  it('applies every migration', async () => {
    const status = await migrationStatus(ctx.handle);
    expect(status.length).toBeGreaterThanOrEqual(2);
    expect(status.every((m) => m.executedAt !== null)).toBe(true);
  });

  it('keeps the org tree as materialized paths', async () => {
    const province = await insertOrgUnit(ctx.db, { parentId: null, code: 'LN', name: '辽宁省', kind: 'province' });
    const city = await insertOrgUnit(ctx.db, { parentId: province.id, code: 'LN-FS', name: '抚顺市', kind: 'city' });
    const county = await insertOrgUnit(ctx.db, { parentId: city.id, code: 'LN-FS-XB', name: '新宾满族自治县', kind: 'county' });
    expect(county.path).toBe(`/${province.id}/${city.id}/${county.id}/`);
    const subtree = await listOrgUnits(ctx.db, city.path);
    expect(subtree.map((u) => u.name)).toEqual(['抚顺市', '新宾满族自治县']);
  });

  it('refuses to edit or delete audit events', async () => {
    await ctx.db.insertInto('audit_events').values({ at: 'x', actor_id: null, actor_name: 's', action: 'a', entity_type: 'e', entity_id: '1', assignment_id: null, before: null, after: null, prev_hash: 'p', hash: 'h' }).execute();
    await expect(sql`UPDATE audit_events SET action = 'b'`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(ctx.db)).rejects.toThrow(/append-only/);
  });
});
