/**
 * One case with everything about it: its batch and unit, the repeat links, penalties, listings, revisits,
 * accountability, evidence, closure procedures and its whole history. Every reader gets the complainant masked
 * (张** / 138****1234) and the case's texts redacted; readers granted readPersonalData at the case's unit open the
 * details with revealComplainant, and every such view is recorded in the audit trail.
 */
import type { AppContext } from '../context.js';
import { AppError, isAppError } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { inScope } from '../../core/scope.js';
import { isCaseOverdue } from '../../core/case-state.js';
import { appendAuditEvent, listAuditEvents } from '../../db/audit.repository.js';
import { maskContact, maskName } from '../../export/personal-data.js';
import { getCaseBatchById } from '../../db/case-batches.repository.js';
import { findCase, getSealedComplainant, listCaseEvidence, listRepeatsOf } from '../../db/cases.repository.js';
import { listAccountability, listListingsOf, listPenalties } from '../../db/case-records.repository.js';
import { listLeaderCharges } from '../../db/supervision.repository.js';
import { listClosuresOfSubject } from '../../db/closures.repository.js';
import { getInspectionById } from '../../db/inspections.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { listRevisits } from '../../db/revisits.repository.js';
import { pathsFor, type Access } from '../access.js';
import { today } from '../schedule.js';
import { getCaseInScope } from './case-access.js';
import { openPersonal } from './personal-data.js';
import { redactorFor } from './redact.js';

/** The complainant, masked or opened; `unavailable` says why the details cannot be opened. */
export type ComplainantView = { name: string | null; contact: string | null } | { unavailable: string };

async function complainantFor(ctx: AppContext, caseId: number, masked: boolean): Promise<ComplainantView | null> {
  const sealed = await getSealedComplainant(ctx.db, caseId);
  if (sealed.name === null && sealed.contact === null) return null;
  try {
    const name = openPersonal(ctx.config, 'complainant_name', sealed.name);
    const contact = openPersonal(ctx.config, 'complainant_contact', sealed.contact);
    return masked ? { name: maskName(name), contact: maskContact(contact) } : { name, contact };
  } catch (error) {
    if (isAppError(error) && error.code === 'SECRET_KEY_MISSING') return { unavailable: error.message };
    throw error;
  }
}

export const notGrantedComplainant = () => new AppError('FORBIDDEN', '您没有查看该信访件举报人信息的权限；如工作需要，请向本单位管理员申请授权');

/**
 * Opens the complainant's details and the case's texts as they were written, for a reader granted readPersonalData
 * at the case's unit, and records the view (who, which case, when) in the audit trail before answering.
 */
export async function revealComplainant(ctx: AppContext, access: Access, id: number) {
  const { complaint, unit } = await getCaseInScope(ctx.db, access, id);
  if (!can(access.memberships, 'readPersonalData', unit.path)) throw notGrantedComplainant();
  await ctx.db.transaction().execute(async (tx) => {
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'case.view_complainant', entityType: 'case', entityId: id, orgUnitId: complaint.orgUnitId });
  });
  return {
    complainant: await complainantFor(ctx, id, false),
    texts: { content: complaint.content, targetName: complaint.targetName, handling: complaint.handling, stagePlan: complaint.stagePlan },
    revisits: (await listRevisits(ctx.db, { caseId: id })).map((r) => ({ id: r.id, finding: r.finding })),
  };
}

export async function getCaseDetail(ctx: AppContext, access: Access, id: number) {
  const { complaint, unit } = await getCaseInScope(ctx.db, access, id);
  const readable = pathsFor(access, 'read');
  const redact = await redactorFor(ctx, ctx.db, [id]);
  const batch = await getCaseBatchById(ctx.db, complaint.batchId);

  // Links to other cases only name those the reader may see.
  const linkIfVisible = async (caseId: number | null) => {
    const other = caseId === null ? undefined : await findCase(ctx.db, caseId);
    if (!other || !inScope(readable, (await getOrgUnitById(ctx.db, other.orgUnitId)).path)) return null;
    return { id: other.id, caseNo: other.caseNo, state: other.state };
  };
  const repeats = [];
  for (const r of await listRepeatsOf(ctx.db, id)) {
    if (inScope(readable, (await getOrgUnitById(ctx.db, r.orgUnitId)).path)) repeats.push({ id: r.id, caseNo: r.caseNo });
  }
  const history = [
    ...await listAuditEvents(ctx.db, { entityType: 'case', entityId: String(id), limit: 500 }),
    ...await listAuditEvents(ctx.db, { entityType: 'case_batch', entityId: String(batch.id), limit: 50 }),
  ].sort((a, b) => b.id - a.id);

  return {
    case: {
      ...complaint, content: redact(id, complaint.content)!, targetName: redact(id, complaint.targetName), handling: redact(id, complaint.handling),
      stagePlan: redact(id, complaint.stagePlan), isOverdue: isCaseOverdue(complaint, today()),
    },
    complainant: await complainantFor(ctx, id, true),
    /** The reader may open the details (POST /api/cases/:id/complainant-views), which is recorded. */
    mayRevealComplainant: can(access.memberships, 'readPersonalData', unit.path),
    batch: { id: batch.id, batchNo: batch.batchNo, handedOverAt: batch.handedOverAt, publishedAt: batch.publishedAt },
    inspection: await getInspectionById(ctx.db, batch.inspectionId).then((i) => ({ id: i.id, name: i.name, round: i.round })),
    unit: { id: unit.id, name: unit.name, path: unit.path },
    repeatOf: complaint.repeatOfCaseId === null ? null
      : { ...(await linkIfVisible(complaint.repeatOfCaseId)), reason: complaint.repeatReason, score: complaint.repeatScore },
    repeats,
    penalties: await listPenalties(ctx.db, [id]),
    listings: await listListingsOf(ctx.db, 'case', id),
    revisits: (await listRevisits(ctx.db, { caseId: id })).map((r) => ({ ...r, finding: redact(id, r.finding) })),
    accountability: await listAccountability(ctx.db, 'case', [id]),
    leaderCharges: await listLeaderCharges(ctx.db, 'case', [id]),
    evidence: await listCaseEvidence(ctx.db, id),
    closures: await listClosuresOfSubject(ctx.db, 'case', id),
    history,
  };
}
