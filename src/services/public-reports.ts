/** Reading published reports for the public pages: a version's content with its count of tasks by status. */
import type { AppContext } from './context.js';
import { findLatestVersion, getPublishedReportContent, type PublishedReportRecord } from '../db/imports.repository.js';
import { AppError } from '../core/errors.js';
import { ParsedReportSchema, type ParsedReport } from '../core/report.js';
import { STATUS_CODES } from '../core/status.js';

/** Every status code counted (0 when absent), tasks without one under 'unknown'. */
export function countByStatus(content: ParsedReport): Record<string, number> {
  const byStatus: Record<string, number> = Object.fromEntries(STATUS_CODES.map((c) => [c, 0]));
  for (const t of content.tasks) {
    const key = t.statusCode ?? 'unknown';
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  return byStatus;
}

/** One published version, its counts by status, and the newest version of the same report (itself when newest). */
export async function getPublishedReport(ctx: AppContext, id: number): Promise<{ report: PublishedReportRecord; content: ParsedReport; byStatus: Record<string, number>; latest: PublishedReportRecord }> {
  const found = await getPublishedReportContent(ctx.db, id);
  if (!found) throw new AppError('REPORT_NOT_FOUND', '没有这份已公开的报告');
  const content = ParsedReportSchema.parse(found.content);
  // The newest version of the same report, so a reader of an earlier one is told there is a later one.
  const newest = await findLatestVersion(ctx.db, found.record.orgUnitId, found.record.inspectionId);
  const latest = newest && newest.id !== found.record.id ? (await getPublishedReportContent(ctx.db, newest.id))?.record ?? found.record : found.record;
  return { report: found.record, content, byStatus: countByStatus(content), latest };
}
