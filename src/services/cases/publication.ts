/**
 * Publication of a batch's results (转办和边督边改公开情况一览表). An administrator publishes; the table is built from
 * the cases with every text redacted, stored as published (what the public saw stays on record even if a case is
 * edited later), and served without sign-in. Publishing again replaces it, with its own audit event.
 */
import type { AppContext } from '../context.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { VERIFIED_LABELS } from '../../core/case.js';
import { CASE_STATE_LABELS } from '../../core/case-state.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { findPublishedTable, getCaseBatchById, listPublishedBatches, savePublishedTable } from '../../db/case-batches.repository.js';
import { findCaseRows } from '../../db/case-ledger.repository.js';
import { markBatchCasesPublished } from '../../db/cases.repository.js';
import { listAccountability, listPenalties } from '../../db/case-records.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { assertAt, type Access } from '../access.js';
import { today } from '../schedule.js';
import { penaltiesText, publicAccountabilityText } from './case-texts.js';
import { redactorFor } from './redact.js';

/** One row of the public table. Nothing about the complainant: there is deliberately no field for it. */
export interface PublicCaseRow {
  seq: number;
  caseNo: string;
  /** 行政区域 */
  region: string;
  /** 交办问题基本情况 */
  content: string;
  pollutionType: string | null;
  /** 是否属实 */
  verified: string | null;
  /** 调查核实和处理整改情况 */
  handling: string | null;
  /** 办理状态 */
  state: string;
  /** 问责情况: counts by measure, no names (诫勉谈话 1 人、通报批评 2 人) */
  accountability: string | null;
}

const notFound = (id: number) => new AppError('NOT_FOUND', `找不到编号为 ${id} 的交办批次`);

export async function publishCaseBatch(ctx: AppContext, access: Access, batchId: number): Promise<{ publishedAt: string; cases: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const batch = await getCaseBatchById(tx, batchId).catch(ifNotFound(() => { throw notFound(batchId); }));
    const unit = await getOrgUnitById(tx, batch.orgUnitId);
    assertAt(access, 'publish', unit.path, notFound(batchId));
    // Every case of the batch (a batch holds hundreds at most).
    const rows = await findCaseRows(tx, ctx.dialect, { scopePaths: [unit.path], batchId, today: today(), sort: 'caseNo' }, 100_000);
    if (rows.length === 0) throw new AppError('VALIDATION_FAILED', '该批次没有信访件，无需公开');
    const ids = rows.map((r) => r.id);
    const redact = await redactorFor(ctx, tx, ids);
    const penalties = await listPenalties(tx, ids);
    const records = await listAccountability(tx, 'case', ids);
    const table: PublicCaseRow[] = rows.map((r, i) => {
      const own = penalties.filter((p) => p.caseId === r.id);
      const handling = [r.handling, penaltiesText(own.filter((p) => p.kind !== 'accountability'))].filter(Boolean).join('。');
      return {
        seq: i + 1, caseNo: r.caseNo, region: r.regionText ?? r.orgUnitName, content: redact(r.id, r.content)!, pollutionType: r.pollutionType,
        verified: r.verified ? VERIFIED_LABELS[r.verified] : null, handling: redact(r.id, handling || null), state: CASE_STATE_LABELS[r.state],
        accountability: publicAccountabilityText(records.filter((a) => a.subjectId === r.id), own),
      };
    });
    const publishedAt = await savePublishedTable(tx, batchId, table, access.actor.id);
    await markBatchCasesPublished(tx, batchId);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: batch.publishedAt ? 'case_batch.republish' : 'case_batch.publish', entityType: 'case_batch', entityId: batchId, orgUnitId: unit.id,
      after: { batchNo: batch.batchNo, cases: table.length },
    });
    return { publishedAt, cases: table.length };
  });
}

export async function listPublicBatches(ctx: AppContext) {
  return listPublishedBatches(ctx.db);
}

/** The table as published; a batch never published does not exist for the public. */
export async function getPublicBatchTable(ctx: AppContext, id: number): Promise<{ batch: Awaited<ReturnType<typeof listPublishedBatches>>[number]; rows: PublicCaseRow[] }> {
  const found = await findPublishedTable(ctx.db, id);
  if (!found) throw notFound(id);
  return { batch: found.batch, rows: found.table as PublicCaseRow[] };
}
