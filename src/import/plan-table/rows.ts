/**
 * Grouping the rows under a header into tasks. A task starts at a row with its own number or problem; rows below
 * whose number or problem cell is merged from above, or blank, add measures (and units, deadlines…) to it. A row
 * holding one text across the table (一、大气污染防治) names the category of the tasks that follow; notes rows
 * (注：…, 填表人, 合计) and repeated headers are left out; hidden rows are skipped with a warning.
 */
import type { ParseWarning } from '../../core/report.js';
import { cellKey, cellRef, MergeIndex, type Grid } from './grid.js';
import { headerKey, type Column, type Field, type HeaderMap } from './headers.js';

export interface CellValue {
  field: Field;
  row: number;
  col: number;
  text: string;
  /** The column's header as written, for messages (完成时限). */
  label: string;
}

export interface TaskDraft {
  grid: Grid;
  /** 0-based row the task starts at. */
  row: number;
  values: CellValue[];
  /** The group row above the task (一、大气污染防治 → 大气污染防治), if any. */
  group: string | null;
}

export interface GroupResult {
  drafts: TaskDraft[];
  notes: string[];
  warnings: ParseWarning[];
}

const NOTE = /^(注|备注|说明|附注|附件|填表人|填报人|填表单位|填报单位|审核人|审核|联系人|联系电话|制表|制表人|填报日期|填表日期|合计|总计|小计|签发|单位负责人)\s*[:：\s]|^(合计|总计|小计)$|^注[0-9一二三]/;
const GROUP_MARK = /^(?:第?[一二三四五六七八九十]+(?:部分|类|、|[.．])|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+是)\s*/;

/** The category a group row names: 一、大气污染防治（12项） → 大气污染防治. */
export function groupName(text: string): string {
  return text.replace(GROUP_MARK, '').replace(/[(（]\s*(?:共)?\s*\d+\s*(?:项|个|条)[^)）]*[)）]\s*$/, '').replace(/\s+/g, '').trim();
}

/** Reads the rows of `grid` under `header` into task drafts. */
export function groupRows(grid: Grid, header: HeaderMap, start = header.lastRow + 1): GroupResult {
  const merges = new MergeIndex(grid);
  const columns = header.columns.filter((c) => !grid.hiddenCols.has(c.col));
  const first = (field: Field): Column | undefined => columns.find((c) => c.field === field);
  const labelKeys = new Map(columns.map((c) => [c.col, headerKey(c.label)]));
  const codeCol = first('code');
  const problemCol = first('problem');
  const drafts: TaskDraft[] = [];
  const notes: string[] = [];
  const warnings: ParseWarning[] = [];
  let current: (TaskDraft & { seen: Set<number> }) | null = null;
  let group: string | null = null;
  const where = (row: number, col: number): string => `${grid.name}!${cellRef(grid, row, col)}`;

  for (let r = start; r < grid.rows.length; r++) {
    // The distinct cells this row starts (a merge from a row above belongs to that row).
    const own: { col: number; text: string; span: number }[] = [];
    const width = grid.rows[r]?.length ?? 0;
    for (let c = 0; c < width; c++) {
      if (grid.hiddenCols.has(c) || !merges.isOrigin(r, c)) continue;
      const text = (grid.rows[r]?.[c] ?? '').trim();
      if (!text) continue;
      const m = merges.mergeAt(r, c);
      own.push({ col: c, text, span: m ? columns.filter((k) => k.col >= m.left && k.col <= m.right).length : 1 });
    }
    if (!own.length) continue;
    if (grid.hiddenRows.has(r)) {
      warnings.push({ line: r + 1, cell: where(r, own[0]?.col ?? 0), message: `${grid.name} 第${r + 1}行是隐藏行，已跳过（如需导入请取消隐藏）` });
      continue;
    }
    const firstText = own[0]?.text ?? '';
    if (NOTE.test(firstText.replace(/\s+/g, ' '))) {
      notes.push(own.map((o) => o.text).join(' '));
      continue;
    }
    // The header again (a sheet printed with its header repeated, two tables pasted one under the other).
    if (own.filter((o) => o.text.length <= 24 && labelKeys.get(o.col) === headerKey(o.text)).length >= 2) continue;
    if (isGroupRow(own, columns, codeCol, problemCol)) {
      group = groupName(own[own.length - 1]?.text ?? firstText) || group;
      current = null;
      continue;
    }

    const codeCell = codeCol ? { origin: merges.origin(r, codeCol.col), text: merges.text(r, codeCol.col).trim() } : null;
    const problemCell = problemCol ? { origin: merges.origin(r, problemCol.col), text: merges.text(r, problemCol.col).trim() } : null;
    const mergedFromAbove = (cell: typeof codeCell): boolean => !!cell && cell.origin.row < r && !!cell.text;
    const ownFilled = (cell: typeof codeCell): boolean => !!cell && cell.origin.row === r && !!cell.text;
    let starts: boolean;
    if (mergedFromAbove(codeCell)) starts = false;
    else if (ownFilled(codeCell)) starts = true;
    else if (mergedFromAbove(problemCell)) starts = false;
    else starts = ownFilled(problemCell) || !current;

    if (starts) {
      current = { grid, row: r, values: [], group, seen: new Set() };
      drafts.push(current);
    }
    if (!current) continue;
    for (const column of columns) {
      const o = merges.origin(r, column.col);
      const text = (grid.rows[o.row]?.[o.col] ?? '').trim();
      const error = grid.errors.get(cellKey(o.row, o.col));
      if (error && !current.seen.has(cellKey(o.row, o.col))) {
        warnings.push({ line: o.row + 1, cell: where(o.row, o.col), message: `第${o.row + 1}行“${column.label}”：公式出错（${error}），按空白处理` });
      }
      if (!text || current.seen.has(cellKey(o.row, o.col))) continue;
      current.seen.add(cellKey(o.row, o.col));
      current.values.push({ field: column.field, row: o.row, col: o.col, text, label: column.label });
    }
  }
  return { drafts: drafts.map(({ grid: g, row, values, group: gr }) => ({ grid: g, row, values, group: gr })), notes, warnings };
}

/**
 * A group heading: one text spanning the table (its number beside it or not: 一 | 大气污染防治（共10项）), one text
 * alone in the number column (一、大气污染防治), or 一、… alone in the problem column of a numbered table. A bare
 * short text alone in the problem column stays a task (losing a task is worse than a task without measures).
 */
function isGroupRow(own: { col: number; text: string; span: number }[], columns: Column[], codeCol?: Column, problemCol?: Column): boolean {
  const numbered = own.length === 2 && own[0]?.col === codeCol?.col && /^[(（]?[零〇一二两三四五六七八九十百\d]{1,4}[)）、.．]?$/.test(own[0]?.text.replace(/\s+/g, '') ?? '');
  const cell = own.length === 1 ? own[0] : numbered ? own[1] : undefined;
  if (!cell) return false;
  const text = cell.text.replace(/\s+/g, '');
  if (text.length > 40) return false;
  if (cell.span >= 2 && cell.span * 2 >= columns.length) return true;
  if (numbered) return false;
  const firstCol = columns[0]?.col;
  const inNumberPlace = cell.col === codeCol?.col || cell.col === firstCol || !columns.some((k) => k.col === cell.col);
  const words = /[\u4e00-\u9fa5]{2,}/.test(text.replace(/[(（][^()（）]*[)）]/g, '').replace(/^(?:序号|编号|第|省|市|上级)/, '').replace(/[零〇一二两三四五六七八九十百]+[、.．]?/g, ''));
  if (inNumberPlace && words) return true;
  return !!codeCol && cell.col === problemCol?.col && GROUP_MARK.test(text) && text.length <= 20;
}
