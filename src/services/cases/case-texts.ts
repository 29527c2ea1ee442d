/** How penalties and accountability read in a ledger cell or the public table: 责令整改；立案处罚（罚款 2 万元）；约谈. */
import { PENALTY_LABELS } from '../../core/case.js';
import { accountabilityCountsText, accountabilityMeasureText, type AccountabilityMeasure } from '../../core/supervision.js';
import type { AccountabilityRecord, CasePenalty } from '../../db/case-records.repository.js';

/** 20000 → "2 万元", 3500 → "3500 元". */
export function yuan(amount: number): string {
  return amount >= 10_000 ? `${Number((amount / 10_000).toFixed(4))} 万元` : `${amount} 元`;
}

export function penaltiesText(penalties: readonly CasePenalty[]): string | null {
  if (penalties.length === 0) return null;
  return penalties.map((p) => {
    const details = [p.amount ? `罚款 ${yuan(p.amount)}` : '', p.persons.length ? `${p.persons.length} 人` : '', p.note ?? ''].filter(Boolean).join('，');
    return details ? `${PENALTY_LABELS[p.kind]}（${details}）` : PENALTY_LABELS[p.kind];
  }).join('；');
}

/** One accountability record as signed-in readers see it: 大孤家镇人民政府 张某（副镇长）：诫勉谈话（抚纪〔2025〕3号）. */
export function accountabilityRecordText(r: AccountabilityRecord): string {
  const who = [r.unitName, r.person ? `${r.person}${r.position ? `（${r.position}）` : ''}` : r.position].filter(Boolean).join(' ');
  const what = accountabilityMeasureText(r.measure, r.measureOther);
  return `${who ? `${who}：` : ''}${what}${r.document ? `（${r.document}）` : ''}`;
}

/** Accountability in the ledger (signed-in readers in scope): the records and the 问责 penalties, persons by name (officials, not complainants). */
export function accountabilityText(records: readonly AccountabilityRecord[], penalties: readonly CasePenalty[]): string | null {
  const parts = [
    ...records.map(accountabilityRecordText),
    ...penalties.filter((p) => p.kind === 'accountability').map((p) => `${p.persons.join('、')}${p.note ? `：${p.note}` : ''}`),
  ];
  return parts.length ? parts.join('；') : null;
}

/**
 * Accountability in the public table: counts by measure, no names (docs/security.md): 诫勉谈话 1 人、通报批评 2 人; a 问责
 * penalty without a measure counts as 问责 N 人.
 */
export function publicAccountabilityText(records: readonly AccountabilityRecord[], penalties: readonly CasePenalty[]): string | null {
  const byMeasure: Partial<Record<AccountabilityMeasure, number>> = {};
  for (const r of records) byMeasure[r.measure] = (byMeasure[r.measure] ?? 0) + 1;
  const persons = penalties.filter((p) => p.kind === 'accountability').reduce((n, p) => n + Math.max(1, p.persons.length), 0);
  const parts = [accountabilityCountsText(byMeasure), persons ? `问责 ${persons} 人` : ''].filter(Boolean);
  return parts.length ? parts.join('、') : null;
}
