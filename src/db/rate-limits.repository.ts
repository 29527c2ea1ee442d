/**
 * Fixed-window hit counters shared by every server instance (see src/server/rate-limit-store.ts). Counting is one
 * upsert, atomic on both dialects: concurrent hits on any instance each see their own count, never a lost update.
 */
import { sql } from 'kysely';
import type { Conn } from './database.js';

export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  hits: number;
  /** When the current window ends (ISO-8601 UTC). */
  windowEnds: string;
}

/** Counts a hit on `key` at `now`: the first hit after a window ended starts a new one of `windowMs`. */
export async function hitRateLimit(db: Conn, key: string, now: Date, windowMs: number): Promise<RateLimitHit> {
  const at = now.toISOString();
  const ends = new Date(now.getTime() + windowMs).toISOString();
  const expired = sql<boolean>`rate_limits.window_ends <= ${at}`;
  const row = await db.insertInto('rate_limits').values({ key, hits: 1, window_ends: ends })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      hits: sql<number>`CASE WHEN ${expired} THEN 1 ELSE rate_limits.hits + 1 END`,
      window_ends: sql<string>`CASE WHEN ${expired} THEN excluded.window_ends ELSE rate_limits.window_ends END`,
    }))
    .returning(['hits', 'window_ends'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), windowEnds: row.window_ends };
}

/** Deletes counters whose window ended before `before`; returns how many. */
export async function deleteExpiredRateLimits(db: Conn, before: string): Promise<number> {
  const res = await db.deleteFrom('rate_limits').where('window_ends', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
