/**
 * Sampling (抽查) by the level above: a reviewer or administrator of the unit above the one that accepted (or higher)
 * checks an accepted — noticed, closed or filed — closure and records the opinion, or sends it back to rectification
 * with the reason. A closure sent back after 销号 reopens its subject; the procedure ends as "returned" and a new
 * application starts a new one.
 */
import type { AppContext } from '../context.js';
import { nextClosureState } from '../../core/closure.js';
import { ClosureReasonSchema, SampleSchema } from '../../core/closure-inputs.js';
import type { Closure } from '../../db/closures.repository.js';
import type { Access } from '../access.js';
import { assertSampler, filingUnitOf, loadProcedure, takeStep } from './procedure.js';

export async function sampleClosure(ctx: AppContext, access: Access, closureId: number, raw: { version: number; opinion: string }): Promise<Closure> {
  const input = SampleSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    const above = await filingUnitOf(tx, p);
    assertSampler(access, p, above);
    const state = nextClosureState(p.closure.state, 'sample');
    return takeStep(ctx, tx, access, p, 'sample', { version: input.version, decision: `${above!.name}抽查`, comment: input.opinion, update: { state } });
  });
}

export async function sendBackClosure(ctx: AppContext, access: Access, closureId: number, raw: { version: number; reason: string }): Promise<Closure> {
  const input = ClosureReasonSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    const above = await filingUnitOf(tx, p);
    assertSampler(access, p, above);
    const wasClosed = p.closure.state === 'closed' || p.closure.state === 'filed';
    const state = nextClosureState(p.closure.state, 'sendBack');
    const updated = await takeStep(ctx, tx, access, p, 'sendBack', { version: input.version, decision: `${above!.name}抽查不合格，退回整改`, comment: input.reason, update: { state } });
    const reason = `${above!.name}抽查退回：${input.reason}`;
    if (wasClosed) await p.adapter.onReopened(ctx, tx, access.actor, p.subject.id, reason);
    else await p.adapter.onReturned(ctx, tx, access.actor, p.subject.id, reason);
    return updated;
  });
}
