/** Penalties and measures a case led to (责令整改, 立案处罚 with the fine, 立案侦查, 拘留, 约谈, 问责), recorded by the unit. */
import type { AppContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import { PENALTY_LABELS, type PenaltyKind } from '../../core/case.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { deletePenalty, insertPenalty, listPenalties, type CasePenalty } from '../../db/case-records.repository.js';
import { assertMay, type Access } from '../access.js';
import { getCaseInScope } from './case-access.js';
import { assertNotUnderReview } from './case-transitions.js';

export interface PenaltyInput { kind: PenaltyKind; amount?: number | null; persons?: string[]; note?: string | null }

function check(input: PenaltyInput): void {
  if (input.kind === 'fine' && !(input.amount && input.amount > 0)) throw new AppError('VALIDATION_FAILED', '立案处罚须填写罚款金额（元，大于 0）');
  if ((input.kind === 'accountability' || input.kind === 'detention') && !input.persons?.length) {
    throw new AppError('VALIDATION_FAILED', `${PENALTY_LABELS[input.kind]}须填写涉及人员`);
  }
}

async function writableCase(tx: Parameters<typeof getCaseInScope>[0], access: Access, caseId: number) {
  const { complaint, unit } = await getCaseInScope(tx, access, caseId);
  assertMay(access, 'writeProgress', unit.path);
  if (complaint.state === 'closed') throw new AppError('INVALID_TRANSITION', '信访件已销号，不能再修改处理处罚情况');
  await assertNotUnderReview(tx, caseId);
  return complaint;
}

export async function addPenalty(ctx: AppContext, access: Access, caseId: number, input: PenaltyInput): Promise<CasePenalty> {
  check(input);
  return ctx.db.transaction().execute(async (tx) => {
    const complaint = await writableCase(tx, access, caseId);
    const penalty = await insertPenalty(tx, { caseId, kind: input.kind, amount: input.amount ?? null, persons: input.persons ?? [], note: input.note ?? null });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'case.penalty_add', entityType: 'case', entityId: caseId, orgUnitId: complaint.orgUnitId,
      after: { penaltyId: penalty.id, kind: penalty.kind, amount: penalty.amount, persons: penalty.persons, note: penalty.note },
    });
    return penalty;
  });
}

export async function removePenalty(ctx: AppContext, access: Access, caseId: number, penaltyId: number): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const complaint = await writableCase(tx, access, caseId);
    const [before] = (await listPenalties(tx, [caseId])).filter((p) => p.id === penaltyId);
    if (!before || !(await deletePenalty(tx, caseId, penaltyId))) throw new AppError('NOT_FOUND', `该信访件没有编号为 ${penaltyId} 的处理处罚记录`);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'case.penalty_remove', entityType: 'case', entityId: caseId, orgUnitId: complaint.orgUnitId,
      before: { penaltyId, kind: before.kind, amount: before.amount, persons: before.persons, note: before.note },
    });
  });
}
