/**
 * Turns a parsed handover table and a column mapping into case drafts, or row-numbered errors. Pure: the import
 * service adds what needs the database (units, duplicates, repeats) and writes only when no row has an error.
 */
import type { CaseBatchField, CaseColumnMapping, ParsedCaseBatch } from '../../import/case-batch.js';
import {
  dateFromCaseNo, isWithheld, normalizeCaseNo, normalizeCaseSource, normalizePollutionType, readFlag, type CaseSource,
} from '../../core/case.js';
import { readNumeral } from '../../import/numerals.js';

export interface CaseDraft {
  row: number;
  caseNo: string;
  batchNo: string;
  handedOverAt: string;
  complainantName: string | null;
  complainantContact: string | null;
  targetName: string | null;
  regionText: string | null;
  content: string;
  pollutionType: string | null;
  source: CaseSource | null;
  isKey: boolean;
}

export interface RowError { row: number | null; field?: CaseBatchField; message: string }

export const CASE_FIELD_LABELS: Record<CaseBatchField, string> = {
  caseNo: '受理编号', batchNo: '交办批次', handedOverAt: '交办日期', complainantName: '举报人', complainantContact: '联系方式',
  target: '被举报对象', region: '行政区域', content: '举报内容', pollutionType: '污染类型', source: '来源', isKey: '是否重点',
};

/** Reads 2025-05-28, 2025/5/28, 2025.5.28 and 2025年5月28日 as YYYY-MM-DD; null otherwise. */
export function readDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

/** 第3批, 第三批, 3 → "3"; other writings are kept as written. */
function readBatchNo(text: string): string {
  const inner = text.normalize('NFKC').replace(/\s+/g, '').replace(/^第(.+)批$/, '$1');
  const n = readNumeral(inner);
  return n === null ? inner : String(n);
}

export interface RowDefaults { batchNo?: string | null; handedOverAt?: string | null }

/** Checks the mapping itself: required columns present, indexes inside the table, no column used twice. */
export function checkMapping(parsed: Pick<ParsedCaseBatch, 'headers'>, mapping: CaseColumnMapping): RowError[] {
  const errors: RowError[] = [];
  for (const field of ['caseNo', 'content'] as const) {
    if (mapping[field] === undefined) errors.push({ row: null, field, message: `未指定“${CASE_FIELD_LABELS[field]}”在哪一列` });
  }
  const seen = new Map<number, CaseBatchField>();
  for (const [field, col] of Object.entries(mapping) as [CaseBatchField, number][]) {
    if (!Number.isInteger(col) || col < 0 || col >= parsed.headers.length) {
      errors.push({ row: null, field, message: `“${CASE_FIELD_LABELS[field]}”对应的列（第${col + 1}列）不存在` });
    }
    const other = seen.get(col);
    if (other) errors.push({ row: null, field, message: `第${col + 1}列同时被指定为“${CASE_FIELD_LABELS[other]}”和“${CASE_FIELD_LABELS[field]}”` });
    seen.set(col, field);
  }
  return errors;
}

/** Maps every row; a row with any problem yields errors instead of a draft. Duplicate case numbers name both rows. */
export function readCaseRows(parsed: ParsedCaseBatch, mapping: CaseColumnMapping, defaults: RowDefaults): { drafts: CaseDraft[]; errors: RowError[] } {
  const errors = checkMapping(parsed, mapping);
  if (errors.length) return { drafts: [], errors };
  const drafts: CaseDraft[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of parsed.rows) {
    const cell = (field: CaseBatchField) => (mapping[field] === undefined ? '' : (cells[mapping[field]] ?? '').trim());
    const rowErrors: RowError[] = [];
    const fail = (field: CaseBatchField, message: string) => rowErrors.push({ row, field, message: `第${row}行：${message}` });

    const caseNo = normalizeCaseNo(cell('caseNo'));
    if (!caseNo) fail('caseNo', '缺少受理编号');
    else if (caseNo.length > 50) fail('caseNo', `受理编号过长（${caseNo.length} 个字符）`);
    else if (firstRowOf.has(caseNo)) fail('caseNo', `受理编号 ${caseNo} 与第${firstRowOf.get(caseNo)}行重复`);
    else firstRowOf.set(caseNo, row);

    const content = cell('content');
    if (!content) fail('content', '缺少举报内容');

    const batchNo = readBatchNo(cell('batchNo')) || defaults.batchNo || '';
    if (!batchNo) fail('batchNo', '缺少交办批次：表中没有批次列，请指定批次号');

    const writtenDate = cell('handedOverAt');
    const handedOverAt = (writtenDate ? readDate(writtenDate) : null) ?? defaults.handedOverAt ?? (caseNo ? dateFromCaseNo(caseNo) : null);
    if (writtenDate && !readDate(writtenDate)) fail('handedOverAt', `交办日期“${writtenDate}”无法识别，请写成 2025-05-28`);
    // Without a case number the date cannot come from it either; that row already has its error.
    else if (!handedOverAt && caseNo) fail('handedOverAt', '缺少交办日期：表中没有交办日期，受理编号中也读不出，请指定交办日期');

    if (rowErrors.length) { errors.push(...rowErrors); continue; }
    const name = cell('complainantName');
    const contact = cell('complainantContact');
    drafts.push({
      row, caseNo, batchNo, handedOverAt: handedOverAt!, content,
      complainantName: isWithheld(name) ? null : name,
      complainantContact: isWithheld(contact) ? null : contact,
      targetName: cell('target') || null,
      regionText: cell('region') || null,
      pollutionType: normalizePollutionType(cell('pollutionType')),
      source: normalizeCaseSource(cell('source'), caseNo),
      isKey: readFlag(cell('isKey')),
    });
  }
  return { drafts, errors };
}
