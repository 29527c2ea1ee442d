/**
 * Complaint cases in the shared acceptance-and-closure procedure (验收销号): a case may apply once it is 已办结 with
 * its finding and handling on file; closing it makes it 销号, a refusal sends it back to the unit, a relapse reopens
 * it. Every one of those changes goes through applyCaseTransition, so the case keeps its own rules and history.
 * Registered with the procedure when this module loads.
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../db/audit.repository.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { nextClosureState } from '../../core/closure.js';
import { getCaseById, listCaseEvidence, type ComplaintCase } from '../../db/cases.repository.js';
import { getClosure, insertClosure, listClosuresOfSubject, updateClosure } from '../../db/closures.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { CASE_STATE_LABELS, type CaseAction } from '../../core/case-state.js';
import { registerClosureSubject } from '../closure/subjects.js';
import type { ClosureSubjectAdapter } from '../closure/subject-adapter.js';
import { loadProcedure, takeStep } from '../closure/procedure.js';
import type { Access } from '../access.js';
import { caseNotFound } from './case-access.js';
import { applyCaseTransition, type TransitionContext } from './case-transitions.js';

async function move(ctx: TransitionContext, tx: Tx, actor: Actor, id: number, action: CaseAction, note: string): Promise<void> {
  const complaint = await getCaseById(tx, id);
  await applyCaseTransition(ctx, tx, actor, complaint, complaint.version, action, {}, note);
}

export const caseClosureSubject: ClosureSubjectAdapter = {
  type: 'case',
  settingsKey: 'caseClosure',
  notFound: caseNotFound,
  async load(db, id) {
    const c = await getCaseById(db, id).catch(ifNotFound(() => { throw caseNotFound(id); }));
    const unit = await getOrgUnitById(db, c.orgUnitId);
    return { id, orgUnitId: unit.id, orgPath: unit.path, label: `信访件 ${c.caseNo}（${unit.name}）`, isLongTerm: false, assignmentId: null };
  },
  async readiness(db, id) {
    const c = await getCaseById(db, id);
    if (c.state !== 'done') return `信访件当前为“${CASE_STATE_LABELS[c.state]}”，只有已办结的信访件才能申请销号`;
    if (!c.verified || !c.handling?.trim()) return '须先填写调查核实情况和处理情况';
    return null;
  },
  async evidence(db, id) {
    return (await listCaseEvidence(db, id)).map((e) => ({ id: e.id, sha256: e.sha256, name: e.originalName }));
  },
  async onReturned(ctx, tx, actor, id, reason) {
    await move(ctx, tx, actor, id, 'return', `验收未通过，退回重办：${reason}`);
  },
  async onClosed(ctx, tx, actor, id, date) {
    await move(ctx, tx, actor, id, 'close', `${date} 销号`);
  },
  async onReopened(ctx, tx, actor, id, reason) {
    await move(ctx, tx, actor, id, 'reopen', `问题反弹，重新办理：${reason}`);
  },
};

registerClosureSubject(caseClosureSubject);

/**
 * Reopens a handled case whose problem came back, inside the caller's transaction. A closed case reopens through the
 * closure procedure, so the new procedure links back to the closure it undoes; the same rule as reopenClosure applies
 * (reviewers or administrators of the accepting unit or above confirm a relapse).
 */
export async function reopenRelapsedCase(ctx: AppContext, tx: Tx, access: Access, complaint: ComplaintCase, reason: string): Promise<void> {
  const closed = complaint.state === 'closed'
    ? (await listClosuresOfSubject(tx, 'case', complaint.id)).find((c) => c.state === 'closed' || c.state === 'filed')
    : undefined;
  if (!closed) {
    await applyCaseTransition(ctx, tx, access.actor, complaint, complaint.version, 'reopen', {}, reason);
    return;
  }
  const p = await loadProcedure(tx, access, closed.id);
  if (!can(access.memberships, 'review', p.acceptingUnit.path)) {
    throw new AppError('FORBIDDEN', `该信访件由${p.acceptingUnit.name}验收销号，问题反弹须由${p.acceptingUnit.name}或其上级的审核人、管理员确认`);
  }
  const state = nextClosureState(closed.state, 'reopen');
  await updateClosure(tx, closed.id, closed.version, {});
  const reopened = await getClosure(tx, await insertClosure(tx, {
    subjectType: 'case', subjectId: complaint.id, state, level: closed.level, acceptingOrgId: closed.acceptingOrgId, longTermMechanism: null, reopenedFromId: closed.id,
  }));
  await takeStep(ctx, tx, access, { ...p, closure: reopened }, 'reopen', { version: reopened.version, decision: `问题反弹，重新办理（原销号记录 ${closed.id}）`, comment: reason, update: {} });
  await p.adapter.onReopened(ctx, tx, access.actor, complaint.id, reason);
}
