/** Inspections (督察) and their rectification plans (整改方案). */
import type { Selectable } from 'kysely';
import type { Conn } from './database.js';
import type { InspectionTable } from './schema.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';
import { containsText } from './text-match.js';
import type { AcceptanceLevel } from '../core/settings.js';
import type { Inspection, InspectionInput } from '../core/api/inspections.js';

/** A stored acceptance chain (JSON text) as a list of levels; null when none is defined. */
export function parseChain(text: string | null): AcceptanceLevel[] | null {
  return text === null ? null : (JSON.parse(text) as AcceptanceLevel[]);
}
export const chainText = (chain: readonly AcceptanceLevel[] | null | undefined) => (chain === undefined ? undefined : chain === null || chain.length === 0 ? null : JSON.stringify(chain));

export interface Plan {
  id: number;
  inspectionId: number;
  ownerOrgId: number;
  title: string;
  issuedDate: string | null;
  dueDate: string | null;
  /** Its acceptance chain (migration 013); null: the inspection's. */
  acceptanceChain?: AcceptanceLevel[] | null;
  version: number;
}

function toInspection(r: Selectable<InspectionTable>): Inspection {
  return {
    id: r.id, name: r.name, round: r.round, kind: r.kind as Inspection['kind'], targetOrgId: r.target_org_id,
    stationedFrom: r.stationed_from, stationedTo: r.stationed_to, feedbackDate: r.feedback_date, acceptanceChain: parseChain(r.acceptance_chain), version: r.version,
  };
}

export async function findInspectionByName(db: Conn, name: string): Promise<Inspection | undefined> {
  const r = await db.selectFrom('inspections').selectAll().where('name', '=', name).executeTakeFirst();
  return r && toInspection(r);
}

export async function getInspectionById(db: Conn, id: number): Promise<Inspection> {
  const r = await db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('INSPECTION_NOT_FOUND', `找不到编号为 ${id} 的督察`);
  return toInspection(r);
}

export async function listInspections(db: Conn): Promise<Inspection[]> {
  return (await db.selectFrom('inspections').selectAll().orderBy('id').execute()).map(toInspection);
}

export async function insertInspection(
  db: Conn,
  input: InspectionInput,
): Promise<Inspection> {
  const now = nowIso();
  const { id } = await db.insertInto('inspections').values({
    name: input.name, round: input.round, kind: input.kind, target_org_id: input.targetOrgId,
    stationed_from: input.stationedFrom, stationed_to: input.stationedTo, feedback_date: input.feedbackDate,
    acceptance_chain: chainText(input.acceptanceChain) ?? null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return getInspectionById(db, id);
}

export async function findPlan(db: Conn, inspectionId: number, ownerOrgId: number): Promise<Plan | undefined> {
  const r = await db.selectFrom('plans').selectAll()
    .where('inspection_id', '=', inspectionId).where('owner_org_id', '=', ownerOrgId).executeTakeFirst();
  return r && { id: r.id, inspectionId: r.inspection_id, ownerOrgId: r.owner_org_id, title: r.title, issuedDate: r.issued_date, dueDate: r.due_date, acceptanceChain: parseChain(r.acceptance_chain), version: r.version };
}

export async function insertPlan(db: Conn, input: Omit<Plan, 'id' | 'version'>): Promise<Plan> {
  const now = nowIso();
  await db.insertInto('plans').values({
    inspection_id: input.inspectionId, owner_org_id: input.ownerOrgId, title: input.title,
    issued_date: input.issuedDate, due_date: input.dueDate, acceptance_chain: chainText(input.acceptanceChain) ?? null, created_at: now, updated_at: now,
  }).execute();
  const plan = await findPlan(db, input.inspectionId, input.ownerOrgId);
  if (!plan) throw new AppError('INTERNAL', 'plan not created');
  return plan;
}

export type InspectionPatch = Partial<Omit<Inspection, 'id' | 'version'>>;

/** Optimistic update; VERSION_CONFLICT with the current state when stale. */
export async function updateInspection(db: Conn, id: number, expectedVersion: number, p: InspectionPatch): Promise<Inspection> {
  const res = await db.updateTable('inspections').set((eb) => ({
    name: p.name, round: p.round, kind: p.kind, target_org_id: p.targetOrgId, stationed_from: p.stationedFrom,
    stationed_to: p.stationedTo, feedback_date: p.feedbackDate, acceptance_chain: chainText(p.acceptanceChain), updated_at: nowIso(), version: eb('version', '+', 1),
  })).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    throw new AppError('VERSION_CONFLICT', '该督察已被他人修改，请刷新后再改', { current: await getInspectionById(db, id) });
  }
  return getInspectionById(db, id);
}

export interface InspectionFilter {
  /** Target units whose subtree is readable, and the ancestors of those subtrees (exact paths). */
  scopePaths: readonly string[];
  ancestorPaths: readonly string[];
  round?: string;
  kind?: Inspection['kind'];
  q?: string;
  sort: 'id' | 'name' | 'feedbackDate';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** Inspections of units related to the reader's scope, plus those without a target unit. */
export async function findInspectionPage(db: Conn, f: InspectionFilter): Promise<{ rows: Inspection[]; total: number }> {
  let q = db.selectFrom('inspections as i').leftJoin('org_units as o', 'o.id', 'i.target_org_id').where((eb) => eb.or([
    eb('i.target_org_id', 'is', null),
    ...f.scopePaths.map((p) => eb('o.path', 'like', `${p}%`)),
    ...(f.ancestorPaths.length ? [eb('o.path', 'in', [...f.ancestorPaths])] : []),
  ]));
  if (f.round) q = q.where('i.round', '=', f.round);
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.q) q = q.where(containsText('i.name', f.q));
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const column = ({ id: 'i.id', name: 'i.name', feedbackDate: 'i.feedback_date' } as const)[f.sort];
  const rows = await q.selectAll('i').orderBy(column, f.order).orderBy('i.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows: rows.map(toInspection), total: Number(n) };
}
