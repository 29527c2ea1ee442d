/**
 * Accountability (问责) for poor handling of a case or a task share, as structured records: one per person, with
 * position and unit, the measure from the standard list (诫勉谈话, 通报批评, 责令检查, 党纪处分, 政务处分, 组织处理,
 * 移送司法机关, 其他 with its words), the day decided and the document. Counted by measure in the case summary and the
 * report; officials' names are shown only to signed-in readers in scope (the public table shows counts by measure).
 */
import type { AppContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import type { SubjectType } from '../../core/case.js';
import type { AccountabilityMeasure } from '../../core/supervision.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { insertAccountability, listAccountability, type AccountabilityRecord } from '../../db/case-records.repository.js';
import { assertMay, type Access } from '../access.js';
import { today } from '../schedule.js';
import { getSubjectInScope } from './subjects.js';

export interface AccountabilityInput {
  subjectType: SubjectType; subjectId: number; person: string; position?: string | null; unitName?: string | null;
  measure: AccountabilityMeasure; measureOther?: string | null; decidedAt?: string | null; document?: string | null;
}

export async function recordAccountability(ctx: AppContext, access: Access, input: AccountabilityInput): Promise<AccountabilityRecord> {
  const measureOther = input.measureOther?.trim() || null;
  return ctx.db.transaction().execute(async (tx) => {
    // Scope and permission first: a refusal says nothing about the input of a case the caller may not touch.
    const subject = await getSubjectInScope(tx, access, input.subjectType, input.subjectId);
    assertMay(access, 'writeLedger', subject.unit.path);
    if (input.measure === 'other' && !measureOther) throw new AppError('VALIDATION_FAILED', '问责方式为“其他”时，须写明具体方式', { field: 'measureOther' });
    if (input.measure !== 'other' && measureOther) throw new AppError('VALIDATION_FAILED', '只有问责方式为“其他”时才填写具体方式', { field: 'measureOther' });
    if (input.decidedAt && input.decidedAt > today()) throw new AppError('VALIDATION_FAILED', `问责日期 ${input.decidedAt} 晚于今天`, { field: 'decidedAt' });
    const record = await insertAccountability(tx, {
      subjectType: input.subjectType, subjectId: input.subjectId, person: input.person.trim(), position: input.position?.trim() || null,
      unitName: input.unitName?.trim() || null, measure: input.measure, measureOther, decidedAt: input.decidedAt ?? null,
      document: input.document?.trim() || null, createdBy: access.actor.id,
    });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'accountability.create', entityType: input.subjectType, entityId: input.subjectId, orgUnitId: subject.unit.id,
      assignmentId: input.subjectType === 'assignment' ? input.subjectId : null,
      after: {
        recordId: record.id, person: record.person, position: record.position, unitName: record.unitName, measure: record.measure,
        measureOther: record.measureOther, decidedAt: record.decidedAt, document: record.document,
      },
    });
    return record;
  });
}

export async function listAccountabilityOf(ctx: AppContext, access: Access, subjectType: SubjectType, subjectId: number): Promise<AccountabilityRecord[]> {
  await getSubjectInScope(ctx.db, access, subjectType, subjectId);
  return listAccountability(ctx.db, subjectType, [subjectId]);
}
