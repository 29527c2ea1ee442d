/**
 * The one way services read an uploaded file: in the parse pool (src/import/pool), off the main thread, under the
 * job kind's budgets with the deployment's overrides (config PARSE_*). One pool per process and pool settings, shared
 * by every app and command in it; `closeParsePools` ends their workers (the server calls it when it stops).
 */
import type { Config } from '../config.js';
import { PARSE_JOBS } from '../import/pool/job-kinds.js';
import { ParsePool, withOverrides, type ParseBudgets, type ParseJobInput, type ParseJobName, type ParseJobOptions, type ParseJobResult } from '../import/pool/index.js';
import type { AppContext } from './context.js';

const pools = new Map<string, ParsePool>();

/** The process's pool for these settings (started lazily: no thread runs until the first job). */
export function parsePoolFor(config: Pick<Config, 'parse'>): ParsePool {
  const { workers, queue, heapMb } = config.parse;
  const key = `${workers}/${queue}/${heapMb}`;
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = new ParsePool({ workers, queue, heapMb })));
  return pool;
}

/** A job kind's budgets under this deployment's overrides. */
export function budgetsFor(config: Pick<Config, 'parse'>, kind: ParseJobName): ParseBudgets {
  return withOverrides(PARSE_JOBS[kind].budgets, config.parse.budgets);
}

/**
 * Reads a file with the reader of `kind` in a worker thread. Throws what the reader throws (AppError naming the file),
 * FILE_TOO_LARGE / FILE_TOO_COMPLEX over a budget, BUSY when every reader is taken and the queue is full.
 */
export function runParseJob<K extends ParseJobName>(
  ctx: Pick<AppContext, 'config'>,
  kind: K,
  input: ParseJobInput,
  options: ParseJobOptions<K>,
): Promise<ParseJobResult<K>> {
  return parsePoolFor(ctx.config).run(kind, input, options, budgetsFor(ctx.config, kind));
}

/** Ends the workers of every pool of this process. */
export async function closeParsePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}
