/**
 * A table saved one cell per line (a web page's table copied as text, each cell on its own line):
 *   序号 / 内容与要求 / 进展情况 / 责任单位 / 1 / <cell> / <cell> / <cell> / 2 / …
 * The header is a run of short lines that name columns, the first of them a number column (序号/编号), and among
 * them a problem, measures, goal or status column; each row is that many lines and starts with the next row number
 * (1, 2, 3 …). A last row cut short (the end of a page's excerpt) keeps the cells it has. Anything that does not
 * keep to this rhythm stays plain lines. Read before page numbers are dropped: the row numbers look like them.
 */
import { headerColumn } from './table.js';

const ROW_NUMBER = /^\d{1,3}$/;
const TASK_COLUMNS = new Set(['problem', 'measures', 'status', 'goal']);

export interface VerticalTable {
  /** Index (in the given lines) of the header's first line, and one past the table's last line. */
  start: number;
  end: number;
  rows: string[][];
}

/** The header starting at i: its width, or 0 when no header starts there. */
function headerWidth(lines: readonly string[], i: number): number {
  const first = lines[i] ?? '';
  if (first.length > 6 || headerColumn(first) !== 'code') return 0;
  let k = 1;
  while (k < 10) {
    const l = lines[i + k];
    if (l === undefined || l.length > 16 || ROW_NUMBER.test(l) || headerColumn(l) === null) break;
    k++;
  }
  if (k < 3 || lines[i + k] !== '1') return 0;
  return lines.slice(i + 1, i + k).some((l) => TASK_COLUMNS.has(headerColumn(l) ?? '')) ? k : 0;
}

/** Finds the tables saved one cell per line among non-blank, trimmed lines (see the module comment). */
export function findVerticalTables(lines: readonly string[]): VerticalTable[] {
  const found: VerticalTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i]?.length ?? 99) > 6) continue;
    const k = headerWidth(lines, i);
    if (!k) continue;
    const rows: string[][] = [lines.slice(i, i + k)];
    let at = i + k;
    for (let n = 1; lines[at] === String(n); n++) {
      const row: string[] = [];
      let j = 0;
      // The next row's number before this row is full breaks the rhythm: this row ends there.
      for (; j < k && at + j < lines.length && !(j > 0 && lines[at + j] === String(n + 1)); j++) row.push(lines[at + j] ?? '');
      rows.push(row);
      at += j;
      if (j < k) break;
    }
    found.push({ start: i, end: at, rows });
    i = at - 1;
  }
  return found;
}
