/** Reads a report file (any supported format) and loads it: the one path used by the CLI and the web upload. */
import type { AppContext } from './context.js';
import type { Actor } from '../db/audit.repository.js';
import { parseReport } from '../import/index.js';
import { importParsedReport, type ImportOptions, type ImportSummary } from './import-report.js';

export async function importReportFile(ctx: AppContext, actor: Actor, file: { name: string; data: Uint8Array }, opts: ImportOptions = {}): Promise<ImportSummary> {
  const parsed = await parseReport(file);
  return importParsedReport(ctx, actor, parsed, file, opts);
}
