/**
 * Background work that never holds the event loop for long: items are handled in transactions that each stop after
 * a small time budget, and the event loop runs (requests are answered, SQLite's one connection is free) between them.
 * With better-sqlite3 every query runs synchronously on the main thread, so without these yields a pass over a
 * national ledger would answer nothing for seconds.
 */
import type { Conn, Db, Tx } from '../db/database.js';

/** A batch of background work stops once it has run this long (then the event loop gets its turn). */
export const BATCH_BUDGET_MS = 8;

/** Lets every request that arrived meanwhile run (setImmediate: after the pending I/O callbacks). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `each` for every item, in order, in transactions of at most `budgetMs` of work (at least one item each),
 * yielding to the event loop between them; returns the sum of what `each` returned. A failure rolls back only the
 * batch under way; what earlier batches did stays (callers make their work safe to repeat).
 */
export async function inTimedBatches<T>(
  db: Db, items: readonly T[], each: (tx: Tx, item: T) => Promise<number>, opts: { budgetMs?: number; setup?: (tx: Conn) => Promise<void> } = {},
): Promise<number> {
  const budget = opts.budgetMs ?? BATCH_BUDGET_MS;
  let total = 0;
  for (let i = 0; i < items.length;) {
    total += await db.transaction().execute(async (tx) => {
      const started = performance.now();
      let sum = 0;
      await opts.setup?.(tx);
      do sum += await each(tx, items[i++]!);
      while (i < items.length && performance.now() - started < budget);
      return sum;
    });
    if (i < items.length) await yieldToEventLoop();
  }
  return total;
}
