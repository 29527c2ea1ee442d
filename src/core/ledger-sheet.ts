/**
 * The round-trip ledger sheet (台账回填 / 调度表): the columns a sheet Rectify exports carries, which of them a unit
 * may edit offline, and how the editable cells are written and read again. PERSISTED SHAPE: files out in the field
 * carry these headers and the metadata sheet; change them only with a new `format` number.
 */

/** Written into the metadata sheet; a reader refuses formats it does not know. */
export const LEDGER_SHEET_FORMAT = 1;
export const META_SHEET_NAME = '_rectify';

export type LedgerSheetKind = 'ledger' | 'round';

export type LedgerColumnKey =
  | 'seq' | 'code' | 'problem' | 'measures' | 'unit' | 'deadline' | 'warning'
  | 'status' | 'progress' | 'problems' | 'nextSteps' | 'milestones' | 'indicators' | 'evidenceNote'
  | 'rowId' | 'version' | 'check';

export interface LedgerSheetColumn {
  key: LedgerColumnKey;
  header: string;
  width: number;
  /** Editable offline (unlocked in the protected sheet). */
  editable: boolean;
  /** Hidden and locked: the row's identity and its signature. */
  hidden?: boolean;
}

/** The columns in order. The three hidden ones come last so a person reads the sheet as an ordinary 调度表. */
export const LEDGER_SHEET_COLUMNS: readonly LedgerSheetColumn[] = [
  { key: 'seq', header: '序号', width: 6, editable: false },
  { key: 'code', header: '任务编号', width: 9, editable: false },
  { key: 'problem', header: '问题', width: 40, editable: false },
  { key: 'measures', header: '整改措施', width: 48, editable: false },
  { key: 'unit', header: '责任单位', width: 16, editable: false },
  { key: 'deadline', header: '完成时限', width: 13, editable: true },
  { key: 'warning', header: '预警', width: 6, editable: false },
  { key: 'status', header: '整改状态', width: 14, editable: true },
  { key: 'progress', header: '工作进展', width: 44, editable: true },
  { key: 'problems', header: '存在问题', width: 28, editable: true },
  { key: 'nextSteps', header: '下步安排', width: 28, editable: true },
  { key: 'milestones', header: '节点完成情况', width: 30, editable: true },
  { key: 'indicators', header: '指标实际值', width: 26, editable: true },
  { key: 'evidenceNote', header: '佐证材料说明', width: 28, editable: true },
  { key: 'rowId', header: '行编号', width: 8, editable: false, hidden: true },
  { key: 'version', header: '版本', width: 6, editable: false, hidden: true },
  { key: 'check', header: '校验码', width: 18, editable: false, hidden: true },
];

export const columnOf = (key: LedgerColumnKey): LedgerSheetColumn => LEDGER_SHEET_COLUMNS.find((c) => c.key === key)!;

/** The status words offered by the status column's drop-down list (any recognized wording is still accepted). */
export const SHEET_STATUS_WORDS = ['完成整改', '基本完成整改', '达到序时进度', '超过序时进度', '未达到序时进度', '正在推进', '长期坚持', '尚未启动'] as const;

/** The fields a returned sheet may change, in the order the preview lists them. */
export const EDITABLE_FIELDS = ['deadline', 'status', 'progress', 'problems', 'nextSteps', 'milestones', 'indicators', 'evidenceNote'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** A row's editable values in their sheet wording (null: empty cell). */
export type EditableValues = Record<EditableField, string | null>;

export const FIELD_LABELS: Record<EditableField, string> = Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, columnOf(f).header])) as Record<EditableField, string>;

/** The metadata sheet's content: what the workbook is, for whom, from whom, signed. */
export interface LedgerSheetMeta {
  format: number;
  kind: LedgerSheetKind;
  /** A random id of this export, part of every row's check code (rows cannot be moved between exports). */
  exportId: string;
  roundId: number | null;
  roundName: string | null;
  exportedAt: string;
  exportedById: number | null;
  exportedByName: string;
  /** One entry per data sheet: its name and the unit whose rows it holds (ledger: the export's unit, or none). */
  sheets: { name: string; unitId: number | null; unitName: string | null }[];
  signature: string;
}

/** The text a meta signature covers: everything but the signature, in a fixed order. */
export function metaSigningText(m: Omit<LedgerSheetMeta, 'signature'>): string {
  return JSON.stringify([m.format, m.kind, m.exportId, m.roundId, m.exportedAt, m.exportedById, m.sheets.map((s) => [s.name, s.unitId])]);
}

/** The text a row's fingerprint is taken of: its editable values, normalized as compared. */
export function valuesText(values: EditableValues): string {
  return JSON.stringify(EDITABLE_FIELDS.map((f) => normalizeCell(values[f])));
}

/** The text a row's check code covers: the export, the row's id and version, and the fingerprint of its values as exported. */
export function rowSigningText(exportId: string, rowId: number, version: number, fingerprint: string): string {
  return JSON.stringify([exportId, rowId, version, fingerprint]);
}

/** Cell text as compared: line ends unified, trailing spaces and blank lines dropped; empty is null. */
export function normalizeCell(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const clean = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t\u3000]+$/, '')).join('\n').trim();
  return clean === '' ? null : clean;
}

export interface MilestoneLine { title: string; doneDate: string | null }
export interface IndicatorLine { name: string; value: number | null }

/** 节点完成情况: one line a milestone, "标题：2024-05-31" when done, "标题：" when not yet. */
export function formatMilestones(list: readonly MilestoneLine[]): string | null {
  return list.length ? list.map((m) => `${m.title}：${m.doneDate ?? ''}`).join('\n') : null;
}

/** 指标实际值: one line an indicator, "名称：80" with its latest value, "名称：" when none yet. */
export function formatIndicators(list: readonly IndicatorLine[]): string | null {
  return list.length ? list.map((i) => `${i.name}：${i.value ?? ''}`).join('\n') : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A day written as 2024-05-31, 2024/5/31, 2024.5.31 or 2024年5月31日; null when it is not one. */
export function readDay(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** Splits "名称：值" lines (half- or full-width colon); lines without a colon are errors the caller words. */
export function splitNamedLines(text: string | null): { name: string; value: string; line: string }[] | { bad: string } {
  if (!text) return [];
  const out: { name: string; value: string; line: string }[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.search(/[:：]/);
    if (at <= 0) return { bad: line };
    out.push({ name: line.slice(0, at).trim(), value: line.slice(at + 1).trim(), line });
  }
  return out;
}

/** Reads a number as people write it in a sheet: 80, 80%, 1,200, ８０ (full-width). */
export function readNumber(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[,，\s]/g, '').replace(/%$/, '');
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** An Excel date serial (days since 1899-12-30) as YYYY-MM-DD. */
export function excelSerialToDay(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const d = new Date(Math.round((serial - 25569) * 86_400_000));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
