/**
 * A table as read from a sheet or a Word table, before any meaning is given to it: cell texts by row and column,
 * merged ranges, hidden rows and columns. Rows and columns are 0-based here; messages speak 1-based.
 */

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  /** Sheet name (XLSX) or 表N (the Nth table of a Word document). */
  name: string;
  kind: 'sheet' | 'table';
  /** Cell texts; a merged range keeps its text in its top-left cell only. */
  rows: string[][];
  merges: Merge[];
  hiddenRows: ReadonlySet<number>;
  hiddenCols: ReadonlySet<number>;
  /** Cells whose formula gave an error (#REF!, #DIV/0!), by key(row, col), with the error. */
  errors: ReadonlyMap<number, string>;
  /** Word: the paragraph just before the table when it reads as a heading (一、大气污染防治); null otherwise. */
  caption: string | null;
}

/** Columns a table reader considers: no plan table is wider. */
export const MAX_COLS = 128;

export const cellKey = (row: number, col: number): number => row * MAX_COLS + col;

export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "C12" for a sheet, "R12C3" for a Word table. */
export function cellRef(grid: Grid, row: number, col: number): string {
  return grid.kind === 'sheet' ? `${columnLetters(col)}${row + 1}` : `R${row + 1}C${col + 1}`;
}

/** Parses an A1 reference ("AB12") into 0-based row and column; null when it is not one. */
export function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] ?? '') col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Where each merged cell's value comes from: answers "which merge covers (row, col)". */
export class MergeIndex {
  private readonly byCell = new Map<number, Merge>();

  constructor(readonly grid: Grid) {
    const height = grid.rows.length;
    for (const m of grid.merges) {
      // Clipped to the used area: a title merged across A1:XFD1 covers 128 cells, not 16 384.
      const bottom = Math.min(m.bottom, height - 1);
      const right = Math.min(m.right, MAX_COLS - 1);
      for (let r = m.top; r <= bottom; r++) for (let c = m.left; c <= right; c++) this.byCell.set(cellKey(r, c), m);
    }
  }

  mergeAt(row: number, col: number): Merge | undefined {
    return this.byCell.get(cellKey(row, col));
  }

  /** The cell whose text (row, col) shows: the merge's top-left, or itself. */
  origin(row: number, col: number): { row: number; col: number } {
    const m = this.byCell.get(cellKey(row, col));
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  /** True when (row, col) is its own cell or a merge's top-left. */
  isOrigin(row: number, col: number): boolean {
    const m = this.byCell.get(cellKey(row, col));
    return !m || (m.top === row && m.left === col);
  }

  /** The text (row, col) shows, merged ranges spread over every cell they cover. */
  text(row: number, col: number): string {
    const o = this.origin(row, col);
    return this.grid.rows[o.row]?.[o.col] ?? '';
  }
}
