import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { migrationStatus } from '../../src/db/database.js';
import { insertOrgUnit, listOrgUnits } from '../../src/db/org-units.repository.js';
import { complainantDetailsMigration } from '../../src/db/migrations/016-complainant-details.js';
import { addMembership, insertUser, listMemberships } from '../../src/db/users.repository.js';

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

  it('016 gives nobody complainants\' details: memberships standing before it hold no grant, and undoing it keeps them', async () => {
    const unit = await insertOrgUnit(ctx.db, { parentId: null, code: 'M016', name: '迁移测试单位', kind: 'province' });
    const user = await insertUser(ctx.db, { username: 'm016', displayName: '迁移', passwordHash: 'x', email: null });
    await addMembership(ctx.db, user.id, unit.id, 'admin', { complainantDetails: true });
    expect(await listMemberships(ctx.db, user.id)).toEqual([expect.objectContaining({ role: 'admin', complainantDetails: true })]);
    const migration = complainantDetailsMigration();
    await migration.down(ctx.db as never);
    await migration.up(ctx.db as never);
    expect(await listMemberships(ctx.db, user.id)).toEqual([expect.objectContaining({ orgUnitId: unit.id, role: 'admin', complainantDetails: false })]);
  });
});
