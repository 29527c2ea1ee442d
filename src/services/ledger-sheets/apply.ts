/**
 * Applying a returned sheet, all or nothing in one transaction: the analysis is made again inside it (so nothing that
 * changed since the preview is overwritten), any refused cell refuses the file, every conflict must carry the user's
 * choice. Reporters' rows become their progress reports (in the sheet's round, else the open round covering the
 * task, else on their own), awaiting review; administrators' rows become edits: the report recorded as accepted and
 * the ledger updated at once, and a changed deadline. Every row writes its audit event; round sheets are recorded as
 * returned per unit. The writes are batched by parts of the file (APPLY_PART_ROWS rows): a part's assignments read
 * once, its rows' schedules refreshed as a set, its audit events appended together in the rows' order; the parents'
 * schedules once at the end. A part's data is dropped before the next, so a 10,000-row file is applied in the memory
 * of a few hundred rows.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import { normalizeStatus } from '../../core/status.js';
import type { Tx } from '../../db/database.js';
import { appendAuditEvents, type AuditInput } from '../../db/audit.repository.js';
import type { Assignment } from '../../core/api/assignments.js';
import { finishSheetReport, insertRecordedSheetReport, insertSheetReturn, mapAssignmentsById, type SheetReturn } from '../../db/ledger-sheets.repository.js';
import type { AssignmentChange } from '../../db/schedule-set.repository.js';
import { getProgressReport, insertSubmittedReport, updateProgressReport } from '../../db/progress-reports.repository.js';
import { listOpenRounds, type Round } from '../../db/rounds.repository.js';
import { nowIso } from '../../db/clock.js';
import type { LedgerSheetFile } from '../../import/ledger-sheet-xlsx.js';
import type { AppContext } from '../context.js';
import type { Access } from '../access.js';
import { enqueueReportEvent } from '../follow-up-jobs.js';
import { applyClaims, revertClaims } from '../reporting/report-claims.js';
import { readScheduleSettings, today } from '../schedule.js';
import { ScheduleSetRefresh, type PendingChanges } from '../schedule-set.js';
import { analyzeLines, prepareSheet, type AnalyzedRow, type AnalyzeOptions } from './analyze.js';

/**
 * What the rows of one part of a file share while it is applied: the assignments as changed so far (read once for
 * the part, kept current in memory), their changes (written after the part's rows with each row's recomputed
 * schedule, one statement a row), and the audit events, appended together after the part in the rows' order.
 */
interface Batch { assignments: Map<number, Assignment>; pending: PendingChanges; audits: AuditInput[] }

/** A row's change to its assignment, kept for the final write. */
function stage(batch: Batch, before: Assignment, change: AssignmentChange): void {
  const p = batch.pending.get(before.id);
  if (p) Object.assign(p.change, change);
  else batch.pending.set(before.id, { version: before.version, change: { ...change } });
  batch.assignments.set(before.id, { ...before, ...change } as Assignment);
}

export type Take = 'file' | 'rectify';

export interface ApplyChoices {
  /** Per assignment id: which side a conflicting row keeps. */
  choices?: Record<string, Take>;
  /** For every conflict without its own choice (the CLI's --take). */
  take?: Take;
}

export interface ApplySummary {
  fileName: string;
  reports: number;
  edits: number;
  unchanged: number;
  /** Conflicts where Rectify's content was kept. */
  kept: number;
  roundId: number | null;
  returns: { orgUnitId: number; orgUnitName: string | null }[];
}

function refuseAll(fileName: string, refusals: readonly string[]): void {
  if (refusals.length === 0) return;
  const shown = refusals.slice(0, 5).join('；');
  throw new AppError('VALIDATION_FAILED', `${fileName}: 有 ${refusals.length} 处无法导入，整个文件未导入：${shown}${refusals.length > 5 ? '……' : ''}`, { refusals });
}

/** The open round a reporter's row answers in a ledger sheet: the newest one covering the assignment's unit and inspection. */
function roundFor(rounds: readonly Round[], row: AnalyzedRow): Round | null {
  const a = row.data.assignment;
  return rounds.filter((r) => a.orgPath.startsWith(r.scopePath) && (r.inspectionId === null || r.inspectionId === a.inspectionId))
    .sort((x, y) => (y.periodStart.localeCompare(x.periodStart) || y.id - x.id))[0] ?? null;
}

function applyDeadline(batch: Batch, row: AnalyzedRow): void {
  // The analysis refused the change unless the actor may decide this deadline (the assigner's administrators).
  const d = row.deadline!;
  const before = batch.assignments.get(row.assignmentId)!;
  const isLongTerm = d.kind === 'long_term' || (before.isLongTerm && before.deadlineKind !== 'long_term');
  stage(batch, before, { deadlineKind: d.kind, deadlineDate: d.date, isLongTerm });
  batch.audits.push({
    action: 'assignment.update', entityType: 'assignment', entityId: before.id, assignmentId: before.id, orgUnitId: before.orgUnitId,
    before: { deadlineKind: before.deadlineKind, deadlineDate: before.deadlineDate }, after: { deadlineKind: d.kind, deadlineDate: d.date, source: 'sheet' },
  });
}

/** A reporter's row: a new report in the round, or the correction of the one already there (not yet accepted). */
async function applyReport(tx: Tx, batch: Batch, access: Access, row: AnalyzedRow, round: Round | null, asOfToday: string): Promise<void> {
  const r = row.report!;
  const a = row.data.assignment;
  const asOf = round && round.periodEnd < asOfToday ? round.periodEnd : asOfToday;
  const content = { asOf, periodLabel: round?.name ?? null, progress: r.progress, problems: r.problems, nextSteps: r.nextSteps, statusText: r.statusText, statusCode: normalizeStatus(r.statusText).code!, evidenceIds: [] as number[] };
  const existing = round ? row.data.report : null;
  if (existing && existing.roundId === round?.id) {
    if (existing.state === 'accepted') throw new AppError('INVALID_TRANSITION', `第${row.line}行：本轮报告已审核通过，不能再修改`);
    const report = await getProgressReport(tx, existing.id);
    if (report.state === 'submitted') await revertClaims(tx, report.id, report.claims);
    const updated = await updateProgressReport(tx, report.id, report.version, { content: { ...content, evidenceIds: report.evidenceIds }, state: 'submitted', submittedBy: access.actor.id, submittedAt: nowIso() });
    const claims = await applyClaims(tx, { id: report.id, assignmentId: a.id, asOf }, r, asOfToday, access.actor.id);
    await finishSheetReport(tx, report.id, { claims, evidenceNote: r.evidenceNote });
    batch.audits.push({
      action: 'progress_report.resubmit', entityType: 'progress_report', entityId: report.id, assignmentId: a.id, orgUnitId: a.orgUnitId,
      before: { state: report.state, statusText: report.statusText, claims: report.claims }, after: { asOf, statusText: r.statusText, claims, source: 'sheet' },
    });
    await enqueueReportEvent(tx, report.id, 'submitted', updated.version);
    return;
  }
  const id = await insertSubmittedReport(tx, { ...content, assignmentId: a.id, roundId: round?.id ?? null, submittedBy: access.actor.id });
  const claims = await applyClaims(tx, { id, assignmentId: a.id, asOf }, r, asOfToday, access.actor.id);
  await finishSheetReport(tx, id, { claims, evidenceNote: r.evidenceNote });
  batch.audits.push({
    action: 'progress_report.submit', entityType: 'progress_report', entityId: id, assignmentId: a.id, orgUnitId: a.orgUnitId,
    after: { roundId: round?.id ?? null, asOf, statusText: r.statusText, claims, evidenceIds: [], source: 'sheet' },
  });
  await enqueueReportEvent(tx, id, 'submitted', 1);
}

/** An administrator's row: the report recorded as accepted, and the assignment's status and progress set from it. */
async function applyEdit(tx: Tx, batch: Batch, access: Access, row: AnalyzedRow, round: Round | null, asOfToday: string): Promise<void> {
  const r = row.report!;
  const before = batch.assignments.get(row.assignmentId)!;
  // A round already holding this task's report keeps it; the edit is then recorded outside the round.
  const roundId = round && !(row.data.report && row.data.report.roundId === round.id) ? round.id : null;
  const facts = normalizeStatus(r.statusText);
  const content = {
    asOf: asOfToday, periodLabel: round?.name ?? null, progress: r.progress, problems: r.problems, nextSteps: r.nextSteps, statusText: r.statusText,
    statusCode: facts.code!, assignmentId: before.id, roundId, submittedBy: access.actor.id,
  };
  const comment = '表格回填（管理员修改）';
  let id: number;
  let claims = { milestones: [], indicators: [] } as Awaited<ReturnType<typeof applyClaims>>;
  if (r.milestonesDone.length === 0 && r.indicatorValues.length === 0) {
    id = await insertRecordedSheetReport(tx, { ...content, evidenceNote: r.evidenceNote, comment });
  } else {
    id = await insertSubmittedReport(tx, { ...content, evidenceIds: [] });
    claims = await applyClaims(tx, { id, assignmentId: before.id, asOf: asOfToday }, r, asOfToday, access.actor.id);
    await finishSheetReport(tx, id, { claims, evidenceNote: r.evidenceNote, recordedBy: { id: access.actor.id, comment } });
  }
  const completion = before.isClosed ? {} : { isCompleted: facts.isCompleted, completedAt: facts.isCompleted ? (before.completedAt ?? asOfToday) : null };
  const change = { statusText: r.statusText, statusCode: facts.code, latestProgress: r.progress, isLongTerm: before.isLongTerm || facts.isLongTerm, ...completion };
  stage(batch, before, change);
  batch.audits.push({
    action: 'assignment.edit_from_sheet', entityType: 'assignment', entityId: before.id, assignmentId: before.id, orgUnitId: before.orgUnitId,
    before: { statusText: before.statusText, latestProgress: before.latestProgress, isCompleted: before.isCompleted },
    after: { statusText: r.statusText, latestProgress: r.progress, isCompleted: completion.isCompleted ?? before.isCompleted, reportId: id, claims, fields: row.fields.map((f) => f.field) },
  });
}

/** Rows compared and written at a time: a part's rows, what was read for them and their audit events go before the next. */
export const APPLY_PART_ROWS = 500;

export interface ApplyOptions extends AnalyzeOptions {
  /** Rows per part (default APPLY_PART_ROWS; tests force small parts). */
  partRows?: number;
}

/**
 * Applies the file; returns what was written. Throws (nothing written) on any refusal or unresolved conflict.
 * Within the one transaction the rows go a part at a time: compared with the database, written (reports, changes
 * with their recomputed schedule), their audit events appended in the rows' order; then the parents' schedules, the
 * states' history, the round's returns and the file's own event. Once a row is refused or left undecided nothing
 * more is written (the rest is only compared, so the refusal names every line) and the transaction is rolled back.
 */
export async function applySheetImport(ctx: AppContext, access: Access, file: LedgerSheetFile, data: Uint8Array, choices: ApplyChoices, opts: ApplyOptions = {}): Promise<ApplySummary> {
  const asOfToday = today();
  const partRows = Math.max(1, opts.partRows ?? APPLY_PART_ROWS);
  return ctx.db.transaction().execute(async (tx) => {
    const prepared = await prepareSheet(ctx, tx, access, file, opts);
    const open = prepared.kind === 'ledger' ? await listOpenRounds(tx) : [];
    const refresh = new ScheduleSetRefresh(tx, asOfToday, await readScheduleSettings(tx));
    const summary: ApplySummary = { fileName: file.fileName, reports: 0, edits: 0, unchanged: 0, kept: 0, roundId: prepared.round?.id ?? null, returns: [] };
    const refusals: string[] = [];
    const unresolved: number[] = [];
    const perSheet = new Map<string, SheetReturn['summary']>();
    for (let at = 0; at < prepared.lines.length; at += partRows) {
      const rows = await analyzeLines(tx, access, prepared, prepared.lines.slice(at, at + partRows));
      for (const row of rows) {
        refusals.push(...row.refusals);
        const s = perSheet.get(row.sheet) ?? { reports: 0, edits: 0, unchanged: 0, kept: 0 };
        if (row.report && row.mode === 'report' && row.outcome !== 'unchanged') s.reports++;
        if (row.mode === 'edit' && row.outcome !== 'unchanged') s.edits++;
        if (row.outcome === 'unchanged') s.unchanged++;
        perSheet.set(row.sheet, s);
      }
      const writing = refusals.length === 0 && prepared.looseRefusals.length === 0 && unresolved.length === 0;
      const batch: Batch = {
        assignments: writing ? await mapAssignmentsById(tx, rows.filter((r) => r.outcome === 'change' || r.outcome === 'conflict').map((r) => r.assignmentId)) : new Map<number, Assignment>(),
        pending: new Map(), audits: [],
      };
      const touched: number[] = [];
      for (const row of rows) {
        if (row.outcome === 'unchanged') { summary.unchanged++; continue; }
        if (row.outcome === 'refused') continue;
        if (row.outcome === 'conflict') {
          const take = choices.choices?.[String(row.assignmentId)] ?? choices.take;
          if (!take) { unresolved.push(row.line); continue; }
          if (take === 'rectify') { summary.kept++; continue; }
        }
        if (!writing) continue;
        if (row.deadline) applyDeadline(batch, row);
        if (row.report) {
          const round = prepared.round ?? roundFor(open, row);
          if (row.mode === 'edit') { await applyEdit(tx, batch, access, row, round, asOfToday); summary.edits++; }
          else { await applyReport(tx, batch, access, row, round, asOfToday); summary.reports++; }
        } else summary.edits++;
        touched.push(row.assignmentId);
      }
      if (!writing) continue;
      // The part's rows now, each with its changes in the same statement as its new state; their parents at the end.
      await refresh.add(touched, batch.pending);
      await appendAuditEvents(tx, ctx.dialect, access.actor, batch.audits);
    }
    refuseAll(file.fileName, [...prepared.looseRefusals, ...refusals]);
    if (unresolved.length) {
      throw new AppError('VALIDATION_FAILED', `${file.fileName}: 第 ${unresolved.slice(0, 10).join('、')} 行在导出后已在系统中被修改，与表中的修改冲突；请逐行选择保留表格还是系统中的内容`, { conflicts: unresolved });
    }
    // The parents of every row written, after all of them, level by level; and the history of every state written.
    await refresh.finish();
    if (prepared.round) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      for (const unit of prepared.units) {
        if (unit.orgUnitId === null) continue;
        const s = perSheet.get(unit.sheet) ?? { reports: 0, edits: 0, unchanged: 0, kept: 0 };
        await insertSheetReturn(tx, { roundId: prepared.round.id, orgUnitId: unit.orgUnitId, fileName: file.fileName, sha256, summary: s, returnedBy: access.actor.id });
        summary.returns.push({ orgUnitId: unit.orgUnitId, orgUnitName: unit.orgUnitName });
      }
    }
    await appendAuditEvents(tx, ctx.dialect, access.actor, [{
      action: prepared.round ? 'round_sheet.return' : 'ledger_sheet.import', entityType: prepared.round ? 'reporting_round' : 'ledger_sheet',
      entityId: prepared.round?.id ?? 0, orgUnitId: prepared.round?.scopeOrgId ?? null,
      after: { fileName: file.fileName, reports: summary.reports, edits: summary.edits, unchanged: summary.unchanged, kept: summary.kept, units: summary.returns.map((u) => u.orgUnitId) },
    }]);
    return summary;
  });
}
