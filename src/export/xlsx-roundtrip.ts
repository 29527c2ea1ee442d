/**
 * Writes the round-trip ledger (台账回填表) and the round sheets (调度表): exceljs's streaming writer, one data sheet
 * per unit (or one for a ledger), the identity of every row in hidden locked columns, a drop-down list on the status
 * column, the sheet protected so only the editable columns take input, and a hidden metadata sheet saying what the
 * workbook is. The caller supplies the signatures; this module knows no key.
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../xlsx/load-excel.js';
import { BORDERS, cellText, columnLetter } from './xlsx-sheet.js';
import {
  LEDGER_SHEET_COLUMNS, META_SHEET_NAME, SHEET_STATUS_WORDS, type EditableValues, type LedgerSheetMeta,
} from '../core/ledger-sheet.js';

export interface RoundtripRow {
  rowId: number;
  version: number;
  check: string;
  code: string;
  problem: string;
  measures: string | null;
  unit: string;
  warning: string | null;
  values: EditableValues;
}

export interface RoundtripSheet {
  name: string;
  title: string;
  rows: Iterable<RoundtripRow>;
}

export interface RoundtripBook {
  meta: LedgerSheetMeta;
  sheets: RoundtripSheet[];
}

const LIGHT_FILL: Record<string, string> = { 红: 'FFFF7C80', 黄: 'FFFFE699', 绿: 'FFA9D08E' };
/** Sheet protection without a password: it guards against slips, not against a determined editor (the check codes do that). */
const PROTECTION = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: false } as const;

function cellsOf(r: RoundtripRow, seq: number): (string | number | null)[] {
  const v = r.values;
  const byKey: Record<string, string | number | null> = {
    seq, code: r.code, problem: r.problem, measures: r.measures, unit: r.unit, warning: r.warning, rowId: r.rowId, version: r.version, check: r.check,
    deadline: v.deadline, status: v.status, progress: v.progress, problems: v.problems, nextSteps: v.nextSteps,
    milestones: v.milestones, indicators: v.indicators, evidenceNote: v.evidenceNote,
  };
  return LEDGER_SHEET_COLUMNS.map((c) => { const x = byKey[c.key] ?? null; return typeof x === 'string' ? cellText(x) : x; });
}

async function writeDataSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: RoundtripSheet): Promise<void> {
  const last = columnLetter(LEDGER_SHEET_COLUMNS.length);
  const ws = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'H3' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
  });
  ws.columns = LEDGER_SHEET_COLUMNS.map((c) => ({ width: c.width, hidden: c.hidden === true }));
  ws.autoFilter = `A2:${last}2`;
  const title = ws.addRow([sheet.title]);
  title.height = 24;
  title.getCell(1).style = { font: { bold: true, size: 14 } };
  title.commit();
  const header = ws.addRow(LEDGER_SHEET_COLUMNS.map((c) => c.header));
  header.eachCell((cell, n) => {
    const editable = LEDGER_SHEET_COLUMNS[n - 1]!.editable;
    cell.style = {
      font: { bold: true }, border: BORDERS, alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: editable ? 'FFFFF2CC' : 'FFD9E1F2' } },
    };
  });
  header.commit();
  // One style object per column (exceljs caches a style by identity: shared objects cost nothing per cell).
  const styles = LEDGER_SHEET_COLUMNS.map((c): Partial<ExcelJS.Style> => ({
    alignment: { vertical: 'top', wrapText: true }, border: BORDERS, protection: { locked: !c.editable },
  }));
  const warningAt = LEDGER_SHEET_COLUMNS.findIndex((c) => c.key === 'warning');
  const filled = new Map<string, Partial<ExcelJS.Style>>();
  let seq = 0;
  for (const r of sheet.rows) {
    const row = ws.addRow(cellsOf(r, ++seq));
    for (let c = 0; c < LEDGER_SHEET_COLUMNS.length; c++) {
      const argb = c === warningAt && r.warning ? LIGHT_FILL[r.warning] : undefined;
      let style = styles[c]!;
      if (argb) {
        style = filled.get(argb) ?? { ...style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } };
        filled.set(argb, style);
      }
      row.getCell(c + 1).style = style;
    }
    row.commit();
  }
  if (seq > 0) {
    const statusColumn = columnLetter(LEDGER_SHEET_COLUMNS.findIndex((c) => c.key === 'status') + 1);
    // The streaming writer has the validations of the document model, though its typings leave them out.
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${statusColumn}3:${statusColumn}${seq + 2}`, {
      type: 'list', allowBlank: true, formulae: [`"${SHEET_STATUS_WORDS.join(',')}"`],
      showErrorMessage: false, showInputMessage: true, promptTitle: '整改状态', prompt: '从列表中选择，或照实填写（如“达到序时进度”）',
    });
  }
  await ws.protect('', PROTECTION);
  ws.commit();
}

function writeMetaSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, meta: LedgerSheetMeta): void {
  const ws = workbook.addWorksheet(META_SHEET_NAME, { state: 'veryHidden' });
  const entries: [string, string | number | null][] = [
    ['format', meta.format], ['kind', meta.kind], ['exportId', meta.exportId], ['roundId', meta.roundId], ['roundName', meta.roundName],
    ['exportedAt', meta.exportedAt], ['exportedById', meta.exportedById], ['exportedByName', meta.exportedByName],
    ['sheets', JSON.stringify(meta.sheets)], ['signature', meta.signature],
  ];
  for (const [k, v] of entries) ws.addRow([k, v === null ? '' : v]).commit();
  ws.commit();
}

/** Renders the workbook to a buffer (rows are written and released one by one). */
export async function renderRoundtripXlsx(book: RoundtripBook): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
  const workbook = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 3 } } });
  workbook.creator = 'Rectify';
  for (const sheet of book.sheets) await writeDataSheet(workbook, sheet);
  writeMetaSheet(workbook, book.meta);
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
