/**
 * Reads a report file (any supported format, in the parse pool) and loads it through import-parsed-report.ts: the path
 * of the CLI's and the web's import; and the list of imported files.
 */
import type { AppContext } from './context.js';
import type { Actor } from '../db/audit.repository.js';
import type { ImportCorrection } from '../core/report.js';
import { importParsedReport, type ImportOptions, type ImportSummary } from './import-parsed-report.js';
import { runParseJob } from './parse-jobs.js';
import { listImports } from '../db/imports.repository.js';
import type { ImportRecord } from '../core/api/imports.js';

/** `corrections`: what a person corrected in the web preview, applied to the reading exactly as the preview did. */
export async function importReportFile(
  ctx: AppContext, actor: Actor, file: { name: string; data: Uint8Array }, opts: ImportOptions & { corrections?: ImportCorrection[] } = {},
): Promise<ImportSummary> {
  const { corrections, ...options } = opts;
  const parsed = await runParseJob(ctx, 'report', file, { corrections });
  return importParsedReport(ctx, actor, parsed, file, options);
}

/** Imported report files of units in the reader's scope, newest first. */
export async function listImportedFiles(ctx: AppContext, scopePaths: readonly string[]): Promise<ImportRecord[]> {
  return listImports(ctx.db, scopePaths);
}
