/**
 * A store for @fastify/rate-limit that keeps its counters in the database, so every server instance on one database
 * counts the same client's requests together (the plugin's default store is per-process memory: behind a load
 * balancer over N instances a client would get N times the limit). Windows are fixed, as in the default store;
 * the plugin's `continueExceeding` and `exponentialBackoff` options are not implemented (no route uses them).
 */
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/database.js';
import { countRequest, sweepRateLimits } from '../services/rate-limits.js';

/** Ended windows are swept at most this often per instance. */
const SWEEP_EVERY_MS = 60_000;

type Incr = FastifyRateLimitStore['incr'];
type RouteInfo = { method?: string | string[]; url?: string };

/** The store class to pass as the plugin's `store` option; it counts in `db`. */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let nextSweep = 0;
  const sweep = (now: Date) => {
    if (now.getTime() < nextSweep) return;
    nextSweep = now.getTime() + SWEEP_EVERY_MS;
    // Best effort: a failed sweep leaves rows that the next one deletes; counting never depends on it.
    void sweepRateLimits(db, now).catch(() => undefined);
  };

  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    /** `prefix` keeps each route's counters apart (the plugin makes one child store per limited route). */
    constructor(_options: FastifyRateLimitOptions, private readonly prefix = '') {}

    incr(...[key, callback, timeWindow]: Parameters<Incr>): void {
      const now = new Date();
      countRequest(db, `${this.prefix}${key}`, now, timeWindow).then(
        (hit) => callback(null, { current: hit.hits, ttl: Math.max(0, Date.parse(hit.windowEnds) - now.getTime()) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
      sweep(now);
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // At run time the plugin passes its merged options with the route under `routeInfo` (as its Redis store reads it).
      const route = (routeOptions as unknown as { routeInfo?: RouteInfo }).routeInfo ?? {};
      const method = Array.isArray(route.method) ? route.method.join(',') : route.method ?? '';
      return new DatabaseRateLimitStore(routeOptions, `${this.prefix}${method} ${route.url ?? ''}|`);
    }
  };
}
