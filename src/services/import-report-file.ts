/**
 * Reads a report file (any supported format, in the parse pool) and loads it through import-parsed-report.ts: the path
 * of the CLI's import; and the list of imported files.
 */
import type { AppContext } from './context.js';
import type { Actor } from '../db/audit.repository.js';
import { importParsedReport, type ImportOptions, type ImportSummary } from './import-parsed-report.js';
import { runParseJob } from './parse-jobs.js';
import { listImports, type ImportRecord } from '../db/imports.repository.js';

export async function importReportFile(ctx: AppContext, actor: Actor, file: { name: string; data: Uint8Array }, opts: ImportOptions = {}): Promise<ImportSummary> {
  const parsed = await runParseJob(ctx, 'report', file, {});
  return importParsedReport(ctx, actor, parsed, file, opts);
}

/** Imported report files of units in the reader's scope, newest first. */
export async function listImportedFiles(ctx: AppContext, scopePaths: readonly string[]): Promise<ImportRecord[]> {
  return listImports(ctx.db, scopePaths);
}
