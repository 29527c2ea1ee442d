/**
 * Finding the header of a plan table and what each column holds. Header names vary from office to office
 * (反馈问题/存在问题/问题描述…), may span two rows (责任单位 merged over 牵头/配合), and sit below a title; the header
 * is the row among the first 30 that names the most known columns, one of them the problem.
 */
import { normalizeChars } from '../chars.js';
import type { Grid } from './grid.js';
import { MergeIndex } from './grid.js';

export type Field =
  | 'code' | 'parent' | 'category' | 'problem' | 'goal' | 'measures' | 'units' | 'lead' | 'support' | 'leaders'
  | 'supervising' | 'accepting' | 'deadline' | 'status' | 'notes';

/** Fields a plan column can hold, and the names that say so — the first pattern to match a name decides. */
const RULES: ReadonlyArray<readonly [Field, RegExp]> = [
  ['notes', /^(备注|说明|附注)$/],
  ['parent', /^(对应)?(省|市|县|上级|省级|市级|上一级)(级)?(督察)?(整改)?(任务|问题)?(序号|编号|任务号)$|^对应.{0,6}(序号|编号)$/],
  ['code', /^(任务|问题|整改任务)?(序号|编号|编码|序列号|代码|号)$|^(序号|编号)/],
  ['status', /进展|完成情况|整改情况|状态|进度$/],
  ['deadline', /时限|期限|完成时间|整改时间|完成日期|截止时间|完成期限|时间节点|时间要求/],
  ['supervising', /督导|督办|督促|监督单位/],
  ['accepting', /验收/],
  ['leaders', /领导|责任人|负责人|联系人|包保/],
  ['lead', /^牵头|牵头(单位|部门)|主办|主责/],
  ['support', /^配合|配合(单位|部门)|协办|协同|参与单位/],
  ['units', /单位|部门|责任主体|主体责任|承办/],
  ['category', /^(问题)?(类别|领域|类型|分类|行业|板块|所属领域|问题类别|问题类型)$|类别$|领域$/],
  ['measures', /措施|举措|整改(办法|方式|工作)|工作任务/],
  ['goal', /目标|标准|整改要求/],
  ['problem', /问题|整改任务|具体内容|反馈意见|督察意见|事项|任务(内容|名称)?$/],
];

/** Headers as offices write them: spaces inside (序  号), a trailing unit or remark in brackets (完成时限（年月）). */
export function headerKey(text: string): string {
  return normalizeChars(text).replace(/\s+/g, '').replace(/[*＊:：]/g, '').replace(/[（(][^）)]*[）)]$/, '');
}

/** The field a header names, or null. */
export function classifyHeader(text: string): Field | null {
  // 责任单位（牵头） / 责任单位(配合): the remark in brackets says which.
  const role = /[（(]\s*(牵头|主办|配合|协办)\s*[)）]\s*$/.exec(normalizeChars(text));
  if (role && /单位|部门/.test(text)) return /牵头|主办/.test(role[1] ?? '') ? 'lead' : 'support';
  const key = headerKey(text);
  if (!key || key.length > 20) return null;
  for (const [field, pattern] of RULES) if (pattern.test(key)) return field;
  return null;
}

/** Under a parent header, the short sub-headers: 责任单位 over 牵头/配合, 责任 over 单位/领导. */
function classifySub(parent: string, sub: string): Field | null {
  const key = headerKey(sub);
  if (/^(牵头|主办|主责)/.test(key)) return 'lead';
  if (/^(配合|协办|协同|参与)/.test(key)) return 'support';
  if (/^(姓名|职务|领导|责任人)/.test(key) && /责任|领导|负责/.test(headerKey(parent))) return 'leaders';
  return classifyHeader(sub) ?? classifyHeader(headerKey(parent) + key) ?? classifyHeader(parent);
}

export interface Column {
  col: number;
  field: Field;
  /** The header as written (both rows of a two-row header, joined by /). */
  label: string;
}

export interface HeaderMap {
  /** 0-based rows of the header (one or two). */
  firstRow: number;
  lastRow: number;
  columns: Column[];
  /** Every header text found, for messages (columns found vs expected). */
  found: string[];
}

/** Fields a plan needs besides the problem, at least one of them. */
const PLAN_FIELDS: readonly Field[] = ['measures', 'goal', 'units', 'lead', 'support', 'deadline', 'leaders'];

/** True when these columns make a plan table (a problem column and a measure, unit or deadline column). */
export function isPlanHeader(columns: readonly Column[]): boolean {
  const fields = new Set(columns.map((c) => c.field));
  return fields.has('problem') && PLAN_FIELDS.some((f) => fields.has(f));
}

/** Fields several columns may share (牵头单位 and 责任单位 side by side); the others keep one column each. */
const SHARED: ReadonlySet<Field> = new Set(['units', 'lead', 'support', 'leaders', 'notes']);

/**
 * One column per single-valued field: the leftmost (问题 before a later 存在问题 of monthly problems met, 整改措施
 * before 推进措施), except that a 编号 column wins the number over a running 序号.
 */
function keepOnePerField(columns: Column[]): Column[] {
  const chosen = new Map<Field, Column>();
  for (const c of columns) {
    if (SHARED.has(c.field)) continue;
    const had = chosen.get(c.field);
    if (!had || (c.field === 'code' && /编号/.test(c.label) && !/编号/.test(had.label))) chosen.set(c.field, c);
  }
  return columns.filter((c) => SHARED.has(c.field) || chosen.get(c.field) === c);
}

function score(columns: readonly Column[]): number {
  return new Set(columns.map((c) => c.field)).size + (isPlanHeader(columns) ? 10 : 0);
}

function columnsAt(grid: Grid, merges: MergeIndex, row: number, withSub: boolean): { columns: Column[]; found: string[] } {
  const width = Math.max(grid.rows[row]?.length ?? 0, withSub ? (grid.rows[row + 1]?.length ?? 0) : 0);
  const columns: Column[] = [];
  const found: string[] = [];
  for (let c = 0; c < width; c++) {
    if (grid.hiddenCols.has(c)) continue;
    const top = merges.text(row, c).trim();
    const subCell = withSub && merges.origin(row + 1, c).row === row + 1 ? merges.text(row + 1, c).trim() : '';
    const label = subCell && top ? `${top}/${subCell}` : subCell || top;
    if (!label) continue;
    // A header merged across columns is read once, in its first column, unless its sub-headers split it.
    if (!subCell && !merges.isOrigin(row, c) && merges.origin(row, c).row === row) continue;
    const field = subCell ? classifySub(top, subCell) : classifyHeader(top);
    found.push(normalizeChars(label).replace(/\s+/g, ''));
    if (field) columns.push({ col: c, field, label: normalizeChars(subCell || top).replace(/\s+/g, '') });
  }
  return { columns: keepOnePerField(columns), found };
}

/**
 * True when a row under a header holds only sub-headers (牵头单位, 配合单位, 姓名…), not data: short header words, at
 * least one of them under a header merged across columns (责任单位 over 牵头/配合) or under an empty header cell.
 */
function isSubHeaderRow(grid: Grid, merges: MergeIndex, row: number): boolean {
  const cells = grid.rows[row] ?? [];
  let split = false;
  for (let c = 0; c < cells.length; c++) {
    if (merges.origin(row, c).row !== row) continue;
    const text = merges.text(row, c).trim();
    if (!text) continue;
    const key = headerKey(text);
    if (key.length > 8) return false;
    if (classifyHeader(text) === null && !/^(牵头|配合|协办|主办|姓名|职务|单位|部门|领导|责任人)/.test(key)) return false;
    const above = merges.mergeAt(row - 1, c);
    if ((above && above.right > above.left && above.top === row - 1) || !merges.text(row - 1, c).trim()) split = true;
  }
  return split;
}

/** The best header among the first `scan` rows of a grid, or null when no row names a problem and another column. */
export function findHeader(grid: Grid, scan = 30): HeaderMap | null {
  const merges = new MergeIndex(grid);
  let best: (HeaderMap & { score: number }) | null = null;
  let allFound: string[] = [];
  for (let r = 0; r < Math.min(scan, grid.rows.length); r++) {
    if (grid.hiddenRows.has(r)) continue;
    const one = columnsAt(grid, merges, r, false);
    if (one.found.length > allFound.length) allFound = one.found;
    if (!one.columns.length) continue;
    let candidate: HeaderMap & { score: number } = { firstRow: r, lastRow: r, columns: one.columns, found: one.found, score: score(one.columns) };
    // A two-row header's top row is a header itself (序号, 问题, 责任单位…), not a title above a header.
    if (one.columns.length >= 2 && r + 1 < grid.rows.length && isSubHeaderRow(grid, merges, r + 1)) {
      const two = columnsAt(grid, merges, r, true);
      const s = score(two.columns);
      if (s >= candidate.score) candidate = { firstRow: r, lastRow: r + 1, columns: two.columns, found: two.found, score: s };
    }
    if (!best || candidate.score > best.score) best = candidate;
  }
  if (best && isPlanHeader(best.columns)) {
    const { score: _score, ...header } = best;
    return header;
  }
  return null;
}

/** The header texts of the grid's most header-like row, for a "columns found" message. */
export function headerTexts(grid: Grid, scan = 30): string[] {
  const merges = new MergeIndex(grid);
  let best: string[] = [];
  let bestKnown = -1;
  for (let r = 0; r < Math.min(scan, grid.rows.length); r++) {
    const { columns, found } = columnsAt(grid, merges, r, false);
    if (columns.length > bestKnown) {
      best = found;
      bestKnown = columns.length;
    }
  }
  return best.filter((t) => t.length <= 20);
}
