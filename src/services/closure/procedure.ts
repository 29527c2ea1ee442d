/**
 * What every closure step shares: loading the procedure with its subject (out of the reader's scope answers as
 * absent), the "谁验收谁负责" check that only reviewers or administrators of the accepting unit decide, and taking
 * a step — the closure's new state at the version the client saw, the step row with who, when, decision, comment and
 * evidence, the audit event and the follow-up job, all in the caller's transaction.
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../../db/database.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import type { ClosureAction } from '../../core/closure.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import type { OrgUnit } from '../../core/api/org-units.js';
import {
  closureNotFound, getClosure, insertClosureStep, listClosureSteps, updateClosure, type Closure, type ClosureUpdate, type EvidenceRef,
} from '../../db/closures.repository.js';
import type { Access } from '../access.js';
import { enqueueClosureEvent } from '../follow-up-jobs.js';
import { today } from '../schedule.js';
import { closureSubjectAdapter, type ClosureSubject, type ClosureSubjectAdapter } from './subjects.js';

export interface Procedure { closure: Closure; adapter: ClosureSubjectAdapter; subject: ClosureSubject; acceptingUnit: OrgUnit }

export async function loadProcedure(tx: Tx, access: Access, closureId: number): Promise<Procedure> {
  const closure = await getClosure(tx, closureId);
  const adapter = closureSubjectAdapter(closure.subjectType);
  const subject = await adapter.load(tx, closure.subjectId).catch(ifNotFound(() => { throw closureNotFound(closureId); }));
  if (!can(access.memberships, 'read', subject.orgPath)) throw closureNotFound(closureId);
  const acceptingUnit = await getOrgUnitById(tx, closure.acceptingOrgId ?? subject.orgUnitId);
  return { closure, adapter, subject, acceptingUnit };
}

/** 谁验收谁负责: the decision belongs to a reviewer or administrator of the accepting unit itself. */
export function assertAcceptor(access: Access, p: Procedure): void {
  const member = access.memberships.some((m) => m.orgUnitId === p.acceptingUnit.id && (m.role === 'reviewer' || m.role === 'admin'));
  if (!member) throw new AppError('FORBIDDEN', `该事项由${p.acceptingUnit.name}验收，须由${p.acceptingUnit.name}的审核人或管理员办理（谁验收谁负责）`);
}

/** The unit a closure is filed with and sampled by: the one above the unit that accepted last (null at the root). */
export async function filingUnitOf(tx: Tx, p: Procedure): Promise<OrgUnit | null> {
  return p.acceptingUnit.parentId === null ? null : getOrgUnitById(tx, p.acceptingUnit.parentId);
}

/**
 * 备案 is received by the level above (its reviewers or administrators); a closing unit with nothing above it keeps
 * its own record.
 */
export function assertFiler(access: Access, p: Procedure, above: OrgUnit | null): void {
  const unit = above ?? p.acceptingUnit;
  const member = access.memberships.some((m) => m.orgUnitId === unit.id && (m.role === 'reviewer' || m.role === 'admin'));
  if (!member) throw new AppError('FORBIDDEN', `该事项由${p.acceptingUnit.name}销号，须报${unit.name}备案，由${unit.name}的审核人或管理员办理`);
}

/** 抽查 and sending back belong to reviewers or administrators of the level above the unit that accepted (or higher). */
export function assertSampler(access: Access, p: Procedure, above: OrgUnit | null): void {
  if (!above) throw new AppError('FORBIDDEN', `${p.acceptingUnit.name}没有上级单位，无人可以抽查其验收的事项`);
  if (!can(access.memberships, 'review', above.path)) throw new AppError('FORBIDDEN', `须由${above.name}或其上级的审核人、管理员抽查${p.acceptingUnit.name}验收的事项`);
}

/** The latest application step: who applied and the dossier they applied with. */
export async function applicationOf(tx: Tx, closureId: number) {
  const steps = await listClosureSteps(tx, closureId);
  return [...steps].reverse().find((s) => s.step === 'apply');
}

export interface StepInput {
  version: number; decision: string | null; comment: string | null; evidence?: readonly EvidenceRef[]; update: ClosureUpdate;
  /** The day in China the step was taken, when recorded afterwards (stamped at noon China time). */
  on?: string;
}

export async function takeStep(ctx: Pick<AppContext, 'dialect'>, tx: Tx, access: Access, p: Procedure, step: ClosureAction, input: StepInput): Promise<Closure> {
  const updated = await updateClosure(tx, p.closure.id, input.version, input.update);
  const evidence = input.evidence ?? [];
  const at = input.on && input.on !== today() ? `${input.on}T04:00:00.000Z` : undefined;
  const stepId = await insertClosureStep(tx, { closureId: p.closure.id, step, actorId: access.actor.id, decision: input.decision, comment: input.comment, evidence, at });
  await appendAuditEvent(tx, ctx.dialect, access.actor, {
    action: `closure.${step}`, entityType: 'closure', entityId: p.closure.id, assignmentId: p.subject.assignmentId, orgUnitId: p.subject.orgUnitId,
    before: { state: p.closure.state }, after: { state: updated.state, decision: input.decision, comment: input.comment, evidence: evidence.map((e) => e.id) },
  });
  await enqueueClosureEvent(tx, p.closure.id, step, stepId);
  return updated;
}
