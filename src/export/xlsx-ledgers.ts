/**
 * The two XLSX ledgers: the task ledger (整改任务台账, one row per assignment, with the monthly-report columns)
 * and the complaint-case ledger (信访件台账). Column headers are the ones offices use, so that
 * parsePlanTable (src/import/plan-table) reads a task ledger back.
 */
import type { ParsedReport } from '../core/report.js';
import { measureText } from './blocks.js';
import { maskPersonalData } from './personal-data.js';
import type { CaseLedgerRow, TaskLedgerRow, WarningLight } from './types.js';
import { parseDateText, writeLedgerXlsx, type CellValue, type LedgerColumn } from './xlsx-sheet.js';

/** Task ledger headers, in order. */
export const TASK_LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { header: '序号', width: 6, kind: 'number' },
  { header: '任务编号', width: 9 },
  { header: '问题', width: 48 },
  { header: '整改目标', width: 30 },
  { header: '整改措施', width: 60 },
  { header: '责任单位', width: 18 },
  { header: '责任人', width: 10 },
  { header: '完成时限', width: 12, kind: 'date' },
  { header: '整改状态', width: 14 },
  { header: '预警', width: 6 },
  { header: '最新进展', width: 40 },
  { header: '目标进展情况', width: 30 },
  { header: '存在问题', width: 30 },
  { header: '推进措施', width: 30 },
  { header: '下步安排', width: 30 },
];

const LIGHT_FILL: Record<WarningLight, string> = { 红: 'FFFF7C80', 黄: 'FFFFE699', 绿: 'FFA9D08E' };
const WARNING_COLUMN = TASK_LEDGER_COLUMNS.findIndex((c) => c.header === '预警');

/** A deadline cell: a real date when the deadline is one, else its words (长期坚持, 立行立改). */
export function deadlineCell(deadline: Date | string | null): CellValue {
  if (deadline === null || deadline instanceof Date) return deadline;
  return parseDateText(deadline) ?? deadline;
}

function measuresCell(row: TaskLedgerRow): string {
  return row.measures.map((m) => measureText(m.ordinal, m.text)).join('\n');
}

/** Renders the task ledger: one row per assignment, frozen header, filter, dates as dates. */
export function renderTaskLedgerXlsx(rows: Iterable<TaskLedgerRow>): Promise<Buffer> {
  return writeLedgerXlsx({
    sheetName: '整改任务台账',
    columns: TASK_LEDGER_COLUMNS,
    rows,
    cells: (r, i) => [
      i + 1, r.code, r.problem, r.goal, measuresCell(r), r.unit, r.person, deadlineCell(r.deadline), r.status,
      r.warning, r.latestProgress, r.targetProgress, r.issues, r.actions, r.nextSteps,
    ],
    fill: (r, column) => (column === WARNING_COLUMN && r.warning ? LIGHT_FILL[r.warning] : null),
  });
}

/** Turns a parsed report into task ledger rows (one per task; units joined with 、). */
export function taskLedgerRowsFromReport(report: Pick<ParsedReport, 'tasks'>): TaskLedgerRow[] {
  return report.tasks.map((t) => ({
    code: t.code,
    problem: t.problem,
    goal: t.goal,
    measures: t.measures,
    unit: t.units.length ? t.units.join('、') : null,
    person: null,
    deadline: t.deadline,
    status: t.status,
    warning: null,
    latestProgress: null,
    targetProgress: null,
    issues: null,
    actions: null,
    nextSteps: null,
  }));
}

/** Case ledger headers, in order. There is no column for the complainant, by design. */
export const CASE_LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { header: '受理编号', width: 20 },
  { header: '批次', width: 6 },
  { header: '行政区域', width: 12 },
  { header: '被举报对象', width: 24 },
  { header: '举报内容', width: 60 },
  { header: '污染类型', width: 10 },
  { header: '来源', width: 8 },
  { header: '重点', width: 6 },
  { header: '责任单位', width: 18 },
  { header: '办理时限', width: 12, kind: 'date' },
  { header: '办理状态', width: 12 },
  { header: '是否属实', width: 10 },
  { header: '处理情况', width: 48 },
  { header: '问责情况', width: 30 },
];

const masked = (text: string | null): string | null => (text === null ? null : maskPersonalData(text));

/**
 * Renders the complaint-case ledger. Only the listed fields are written, whatever else a row object carries, and
 * phone numbers, ID-card numbers and complainants' names inside the free text are masked.
 */
export function renderCaseLedgerXlsx(rows: Iterable<CaseLedgerRow>): Promise<Buffer> {
  return writeLedgerXlsx({
    sheetName: '信访件台账',
    columns: CASE_LEDGER_COLUMNS,
    rows,
    cells: (r) => [
      r.caseNo, r.batch, r.district, masked(r.target), masked(r.content), r.pollutionType, r.source,
      r.isKey ? '是' : '否', r.unit, r.dueDate, r.state, r.verified, masked(r.handling), masked(r.accountability),
    ],
  });
}
