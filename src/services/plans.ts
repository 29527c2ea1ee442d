/**
 * Inspections (督察) and their plans (整改方案). An inspection is visible to readers related to its target unit
 * (inside its subtree, or above it); a plan to readers related to its owner. Administrators create and edit them
 * for units they manage. Names of inspections are unique: the report importer matches inspections by name.
 */
import type { AppContext } from './context.js';
import type { Conn } from '../db/database.js';
import { AppError } from '../core/errors.js';
import type { AcceptanceLevel } from '../core/settings.js';
import { coversRoot, isRelated, pathPrefixes } from '../core/scope.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import { findInspectionByName, findInspectionPage, findPlan, getInspectionById, insertInspection, insertPlan, updateInspection, type InspectionFilter, type InspectionPatch } from '../db/inspections.repository.js';
import type { Inspection, InspectionInput } from '../core/api/inspections.js';
import { findPlanPage, getPlanById, updatePlan, type PlanFilter, type PlanPatch, type PlanRecord } from '../db/plans.repository.js';
import { getOrgUnitById } from '../db/org-units.repository.js';
import { assertAt, assertMay, forbidden, pathsFor, type Access } from './access.js';

const inspectionNotFound = (id: number) => new AppError('INSPECTION_NOT_FOUND', `找不到编号为 ${id} 的督察`);
const planNotFound = (id: number) => new AppError('PLAN_NOT_FOUND', `找不到编号为 ${id} 的整改方案`);

/** The reader's scope roots and the exact paths of their ancestors. */
export function relatedPaths(access: Access): { scopePaths: string[]; ancestorPaths: string[] } {
  const scopePaths = pathsFor(access, 'read');
  const ancestorPaths = [...new Set(scopePaths.flatMap((p) => pathPrefixes(p).slice(0, -1)))];
  return { scopePaths, ancestorPaths };
}

export async function getInspectionInScope(ctx: AppContext, access: Access, id: number): Promise<Inspection> {
  return getRelatedInspection(ctx.db, access, id);
}

/**
 * An inspection the reader may see (its target unit in their subtrees or above them), inside the caller's
 * transaction; any other answers exactly as a missing one, so a write naming it reveals nothing.
 */
export async function getRelatedInspection(db: Conn, access: Access, id: number): Promise<Inspection> {
  const inspection = await getInspectionById(db, id);
  const path = inspection.targetOrgId === null ? null : (await getOrgUnitById(db, inspection.targetOrgId)).path;
  if (path !== null && !isRelated(pathsFor(access, 'read'), path)) throw inspectionNotFound(id);
  return inspection;
}

export async function listInspectionPage(ctx: AppContext, access: Access, f: Omit<InspectionFilter, 'scopePaths' | 'ancestorPaths'>) {
  return findInspectionPage(ctx.db, { ...f, ...relatedPaths(access) });
}

/** The target unit must be one the administrator manages. */
async function assertManagesTarget(ctx: AppContext, access: Access, orgId: number): Promise<void> {
  const unit = await getOrgUnitById(ctx.db, orgId);
  assertAt(access, 'writeLedger', unit.path, new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${orgId} 的单位`));
}

export async function createInspection(ctx: AppContext, access: Access, input: InspectionInput & { targetOrgId: number }): Promise<Inspection> {
  await assertManagesTarget(ctx, access, input.targetOrgId);
  return ctx.db.transaction().execute(async (tx) => {
    if (await findInspectionByName(tx, input.name)) throw new AppError('ALREADY_EXISTS', `已有名为“${input.name}”的督察`, [{ field: 'name' }]);
    const inspection = await insertInspection(tx, input);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'inspection.create', entityType: 'inspection', entityId: inspection.id, orgUnitId: input.targetOrgId, after: inspection });
    return inspection;
  });
}

export async function updateInspectionFields(ctx: AppContext, access: Access, id: number, patch: InspectionPatch & { version: number }): Promise<Inspection> {
  const before = await getInspectionInScope(ctx, access, id);
  // An inspection without a target unit belongs to the whole system: only administrators of a whole tree edit it.
  if (before.targetOrgId === null) {
    if (!coversRoot(pathsFor(access, 'writeLedger'))) throw forbidden();
  } else {
    assertMay(access, 'writeLedger', (await getOrgUnitById(ctx.db, before.targetOrgId)).path);
  }
  if (patch.targetOrgId) await assertManagesTarget(ctx, access, patch.targetOrgId);
  const { version, ...fields } = patch;
  return ctx.db.transaction().execute(async (tx) => {
    if (fields.name && fields.name !== before.name && (await findInspectionByName(tx, fields.name))) {
      throw new AppError('ALREADY_EXISTS', `已有名为“${fields.name}”的督察`, [{ field: 'name' }]);
    }
    const after = await updateInspection(tx, id, version, fields);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'inspection.update', entityType: 'inspection', entityId: id, orgUnitId: after.targetOrgId, before, after });
    return after;
  });
}

export async function getPlanInScope(ctx: AppContext, access: Access, id: number): Promise<PlanRecord> {
  const plan = await getPlanById(ctx.db, id);
  if (!isRelated(pathsFor(access, 'read'), plan.ownerOrgPath)) throw planNotFound(id);
  return plan;
}

export async function listPlanPage(ctx: AppContext, access: Access, f: Omit<PlanFilter, 'scopePaths' | 'ancestorPaths'>) {
  return findPlanPage(ctx.db, { ...f, ...relatedPaths(access) });
}

export interface NewPlan { inspectionId: number; ownerOrgId: number; title: string; issuedDate: string | null; dueDate: string | null; acceptanceChain?: AcceptanceLevel[] | null }

export async function createPlan(ctx: AppContext, access: Access, input: NewPlan): Promise<PlanRecord> {
  await getInspectionInScope(ctx, access, input.inspectionId);
  await assertManagesTarget(ctx, access, input.ownerOrgId);
  return ctx.db.transaction().execute(async (tx) => {
    if (await findPlan(tx, input.inspectionId, input.ownerOrgId)) throw new AppError('ALREADY_EXISTS', '该单位在这次督察中已有整改方案', [{ field: 'ownerOrgId' }]);
    const plan = await insertPlan(tx, input);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'plan.create', entityType: 'plan', entityId: plan.id, orgUnitId: plan.ownerOrgId, after: plan });
    return getPlanById(tx, plan.id);
  });
}

export async function updatePlanFields(ctx: AppContext, access: Access, id: number, patch: PlanPatch & { version: number }): Promise<PlanRecord> {
  const before = await getPlanInScope(ctx, access, id);
  assertMay(access, 'writeLedger', before.ownerOrgPath);
  const { version, ...fields } = patch;
  return ctx.db.transaction().execute(async (tx) => {
    const after = await updatePlan(tx, id, version, fields);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'plan.update', entityType: 'plan', entityId: id, orgUnitId: after.ownerOrgId,
      before: { title: before.title, issuedDate: before.issuedDate, dueDate: before.dueDate, acceptanceChain: before.acceptanceChain ?? null },
      after: { title: after.title, issuedDate: after.issuedDate, dueDate: after.dueDate, acceptanceChain: after.acceptanceChain ?? null },
    });
    return after;
  });
}
