/** Plans (整改方案) as the API manages them: one record, a scoped page, an optimistic update. */
import type { Selectable } from 'kysely';
import type { Conn } from './database.js';
import type { PlanTable } from './schema.js';
import { chainText, parseChain, type Plan } from './inspections.repository.js';
import type { AcceptanceLevel } from '../core/settings.js';
import { nowIso } from './clock.js';
import { containsText } from './text-match.js';
import { AppError } from '../core/errors.js';

export interface PlanRecord extends Plan { ownerOrgName: string; ownerOrgPath: string; taskCount: number }

function planQuery(db: Conn) {
  return db.selectFrom('plans as p').innerJoin('org_units as o', 'o.id', 'p.owner_org_id')
    .selectAll('p').select(['o.name as owner_name', 'o.path as owner_path'])
    .select((eb) => eb.selectFrom('tasks').whereRef('tasks.plan_id', '=', 'p.id').select((e) => e.fn.countAll().as('n')).as('task_count'));
}
type Row = Selectable<PlanTable> & { owner_name: string; owner_path: string; task_count: unknown };
const toPlan = (r: Row): PlanRecord => ({
  id: r.id, inspectionId: r.inspection_id, ownerOrgId: r.owner_org_id, title: r.title, issuedDate: r.issued_date, dueDate: r.due_date,
  acceptanceChain: parseChain(r.acceptance_chain), version: r.version, ownerOrgName: r.owner_name, ownerOrgPath: r.owner_path, taskCount: Number(r.task_count ?? 0),
});

export async function getPlanById(db: Conn, id: number): Promise<PlanRecord> {
  const r = await planQuery(db).where('p.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('PLAN_NOT_FOUND', `找不到编号为 ${id} 的整改方案`);
  return toPlan(r);
}

/** The few columns of a plan a task's page shows (no owner join, no task count). */
export async function getPlanHeader(db: Conn, id: number): Promise<{ inspectionId: number; ownerOrgId: number; title: string }> {
  const r = await db.selectFrom('plans').select(['inspection_id', 'owner_org_id', 'title']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('PLAN_NOT_FOUND', `找不到编号为 ${id} 的整改方案`);
  return { inspectionId: r.inspection_id, ownerOrgId: r.owner_org_id, title: r.title };
}

export interface PlanPatch { title?: string; issuedDate?: string | null; dueDate?: string | null; acceptanceChain?: AcceptanceLevel[] | null }

export async function updatePlan(db: Conn, id: number, expectedVersion: number, p: PlanPatch): Promise<PlanRecord> {
  const res = await db.updateTable('plans').set((eb) => ({
    title: p.title, issued_date: p.issuedDate, due_date: p.dueDate, acceptance_chain: chainText(p.acceptanceChain), updated_at: nowIso(), version: eb('version', '+', 1),
  })).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    throw new AppError('VERSION_CONFLICT', '该整改方案已被他人修改，请刷新后再改', { current: await getPlanById(db, id) });
  }
  return getPlanById(db, id);
}

export interface PlanFilter {
  scopePaths: readonly string[];
  ancestorPaths: readonly string[];
  inspectionId?: number;
  ownerOrgId?: number;
  q?: string;
  sort: 'id' | 'title' | 'issuedDate';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** Plans owned by units in scope or by their ancestors (a county reads the provincial plan it carries out). */
export async function findPlanPage(db: Conn, f: PlanFilter): Promise<{ rows: PlanRecord[]; total: number }> {
  if (f.scopePaths.length === 0) return { rows: [], total: 0 };
  let q = planQuery(db).where((eb) => eb.or([
    ...f.scopePaths.map((p) => eb('o.path', 'like', `${p}%`)),
    ...(f.ancestorPaths.length ? [eb('o.path', 'in', [...f.ancestorPaths])] : []),
  ]));
  if (f.inspectionId) q = q.where('p.inspection_id', '=', f.inspectionId);
  if (f.ownerOrgId) q = q.where('p.owner_org_id', '=', f.ownerOrgId);
  if (f.q) q = q.where(containsText('p.title', f.q));
  const { n } = await q.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const column = ({ id: 'p.id', title: 'p.title', issuedDate: 'p.issued_date' } as const)[f.sort];
  const rows = await q.orderBy(column, f.order).orderBy('p.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows: rows.map(toPlan), total: Number(n) };
}

/** The acceptance chain a plan's tasks run under: the plan's own, else its inspection's, else null (the setting). */
export async function acceptanceChainOfPlan(db: Conn, planId: number): Promise<AcceptanceLevel[] | null> {
  const r = await db.selectFrom('plans as p').innerJoin('inspections as i', 'i.id', 'p.inspection_id')
    .select(['p.acceptance_chain as plan_chain', 'i.acceptance_chain as inspection_chain']).where('p.id', '=', planId).executeTakeFirst();
  return r ? parseChain(r.plan_chain) ?? parseChain(r.inspection_chain) : null;
}
