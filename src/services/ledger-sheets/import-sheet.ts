/** The front door for a returned sheet (web upload and `rectify import`): read it, then preview or apply. */
import { AppError } from '../../core/errors.js';
import { MAX_INPUT_BYTES } from '../../import/index.js';
import { readLedgerSheetXlsx, type LedgerSheetFile } from '../../import/ledger-sheet-xlsx.js';
import type { AppContext } from '../context.js';
import type { Access } from '../access.js';
import { analyzeSheet, presentAnalysis, type AnalyzeOptions, type SheetPreview } from './analyze.js';
import { applySheetImport, type ApplyChoices, type ApplySummary } from './apply.js';

export interface SheetUpload { name: string; data: Uint8Array }

/** Reads the workbook (a pure step: the worker pool may run it instead). */
export function readSheetUpload(upload: SheetUpload): LedgerSheetFile {
  if (upload.data.length > MAX_INPUT_BYTES) throw new AppError('FILE_TOO_LARGE', `${upload.name}: 文件超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB，拒绝读取`);
  if (upload.data.length === 0) throw new AppError('BAD_FILE', `${upload.name}: 文件为空`);
  return readLedgerSheetXlsx(upload.data, upload.name);
}

/** What the file would change, conflict on or be refused; writes nothing. */
export async function previewSheetImport(ctx: AppContext, access: Access, upload: SheetUpload, opts: AnalyzeOptions = {}): Promise<SheetPreview> {
  return presentAnalysis(await analyzeSheet(ctx, ctx.db, access, readSheetUpload(upload), opts));
}

/** Applies the file, all or nothing. */
export async function applySheetUpload(ctx: AppContext, access: Access, upload: SheetUpload, choices: ApplyChoices, opts: AnalyzeOptions = {}): Promise<ApplySummary> {
  return applySheetImport(ctx, access, readSheetUpload(upload), upload.data, choices, opts);
}
