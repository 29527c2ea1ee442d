/**
 * 领导包案 as records: a leader takes personal charge of a hard case or a listed task share (name, position, unit, the
 * day assigned), and each visit or instruction (现场督导, 批示, 约谈, 调度会, 接访, 其他) is added with its day and content.
 * Administrators of the subject's unit or above write them; every reader in scope sees them. Each write is audited.
 */
import type { AppContext } from '../context.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import type { SubjectType } from '../../core/case.js';
import { LEADER_ACTION_LABELS, type LeaderActionKind } from '../../core/supervision.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { getLeaderChargeById, insertLeaderAction, insertLeaderCharge, listLeaderCharges, type LeaderAction, type LeaderCharge } from '../../db/supervision.repository.js';
import { assertMay, type Access } from '../access.js';
import { today } from '../schedule.js';
import { getSubjectInScope } from './subjects.js';

export interface LeaderChargeInput {
  subjectType: SubjectType; subjectId: number; leaderName: string; position?: string | null; unitName?: string | null; assignedOn: string;
}

export async function addLeaderCharge(ctx: AppContext, access: Access, input: LeaderChargeInput): Promise<LeaderCharge> {
  return ctx.db.transaction().execute(async (tx) => {
    const subject = await getSubjectInScope(tx, access, input.subjectType, input.subjectId);
    assertMay(access, 'writeLedger', subject.unit.path);
    if (input.assignedOn > today()) throw new AppError('VALIDATION_FAILED', `包案日期 ${input.assignedOn} 晚于今天`, { field: 'assignedOn' });
    const charge = await insertLeaderCharge(tx, {
      subjectType: input.subjectType, subjectId: input.subjectId, leaderName: input.leaderName.trim(), position: input.position?.trim() || null,
      unitName: input.unitName?.trim() || null, assignedOn: input.assignedOn, createdBy: access.actor.id,
    });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'leader_charge.create', entityType: input.subjectType, entityId: input.subjectId, orgUnitId: subject.unit.id,
      assignmentId: input.subjectType === 'assignment' ? input.subjectId : null,
      after: { chargeId: charge.id, leaderName: charge.leaderName, position: charge.position, unitName: charge.unitName, assignedOn: charge.assignedOn },
    });
    return charge;
  });
}

export interface LeaderActionInput { actedOn: string; kind: LeaderActionKind; content: string }

/** A visit or an instruction of a charged leader: on or after the day the leader took charge, never in the future. */
export async function addLeaderAction(ctx: AppContext, access: Access, chargeId: number, input: LeaderActionInput): Promise<LeaderAction> {
  return ctx.db.transaction().execute(async (tx) => {
    const charge = await getLeaderChargeById(tx, chargeId);
    const subject = await getSubjectInScope(tx, access, charge.subjectType, charge.subjectId)
      .catch(ifNotFound(() => { throw new AppError('NOT_FOUND', `找不到编号为 ${chargeId} 的领导包案记录`); }));
    assertMay(access, 'writeLedger', subject.unit.path);
    if (input.actedOn > today()) throw new AppError('VALIDATION_FAILED', `${LEADER_ACTION_LABELS[input.kind]}日期 ${input.actedOn} 晚于今天`, { field: 'actedOn' });
    if (charge.assignedOn && input.actedOn < charge.assignedOn) {
      throw new AppError('VALIDATION_FAILED', `${LEADER_ACTION_LABELS[input.kind]}日期 ${input.actedOn} 早于${charge.leaderName}包案之日 ${charge.assignedOn}`, { field: 'actedOn' });
    }
    const action = await insertLeaderAction(tx, { chargeId, actedOn: input.actedOn, kind: input.kind, content: input.content.trim(), createdBy: access.actor.id });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'leader_charge.action', entityType: charge.subjectType, entityId: charge.subjectId, orgUnitId: subject.unit.id,
      assignmentId: charge.subjectType === 'assignment' ? charge.subjectId : null,
      after: { chargeId, actionId: action.id, actedOn: action.actedOn, kind: action.kind, content: action.content },
    });
    return action;
  });
}

export async function listLeaderChargesOf(ctx: AppContext, access: Access, subjectType: SubjectType, subjectId: number): Promise<LeaderCharge[]> {
  await getSubjectInScope(ctx.db, access, subjectType, subjectId);
  return listLeaderCharges(ctx.db, subjectType, [subjectId]);
}
