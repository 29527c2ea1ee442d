/** Handover batches: the list a reader sees, and a batch opened by hand (cases then registered one by one). */
import type { AppContext } from '../context.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { findCaseBatch, insertCaseBatch, listCaseBatches, type CaseBatch } from '../../db/case-batches.repository.js';
import { getRelatedInspection } from '../plans.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { assertAt, forbidden, pathsFor, type Access } from '../access.js';

export async function listCaseBatchesInScope(ctx: AppContext, access: Access, inspectionId?: number) {
  const paths = pathsFor(access, 'read');
  if (paths.length === 0) throw forbidden();
  return listCaseBatches(ctx.db, paths, inspectionId);
}

export async function createCaseBatch(ctx: AppContext, access: Access, input: { inspectionId: number; orgUnitId: number; batchNo: string; handedOverAt: string }): Promise<CaseBatch> {
  return ctx.db.transaction().execute(async (tx) => {
    const notFound = new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${input.orgUnitId} 的单位`);
    const unit = await getOrgUnitById(tx, input.orgUnitId).catch(ifNotFound(() => { throw notFound; }));
    assertAt(access, 'writeLedger', unit.path, notFound);
    await getRelatedInspection(tx, access, input.inspectionId);
    if (await findCaseBatch(tx, input.inspectionId, unit.id, input.batchNo)) {
      throw new AppError('ALREADY_EXISTS', `${unit.name}在本轮督察中已有第 ${input.batchNo} 批`);
    }
    const batch = await insertCaseBatch(tx, { ...input, fileName: null, importedBy: access.actor.id });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'case_batch.create', entityType: 'case_batch', entityId: batch.id, orgUnitId: unit.id,
      after: { inspectionId: input.inspectionId, batchNo: input.batchNo, handedOverAt: input.handedOverAt },
    });
    return batch;
  });
}
