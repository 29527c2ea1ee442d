/**
 * The front door for a returned sheet (web upload and `rectify import`): read it, then preview or apply. The reading
 * of a previewed file is kept for a while (its compact form, by the bytes' hash), so applying the same file right
 * after reuses it instead of reading the workbook again.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import { EDITABLE_FIELDS, type LedgerColumnKey } from '../../core/ledger-sheet.js';
import { MAX_INPUT_BYTES } from '../../import/index.js';
import type { LedgerSheetFile } from '../../import/ledger-sheet-xlsx.js';
import type { AppContext } from '../context.js';
import { budgetsFor, runParseJob } from '../parse-jobs.js';
import type { Access } from '../access.js';
import { analyzeSheet, presentAnalysis, type AnalyzeOptions, type SheetPreview } from './analyze.js';
import { applySheetImport, type ApplyChoices, type ApplyOptions, type ApplySummary } from './apply.js';

export interface SheetUpload { name: string; data: Uint8Array }

/** The cells a returned sheet is compared by: the row's identity and the editable columns (the rest is display). */
const KEPT_CELLS: readonly LedgerColumnKey[] = ['rowId', 'version', 'check', ...EDITABLE_FIELDS];
/** How long a reading is kept, and how many rows the kept readings may hold together (the oldest go first). */
const READING_TTL_MS = 30 * 60_000;
const READING_MAX_ROWS = 20_000;

interface Kept { file: LedgerSheetFile; rows: number; until: number }
const readings = new Map<string, Kept>();

function readingKey(ctx: AppContext, data: Uint8Array): string {
  // The budgets are part of the key: a reading made under looser limits is not reused where they are tighter.
  return `${createHash('sha256').update(data).digest('hex')}:${JSON.stringify(budgetsFor(ctx.config, 'ledger-sheet'))}`;
}

function keep(key: string, file: LedgerSheetFile): void {
  const now = Date.now();
  for (const [k, r] of readings) if (r.until <= now) readings.delete(k);
  const rows = file.sheets.reduce((n, s) => n + s.rows.length, 0);
  if (rows > READING_MAX_ROWS) return;
  const compact: LedgerSheetFile = {
    fileName: file.fileName, meta: file.meta,
    sheets: file.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => ({ line: r.line, cells: Object.fromEntries(KEPT_CELLS.map((k) => [k, r.cells[k] ?? null])) })) })),
  };
  readings.delete(key);
  readings.set(key, { file: compact, rows, until: now + READING_TTL_MS });
  let total = [...readings.values()].reduce((n, r) => n + r.rows, 0);
  for (const [k, r] of readings) {
    if (total <= READING_MAX_ROWS) break;
    readings.delete(k);
    total -= r.rows;
  }
}

/** The reading kept for these bytes (named as this upload), if any. */
function kept(key: string, name: string): LedgerSheetFile | null {
  const r = readings.get(key);
  if (!r || r.until <= Date.now()) { readings.delete(key); return null; }
  return { ...r.file, fileName: name };
}

/** Reads the workbook in the parse pool (off the main thread, under the sheet budgets). */
export async function readSheetUpload(ctx: AppContext, upload: SheetUpload): Promise<LedgerSheetFile> {
  if (upload.data.length > MAX_INPUT_BYTES) throw new AppError('FILE_TOO_LARGE', `${upload.name}: 文件超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB，拒绝读取`);
  if (upload.data.length === 0) throw new AppError('BAD_FILE', `${upload.name}: 文件为空`);
  return runParseJob(ctx, 'ledger-sheet', upload, {});
}

/** What the file would change, conflict on or be refused; writes nothing. Its reading is kept for the apply. */
export async function previewSheetImport(ctx: AppContext, access: Access, upload: SheetUpload, opts: AnalyzeOptions = {}): Promise<SheetPreview> {
  const file = await readSheetUpload(ctx, upload);
  keep(readingKey(ctx, upload.data), file);
  return presentAnalysis(await analyzeSheet(ctx, ctx.db, access, file, opts));
}

/** Applies the file, all or nothing (with the preview's reading of the same bytes when it is still kept). */
export async function applySheetUpload(ctx: AppContext, access: Access, upload: SheetUpload, choices: ApplyChoices, opts: ApplyOptions = {}): Promise<ApplySummary> {
  const key = readingKey(ctx, upload.data);
  const file = kept(key, upload.name) ?? await readSheetUpload(ctx, upload);
  const summary = await applySheetImport(ctx, access, file, upload.data, choices, opts);
  // Applied: the same file again would change nothing, so its reading need not be kept.
  readings.delete(key);
  return summary;
}

/** How many readings are kept (for tests). */
export function keptReadings(): number {
  return readings.size;
}
