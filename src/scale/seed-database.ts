/**
 * Fills the configured database with the national-scale dataset: migrates it, refuses one that already holds a
 * ledger (the generator chooses the ids), writes through the bulk sink and gives back what it wrote.
 */
import type { Config } from '../config.js';
import { openContext } from '../bootstrap.js';
import { AppError } from '../core/errors.js';
import { hashPassword } from '../services/passwords.js';
import { openBulkSink } from './bulk-sink.js';
import { SCALE_TABLES, seedScale, type ScaleOptions, type ScaleSummary } from './seed-scale.js';
import { backfillAssignmentStates } from '../db/migrations/018-state-history.js';
import { countRows } from '../db/database.js';

/** The bulk sink writes assignments past the repositories: give each its state history (as-of reads) as a migration would. */
async function backfillHistory(config: Config, progress?: (message: string) => void): Promise<void> {
  progress?.('assignment_states: history of each assignment from its creation');
  const ctx = await openContext(config);
  try {
    await backfillAssignmentStates(ctx.db, ctx.dialect);
  } finally {
    await ctx.close();
  }
}

export async function seedScaleDatabase(config: Config, opts: Omit<ScaleOptions, 'passwordHash'> & { password: string }, progress?: (message: string) => void): Promise<ScaleSummary> {
  const ctx = await openContext(config);
  try {
    for (const table of ['org_units', 'users', 'audit_events'] as const) {
      if (await countRows(ctx.db, table) > 0) throw new AppError('ALREADY_EXISTS', `数据库中已有数据（${table} 表非空）：请对空数据库运行 seed-scale（换一个 SQLITE_PATH 或新建 PostgreSQL 数据库）`);
    }
  } finally {
    await ctx.close();
  }
  const passwordHash = await hashPassword(opts.password);
  const sink = await openBulkSink(config.database);
  try {
    const summary = await seedScale(sink, ctx.files, { ...opts, passwordHash }, progress);
    await sink.finish(SCALE_TABLES);
    await backfillHistory(config, progress);
    return summary;
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
