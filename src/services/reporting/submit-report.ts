/**
 * Submitting a progress report for an assignment, in a round or on its own, and correcting it (after a return, or
 * before review). One transaction: the report, its indicator values and milestone completions, the audit event, the
 * schedule refresh and the job that tells reviewers.
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../../db/database.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { normalizeStatus, type StatusCode } from '../../core/status.js';
import { nextReportState } from '../../core/reporting.js';
import { ResubmitReportSchema, SubmitReportSchema, type ReportContentFields, type ResubmitReportInput, type SubmitReportInput } from '../../core/reporting-inputs.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { getAssignmentById } from '../../db/assignments.repository.js';
import type { Assignment } from '../../core/api/assignments.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { findRoundReportId, getProgressReport, insertSubmittedReport, reportNotFound, setReportClaims, updateProgressReport, type ProgressReport, type ReportContent } from '../../db/progress-reports.repository.js';
import { getRound, inspectionOfAssignment, roundNotFound, type Round } from '../../db/rounds.repository.js';
import { nowIso } from '../../db/clock.js';
import { assertAt, assertRelated, type Access } from '../access.js';
import { refreshSchedule, today } from '../schedule.js';
import { enqueueReportEvent } from '../follow-up-jobs.js';
import { applyClaims, checkEvidenceIds, revertClaims } from './report-claims.js';

const notFound = (id: number) => new AppError('ASSIGNMENT_NOT_FOUND', `找不到编号为 ${id} 的任务分解`);

function statusCodeOf(written: string): StatusCode {
  const code = normalizeStatus(written).code;
  if (!code) throw new AppError('VALIDATION_FAILED', `无法识别整改状态“${written}”，请使用如“达到序时进度”“未达序时进度”“完成整改”“正在推进”的写法`);
  return code;
}

function assertOpen(round: Round): void {
  if (round.state !== 'open') throw new AppError('INVALID_TRANSITION', `调度轮次“${round.name}”已结束，不能再报送或修改`);
}

/** Loads the assignment and checks the caller may report for it; closed tasks report only as long-term follow-up. */
async function reportableAssignment(tx: Tx, access: Access, id: number): Promise<Assignment> {
  const a = await getAssignmentById(tx, id).catch(ifNotFound(() => { throw notFound(id); }));
  assertAt(access, 'writeProgress', (await getOrgUnitById(tx, a.orgUnitId)).path, notFound(id));
  if (a.isClosed && !a.isLongTerm) throw new AppError('INVALID_TRANSITION', '该任务已销号，无需再报送进展（长期坚持的任务可报送跟踪进展）');
  return a;
}

function contentOf(input: ReportContentFields, asOf: string, periodLabel: string | null, evidenceIds: number[]): ReportContent {
  return {
    asOf, periodLabel, progress: input.progress, problems: input.problems ?? null, nextSteps: input.nextSteps ?? null,
    statusText: input.statusText, statusCode: statusCodeOf(input.statusText), evidenceIds,
  };
}

function reportDate(requested: string | undefined, round: Round | null, now: string): string {
  const asOf = requested ?? (round && round.periodEnd < now ? round.periodEnd : now);
  if (asOf > now) throw new AppError('VALIDATION_FAILED', `报告日期 ${asOf} 晚于今天`);
  return asOf;
}

export async function submitProgressReport(ctx: AppContext, access: Access, assignmentId: number, raw: SubmitReportInput): Promise<ProgressReport> {
  const input = SubmitReportSchema.parse(raw);
  statusCodeOf(input.statusText);
  const now = today();
  return ctx.db.transaction().execute(async (tx) => {
    const a = await reportableAssignment(tx, access, assignmentId);
    const org = await getOrgUnitById(tx, a.orgUnitId);
    let round: Round | null = null;
    if (input.roundId) {
      round = await getRound(tx, input.roundId);
      // A round the reporter cannot see answers as a missing one, before its state or name could show.
      assertRelated(access, round.scopePath, roundNotFound(input.roundId));
      assertOpen(round);
      const inScope = org.path.startsWith(round.scopePath) && (round.inspectionId === null || round.inspectionId === await inspectionOfAssignment(tx, a.id));
      if (!inScope) throw new AppError('VALIDATION_FAILED', `该任务不在调度轮次“${round.name}”的范围内`);
      const existing = await findRoundReportId(tx, round.id, a.id);
      if (existing) throw new AppError('ALREADY_EXISTS', `本轮已报送过该任务的进展（报告 ${existing}），请修改原报告`, { reportId: existing });
    }
    const asOf = reportDate(input.asOf, round, now);
    const content = contentOf(input, asOf, round?.name ?? null, await checkEvidenceIds(tx, a.id, input.evidenceIds));
    const id = await insertSubmittedReport(tx, { ...content, assignmentId: a.id, roundId: round?.id ?? null, submittedBy: access.actor.id });
    const claims = await applyClaims(tx, { id, assignmentId: a.id, asOf }, input, now, access.actor.id);
    await setReportClaims(tx, id, claims);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'progress_report.submit', entityType: 'progress_report', entityId: id, assignmentId: a.id, orgUnitId: a.orgUnitId,
      after: { roundId: round?.id ?? null, asOf, statusText: content.statusText, claims, evidenceIds: content.evidenceIds },
    });
    await refreshSchedule(tx, a.id, now);
    await enqueueReportEvent(tx, id, 'submitted', 1);
    return getProgressReport(tx, id);
  });
}

/** Corrects a report before review, or resubmits a returned one, at the version the reporter saw. */
export async function resubmitProgressReport(ctx: AppContext, access: Access, reportId: number, raw: ResubmitReportInput): Promise<ProgressReport> {
  const input = ResubmitReportSchema.parse(raw);
  statusCodeOf(input.statusText);
  const now = today();
  return ctx.db.transaction().execute(async (tx) => {
    const report = await getProgressReport(tx, reportId);
    const a = await reportableAssignment(tx, access, report.assignmentId).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'ASSIGNMENT_NOT_FOUND' ? reportNotFound(reportId) : e;
    });
    nextReportState(report.state, 'resubmit');
    const round = report.roundId ? await getRound(tx, report.roundId) : null;
    if (round) assertOpen(round);
    // Claims are on the ledger only while the report stands (submitted); a returned report's were already taken back.
    if (report.state === 'submitted') await revertClaims(tx, report.id, report.claims);
    const asOf = reportDate(input.asOf, round, now);
    const content = contentOf(input, asOf, report.periodLabel, await checkEvidenceIds(tx, a.id, input.evidenceIds));
    const updated = await updateProgressReport(tx, report.id, input.version, { content, state: 'submitted', submittedBy: access.actor.id, submittedAt: nowIso() });
    const claims = await applyClaims(tx, { id: report.id, assignmentId: a.id, asOf }, input, now, access.actor.id);
    await setReportClaims(tx, report.id, claims);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'progress_report.resubmit', entityType: 'progress_report', entityId: report.id, assignmentId: a.id, orgUnitId: a.orgUnitId,
      before: { state: report.state, statusText: report.statusText, claims: report.claims }, after: { asOf, statusText: content.statusText, claims },
    });
    await refreshSchedule(tx, a.id, now);
    await enqueueReportEvent(tx, report.id, 'submitted', updated.version);
    return getProgressReport(tx, report.id);
  });
}
