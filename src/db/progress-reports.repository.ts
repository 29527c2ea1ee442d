/**
 * Progress reports as submitted and reviewed in reporting rounds: the report, the evidence it cites and the claims it
 * applied to the ledger (milestones marked done, with the date each had before), so a return can take them back.
 */
import type { Selectable } from 'kysely';
import type { Conn } from './database.js';
import type { ProgressReportTable } from './schema.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';
import type { ReportState } from '../core/reporting.js';
import type { StatusCode } from '../core/status.js';

export interface MilestoneClaim { milestoneId: number; doneDate: string; previous: string | null }
export interface IndicatorClaim { indicatorId: number; value: number }
/** What the last submission declared; applied to the ledger while the report is submitted or accepted. */
export interface ReportClaims { milestones: MilestoneClaim[]; indicators: IndicatorClaim[] }

export interface ProgressReport {
  id: number;
  assignmentId: number;
  roundId: number | null;
  periodLabel: string | null;
  asOf: string;
  progress: string | null;
  problems: string | null;
  nextSteps: string | null;
  statusText: string | null;
  statusCode: StatusCode | null;
  state: ReportState;
  source: 'manual' | 'import';
  submittedBy: number | null;
  submittedAt: string | null;
  reviewedBy: number | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  evidenceIds: number[];
  claims: ReportClaims;
  version: number;
}

export const reportNotFound = (id: number) => new AppError('REPORT_NOT_FOUND', `找不到编号为 ${id} 的进展报告`);

function parseClaims(text: string): ReportClaims {
  const c = JSON.parse(text) as Partial<ReportClaims>;
  return { milestones: c.milestones ?? [], indicators: c.indicators ?? [] };
}

function toProgressReport(r: Selectable<ProgressReportTable>): ProgressReport {
  return {
    id: r.id, assignmentId: r.assignment_id, roundId: r.round_id, periodLabel: r.period_label, asOf: r.as_of, progress: r.progress,
    problems: r.problems, nextSteps: r.next_steps, statusText: r.status_text, statusCode: r.status_code as StatusCode | null,
    state: r.state as ReportState, source: r.source as ProgressReport['source'], submittedBy: r.submitted_by, submittedAt: r.submitted_at,
    reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at, reviewComment: r.review_comment,
    evidenceIds: JSON.parse(r.evidence_ids) as number[], claims: parseClaims(r.claims), version: r.version,
  };
}

export async function getProgressReport(db: Conn, id: number): Promise<ProgressReport> {
  const r = await db.selectFrom('progress_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw reportNotFound(id);
  return toProgressReport(r);
}

/** An assignment's reports, newest first: its progress over time on the task page. */
export async function listProgressReports(db: Conn, assignmentId: number): Promise<ProgressReport[]> {
  const rows = await db.selectFrom('progress_reports').selectAll().where('assignment_id', '=', assignmentId).orderBy('as_of', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toProgressReport);
}

export async function findRoundReportId(db: Conn, roundId: number, assignmentId: number): Promise<number | undefined> {
  const r = await db.selectFrom('progress_reports').select('id').where('round_id', '=', roundId).where('assignment_id', '=', assignmentId).executeTakeFirst();
  return r?.id;
}

export interface ReportContent {
  asOf: string;
  periodLabel: string | null;
  progress: string;
  problems: string | null;
  nextSteps: string | null;
  statusText: string;
  statusCode: StatusCode;
  evidenceIds: number[];
}

export async function insertSubmittedReport(db: Conn, r: ReportContent & { assignmentId: number; roundId: number | null; submittedBy: number | null }): Promise<number> {
  const now = nowIso();
  const { id } = await db.insertInto('progress_reports').values({
    assignment_id: r.assignmentId, round_id: r.roundId, period_label: r.periodLabel, as_of: r.asOf, progress: r.progress, problems: r.problems,
    next_steps: r.nextSteps, status_text: r.statusText, status_code: r.statusCode, state: 'submitted', source: 'manual',
    submitted_by: r.submittedBy, submitted_at: now, evidence_ids: JSON.stringify(r.evidenceIds), created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export interface ReportUpdate {
  content?: ReportContent;
  state?: ReportState;
  submittedBy?: number | null;
  submittedAt?: string | null;
  reviewedBy?: number | null;
  reviewedAt?: string | null;
  reviewComment?: string | null;
  claims?: ReportClaims;
}

/** Applies at the version the client saw; VERSION_CONFLICT carrying the current report otherwise. */
export async function updateProgressReport(db: Conn, id: number, expectedVersion: number, u: ReportUpdate): Promise<ProgressReport> {
  const c = u.content;
  const res = await db.updateTable('progress_reports').set((eb) => ({
    as_of: c?.asOf, period_label: c?.periodLabel, progress: c?.progress, problems: c?.problems, next_steps: c?.nextSteps,
    status_text: c?.statusText, status_code: c?.statusCode, evidence_ids: c && JSON.stringify(c.evidenceIds),
    state: u.state, submitted_by: u.submittedBy, submitted_at: u.submittedAt, reviewed_by: u.reviewedBy, reviewed_at: u.reviewedAt,
    review_comment: u.reviewComment, claims: u.claims && JSON.stringify(u.claims), updated_at: nowIso(), version: eb('version', '+', 1),
  })).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    throw new AppError('VERSION_CONFLICT', '该报告已被他人修改或审核，请刷新后查看最新内容', { current: await getProgressReport(db, id) });
  }
  return getProgressReport(db, id);
}

/** Writes the claims a report applied, without touching its version (they are part of the same submission). */
export async function setReportClaims(db: Conn, id: number, claims: ReportClaims): Promise<void> {
  await db.updateTable('progress_reports').set({ claims: JSON.stringify(claims) }).where('id', '=', id).execute();
}

export interface ReviewQueueRow { reportId: number; assignmentId: number; roundId: number | null; taskCode: string; orgUnitId: number; orgUnitName: string; orgPath: string; submittedBy: number | null; submittedAt: string | null; statusText: string | null; version: number }

/** Submitted reports of assignments inside the given subtrees, oldest first. */
export async function listSubmittedReports(db: Conn, paths: readonly string[], filter: { roundId?: number; reportId?: number } = {}): Promise<ReviewQueueRow[]> {
  if (paths.length === 0) return [];
  let q = db.selectFrom('progress_reports as r').innerJoin('assignments as a', 'a.id', 'r.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .where('r.state', '=', 'submitted').where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', `${p}%`))));
  if (filter.roundId) q = q.where('r.round_id', '=', filter.roundId);
  if (filter.reportId) q = q.where('r.id', '=', filter.reportId);
  const rows = await q.select(['r.id', 'r.assignment_id', 'r.round_id', 't.code', 'o.id as org_id', 'o.name', 'o.path', 'r.submitted_by', 'r.submitted_at', 'r.status_text', 'r.version'])
    .orderBy('r.submitted_at').orderBy('r.id').limit(1000).execute();
  return rows.map((r) => ({
    reportId: r.id, assignmentId: r.assignment_id, roundId: r.round_id, taskCode: r.code, orgUnitId: r.org_id, orgUnitName: r.name, orgPath: r.path,
    submittedBy: r.submitted_by, submittedAt: r.submitted_at, statusText: r.status_text, version: r.version,
  }));
}
