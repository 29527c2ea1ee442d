/** Reading progress reports: one report with what it declared, and the reports awaiting the reader's review. */
import type { AppContext } from '../context.js';
import { getAssignmentById } from '../../db/assignments.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { getProgressReport, listSubmittedReports, reportNotFound } from '../../db/progress-reports.repository.js';
import { assertAt, pathsFor, type Access } from '../access.js';

export async function getProgressReportView(ctx: AppContext, access: Access, reportId: number) {
  const report = await getProgressReport(ctx.db, reportId);
  const assignment = await getAssignmentById(ctx.db, report.assignmentId);
  assertAt(access, 'read', (await getOrgUnitById(ctx.db, assignment.orgUnitId)).path, reportNotFound(reportId));
  return report;
}

/** Submitted reports the reader may review (reviewer or admin at the unit or above), oldest first. */
export async function listReviewQueue(ctx: AppContext, access: Access, filter: { roundId?: number }) {
  return listSubmittedReports(ctx.db, pathsFor(access, 'review'), filter);
}
