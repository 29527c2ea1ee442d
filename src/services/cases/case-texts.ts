/** How penalties and accountability read in a ledger cell or the public table: 责令整改；立案处罚（罚款 2 万元）；约谈. */
import { PENALTY_LABELS } from '../../core/case.js';
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

/** Accountability: the records and the 问责 penalties, persons by name (officials, not complainants). */
export function accountabilityText(records: readonly AccountabilityRecord[], penalties: readonly CasePenalty[]): string | null {
  const parts = [
    ...records.map((r) => `${[...r.units, ...r.persons].join('、')}：${r.measures}${r.document ? `（${r.document}）` : ''}`),
    ...penalties.filter((p) => p.kind === 'accountability').map((p) => `${p.persons.join('、')}${p.note ? `：${p.note}` : ''}`),
  ];
  return parts.length ? parts.join('；') : null;
}
