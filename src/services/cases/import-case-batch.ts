/**
 * Commits a handover table: all or nothing. The plan is rebuilt from the file and the (possibly edited) mapping;
 * any row error refuses the whole file, naming the rows. Otherwise one transaction creates the batches, the cases
 * (personal data sealed), the repeat links, and one audit event per batch — which records counts, never names.
 */
import type { AppContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { insertCaseBatch } from '../../db/case-batches.repository.js';
import { insertCases, updateCase, type NewCaseRow } from '../../db/cases.repository.js';
import type { Access } from '../access.js';
import { planCaseImport, type CaseImportOptions, type PlannedCase } from './plan-case-import.js';
import { sealPersonal } from './personal-data.js';

export interface CaseImportResult {
  batches: { id: number; batchNo: string; created: boolean; cases: number }[];
  created: number;
  repeats: number;
  warnings: { row: number | null; message: string }[];
}

function toRow(ctx: AppContext, c: PlannedCase, batchId: number): NewCaseRow {
  return {
    batch_id: batchId, case_no: c.caseNo, org_unit_id: c.orgUnitId, region_text: c.regionText, target_name: c.targetName, content: c.content,
    pollution_type: c.pollutionType, source: c.source, is_key: c.isKey ? 1 : 0, deadline: c.deadline, state: 'handling',
    complainant_name_enc: sealPersonal(ctx.config, 'complainant_name', c.complainantName),
    complainant_contact_enc: sealPersonal(ctx.config, 'complainant_contact', c.complainantContact),
    target_key: c.targetKey, repeat_of_case_id: c.repeat?.caseId ?? null, repeat_reason: c.repeat?.reason ?? null, repeat_score: c.repeat?.score ?? null,
  };
}

export async function importCaseBatch(ctx: AppContext, access: Access, file: { name: string; data: Uint8Array }, opts: CaseImportOptions): Promise<CaseImportResult> {
  const plan = await planCaseImport(ctx, access, file, opts);
  if (plan.errors.length > 0) {
    const rows = [...new Set(plan.errors.map((e) => e.row).filter((r): r is number => r !== null))];
    const where = rows.length ? `第 ${rows.slice(0, 20).join('、')}${rows.length > 20 ? ' 等' : ''} 行有误` : plan.errors[0]!.message;
    throw new AppError('VALIDATION_FAILED', `${file.name}: ${where}，未导入任何信访件，请修改后重新导入`, { errors: plan.errors });
  }
  if (plan.cases.length === 0) throw new AppError('NOTHING_RECOGNIZED', `${file.name}: 表中没有可导入的信访件`);

  return ctx.db.transaction().execute(async (tx) => {
    const result: CaseImportResult = { batches: [], created: 0, repeats: 0, warnings: plan.warnings };
    const idOfIndex: number[] = [];
    for (const b of plan.batches) {
      const batch = b.existingBatchId !== null ? { id: b.existingBatchId }
        : await insertCaseBatch(tx, { inspectionId: opts.inspectionId, orgUnitId: plan.importingUnit.id, batchNo: b.batchNo, handedOverAt: b.handedOverAt, fileName: file.name, importedBy: access.actor.id });
      const members = plan.cases.map((c, i) => ({ c, i })).filter(({ c }) => c.batchNo === b.batchNo);
      const ids = await insertCases(tx, members.map(({ c }) => toRow(ctx, c, batch.id)));
      members.forEach(({ i }, k) => { idOfIndex[i] = ids[k]!; });
      result.batches.push({ id: batch.id, batchNo: b.batchNo, created: b.existingBatchId === null, cases: ids.length });
      await appendAuditEvent(tx, ctx.dialect, access.actor, {
        action: 'case_batch.import', entityType: 'case_batch', entityId: batch.id, orgUnitId: plan.importingUnit.id,
        after: { fileName: file.name, inspectionId: opts.inspectionId, batchNo: b.batchNo, handedOverAt: b.handedOverAt, cases: ids.length },
      });
    }
    // Links to earlier rows of this same file could only be written once those rows had ids.
    for (const [i, c] of plan.cases.entries()) {
      if (c.repeat?.index != null) await updateCase(tx, idOfIndex[i]!, 1, { repeat_of_case_id: idOfIndex[c.repeat.index]! });
    }
    result.created = plan.cases.length;
    result.repeats = plan.cases.filter((c) => c.repeat).length;
    return result;
  });
}
