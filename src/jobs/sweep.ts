/**
 * The daily reminder sweep, part by part: each part lists what it looks at (reading its settings), then handles the
 * items in transactions of a few milliseconds with the event loop free between them, so a national sweep never
 * holds the server. Dedupe keys make every item safe to repeat: a sweep that fails half-way and is retried creates
 * only what the failed part had not.
 */
import type { AppContext } from '../services/context.js';
import type { Conn, Tx } from '../db/database.js';
import { inTimedBatches } from '../services/batches.js';

export interface SweepPart<T> {
  list(db: Conn): Promise<T[]>;
  each(tx: Tx, item: T): Promise<number>;
}

/** Runs one part: its list, then its items in timed batches; returns how many notifications it created. */
export async function runSweepPart<T>(ctx: AppContext, part: SweepPart<T>, opts: { budgetMs?: number } = {}): Promise<number> {
  const items = await part.list(ctx.db);
  return inTimedBatches(ctx.db, items, (tx, item) => part.each(tx, item), opts);
}

