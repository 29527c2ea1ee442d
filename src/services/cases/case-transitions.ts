/**
 * Moving a case through its states (正在办理 → 阶段性办结 → 已办结 → 销号 → 重新办理). `applyCaseTransition` is the one
 * place that writes a state: inside the caller's transaction it checks the rule, writes the state with its dates,
 * and appends the audit event. The HTTP actions, a revisit that finds the problem back, and the closure procedure
 * (销号 and its reopening) all come through here.
 */
import type { AppContext } from '../context.js';
import type { Conn, Tx } from '../../db/database.js';
import { AppError } from '../../core/errors.js';
import { CASE_STATE_LABELS, nextCaseState, type CaseAction } from '../../core/case-state.js';
import type { Verified } from '../../core/case.js';
import { addDaysOfKind } from '../../core/workdays.js';
import { appendAuditEvent, type Actor } from '../../db/audit.repository.js';
import { updateCase, type CaseUpdate, type ComplaintCase } from '../../db/cases.repository.js';
import { findOpenClosure } from '../../db/closures.repository.js';
import { CLOSURE_STATE_LABELS } from '../../core/closure.js';
import { nowIso } from '../../db/clock.js';
import { assertMay, type Access } from '../access.js';
import { readSettings } from '../settings.js';
import { today } from '../schedule.js';
import { getCaseInScope } from './case-access.js';
import { keepIfUnchanged, redactorFor } from './redact.js';

export interface HandlingFields {
  verified?: Verified | null;
  handling?: string | null;
  stagePlan?: string | null;
  stageDue?: string | null;
}

function handlingColumns(f: HandlingFields): CaseUpdate {
  return { verified: f.verified, handling: f.handling, stage_plan: f.stagePlan, stage_due: f.stageDue };
}

/** What a transition needs: the dialect for the audit chain; the configuration to redact texts it records. */
export type TransitionContext = Pick<AppContext, 'dialect'> & Partial<Pick<AppContext, 'config'>>;

/**
 * The audit view of a case's handling. Free texts are recorded redacted (units sometimes name the complainant in
 * them), and only when they were part of the change and the configuration is at hand to redact them.
 */
async function auditView(ctx: TransitionContext, tx: Tx, c: ComplaintCase, withTexts: boolean) {
  const view = { state: c.state, verified: c.verified, stageDue: c.stageDue, deadline: c.deadline };
  if (!withTexts || !ctx.config) return view;
  const redact = await redactorFor({ config: ctx.config }, tx, [c.id]);
  return { ...view, handling: redact(c.id, c.handling), stagePlan: redact(c.id, c.stagePlan) };
}

/** Checks and applies one transition inside `tx`; `fields` are saved along with it (办结 with its handling, say). */
export async function applyCaseTransition(
  ctx: TransitionContext, tx: Tx, actor: Actor, complaint: ComplaintCase, expectedVersion: number, action: CaseAction, fields: HandlingFields = {}, note?: string,
): Promise<ComplaintCase> {
  // A stale version is a conflict even when the transition would also be refused: the client must see the new state.
  if (complaint.version !== expectedVersion) {
    throw new AppError('VERSION_CONFLICT', '该信访件已被他人修改，请刷新后查看最新内容再提交', { current: complaint });
  }
  const pick = <T>(sent: T | undefined, stored: T) => (sent === undefined ? stored : sent);
  const to = nextCaseState({
    state: complaint.state, verified: pick(fields.verified, complaint.verified), handling: pick(fields.handling, complaint.handling),
    stagePlan: pick(fields.stagePlan, complaint.stagePlan), stageDue: pick(fields.stageDue, complaint.stageDue),
  }, action);
  const date = today();
  const columns: CaseUpdate = { ...handlingColumns(fields), state: to };
  if (to === 'done') columns.done_at = date;
  if (to === 'closed') columns.closed_at = nowIso();
  if (action === 'reopen' || action === 'return') {
    // Handled again: a fresh deadline, and the case leaves the handled population until it is done again.
    const settings = await readSettings(tx, 'cases');
    Object.assign(columns, { deadline: addDaysOfKind(date, settings.handlingDays, settings.handlingDayKind), done_at: null, closed_at: null });
  }
  const withTexts = fields.handling !== undefined || fields.stagePlan !== undefined;
  const before = await auditView(ctx, tx, complaint, withTexts);
  const updated = await updateCase(tx, complaint.id, expectedVersion, columns);
  await appendAuditEvent(tx, ctx.dialect, actor, {
    action: `case.${action}`, entityType: 'case', entityId: complaint.id, orgUnitId: complaint.orgUnitId,
    before, after: { ...(await auditView(ctx, tx, updated, withTexts)), ...(note ? { note } : {}) },
  });
  return updated;
}

/**
 * While the accepting unit reviews a case (applied, accepted, under notice) the unit may not change what is being
 * reviewed; once the procedure is returned or reopened, the unit works on the case again.
 */
export async function assertNotUnderReview(tx: Conn, caseId: number): Promise<void> {
  const open = await findOpenClosure(tx, 'case', caseId);
  if (open && open.state !== 'reopened') {
    throw new AppError('INVALID_TRANSITION', `该信访件正在验收销号（${CLOSURE_STATE_LABELS[open.state]}），验收结束前不能修改办理情况`, { closureId: open.id });
  }
}

/** Texts sent back as they were shown (redacted) keep what is stored; see keepIfUnchanged. */
async function unmasked(ctx: AppContext, tx: Tx, complaint: ComplaintCase, fields: HandlingFields): Promise<HandlingFields> {
  if (fields.handling === undefined && fields.stagePlan === undefined) return fields;
  const redact = await redactorFor(ctx, tx, [complaint.id]);
  return {
    ...fields,
    handling: keepIfUnchanged(redact, complaint.id, complaint.handling, fields.handling),
    stagePlan: keepIfUnchanged(redact, complaint.id, complaint.stagePlan, fields.stagePlan),
  };
}

/** 阶段性办结 / 办结 by the unit (reporters and administrators of the case's unit), or 重新办理 of a handled case by an administrator. */
export async function transitionCase(
  ctx: AppContext, access: Access, id: number, version: number, action: 'stage_done' | 'done' | 'reopen', fields: HandlingFields, note?: string,
): Promise<ComplaintCase> {
  return ctx.db.transaction().execute(async (tx) => {
    const { complaint, unit } = await getCaseInScope(tx, access, id);
    assertMay(access, action === 'reopen' ? 'writeLedger' : 'writeProgress', unit.path);
    if (action === 'reopen' && complaint.state === 'closed') {
      throw new AppError('INVALID_TRANSITION', '已销号的信访件须通过销号程序“反弹重新打开”，以便与原销号记录关联');
    }
    if (action === 'reopen' && !note?.trim()) throw new AppError('VALIDATION_FAILED', '重新办理须说明原因（例如问题反弹的情况）');
    await assertNotUnderReview(tx, id);
    return applyCaseTransition(ctx, tx, access.actor, complaint, version, action, await unmasked(ctx, tx, complaint, fields), note?.trim());
  });
}

/** Records the investigation and handling without changing the state; closed cases are final until reopened. */
export async function recordHandling(ctx: AppContext, access: Access, id: number, version: number, fields: HandlingFields): Promise<ComplaintCase> {
  return ctx.db.transaction().execute(async (tx) => {
    const { complaint, unit } = await getCaseInScope(tx, access, id);
    assertMay(access, 'writeProgress', unit.path);
    if (complaint.state === 'closed') {
      throw new AppError('INVALID_TRANSITION', `信访件已${CASE_STATE_LABELS.closed}，不能再修改办理情况；如问题反弹，请通过销号程序重新打开`);
    }
    await assertNotUnderReview(tx, id);
    const before = await auditView(ctx, tx, complaint, true);
    const updated = await updateCase(tx, id, version, handlingColumns(await unmasked(ctx, tx, complaint, fields)));
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'case.handling', entityType: 'case', entityId: id, orgUnitId: complaint.orgUnitId, before, after: await auditView(ctx, tx, updated, true),
    });
    return updated;
  });
}
