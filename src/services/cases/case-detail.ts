/**
 * One case with everything about it: its batch and unit, the repeat links, penalties, listings, revisits,
 * accountability, evidence, closure procedures and its whole history. The complainant's details are opened only for
 * readers holding readPersonalData at the case's unit; for everyone else the case's texts are redacted.
 */
import type { AppContext } from '../context.js';
import { isAppError } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { inScope } from '../../core/scope.js';
import { isCaseOverdue } from '../../core/case-state.js';
import { listAuditEvents } from '../../db/audit.repository.js';
import { getCaseBatchById } from '../../db/case-batches.repository.js';
import { findCase, getSealedComplainant, listCaseEvidence, listRepeatsOf } from '../../db/cases.repository.js';
import { listAccountability, listListingsOf, listPenalties } from '../../db/case-records.repository.js';
import { listClosuresOfSubject } from '../../db/closures.repository.js';
import { getInspectionById } from '../../db/inspections.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { listRevisits } from '../../db/revisits.repository.js';
import { pathsFor, type Access } from '../access.js';
import { today } from '../schedule.js';
import { getCaseInScope } from './case-access.js';
import { openPersonal } from './personal-data.js';
import { redactorFor } from './redact.js';

/** The complainant as shown to a permitted reader; `unavailable` says why the details cannot be opened. */
export type ComplainantView = { name: string | null; contact: string | null } | { unavailable: string };

async function complainantFor(ctx: AppContext, caseId: number): Promise<ComplainantView> {
  const sealed = await getSealedComplainant(ctx.db, caseId);
  try {
    return { name: openPersonal(ctx.config, 'complainant_name', sealed.name), contact: openPersonal(ctx.config, 'complainant_contact', sealed.contact) };
  } catch (error) {
    if (isAppError(error) && error.code === 'SECRET_KEY_MISSING') return { unavailable: error.message };
    throw error;
  }
}

export async function getCaseDetail(ctx: AppContext, access: Access, id: number) {
  const { complaint, unit } = await getCaseInScope(ctx.db, access, id);
  const readable = pathsFor(access, 'read');
  const personal = can(access.memberships, 'readPersonalData', unit.path);
  const redact = personal ? (_id: number, t: string | null) => t : await redactorFor(ctx, ctx.db, [id]);
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
    complainant: personal ? await complainantFor(ctx, id) : null,
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
    evidence: await listCaseEvidence(ctx.db, id),
    closures: await listClosuresOfSubject(ctx.db, 'case', id),
    history,
  };
}
