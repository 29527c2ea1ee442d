/**
 * Reviewing a submitted progress report: accepting it (the report becomes the assignment's status as written, its
 * progress text, and completion when it says completed) or returning it with a reason (its claims are taken back and
 * it goes back to the reporter). Reviewers act within their scope and never on their own submission.
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../core/errors.js';
import { normalizeStatus } from '../../core/status.js';
import { nextReportState } from '../../core/reporting.js';
import { AcceptReportSchema, ReturnReportSchema } from '../../core/reporting-inputs.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { getAssignmentById, updateAssignment } from '../../db/assignments.repository.js';
import type { Assignment } from '../../core/api/assignments.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { getProgressReport, reportNotFound, updateProgressReport, type ProgressReport } from '../../db/progress-reports.repository.js';
import { latestAcceptedAsOf } from '../../db/rounds.repository.js';
import { nowIso } from '../../db/clock.js';
import { assertAt, type Access } from '../access.js';
import { refreshSchedule, today } from '../schedule.js';
import { enqueueReportEvent } from '../follow-up-jobs.js';
import { revertClaims } from './report-claims.js';

async function reviewable(tx: Tx, access: Access, reportId: number): Promise<{ report: ProgressReport; assignment: Assignment }> {
  const report = await getProgressReport(tx, reportId);
  const assignment = await getAssignmentById(tx, report.assignmentId);
  assertAt(access, 'review', (await getOrgUnitById(tx, assignment.orgUnitId)).path, reportNotFound(reportId));
  if (report.submittedBy !== null && report.submittedBy === access.actor.id) {
    throw new AppError('FORBIDDEN', '不能审核自己提交的报告，请由本级或上级的其他审核人审核');
  }
  return { report, assignment };
}

export async function acceptProgressReport(ctx: AppContext, access: Access, reportId: number, raw: { version: number; comment?: string | null }): Promise<ProgressReport> {
  const input = AcceptReportSchema.parse(raw);
  return ctx.db.transaction().execute((tx) => acceptReportIn(ctx, tx, access, reportId, input));
}

/** Accepting inside the caller's transaction (a batch review accepts several in one). */
export async function acceptReportIn(ctx: AppContext, tx: Tx, access: Access, reportId: number, input: { version: number; comment?: string | null }): Promise<ProgressReport> {
  const { report, assignment: a } = await reviewable(tx, access, reportId);
  nextReportState(report.state, 'accept');
  const updated = await updateProgressReport(tx, report.id, input.version, { state: 'accepted', reviewedBy: access.actor.id, reviewedAt: nowIso(), reviewComment: input.comment ?? null });
  const newer = await latestAcceptedAsOf(tx, a.id, report.id);
  // A late-reviewed older report is kept on record but does not overwrite the state a newer report set.
  if (newer === null || newer <= report.asOf) {
    const facts = normalizeStatus(report.statusText);
    const before = { statusText: a.statusText, statusCode: a.statusCode, isCompleted: a.isCompleted };
    const completion = a.isClosed ? {} : { isCompleted: facts.isCompleted, completedAt: facts.isCompleted ? (a.completedAt ?? report.asOf) : null };
    await updateAssignment(tx, a.id, a.version, {
      statusText: report.statusText, statusCode: facts.code, latestProgress: report.progress, isLongTerm: a.isLongTerm || facts.isLongTerm, ...completion,
    });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'assignment.status_from_report', entityType: 'assignment', entityId: a.id, assignmentId: a.id, orgUnitId: a.orgUnitId,
      before, after: { statusText: report.statusText, statusCode: facts.code, isCompleted: completion.isCompleted ?? a.isCompleted, reportId: report.id },
    });
  }
  await appendAuditEvent(tx, ctx.dialect, access.actor, {
    action: 'progress_report.accept', entityType: 'progress_report', entityId: report.id, assignmentId: a.id, orgUnitId: a.orgUnitId,
    before: { state: report.state }, after: { state: 'accepted', comment: input.comment ?? null },
  });
  await refreshSchedule(tx, a.id, today());
  await enqueueReportEvent(tx, report.id, 'accepted', updated.version);
  return updated;
}

export async function returnProgressReport(ctx: AppContext, access: Access, reportId: number, raw: { version: number; reason: string }): Promise<ProgressReport> {
  const input = ReturnReportSchema.parse(raw);
  return ctx.db.transaction().execute((tx) => returnReportIn(ctx, tx, access, reportId, input));
}

/** Returning inside the caller's transaction (a batch review returns several with one reason). */
export async function returnReportIn(ctx: AppContext, tx: Tx, access: Access, reportId: number, input: { version: number; reason: string }): Promise<ProgressReport> {
  const { report, assignment: a } = await reviewable(tx, access, reportId);
  nextReportState(report.state, 'return');
  const updated = await updateProgressReport(tx, report.id, input.version, { state: 'returned', reviewedBy: access.actor.id, reviewedAt: nowIso(), reviewComment: input.reason });
  await revertClaims(tx, report.id, report.claims);
  await appendAuditEvent(tx, ctx.dialect, access.actor, {
    action: 'progress_report.return', entityType: 'progress_report', entityId: report.id, assignmentId: a.id, orgUnitId: a.orgUnitId,
    before: { state: report.state }, after: { state: 'returned', reason: input.reason, revertedClaims: report.claims },
  });
  await refreshSchedule(tx, a.id, today());
  await enqueueReportEvent(tx, report.id, 'returned', updated.version);
  return updated;
}
