/**
 * The end of the procedure: closure (销号) once the notice has ended with no open objection, filing (备案) taken by
 * the level above the unit that closed (no unit files its own closure), and reopening a closed subject that relapsed (反弹) as a new procedure linked to
 * the closure it undoes.
 */
import type { AppContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { nextClosureState } from '../../core/closure.js';
import { ClosureReasonSchema, ClosureStepSchema } from '../../core/closure-inputs.js';
import {
  countOpenObjections, evidenceSizes, getClosure, insertClosure, listClosureSteps, listObjections, setApprovedContent, updateClosure, type Closure,
} from '../../db/closures.repository.js';
import { CLOSURE_ACTION_LABELS, type ClosureAction } from '../../core/closure.js';
import type { ApprovedContent } from '../../core/approval-form.js';
import type { Tx } from '../../db/database.js';
import type { Procedure } from './procedure.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import type { Access } from '../access.js';
import { today } from '../schedule.js';
import { assertAcceptor, assertFiler, filingUnitOf, loadProcedure, takeStep } from './procedure.js';

/**
 * What the closure approves, frozen at 销号: the subject as it stands, the dossier of the application (ids, names,
 * hashes, sizes), the notice, objections and answers, and every step's opinion since the application.
 */
async function approvedContentOf(tx: Tx, p: Procedure, c: Closure, closedOn: string): Promise<ApprovedContent> {
  const steps = await listClosureSteps(tx, c.id);
  const fromApply = steps.slice(Math.max(0, steps.map((s) => s.step).lastIndexOf('apply')));
  const dossier = fromApply[0]?.step === 'apply' ? fromApply[0].evidence : [];
  const sizes = await evidenceSizes(tx, dossier.map((e) => e.id));
  const content = p.adapter.content ? await p.adapter.content(tx, p.subject.id) : {
    subject: { label: p.subject.label, unitName: (await getOrgUnitById(tx, p.subject.orgUnitId)).name, code: null, problem: null, goal: null, deadline: null, statusText: null }, measures: [], milestones: [], indicators: [],
  };
  return {
    ...content,
    evidence: dossier.map((e) => ({ id: e.id, name: e.name, sha256: e.sha256, size: sizes.get(e.id) ?? null })),
    longTermMechanism: c.longTermMechanism,
    notice: { start: c.noticeStart, end: c.noticeEnd },
    objections: (await listObjections(tx, c.id)).map((o) => ({ receivedAt: o.receivedAt, content: o.content, answer: o.answer, upheld: o.upheld })),
    opinions: fromApply.map((s) => ({
      step: s.step, label: CLOSURE_ACTION_LABELS[s.step as ClosureAction] ?? s.step, actorName: s.actorName, at: s.at, decision: s.decision, comment: s.comment,
    })),
    closedOn,
  };
}

/** Closes the subject; `asOf` is the day of closure (today; tests pass the day they mean). */
export async function closeClosure(ctx: AppContext, access: Access, closureId: number, raw: { version: number; comment?: string | null }, asOf: string = today()): Promise<Closure> {
  const input = ClosureStepSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    assertAcceptor(access, p);
    const state = nextClosureState(p.closure.state, 'close', { close: { asOf, noticeEnd: p.closure.noticeEnd, openObjections: await countOpenObjections(tx, closureId) } });
    const mechanism = p.closure.longTermMechanism ? `；长效机制：${p.closure.longTermMechanism}` : '';
    const updated = await takeStep(ctx, tx, access, p, 'close', { version: input.version, decision: `公示期满无异议，予以销号${mechanism}`.slice(0, 1000), comment: input.comment ?? null, update: { state } });
    await setApprovedContent(tx, closureId, await approvedContentOf(tx, p, updated, asOf));
    await p.adapter.onClosed(ctx, tx, access.actor, p.subject.id, asOf);
    return updated;
  });
}

export async function fileClosure(ctx: AppContext, access: Access, closureId: number, raw: { version: number; comment?: string | null }): Promise<Closure> {
  const input = ClosureStepSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    const above = await filingUnitOf(tx, p);
    assertFiler(access, p, above);
    const state = nextClosureState(p.closure.state, 'file');
    return takeStep(ctx, tx, access, p, 'file', { version: input.version, decision: above ? `报${above.name}备案` : `${p.acceptingUnit.name}存档备案`, comment: input.comment ?? null, update: { state } });
  });
}

/**
 * Reopens a closed subject whose problem came back. Reviewers or administrators of the accepting unit or above may
 * do it (the level above often finds the relapse). The closed procedure stays on record as closed; the new one starts
 * in "reopened" and links back to it.
 */
export async function reopenClosure(ctx: AppContext, access: Access, closureId: number, raw: { version: number; reason: string }): Promise<Closure> {
  const input = ClosureReasonSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    if (!can(access.memberships, 'review', p.acceptingUnit.path)) throw new AppError('FORBIDDEN', `须由${p.acceptingUnit.name}或其上级的审核人、管理员确认反弹并重新打开`);
    const state = nextClosureState(p.closure.state, 'reopen');
    // Touching the closed procedure at the version the client saw makes two concurrent reopenings collide.
    await updateClosure(tx, closureId, input.version, {});
    const newId = await insertClosure(tx, {
      subjectType: p.closure.subjectType, subjectId: p.closure.subjectId, state, level: p.closure.level, acceptingOrgId: p.closure.acceptingOrgId,
      longTermMechanism: p.closure.longTermMechanism, reopenedFromId: closureId,
    });
    const reopened = await getClosure(tx, newId);
    await takeStep(ctx, tx, access, { ...p, closure: reopened }, 'reopen', { version: reopened.version, decision: `问题反弹，重新整改（原销号记录 ${closureId}）`, comment: input.reason, update: {} });
    await p.adapter.onReopened(ctx, tx, access.actor, p.subject.id, input.reason);
    return getClosure(tx, newId);
  });
}
