/**
 * The editable values of a sheet row: as Rectify holds them now (what an export writes and what a returned sheet is
 * compared with), and as a returned sheet states them, read cell by cell into what would be written, or into the
 * reasons a cell is refused ("第12行“完成时限”：无法识别日期“明年”").
 */
import { parseDeadline, type Deadline } from '../../core/deadline.js';
import {
  EDITABLE_FIELDS, FIELD_LABELS, excelSerialToDay, formatIndicators, formatMilestones, normalizeCell, readDay, readNumber, splitNamedLines,
  type EditableField, type EditableValues,
} from '../../core/ledger-sheet.js';
import { normalizeStatus } from '../../core/status.js';
import type { SheetRowData } from '../../db/ledger-sheets.repository.js';
import type { SheetCell } from '../../import/ledger-sheet-xlsx.js';

/** The deadline as the sheet writes it: a day, 长期坚持 (with its day when it has one), 立行立改, or nothing. */
export function deadlineWords(kind: string, date: string | null): string | null {
  if (kind === 'long_term') return date ? `${date}，长期坚持` : '长期坚持';
  if (kind === 'immediate') return '立行立改';
  return date;
}

export function currentValues(row: SheetRowData): EditableValues {
  const a = row.assignment;
  const r = row.report;
  return {
    deadline: deadlineWords(a.deadlineKind, a.deadlineDate),
    status: normalizeCell(r?.statusText ?? a.statusText),
    progress: normalizeCell(r?.progress ?? a.latestProgress),
    problems: normalizeCell(r?.problems ?? null),
    nextSteps: normalizeCell(r?.nextSteps ?? null),
    milestones: formatMilestones(row.milestones),
    indicators: formatIndicators(row.indicators),
    evidenceNote: normalizeCell(r?.evidenceNote ?? null),
  };
}

/** The file's cell for an editable column, as text (a date typed as a date in the deadline column becomes its day). */
function cellValue(field: EditableField, cell: SheetCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return field === 'deadline' ? excelSerialToDay(cell) ?? String(cell) : String(cell);
  return normalizeCell(cell);
}

export function fileValues(cells: Partial<Record<string, SheetCell>>): EditableValues {
  return Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, cellValue(f, cells[f])])) as EditableValues;
}

export function changedFields(from: EditableValues, to: EditableValues): EditableField[] {
  return EDITABLE_FIELDS.filter((f) => normalizeCell(from[f]) !== normalizeCell(to[f]));
}

export interface ReportDraft {
  statusText: string;
  progress: string;
  problems: string | null;
  nextSteps: string | null;
  evidenceNote: string | null;
  milestonesDone: { milestoneId: number; doneDate: string }[];
  indicatorValues: { indicatorId: number; value: number }[];
}

export interface RowReading {
  /** Set when the deadline cell changed and reads as a deadline. */
  deadline: Deadline | null;
  /** Set when any report column changed and every one reads. */
  report: ReportDraft | null;
  refusals: string[];
}

const REPORT_FIELDS: readonly EditableField[] = ['status', 'progress', 'problems', 'nextSteps', 'milestones', 'indicators', 'evidenceNote'];
const MAX_TEXT = 20_000;

/** Reads the changed cells of one row; `today` bounds the dates a milestone may be done on. */
export function readRow(line: number, row: SheetRowData, values: EditableValues, changed: readonly EditableField[], today: string): RowReading {
  const refusals: string[] = [];
  const at = (field: EditableField, why: string) => refusals.push(`第${line}行“${FIELD_LABELS[field]}”：${why}`);
  let deadline: Deadline | null = null;
  if (changed.includes('deadline')) {
    const text = values.deadline;
    const read = parseDeadline(text);
    if (!text) at('deadline', '不能清空完成时限');
    else if (read.kind === 'unknown' || (read.date !== null && !readDay(read.date))) at('deadline', `无法识别日期“${text}”`);
    else deadline = read;
  }
  if (!changed.some((f) => REPORT_FIELDS.includes(f))) return { deadline, report: null, refusals };

  const statusText = values.status;
  if (!statusText) at('status', '请填写整改状态');
  else if (!normalizeStatus(statusText).code) at('status', `无法识别整改状态“${statusText}”，请从下拉列表中选择`);
  if (!values.progress) at('progress', '请填写工作进展');
  for (const f of ['progress', 'problems', 'nextSteps', 'evidenceNote'] as const) if ((values[f]?.length ?? 0) > MAX_TEXT) at(f, `内容超过 ${MAX_TEXT} 字`);

  const milestonesDone: ReportDraft['milestonesDone'] = [];
  const lines = splitNamedLines(values.milestones);
  if ('bad' in lines) at('milestones', `无法识别“${lines.bad}”，每行应为“节点名称：完成日期”`);
  else {
    for (const l of lines) {
      const m = row.milestones.find((x) => x.title === l.name);
      if (!m) { at('milestones', `该任务没有名为“${l.name}”的节点`); continue; }
      if (!l.value) { if (m.doneDate) at('milestones', `不能在表中撤销节点“${l.name}”的完成日期 ${m.doneDate}`); continue; }
      const day = readDay(l.value);
      if (!day) at('milestones', `无法识别日期“${l.value}”`);
      else if (day > today) at('milestones', `节点“${l.name}”的完成日期 ${day} 晚于今天`);
      else if (day !== m.doneDate) milestonesDone.push({ milestoneId: m.id, doneDate: day });
    }
  }
  const indicatorValues: ReportDraft['indicatorValues'] = [];
  const named = splitNamedLines(values.indicators);
  if ('bad' in named) at('indicators', `无法识别“${named.bad}”，每行应为“指标名称：数值”`);
  else {
    for (const l of named) {
      const ind = row.indicators.find((x) => x.name === l.name);
      if (!ind) { at('indicators', `该任务没有名为“${l.name}”的指标`); continue; }
      if (!l.value) continue;
      const value = readNumber(l.value);
      if (value === null) at('indicators', `无法识别数值“${l.value}”`);
      else if (value !== ind.value) indicatorValues.push({ indicatorId: ind.id, value });
    }
  }
  if (row.assignment.isClosed && !row.assignment.isLongTerm) refusals.push(`第${line}行：该任务已销号，无需再报送进展`);
  if (refusals.length) return { deadline, report: null, refusals };
  return {
    deadline,
    report: {
      statusText: statusText!, progress: values.progress!, problems: values.problems, nextSteps: values.nextSteps, evidenceNote: values.evidenceNote,
      milestonesDone, indicatorValues,
    },
    refusals,
  };
}
