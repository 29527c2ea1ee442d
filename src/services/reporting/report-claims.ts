/**
 * What a progress report declares beyond its text — milestones done, indicator values, evidence cited — checked
 * against the assignment and applied to the ledger; taken back when the report is returned or corrected, so the
 * schedule only ever counts what a standing report says.
 */
import type { Tx } from '../../db/database.js';
import { AppError } from '../../core/errors.js';
import { listEvidenceOf } from '../../db/assignment-details.repository.js';
import type { ReportClaims } from '../../db/progress-reports.repository.js';
import {
  claimTargetNotFound, deleteIndicatorValuesOfReport, findIndicatorAssignment, findMilestoneForClaim, insertReportedIndicatorValue,
  revertMilestoneDoneDate, setMilestoneDoneDate,
} from '../../db/report-claims.repository.js';

export interface ClaimInput {
  milestonesDone: readonly { milestoneId: number; doneDate: string }[];
  indicatorValues: readonly { indicatorId: number; value: number }[];
}

/** Every cited evidence id must belong to the assignment or one of its reports. */
export async function checkEvidenceIds(tx: Tx, assignmentId: number, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const own = new Set((await listEvidenceOf(tx, assignmentId)).map((e) => e.id));
  const missing = ids.filter((id) => !own.has(id));
  if (missing.length > 0) throw new AppError('EVIDENCE_NOT_FOUND', `该任务没有编号为 ${missing.join('、')} 的佐证材料，请先上传`, { missing });
  return [...new Set(ids)];
}

/** Checks the claims and writes them; returns what was applied, with each milestone's date before. */
export async function applyClaims(tx: Tx, report: { id: number; assignmentId: number; asOf: string }, input: ClaimInput, today: string, recordedBy: number | null): Promise<ReportClaims> {
  const claims: ReportClaims = { milestones: [], indicators: [] };
  for (const m of input.milestonesDone) {
    const milestone = await findMilestoneForClaim(tx, m.milestoneId);
    if (!milestone || milestone.assignmentId !== report.assignmentId) throw claimTargetNotFound('节点', m.milestoneId);
    if (m.doneDate > today) throw new AppError('VALIDATION_FAILED', `节点完成日期 ${m.doneDate} 晚于今天，请填写实际完成的日期`);
    if (milestone.doneDate !== m.doneDate) await setMilestoneDoneDate(tx, milestone.id, m.doneDate);
    claims.milestones.push({ milestoneId: milestone.id, doneDate: m.doneDate, previous: milestone.doneDate });
  }
  for (const v of input.indicatorValues) {
    if ((await findIndicatorAssignment(tx, v.indicatorId)) !== report.assignmentId) throw claimTargetNotFound('指标', v.indicatorId);
    await insertReportedIndicatorValue(tx, { indicatorId: v.indicatorId, value: v.value, asOf: report.asOf, reportId: report.id, recordedBy });
    claims.indicators.push({ indicatorId: v.indicatorId, value: v.value });
  }
  return claims;
}

/** Takes applied claims back: milestone dates as they were (unless changed since), the report's indicator values removed. */
export async function revertClaims(tx: Tx, reportId: number, claims: ReportClaims): Promise<void> {
  for (const m of [...claims.milestones].reverse()) {
    if (m.previous !== m.doneDate) await revertMilestoneDoneDate(tx, m.milestoneId, m.doneDate, m.previous);
  }
  await deleteIndicatorValuesOfReport(tx, reportId);
}
