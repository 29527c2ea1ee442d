/**
 * Supervision and accountability as records (issue #17): the standard list of accountability measures (问责方式) and
 * the kinds of a leader's visits and instructions in a case taken in personal charge (领导包案). Pure; shared by the
 * services, the report and the web app.
 */

/** 问责方式 as the regime lists them; 其他 carries its own words. */
export const ACCOUNTABILITY_MEASURES = [
  'admonition', 'circulated_criticism', 'ordered_review', 'party_discipline', 'government_sanction', 'organizational', 'judicial_transfer', 'other',
] as const;
export type AccountabilityMeasure = (typeof ACCOUNTABILITY_MEASURES)[number];
export const ACCOUNTABILITY_MEASURE_LABELS: Record<AccountabilityMeasure, string> = {
  admonition: '诫勉谈话', circulated_criticism: '通报批评', ordered_review: '责令检查', party_discipline: '党纪处分', government_sanction: '政务处分',
  organizational: '组织处理', judicial_transfer: '移送司法机关', other: '其他',
};

/** How a measure reads: its label, or for 其他 the words written (其他：停职检查). */
export function accountabilityMeasureText(measure: AccountabilityMeasure, other: string | null): string {
  return measure === 'other' && other ? `其他（${other}）` : ACCOUNTABILITY_MEASURE_LABELS[measure];
}

/** Counts by measure in the standard order, zero ones left out: "诫勉谈话 2 人、通报批评 1 人" (in running text, "诫勉谈话2人"). */
export function accountabilityCountsText(byMeasure: Partial<Record<AccountabilityMeasure, number>>, opts: { compact?: boolean } = {}): string {
  const gap = opts.compact ? '' : ' ';
  return ACCOUNTABILITY_MEASURES.filter((m) => (byMeasure[m] ?? 0) > 0).map((m) => `${ACCOUNTABILITY_MEASURE_LABELS[m]}${gap}${byMeasure[m]}${gap}人`).join('、');
}

/** What a leader in personal charge does for the case: 现场督导, 批示, 约谈, 调度会, 接访, 其他. */
export const LEADER_ACTION_KINDS = ['onsite', 'instruction', 'interview', 'meeting', 'reception', 'other'] as const;
export type LeaderActionKind = (typeof LEADER_ACTION_KINDS)[number];
export const LEADER_ACTION_LABELS: Record<LeaderActionKind, string> = {
  onsite: '现场督导', instruction: '批示', interview: '约谈', meeting: '调度会', reception: '接访', other: '其他',
};
