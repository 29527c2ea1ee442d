/**
 * The report's 信访件办理情况 paragraph: how many cases the unit was handed for the inspection and has handled, and the
 * accountability on its cases and its task shares, counted by measure, as of the report's date. Counts only: the
 * public report names no official (docs/security.md).
 */
import type { AppContext } from '../context.js';
import { ACCOUNTABILITY_MEASURES, accountabilityCountsText } from '../../core/supervision.js';
import type { OrgUnit } from '../../core/api/org-units.js';
import { countAssignmentAccountability, countReportCases } from '../../db/supervision.repository.js';

/** "截至2026年12月7日，交办信访件12件，已办结10件；问责5人，其中诫勉谈话2人、通报批评3人。"; none when there is nothing to say. */
export async function caseSummaryParagraphs(ctx: AppContext, org: OrgUnit, inspectionId: number, asOf: string, assignmentIds: readonly number[]): Promise<string[]> {
  const cases = await countReportCases(ctx.db, org.path, inspectionId, asOf);
  const onTasks = await countAssignmentAccountability(ctx.db, assignmentIds, asOf);
  const byMeasure = Object.fromEntries(ACCOUNTABILITY_MEASURES.map((m) => [m, cases.byMeasure[m] + onTasks[m]]));
  const persons = Object.values(byMeasure).reduce((a, b) => a + b, 0);
  if (cases.total === 0 && persons === 0) return [];
  const [y, m, d] = asOf.split('-').map(Number);
  const parts = [
    cases.total > 0 ? `交办信访件${cases.total}件，已办结${cases.done}件` : '',
    persons > 0 ? `问责${persons}人，其中${accountabilityCountsText(byMeasure, { compact: true })}` : '',
  ].filter(Boolean);
  return [`截至${y}年${m}月${d}日，${parts.join('；')}。`];
}
