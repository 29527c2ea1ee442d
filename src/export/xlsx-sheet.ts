/**
 * The common frame of the XLSX ledgers: exceljs's streaming writer (ledgers reach tens of thousands of rows),
 * one sheet with a frozen, filtered header row, wrapped text and real date cells.
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../xlsx/load-excel.js';

export type CellValue = string | number | Date | null;

export interface LedgerColumn {
  header: string;
  width: number;
  kind?: 'text' | 'date' | 'number';
}

export interface LedgerSheet<Row> {
  sheetName: string;
  columns: readonly LedgerColumn[];
  rows: Iterable<Row>;
  /** The row's cells, in column order. */
  cells: (row: Row, index: number) => CellValue[];
  /** Optional per-cell fill (ARGB) such as the colour of a warning light. */
  fill?: (row: Row, column: number) => string | null;
}

/** Excel refuses cells over 32,767 characters, and XML refuses control characters. */
const MAX_CELL = 32_767;
export function cellText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return clean.length > MAX_CELL ? `${clean.slice(0, MAX_CELL - 1)}…` : clean;
}

/**
 * Reads a date written as 2023-06-30, 2023/6/30 or 2023年6月30日 into a UTC midnight Date (exceljs stores
 * dates as UTC serials, so a local midnight would shift the day east or west of Greenwich).
 */
export function parseDateText(text: string): Date | null {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:前|之前)?\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

/** The column's letters in A1 references: 1 → A, 28 → AB. */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

const BORDER = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
/** The thin grey cell borders of every ledger sheet Rectify writes. */
export const BORDERS = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };

/** Writes one ledger sheet to an XLSX buffer. */
export async function writeLedgerXlsx<Row>(sheet: LedgerSheet<Row>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });

  // Compression level 3: most of level 6's size at about half its time on long Chinese text.
  const workbook = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 3 } } });
  workbook.creator = 'Rectify';
  const lastColumn = columnLetter(sheet.columns.length);
  const ws = workbook.addWorksheet(sheet.sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.autoFilter = `A1:${lastColumn}1`;
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  // One style object per column, shared by all its cells: exceljs caches a style's id by object identity, so
  // shared objects cost nothing per cell while per-cell copies (what column styles give) halve the speed.
  const styles = sheet.columns.map((c): Partial<ExcelJS.Style> => ({
    alignment: { vertical: 'top', wrapText: true },
    border: BORDERS,
    ...(c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {}),
  }));
  const filled = new Map<string, Partial<ExcelJS.Style>>();
  const fillStyle = (column: number, argb: string) => {
    const key = `${column}:${argb}`;
    let style = filled.get(key);
    if (!style) filled.set(key, (style = { ...styles[column], fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } }));
    return style;
  };

  const header = ws.addRow(sheet.columns.map((c) => c.header));
  const headerStyle: Partial<ExcelJS.Style> = {
    font: { bold: true },
    alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
    border: BORDERS,
  };
  header.eachCell((cell) => { cell.style = headerStyle; });
  header.commit();

  let index = 0;
  for (const row of sheet.rows) {
    const values = sheet.cells(row, index++).map((v) => (typeof v === 'string' ? cellText(v) : v));
    const added = ws.addRow(values);
    for (let c = 0; c < sheet.columns.length; c++) {
      const argb = sheet.fill?.(row, c);
      added.getCell(c + 1).style = argb ? fillStyle(c, argb) : (styles[c] ?? {});
    }
    added.commit();
  }
  ws.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
