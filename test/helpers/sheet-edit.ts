/** Filling in a round-trip sheet the way a person would in Excel (exceljs load → edit cells → save), for tests. */
import ExcelJS from 'exceljs';
import { LEDGER_SHEET_COLUMNS, type LedgerColumnKey } from '../../src/core/ledger-sheet.js';

const col = (key: LedgerColumnKey) => LEDGER_SHEET_COLUMNS.findIndex((c) => c.key === key) + 1;

export type CellEdits = Partial<Record<LedgerColumnKey, string | number | Date | null>>;

/** Applies edits to the rows with these assignment ids (any sheet); returns the saved workbook. */
export async function editSheet(data: Uint8Array, edits: Record<number, CellEdits>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  const found = new Set<number>();
  wb.eachSheet((ws) => {
    if (ws.name === '_rectify') return;
    ws.eachRow((row) => {
      const id = Number(row.getCell(col('rowId')).value);
      const e = edits[id];
      if (!e) return;
      found.add(id);
      for (const [key, value] of Object.entries(e)) row.getCell(col(key as LedgerColumnKey)).value = value;
    });
  });
  const missing = Object.keys(edits).map(Number).filter((id) => !found.has(id));
  if (missing.length) throw new Error(`rows not in the sheet: ${missing.join(', ')}`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The cell values of one row, by column key. */
export async function sheetRow(data: Uint8Array, id: number): Promise<Partial<Record<LedgerColumnKey, unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  let out: Partial<Record<LedgerColumnKey, unknown>> | undefined;
  wb.eachSheet((ws) => ws.eachRow((row) => {
    if (ws.name !== '_rectify' && Number(row.getCell(col('rowId')).value) === id) {
      out = Object.fromEntries(LEDGER_SHEET_COLUMNS.map((c, i) => [c.key, row.getCell(i + 1).value]));
    }
  }));
  if (!out) throw new Error(`row ${id} not found`);
  return out;
}
