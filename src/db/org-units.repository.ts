/** Org units as a tree with a materialized path, so "this unit and its descendants" is one indexed prefix match. */
import type { Conn } from './database.js';
import type { OrgUnitRow } from './schema.js';
import type { OrgKind } from '../core/org.js';
import type { OrgUnit } from '../core/api/org-units.js';
import { AppError } from '../core/errors.js';
import { nowIso } from './clock.js';
import { containsText } from './text-match.js';

export function toOrgUnit(r: OrgUnitRow): OrgUnit {
  return { id: r.id, parentId: r.parent_id, code: r.code, name: r.name, kind: r.kind as OrgKind, path: r.path, sortOrder: r.sort_order, version: r.version };
}

export async function insertOrgUnit(
  db: Conn,
  input: { parentId: number | null; code: string; name: string; kind: OrgKind; sortOrder?: number },
): Promise<OrgUnit> {
  const parent = input.parentId === null ? null : await getOrgUnitById(db, input.parentId);
  const now = nowIso();
  const { id } = await db.insertInto('org_units').values({
    parent_id: input.parentId, code: input.code, name: input.name, kind: input.kind, path: '/', sort_order: input.sortOrder ?? 0,
    created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${id}/`;
  await db.updateTable('org_units').set({ path }).where('id', '=', id).execute();
  return getOrgUnitById(db, id);
}

export async function getOrgUnitById(db: Conn, id: number): Promise<OrgUnit> {
  const row = await db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${id} 的单位`);
  return toOrgUnit(row);
}

export async function findOrgUnitsByName(db: Conn, name: string): Promise<OrgUnit[]> {
  const rows = await db.selectFrom('org_units').selectAll().where('name', '=', name).orderBy('id').execute();
  return rows.map(toOrgUnit);
}

export async function findOrgUnitByCode(db: Conn, code: string): Promise<OrgUnit | undefined> {
  const row = await db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toOrgUnit(row);
}

export async function findChildByName(db: Conn, parentId: number | null, name: string): Promise<OrgUnit | undefined> {
  let q = db.selectFrom('org_units').selectAll().where('name', '=', name);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  const row = await q.executeTakeFirst();
  return row && toOrgUnit(row);
}

export async function listOrgUnits(db: Conn, underPath?: string): Promise<OrgUnit[]> {
  let q = db.selectFrom('org_units').selectAll().orderBy('path').orderBy('sort_order');
  if (underPath) q = q.where('path', 'like', `${underPath}%`);
  return (await q.execute()).map(toOrgUnit);
}

/** The units with these ids (any order; missing ids are left out). */
export async function listOrgUnitsByIds(db: Conn, ids: readonly number[]): Promise<OrgUnit[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('org_units').selectAll().where('id', 'in', [...ids]).execute()).map(toOrgUnit);
}

/** The units `ids` and the units directly under them, in tree order. */
export async function listOrgUnitsWithin(db: Conn, ids: readonly number[]): Promise<OrgUnit[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('org_units').selectAll().where((eb) => eb.or([eb('id', 'in', [...ids]), eb('parent_id', 'in', [...ids])]))
    .orderBy('path').orderBy('sort_order').execute();
  return rows.map(toOrgUnit);
}

/** Ids on the path from the root down to the unit (its ancestors and itself). */
export function ancestorIds(unit: Pick<OrgUnit, 'path'>): number[] {
  return unit.path.split('/').filter(Boolean).map(Number);
}

export async function countOrgUnits(db: Conn): Promise<number> {
  const r = await db.selectFrom('org_units').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Optimistic update of a unit's name, code or order; VERSION_CONFLICT with the current state when stale. */
export async function updateOrgUnit(db: Conn, id: number, expectedVersion: number, patch: { name?: string; code?: string; sortOrder?: number }): Promise<OrgUnit> {
  const res = await db.updateTable('org_units')
    .set((eb) => ({ name: patch.name, code: patch.code, sort_order: patch.sortOrder, updated_at: nowIso(), version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    throw new AppError('VERSION_CONFLICT', '该单位已被他人修改，请刷新后再改', { current: await getOrgUnitById(db, id) });
  }
  return getOrgUnitById(db, id);
}

export interface OrgUnitFilter {
  scopePaths: readonly string[];
  parentId?: number;
  kind?: OrgKind;
  q?: string;
  sort: 'path' | 'name' | 'code' | 'sortOrder';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** A page of units inside the scope, filtered by parent, kind and name/code text. */
export async function findOrgUnitPage(db: Conn, f: OrgUnitFilter): Promise<{ rows: OrgUnit[]; total: number }> {
  if (f.scopePaths.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('org_units').where((eb) => eb.or(f.scopePaths.map((p) => eb('path', 'like', `${p}%`))));
  if (f.parentId !== undefined) q = q.where('parent_id', '=', f.parentId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) { const text = f.q; q = q.where((eb) => eb.or([containsText('name', text), containsText('code', text)])); }
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const column = ({ path: 'path', name: 'name', code: 'code', sortOrder: 'sort_order' } as const)[f.sort];
  const rows = await q.selectAll().orderBy(column, f.order).orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows: rows.map(toOrgUnit), total: Number(n) };
}
