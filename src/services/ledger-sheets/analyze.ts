/**
 * What a returned sheet would do, row by row, against the database as it is now: the change it makes, a conflict
 * (the row was edited in the file AND changed in Rectify since the export: both shown, nothing taken silently), or a
 * refusal naming the cell. Whole-file refusals (not signed by this server, another round, another unit's sheet)
 * throw before any row is looked at. The preview shows this; applying recomputes it inside its transaction.
 */
import { AppError, ifNotFound } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { EDITABLE_FIELDS, FIELD_LABELS, type EditableField, type EditableValues, type LedgerSheetKind } from '../../core/ledger-sheet.js';
import type { Conn } from '../../db/database.js';
import { listSheetRows, type SheetRowData } from '../../db/ledger-sheets.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { getAssignmentById } from '../../db/assignments.repository.js';
import { getPlanById } from '../../db/plans.repository.js';
import { getTaskById } from '../../db/tasks.repository.js';
import { getRound, roundNotFound, type Round } from '../../db/rounds.repository.js';
import type { LedgerSheetFile } from '../../import/ledger-sheet-xlsx.js';
import type { AppContext } from '../context.js';
import { assertRelated, type Access } from '../access.js';
import { today } from '../schedule.js';
import { fingerprint, verifyMeta, verifyRow } from './signing.js';
import { changedFields, currentValues, fileValues, readRow, type ReportDraft } from './values.js';
import type { Deadline } from '../../core/deadline.js';

export type RowOutcome = 'change' | 'conflict' | 'unchanged' | 'refused';
export type RowMode = 'report' | 'edit';

export interface FieldChange { field: EditableField; label: string; rectify: string | null; file: string | null }

export interface AnalyzedRow {
  sheet: string;
  line: number;
  assignmentId: number;
  taskCode: string;
  orgUnitId: number;
  orgUnitName: string;
  outcome: RowOutcome;
  /** Reports for reporters (in the round), edits for administrators of the row's unit. */
  mode: RowMode;
  /** change: what the file changes; conflict: the fields edited in the file, with Rectify's current value beside. */
  fields: FieldChange[];
  refusals: string[];
  /** Rectify changed the row since the export while the file left it as exported: Rectify's content stays. */
  newerInRectify: boolean;
  data: SheetRowData;
  deadline: Deadline | null;
  report: ReportDraft | null;
}

export interface SheetAnalysis {
  fileName: string;
  kind: LedgerSheetKind;
  round: Round | null;
  exportedAt: string;
  exportedByName: string;
  units: { sheet: string; orgUnitId: number | null; orgUnitName: string | null }[];
  rows: AnalyzedRow[];
  /** Lines refused before any row could be matched (no row id, a row id twice). */
  looseRefusals: string[];
}

export interface AnalyzeOptions {
  /** Uploaded from a round's page: a sheet of another round is refused. */
  expectRoundId?: number;
}

function linesList(lines: number[]): string {
  return lines.length > 10 ? `${lines.slice(0, 10).join('、')} 等 ${lines.length} 行` : lines.join('、');
}

async function checkRound(db: Conn, access: Access, file: LedgerSheetFile, opts: AnalyzeOptions): Promise<Round | null> {
  const { meta, fileName } = file;
  if (opts.expectRoundId !== undefined && meta.roundId !== opts.expectRoundId) {
    const expected = await getRound(db, opts.expectRoundId);
    throw new AppError('VALIDATION_FAILED', meta.kind === 'round'
      ? `${fileName}: 这是调度轮次“${meta.roundName ?? ''}”（编号 ${meta.roundId}）的调度表，不是本轮“${expected.name}”的；请下载本轮的调度表填写后再上传`
      : `${fileName}: 这是台账回填表，不是调度轮次“${expected.name}”的调度表；请在台账页导入，或下载本轮的调度表填写`);
  }
  if (meta.kind !== 'round') return null;
  const round = await getRound(db, meta.roundId ?? 0).catch(ifNotFound(() => { throw new AppError('ROUND_NOT_FOUND', `${fileName}: 找不到该表所属的调度轮次（编号 ${meta.roundId}），可能已被删除`); }));
  assertRelated(access, round.scopePath, roundNotFound(round.id));
  if (round.state !== 'open') throw new AppError('INVALID_TRANSITION', `${fileName}: 调度轮次“${round.name}”已结束，不能再报送`);
  return round;
}

/** Every data sheet's unit must be one the uploader may report for: another unit's sheet is refused whole. */
async function checkUnits(db: Conn, access: Access, file: LedgerSheetFile): Promise<void> {
  for (const s of file.meta.sheets) {
    if (s.unitId === null) continue;
    const unit = await getOrgUnitById(db, s.unitId).catch(ifNotFound(() => null));
    if (!unit || !can(access.memberships, 'writeProgress', unit.path)) {
      const mine = access.memberships.map((m) => m.orgName).join('、') || '无';
      throw new AppError('FORBIDDEN', `${file.fileName}: 工作表“${s.name}”是${s.unitName ?? '另一单位'}的表，您（${mine}）不能代其填报；请下载本单位的表填写`);
    }
  }
}

/** Whoever assigned the share decides its deadline: the parent share's unit, or the plan's owner for a top-level share. */
async function assignerPath(db: Conn, d: SheetRowData): Promise<string> {
  const a = d.assignment;
  if (a.parentId !== null) return (await getOrgUnitById(db, (await getAssignmentById(db, a.parentId)).orgUnitId)).path;
  return (await getPlanById(db, (await getTaskById(db, (await getAssignmentById(db, a.id)).taskId)).planId)).ownerOrgPath;
}

/** A row of the file as the analysis needs it: where it is, what it is, what it says (the rest of the cells dropped). */
export interface SheetLine { sheet: string; unitId: number | null; line: number; id: number; fp: string; values: EditableValues }

/** The file checked whole (signature, round, units, check codes) and its rows reduced to what is compared. */
export interface PreparedSheet extends Omit<SheetAnalysis, 'rows'> {
  lines: SheetLine[];
  /** The path of each data sheet's unit, by unit id. */
  unitPaths: Map<number, string>;
}

/**
 * Checks the file as a whole and reads its rows' identities: throws (nothing looked at row by row) when it is not
 * signed by this server, of another round, another unit's, or when a row's id, version or check code was edited.
 */
export async function prepareSheet(ctx: AppContext, db: Conn, access: Access, file: LedgerSheetFile, opts: AnalyzeOptions = {}): Promise<PreparedSheet> {
  const { meta, fileName } = file;
  if (!verifyMeta(ctx.config, meta)) {
    throw new AppError('BAD_FILE', `${fileName}: 表格的标识信息被改动或不是本系统导出（签名不符）；请重新导出后填写`);
  }
  const round = await checkRound(db, access, file, opts);
  await checkUnits(db, access, file);

  const looseRefusals: string[] = [];
  const tampered: number[] = [];
  const seen = new Set<number>();
  const lines: SheetLine[] = [];
  for (const sheet of file.sheets) {
    for (const r of sheet.rows) {
      const id = typeof r.cells.rowId === 'number' ? r.cells.rowId : Number(r.cells.rowId ?? NaN);
      const version = typeof r.cells.version === 'number' ? r.cells.version : Number(r.cells.version ?? NaN);
      if (!Number.isInteger(id) || id <= 0) { looseRefusals.push(`第${r.line}行：没有行编号，不是导出的行（请勿在表中新增行）`); continue; }
      const fp = Number.isInteger(version) ? verifyRow(ctx.config, meta.exportId, id, version, String(r.cells.check ?? '')) : null;
      if (!fp) { tampered.push(r.line); continue; }
      if (seen.has(id)) { looseRefusals.push(`第${r.line}行：与前面的行重复（同一行编号 ${id}）`); continue; }
      seen.add(id);
      lines.push({ sheet: sheet.name, unitId: sheet.unitId, line: r.line, id, fp, values: fileValues(r.cells) });
    }
  }
  if (tampered.length) {
    throw new AppError('BAD_FILE', `${fileName}: 第 ${linesList(tampered)} 行的行编号、版本或校验码被改动（与导出时不符）；请勿改动隐藏列，重新导出后再填写`, { lines: tampered });
  }
  const unitPaths = new Map<number, string>();
  for (const s of meta.sheets) if (s.unitId !== null) unitPaths.set(s.unitId, (await getOrgUnitById(db, s.unitId)).path);
  return {
    fileName, kind: meta.kind, round, exportedAt: meta.exportedAt, exportedByName: meta.exportedByName,
    units: meta.sheets.map((s) => ({ sheet: s.name, orgUnitId: s.unitId, orgUnitName: s.unitName })), lines, looseRefusals, unitPaths,
  };
}

/**
 * Compares these lines of a prepared file with the database as it is now, row by row; a line whose assignment is
 * gone adds its refusal to the file's `looseRefusals`. The apply calls this a part of the file at a time.
 */
export async function analyzeLines(db: Conn, access: Access, prepared: PreparedSheet, lines: readonly SheetLine[]): Promise<AnalyzedRow[]> {
  const data = new Map((await listSheetRows(db, lines.map((w) => w.id), prepared.round?.id ?? null, { withMeasures: false })).map((d) => [d.assignment.id, d]));
  const now = today();
  const rows: AnalyzedRow[] = [];
  for (const w of lines) {
    const d = data.get(w.id);
    if (!d) { prepared.looseRefusals.push(`第${w.line}行：该任务已不在系统中（可能已被删除）`); continue; }
    const a = d.assignment;
    const base = { sheet: w.sheet, line: w.line, assignmentId: a.id, taskCode: a.taskCode, orgUnitId: a.orgUnitId, orgUnitName: a.orgUnitName, data: d };
    const mode: RowMode = can(access.memberships, 'writeLedger', a.orgPath) ? 'edit' : 'report';
    const refuse = (why: string): AnalyzedRow => ({ ...base, outcome: 'refused', mode, fields: [], refusals: [`第${w.line}行：${why}`], newerInRectify: false, deadline: null, report: null });
    const sheetPath = w.unitId === null ? null : prepared.unitPaths.get(w.unitId)!;
    if (sheetPath && !a.orgPath.startsWith(sheetPath)) { rows.push(refuse(`该任务属于${a.orgUnitName}，不在本工作表的单位之下`)); continue; }
    if (!can(access.memberships, 'writeProgress', a.orgPath)) { rows.push(refuse(`您无权填报${a.orgUnitName}的任务`)); continue; }

    const current = currentValues(d);
    const editedInFile = fingerprint(w.values) !== w.fp;
    const changedInRectify = fingerprint(current) !== w.fp;
    const changed = changedFields(current, w.values);
    if (!editedInFile || changed.length === 0) {
      rows.push({ ...base, outcome: 'unchanged', mode, fields: [], refusals: [], newerInRectify: changedInRectify && editedInFile === false && changed.length > 0, deadline: null, report: null });
      continue;
    }
    const fields = changed.map((f) => ({ field: f, label: FIELD_LABELS[f], rectify: current[f], file: w.values[f] }));
    const reading = readRow(w.line, d, w.values, changed, now);
    if (reading.deadline && (mode === 'report' || !can(access.memberships, 'writeLedger', await assignerPath(db, d)))) {
      reading.refusals.push(`第${w.line}行“完成时限”：完成时限由分派该任务的单位决定，您不能修改`);
    }
    if (reading.refusals.length) { rows.push({ ...base, outcome: 'refused', mode, fields, refusals: reading.refusals, newerInRectify: false, deadline: null, report: null }); continue; }
    rows.push({ ...base, outcome: changedInRectify ? 'conflict' : 'change', mode, fields, refusals: [], newerInRectify: false, deadline: reading.deadline, report: reading.report });
  }
  return rows;
}

/** The whole file compared row by row (what the preview shows). */
export async function analyzeSheet(ctx: AppContext, db: Conn, access: Access, file: LedgerSheetFile, opts: AnalyzeOptions = {}): Promise<SheetAnalysis> {
  const p = await prepareSheet(ctx, db, access, file, opts);
  const rows = await analyzeLines(db, access, p, p.lines);
  return { fileName: p.fileName, kind: p.kind, round: p.round, exportedAt: p.exportedAt, exportedByName: p.exportedByName, units: p.units, rows, looseRefusals: p.looseRefusals };
}

/** The preview as the API and the CLI show it: counts and the rows that are not unchanged (no database objects). */
export function presentAnalysis(a: SheetAnalysis) {
  const count = (o: RowOutcome) => a.rows.filter((r) => r.outcome === o).length;
  return {
    fileName: a.fileName, kind: a.kind, roundId: a.round?.id ?? null, roundName: a.round?.name ?? null, exportedAt: a.exportedAt, exportedByName: a.exportedByName,
    units: a.units,
    counts: { change: count('change'), conflict: count('conflict'), unchanged: count('unchanged'), refused: count('refused') + a.looseRefusals.length,
      newerInRectify: a.rows.filter((r) => r.newerInRectify).length },
    refusals: [...a.looseRefusals, ...a.rows.flatMap((r) => r.refusals)],
    rows: a.rows.filter((r) => r.outcome !== 'unchanged').map((r) => ({
      sheet: r.sheet, line: r.line, assignmentId: r.assignmentId, taskCode: r.taskCode, orgUnitName: r.orgUnitName, outcome: r.outcome, mode: r.mode,
      fields: r.fields, refusals: r.refusals,
    })),
  };
}
export type SheetPreview = ReturnType<typeof presentAnalysis>;
export { EDITABLE_FIELDS };
