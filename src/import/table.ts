/**
 * Tables (DOCX, Markdown): a task table (a header row with 序号 / 问题 or 具体内容 / 整改目标 / 整改措施 /
 * 完成情况 / 责任单位 / 完成时限 …) gives one task per row; a two-column label/value table (a closure notice's
 * 整改任务 | … rows) is turned into labelled paragraphs and read like text; any other table is skipped with a warning.
 */
import type { ParsedTask } from '../core/report.js';
import { normalizeStatus, type StatusCode } from '../core/status.js';
import { joinPieces, stripEndPunct } from './chars.js';
import { extractDocuments } from './documents.js';
import { extractFacts } from './facts.js';
import { readField, readMarker } from './markers.js';
import { buildMeasures } from './measures.js';
import { firstNumeral } from './numerals.js';
import type { Para } from './reflow.js';
import { splitStatus } from './status-text.js';
import { splitLeaders, type Warn } from './task-builder.js';
import { splitUnits } from './units.js';

type Column = 'code' | 'problem' | 'goal' | 'measures' | 'status' | 'units' | 'leaders' | 'deadline' | 'other';

// Checked in this order: 问题整改情况 is a status column, 整改措施 a measures column, 整改任务 a problem column.
const HEADERS: ReadonlyArray<readonly [Column, RegExp]> = [
  ['code', /^(?:序号|编号|序|号|任务编号|问题编号|任务序号|问题序号|省序号|市序号|原序号)$|序号|编号/],
  ['problem', /^问题(?:具体)?(?:情况|描述|内容|表现)$|具体问题|存在问题|反馈问题|问题清单/],
  ['deadline', /时限|完成时间|期限|时间节点|完成日期|(?:完成|计划).{0,4}时间/],
  ['leaders', /^(?:整改)?责任人$|责任领导|牵头领导/],
  ['other', /责任人|联系人|类别|类型|领域|备注|督导|验收/],
  ['units', /单位|部门|主体/],
  ['goal', /目标|要求/],
  ['measures', /措施|举措/],
  ['status', /情况|进展|进度|状态|完成|是否/],
  ['problem', /问题|内容|任务|意见|事项/],
];

/**
 * A header names its column by its head word, and a Chinese noun phrase ends with its head: 目标完成情况 is a
 * status (the completion of a target), 整改目标 a goal. A coordinated header (进展情况、存在问题及下一步打算) is
 * named by its first part; a remark in brackets (进展情况（截至10月底）) is not part of the name. Of the cues in
 * the name, the one ending last wins; on a tie, the earlier rule of HEADERS.
 */
export function headerColumn(cell: string): Column | null {
  const whole = cell.replace(/\s+/g, '').replace(/[(（][^()（）]{0,20}[)）]/g, '');
  if (!whole || whole.length > 24) return null;
  const t = whole.split(/[、，,/／及和与;；]/)[0] ?? '';
  if (!t || t.length > 16) return null;
  let best: { column: Column; end: number } | null = null;
  for (const [column, re] of HEADERS) {
    const m = new RegExp(re.source, 'g');
    let end = -1;
    for (const hit of t.matchAll(m)) end = Math.max(end, hit.index + hit[0].length);
    if (end > (best?.end ?? -1)) best = { column, end };
  }
  return best?.column ?? null;
}

export type TableReading =
  | { kind: 'tasks'; tasks: { line: number; task: ParsedTask }[] }
  | { kind: 'fields'; paras: Para[] }
  | { kind: 'none' };

const cellLines = (cell: string | undefined): string[] => (cell ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
const cellText = (cell: string | undefined): string => cellLines(cell).reduce(joinPieces, '');

function labelValueParas(rows: string[][], line: number): Para[] | null {
  const labelled = rows.filter((r) => r.length >= 2 && readField(cellText(r[0]))?.content === '');
  if (labelled.length < 2 || labelled.length < rows.length * 0.5) return null;
  const paras: Para[] = [];
  for (const r of rows) {
    for (let i = 0; i + 1 < r.length; i += 2) {
      const label = cellText(r[i]);
      if (!readField(label)) continue;
      const lines = cellLines(r[i + 1]);
      const name = label.replace(/[:：]$/, '');
      // A value starting with a marker ((一)…) keeps it at a paragraph start, where measures are read.
      const [first = '', ...more] = lines[0] && readMarker(lines[0]) ? ['', ...lines] : lines;
      paras.push({ text: `${name}：${first}`, line }, ...more.map((text) => ({ text, line })));
    }
  }
  return paras;
}

/**
 * A ledger's yes/no and percent columns (是否完成整治：否；整治进度：30%): 是/100% completed, 否/less in progress.
 * The first decisive cell wins.
 */
function tableVerdict(cells: readonly string[]): StatusCode | null {
  for (const c of cells.map((x) => x.replace(/\s+/g, ''))) {
    if (/^(?:是|已完成|完成|√|☑)$/.test(c)) return 'completed';
    if (/^(?:否|未完成|×)$/.test(c)) return 'in_progress';
    const pct = /^(\d{1,3}(?:\.\d+)?)%$/.exec(c);
    if (pct) return Number(pct[1]) >= 100 ? 'completed' : 'in_progress';
  }
  return null;
}

/** Reads a table (see the module comment). */
export function readTable(rows: string[][], line: number, warn: Warn): TableReading {
  const kv = labelValueParas(rows, line);
  if (kv) return { kind: 'fields', paras: kv };
  const headerAt = rows.slice(0, 3).findIndex((r) => {
    const cols = r.map(headerColumn);
    return cols.includes('problem') && cols.some((c) => c && c !== 'problem' && c !== 'other' && c !== 'leaders');
  });
  const header = rows[headerAt];
  if (headerAt < 0 || !header) {
    if (rows.length) warn(line, `第${line}行的表格没有可识别的表头（序号/问题/整改措施/完成情况…），已跳过`);
    return { kind: 'none' };
  }
  const cols = header.map(headerColumn);
  // A kind may have several columns (问题 and 具体内容; 完成情况 and 整改进展): their cells are read together.
  const columns = (c: Column): number[] => cols.flatMap((k, i) => (k === c ? [i] : []));
  const tasks: { line: number; task: ParsedTask }[] = [];
  let index = 0;
  rows.slice(headerAt + 1).forEach((row, r) => {
    const rowNo = r + headerAt + 2;
    const values = row.map((c) => c.trim()).filter(Boolean);
    if (!values.length || row.join('|') === header.join('|')) return;
    if (new Set(values).size === 1 && row.length > 2) return; // a group row spanning the table: 一、大气污染防治
    const cells = (c: Column): string[] => columns(c).map((i) => row[i] ?? '');
    const get = (c: Column): string => [...new Set(cells(c).filter((s) => s.trim()))].join('\n');
    const problem = [...new Set(cells('problem').map(cellText).filter(Boolean))].join('：');
    if (!problem) {
      warn(line, `表格第${rowNo}行没有问题内容，已跳过`);
      return;
    }
    index += 1;
    const codeText = cellText(get('code'));
    const code = codeText || String(index);
    // Of several status columns (进展情况 and 目标完成情况), a cell that is nothing but a status phrase (顺利推进)
    // is the verdict; the others narrate the work.
    const verdictCell = cells('status').map(cellText).find((c) => c.length <= 16 && normalizeStatus(c).code !== null);
    const split = splitStatus(cellLines(get('status')));
    const { status, rest } = verdictCell && columns('status').length > 1 ? { status: verdictCell, rest: split.rest.filter((p) => p !== verdictCell) } : split;
    const hasMeasureColumn = columns('measures').length > 0;
    const measures = buildMeasures([...cellLines(get('measures')), ...(hasMeasureColumn ? [] : rest)]);
    const goal = cellText(get('goal')) || null;
    const deadline = stripEndPunct(cellText(get('deadline'))) || null;
    const progress = hasMeasureColumn && rest.length ? rest.reduce(joinPieces, '') : null;
    const all = [problem, goal ?? '', status ?? '', ...measures.map((m) => m.text), progress ?? ''].join('\n');
    const statusCode = normalizeStatus(status).code ?? tableVerdict(cells('status'));
    if (status && !statusCode) warn(line, `表格第${rowNo}行的整改状态无法识别：${status}`);
    const task: ParsedTask = {
      code,
      number: firstNumeral(code),
      problem,
      goal,
      status,
      statusCode,
      measures,
      units: splitUnits(cellLines(get('units')).join('、')),
      deadline,
      documents: extractDocuments(all),
      facts: extractFacts(all),
    };
    if (progress) task.progress = progress;
    const leaders = splitLeaders(cellLines(get('leaders')));
    if (leaders.length) task.leaders = leaders;
    const prev = tasks[tasks.length - 1]?.task;
    // Rows of one task split over several lines (merged 序号/问题 cells): one task, measures and units added up.
    if (prev && codeText && prev.code === code && prev.problem === problem) {
      prev.measures.push(...task.measures);
      prev.units = [...new Set([...prev.units, ...task.units])];
      return;
    }
    tasks.push({ line: line + r + headerAt + 1, task });
  });
  return { kind: 'tasks', tasks };
}
