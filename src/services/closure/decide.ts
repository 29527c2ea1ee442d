/**
 * Acceptance (验收): a reviewer or administrator of the accepting unit accepts the application — signing for it, on
 * the dossier it was made with — or rejects it back to rectification. Nobody accepts their own application.
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../core/errors.js';
import { nextClosureState } from '../../core/closure.js';
import { ClosureReasonSchema, ClosureStepSchema } from '../../core/closure-inputs.js';
import type { Closure } from '../../db/closures.repository.js';
import type { Access } from '../access.js';
import { applicationOf, assertAcceptor, loadProcedure, takeStep } from './procedure.js';

async function forDecision(tx: Tx, access: Access, closureId: number) {
  const p = await loadProcedure(tx, access, closureId);
  assertAcceptor(access, p);
  const application = await applicationOf(tx, closureId);
  if (application?.actorId != null && application.actorId === access.actor.id) throw new AppError('FORBIDDEN', '申请人不能验收自己的申请');
  return { p, dossier: application?.evidence ?? [] };
}

export async function acceptClosure(ctx: AppContext, access: Access, closureId: number, raw: { version: number; comment?: string | null }): Promise<Closure> {
  const input = ClosureStepSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const { p, dossier } = await forDecision(tx, access, closureId);
    const state = nextClosureState(p.closure.state, 'accept');
    return takeStep(ctx, tx, access, p, 'accept', { version: input.version, decision: `${p.acceptingUnit.name}验收通过`, comment: input.comment ?? null, evidence: dossier, update: { state } });
  });
}

export async function rejectClosure(ctx: AppContext, access: Access, closureId: number, raw: { version: number; reason: string }): Promise<Closure> {
  const input = ClosureReasonSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const { p, dossier } = await forDecision(tx, access, closureId);
    const state = nextClosureState(p.closure.state, 'reject');
    const updated = await takeStep(ctx, tx, access, p, 'reject', { version: input.version, decision: '验收不通过，退回整改', comment: input.reason, evidence: dossier, update: { state } });
    await p.adapter.onReturned(ctx, tx, access.actor, p.subject.id, `验收未通过：${input.reason}`);
    return updated;
  });
}
