/** Accountability (问责) for poor handling of a case or a task: who, which units, what measures, when, by which document. */
import type { AppContext } from '../context.js';
import type { SubjectType } from '../../core/case.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { insertAccountability, listAccountability, type AccountabilityRecord } from '../../db/case-records.repository.js';
import { assertMay, type Access } from '../access.js';
import { getSubjectInScope } from './subjects.js';

export interface AccountabilityInput {
  subjectType: SubjectType; subjectId: number; persons: string[]; units?: string[]; measures: string; decidedAt?: string | null; document?: string | null;
}

export async function recordAccountability(ctx: AppContext, access: Access, input: AccountabilityInput): Promise<AccountabilityRecord> {
  return ctx.db.transaction().execute(async (tx) => {
    const subject = await getSubjectInScope(tx, access, input.subjectType, input.subjectId);
    assertMay(access, 'writeLedger', subject.unit.path);
    const record = await insertAccountability(tx, {
      subjectType: input.subjectType, subjectId: input.subjectId, persons: input.persons, units: input.units ?? [], measures: input.measures,
      decidedAt: input.decidedAt ?? null, document: input.document ?? null, createdBy: access.actor.id,
    });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'accountability.create', entityType: input.subjectType, entityId: input.subjectId, orgUnitId: subject.unit.id,
      assignmentId: input.subjectType === 'assignment' ? input.subjectId : null,
      after: { recordId: record.id, persons: record.persons, units: record.units, measures: record.measures, decidedAt: record.decidedAt, document: record.document },
    });
    return record;
  });
}

export async function listAccountabilityOf(ctx: AppContext, access: Access, subjectType: SubjectType, subjectId: number): Promise<AccountabilityRecord[]> {
  await getSubjectInScope(ctx.db, access, subjectType, subjectId);
  return listAccountability(ctx.db, subjectType, [subjectId]);
}
