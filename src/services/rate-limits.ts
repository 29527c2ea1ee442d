/** Requests counted per client and route in the database (the server's rate-limit store), so every instance counts together. */
import type { Conn } from '../db/database.js';
import { deleteExpiredRateLimits, hitRateLimit, type RateLimitHit } from '../db/rate-limits.repository.js';

/** Counts one request under `key` in its fixed window of `windowMs`, opening a new window when the last one ended. */
export function countRequest(db: Conn, key: string, now: Date, windowMs: number): Promise<RateLimitHit> {
  return hitRateLimit(db, key, now, windowMs);
}

/** Deletes the counters of windows ended before `now`; gives how many. */
export function sweepRateLimits(db: Conn, now: Date): Promise<number> {
  return deleteExpiredRateLimits(db, now.toISOString());
}
