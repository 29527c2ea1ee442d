/**
 * Which reader a file goes to when nothing says: a spreadsheet is read as a plan table (its errors say which columns
 * it lacks); a Word document whose main content is a plan table too; anything else by the report reader.
 * Used by `rectify parse` (through the parse pool).
 */
import type { ParsedReport } from '../core/report.js';
import { sniff } from './detect.js';
import { parseReport, type ParseOptions } from './index.js';
import { detectPlanTable, parsePlanTable } from './plan-table/index.js';

const SPREADSHEET = /\.(xlsx|xlsm|xls|et|ods)$/i;

export async function readDocument(input: { data: Uint8Array; name: string }, options: ParseOptions = {}): Promise<ParsedReport> {
  const kind = sniff(input.data);
  if (kind === 'zip' || (kind === 'ole' && SPREADSHEET.test(input.name))) {
    const detected = await detectPlanTable(input, { soffice: options.soffice });
    if (detected.isPlan || detected.format === 'spreadsheet') return parsePlanTable(input, { soffice: options.soffice });
  }
  return parseReport(input, options);
}
