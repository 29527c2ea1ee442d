/** A reporting round's status table (调度情况表): one row per unit, what it owes and where its reports stand. */
import { writeLedgerXlsx, type LedgerColumn } from './xlsx-sheet.js';

export interface RoundStatusRow {
  orgUnitName: string; owed: number; awaitingReview: number; returned: number; accepted: number; missing: number; late: number;
  /** The unit's last 催办 as Beijing date and time text, or null. */
  lastUrged: string | null;
}

export const ROUND_STATUS_COLUMNS: readonly LedgerColumn[] = [
  { header: '序号', width: 6, kind: 'number' }, { header: '单位', width: 24 }, { header: '应报', width: 8, kind: 'number' },
  { header: '已报待审', width: 10, kind: 'number' }, { header: '退回', width: 8, kind: 'number' }, { header: '已采纳', width: 8, kind: 'number' },
  { header: '未报', width: 8, kind: 'number' }, { header: '逾期', width: 8, kind: 'number' }, { header: '报送率', width: 10 }, { header: '最近催办', width: 20 },
];

/** 已报 counts what reached the reviewers (awaiting review or accepted), as the round's page does. */
export function rateText(r: Pick<RoundStatusRow, 'owed' | 'awaitingReview' | 'accepted'>): string {
  return r.owed === 0 ? '—' : `${Math.round(((r.awaitingReview + r.accepted) / r.owed) * 1000) / 10}%`;
}

export function renderRoundStatusXlsx(sheetName: string, rows: readonly RoundStatusRow[]): Promise<Buffer> {
  return writeLedgerXlsx({
    // Excel allows 31 characters and no []:*?/\ in a sheet's name.
    sheetName: sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || '调度情况',
    columns: ROUND_STATUS_COLUMNS,
    rows,
    cells: (r, i) => [i + 1, r.orgUnitName, r.owed, r.awaitingReview, r.returned, r.accepted, r.missing, r.late, rateText(r), r.lastUrged],
  });
}
