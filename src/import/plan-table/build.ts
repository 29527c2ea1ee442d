/**
 * Task drafts → ParsedTask: the number and the higher plan's number, problem, goal, measures, units (牵头/配合),
 * leaders, deadline, category, with the cells each field was read from. Every cell that cannot be read is a
 * warning naming its row, column and text: 第12行“完成时限”：无法识别日期“明年”.
 */
import { parseDeadline } from '../../core/deadline.js';
import type { CellRef, ParsedTask, ParseWarning } from '../../core/report.js';
import { normalizeStatus } from '../../core/status.js';
import { extractDocuments } from '../documents.js';
import { extractFacts } from '../facts.js';
import { buildMeasures } from '../measures.js';
import { cellRef } from './grid.js';
import type { Field } from './headers.js';
import { cleanText, deadlineText, readCode, readLeaders, readParentCell, readUnits } from './fields.js';
import type { CellValue, TaskDraft } from './rows.js';

export interface BuildContext {
  /** A notes row said the first unit named is the lead (排在第一位的为牵头单位). */
  firstUnitLeads: boolean;
  /** Category for tasks with none of their own (the sheet's name when a workbook has a sheet per area). */
  fallbackCategory: string | null;
  /** Number for a task whose number cell is blank. */
  nextNumber: () => number;
  warnings: ParseWarning[];
}

const FIELD_NAMES: Partial<Record<Field, string>> = { units: 'units', lead: 'leadUnits', support: 'supportUnits' };

function refOf(v: CellValue, draft: TaskDraft): CellRef {
  return { sheet: draft.grid.name, ref: cellRef(draft.grid, v.row, v.col), text: v.text };
}

/** Builds one task; null (with a warning) when the rows hold no problem. */
export function buildTask(draft: TaskDraft, ctx: BuildContext): ParsedTask | null {
  const { grid } = draft;
  const line = draft.row + 1;
  const values = (field: Field): CellValue[] => draft.values.filter((v) => v.field === field);
  const texts = (field: Field): string[] => values(field).map((v) => cleanText(v.text)).filter(Boolean);
  const cells: Record<string, CellRef[]> = {};
  for (const v of draft.values) {
    if (v.field === 'notes') continue;
    (cells[FIELD_NAMES[v.field] ?? v.field] ??= []).push(refOf(v, draft));
  }
  const at = (v: CellValue): string => `${grid.name}!${cellRef(grid, v.row, v.col)}`;
  const notes: string[] = [];
  let confidence = 1;

  const problem = texts('problem').join('\n');
  const codeValue = values('code')[0];
  const written = codeValue ? readCode(codeValue.text) : null;
  if (!problem) {
    ctx.warnings.push({ line, cell: codeValue ? at(codeValue) : undefined, message: `${grid.name} 第${line}行：没有问题描述，已跳过` });
    return null;
  }
  let code = written?.code ?? '';
  const warnings: ParseWarning[] = [];
  if (!code) {
    code = String(ctx.nextNumber());
    warnings.push({ line, message: `第${line}行：没有序号，按顺序编为 ${code}` });
    notes.push('序号为空，按顺序编号');
    confidence -= 0.2;
  } else if (written && written.number === null && !written.parentCode) {
    notes.push(`序号“${code}”不是数字`);
    confidence -= 0.1;
  }
  if (written?.note) {
    notes.push(written.note);
    confidence -= 0.1;
  }
  let parentCode = written?.parentCode ?? null;
  let parentNumber = written?.parentNumber ?? null;
  const parentValue = values('parent')[0];
  if (parentValue) {
    const p = readParentCell(parentValue.text);
    parentCode = p.parentCode;
    parentNumber = p.parentNumber;
  }

  const goal = texts('goal').join('\n') || null;
  const measureText = texts('measures');
  const measures = buildMeasures(measureText.flatMap((t) => t.split('\n')));

  const lead: string[] = [];
  const support: string[] = [];
  for (const v of values('lead')) lead.push(...allUnits(readUnits(v.text)));
  for (const v of values('support')) support.push(...allUnits(readUnits(v.text)));
  for (const v of values('units')) {
    const u = readUnits(v.text);
    if (!u.marked && ctx.firstUnitLeads && u.lead.length > 1 && !values('lead').length) {
      lead.push(u.lead[0] ?? '');
      support.push(...u.lead.slice(1));
    } else {
      lead.push(...u.lead);
      support.push(...u.support);
    }
  }
  const leadUnits = [...new Set(lead)].filter(Boolean);
  const supportUnits = [...new Set(support)].filter((u) => u && !leadUnits.includes(u));
  const units = [...leadUnits, ...supportUnits];
  if (!units.length) {
    notes.push('没有责任单位');
    confidence -= 0.1;
  }

  const deadline = readDeadline(values('deadline'), at, warnings, notes);
  if (deadline.unreadable) confidence -= 0.2;

  const status = texts('status').join('\n') || null;
  const category = cleanText(values('category')[0]?.text ?? '') || draft.group || ctx.fallbackCategory;
  const leaders = readLeaderCells(values('leaders'));
  const allText = [problem, goal ?? '', ...measureText].join('\n');
  for (const w of warnings) w.taskCode = code;
  ctx.warnings.push(...warnings);

  return {
    code,
    number: written?.number ?? (written ? null : Number(code)),
    problem,
    goal,
    status,
    statusCode: status ? normalizeStatus(status).code : null,
    measures,
    units,
    deadline: deadline.text,
    documents: extractDocuments(allText),
    facts: extractFacts(allText),
    parentCode,
    parentNumber,
    leadUnits,
    supportUnits,
    leaders: [...new Set(leaders)],
    category,
    supervisingUnit: texts('supervising').join('、') || null,
    acceptingUnit: texts('accepting').join('、') || null,
    cells,
    confidence: Math.max(0, Math.round(confidence * 100) / 100),
    confidenceNotes: notes,
  };
}

/** 责任领导 cells; under a header split into 姓名 and 职务, each row's name and position make one entry: 王某（副市长）. */
function readLeaderCells(values: CellValue[]): string[] {
  const names = values.filter((v) => /姓名|领导$|责任人$/.test(v.label) && !/职务/.test(v.label));
  const titles = values.filter((v) => /职务|职位/.test(v.label));
  if (!names.length || !titles.length) return values.flatMap((v) => readLeaders(v.text));
  const out: string[] = [];
  for (const n of names) {
    const title = titles.find((t) => t.row === n.row);
    const people = readLeaders(n.text);
    const positions = title ? readLeaders(title.text) : [];
    people.forEach((p, i) => out.push(positions[i] ?? positions[0] ? `${p}（${positions[i] ?? positions[0] ?? ''}）` : p));
  }
  return out;
}

const allUnits = (u: { lead: string[]; support: string[] }): string[] => [...u.lead, ...u.support];

/**
 * The task's deadline: its one deadline, or — when its measure rows give several — the latest of them (the task is
 * done when its last measure is), the others noted.
 */
function readDeadline(
  values: CellValue[],
  at: (v: CellValue) => string,
  warnings: ParseWarning[],
  notes: string[],
): { text: string | null; unreadable: boolean } {
  const read = values.map((v) => ({ v, text: deadlineText(v.text), parsed: parseDeadline(deadlineText(v.text)) }));
  let unreadable = false;
  for (const r of read) {
    if (r.parsed.kind === 'unknown') {
      unreadable = true;
      warnings.push({ line: r.v.row + 1, cell: at(r.v), message: `第${r.v.row + 1}行“${r.v.label}”：无法识别日期“${r.text}”` });
    }
  }
  const distinct = [...new Map(read.map((r) => [r.text, r])).values()];
  if (!distinct.length) return { text: null, unreadable: false };
  if (distinct.length === 1) return { text: distinct[0]?.text ?? null, unreadable };
  const byDate = [...distinct].sort((a, b) => (b.parsed.date ?? '').localeCompare(a.parsed.date ?? ''));
  const chosen = byDate[0];
  notes.push(`各措施时限不同（${distinct.map((d) => d.text).join('；')}），取最晚的`);
  return { text: chosen?.text ?? null, unreadable };
}
