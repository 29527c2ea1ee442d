/**
 * The spreadsheet library both converters share (`import/` reads workbooks, `export/` writes them); like them it
 * depends on `core` only. ExcelJS, loaded on first use: it is a large library that only imports and exports need, so a server that never
 * reads or writes a spreadsheet does not carry it (about 20 MB of resident memory).
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

export function loadExcel(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}
