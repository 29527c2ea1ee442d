/** Reads a report file (any supported format, in the parse pool) and loads it: the one path of the CLI's and the web's import. */
import type { AppContext } from './context.js';
import type { Actor } from '../db/audit.repository.js';
import type { ImportCorrection } from '../core/report.js';
import { importParsedReport, type ImportOptions, type ImportSummary } from './import-report.js';
import { runParseJob } from './parse-jobs.js';

/** `corrections`: what a person corrected in the web preview, applied to the reading exactly as the preview did. */
export async function importReportFile(
  ctx: AppContext, actor: Actor, file: { name: string; data: Uint8Array }, opts: ImportOptions & { corrections?: ImportCorrection[] } = {},
): Promise<ImportSummary> {
  const { corrections, ...options } = opts;
  const parsed = await runParseJob(ctx, 'report', file, { corrections });
  return importParsedReport(ctx, actor, parsed, file, options);
}
