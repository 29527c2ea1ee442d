/** What the public reads without signing in: published reports only, each with its summary by status. */
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { ParsedReportSchema, type ParsedReport } from '../core/report.js';
import { STATUS_CODES } from '../core/status.js';
import { findLatestVersion, getPublishedReportContent, listPublishedReportGroups, type PublishedReportGroup, type PublishedReportRecord } from '../db/imports.repository.js';

/** Each published report once (its newest version) with its earlier versions under it, newest first. */
export async function listPublicReports(ctx: AppContext): Promise<PublishedReportGroup[]> {
  return listPublishedReportGroups(ctx.db);
}

export interface PublicReport {
  record: PublishedReportRecord;
  content: ParsedReport;
  /** Tasks by status code (every code present, 0 when none; `unknown` for tasks without one). */
  byStatus: Record<string, number>;
  /** The newest version of the same report (the record itself when it is the newest). */
  latest: PublishedReportRecord;
}

/** One published version as a document, with its summary by status and the newest version of the same report. */
export async function readPublicReport(ctx: AppContext, id: number): Promise<PublicReport> {
  const found = await getPublishedReportContent(ctx.db, id);
  if (!found) throw new AppError('REPORT_NOT_FOUND', '没有这份已公开的报告');
  const content = ParsedReportSchema.parse(found.content);
  const byStatus: Record<string, number> = Object.fromEntries(STATUS_CODES.map((c) => [c, 0]));
  for (const t of content.tasks) {
    const key = t.statusCode ?? 'unknown';
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  // The newest version of the same report, so a reader of an earlier one is told there is a later one.
  const newest = await findLatestVersion(ctx.db, found.record.orgUnitId, found.record.inspectionId);
  const latest = newest && newest.id !== found.record.id ? (await getPublishedReportContent(ctx.db, newest.id))?.record ?? found.record : found.record;
  return { record: found.record, content, byStatus, latest };
}
