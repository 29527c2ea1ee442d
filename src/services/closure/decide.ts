/**
 * Acceptance (验收): a reviewer or administrator of the accepting unit accepts the application — signing for it, on
 * the dossier it was made with — or rejects it back to rectification. Nobody accepts their own application.
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../core/errors.js';
import { STAGE_LABELS, nextClosureState } from '../../core/closure.js';
import { chinaDate } from '../../core/calendar-date.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { today } from '../schedule.js';
import { DecisionReasonSchema, DecisionSchema } from '../../core/closure-inputs.js';
import type { Closure } from '../../db/closures.repository.js';
import type { Access } from '../access.js';
import { applicationOf, assertAcceptor, loadProcedure, takeStep } from './procedure.js';

/**
 * A decision dated `day` (default today) may not come before the step it answers (stamped `at`, counted in China's
 * day), nor after today.
 */
export function assertNotBefore(day: string | undefined, at: string | undefined, what: string, earlier: string): void {
  if (day === undefined) return;
  if (day > today()) throw new AppError('VALIDATION_FAILED', `${what}日期 ${day} 不能晚于今天`);
  const from = at ? chinaDate(new Date(at)) : null;
  if (from && day < from) throw new AppError('VALIDATION_FAILED', `${what}日期 ${day} 不能早于${earlier}日期 ${from}`);
}

async function forDecision(tx: Tx, access: Access, closureId: number) {
  const p = await loadProcedure(tx, access, closureId);
  assertAcceptor(access, p);
  const application = await applicationOf(tx, closureId);
  if (application?.actorId != null && application.actorId === access.actor.id) throw new AppError('FORBIDDEN', '申请人不能验收自己的申请');
  return { p, dossier: application?.evidence ?? [], application };
}

export async function acceptClosure(ctx: AppContext, access: Access, closureId: number, raw: { version: number; comment?: string | null; decidedOn?: string }): Promise<Closure> {
  const input = DecisionSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const { p, dossier, application } = await forDecision(tx, access, closureId);
    assertNotBefore(input.decidedOn, application?.at, '验收', '申请');
    // Each stage of the chain accepts in turn; the next stage's unit then holds the application.
    const { stages, stageIndex } = p.closure;
    const next = stages[stageIndex + 1];
    const state = nextClosureState(p.closure.state, 'accept', { stagesLeft: next ? stages.length - stageIndex - 1 : 0 });
    const nextUnit = next ? await getOrgUnitById(tx, next.orgUnitId) : null;
    const label = stages.length > 1 ? STAGE_LABELS[p.acceptingUnit.kind] : '验收';
    return takeStep(ctx, tx, access, p, 'accept', {
      version: input.version, decision: `${p.acceptingUnit.name}${label}通过${nextUnit ? `，报${nextUnit.name}${STAGE_LABELS[nextUnit.kind]}` : ''}`,
      comment: input.comment ?? null, evidence: dossier, on: input.decidedOn,
      update: { state, stageIndex: stageIndex + 1, ...(nextUnit ? { acceptingOrgId: nextUnit.id } : {}) },
    });
  });
}

export async function rejectClosure(ctx: AppContext, access: Access, closureId: number, raw: { version: number; reason: string; decidedOn?: string }): Promise<Closure> {
  const input = DecisionReasonSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const { p, dossier, application } = await forDecision(tx, access, closureId);
    assertNotBefore(input.decidedOn, application?.at, '验收', '申请');
    const state = nextClosureState(p.closure.state, 'reject');
    const updated = await takeStep(ctx, tx, access, p, 'reject', { version: input.version, decision: '验收不通过，退回整改', comment: input.reason, evidence: dossier, on: input.decidedOn, update: { state } });
    await p.adapter.onReturned(ctx, tx, access.actor, p.subject.id, `验收未通过：${input.reason}`);
    return updated;
  });
}
