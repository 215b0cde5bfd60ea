import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { rowsOf } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { rateLimitWindows } from './db.ts';

/**
 * The request caps of @fastify/rate-limit counted in the database instead of in each process's memory,
 * so several instances behind one address share one count: 20 sign-in requests a minute means 20 in
 * all, not 20 per instance. Fixed windows, like the plugin's own stores: the first request of a key opens
 * a window of `timeWindow` ms; every request in it adds one (one atomic INSERT … ON CONFLICT … RETURNING,
 * so concurrent requests on any instance never lose a count); the first request after it opens a new one.
 * Times are the database's (`now()`), so instances with drifting clocks still agree on the window.
 *
 * Keys are keyed hashes of route and caller (an IP address or a person id), never the caller in the clear.
 * The same store serves PGlite and PostgreSQL.
 */

export interface RateLimitCount {
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

type Callback = (error: Error | null, result?: RateLimitCount) => void;

/** What the plugin passes to a store for a route (merged options, with the route as `routeInfo`). */
interface ChildOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}

/** Counts one request for `key` in its current window (opening one when none is running). */
export async function countRequest(
  db: DbOrTx,
  key: string,
  timeWindowMs: number,
  options: { max: number; continueExceeding: boolean },
): Promise<RateLimitCount> {
  const window = sql`(${`${Math.max(1, Math.trunc(timeWindowMs))} milliseconds`})::interval`;
  const ended = sql`${rateLimitWindows.expiresAt} <= now()`;
  // continueExceeding: a caller still sending over the cap keeps pushing the end of its window out.
  const restart = options.continueExceeding ? sql`(${ended} OR ${rateLimitWindows.count} + 1 > ${options.max})` : ended;
  const result = await db.execute(sql`
    INSERT INTO ${rateLimitWindows} (key, count, window_start, expires_at)
    VALUES (${key}, 1, now(), now() + ${window})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN ${ended} THEN 1 ELSE ${rateLimitWindows.count} + 1 END,
      window_start = CASE WHEN ${ended} THEN now() ELSE ${rateLimitWindows.windowStart} END,
      expires_at = CASE WHEN ${restart} THEN now() + ${window} ELSE ${rateLimitWindows.expiresAt} END
    RETURNING count, GREATEST(0, CEIL(EXTRACT(EPOCH FROM (expires_at - now())) * 1000))::float8 AS ttl`);
  const row = rowsOf<{ count: number | string; ttl: number | string }>(result)[0];
  return { current: Number(row?.count ?? 1), ttl: Number(row?.ttl ?? timeWindowMs) };
}

/** The count of `key`'s running window without adding to it; zero when none runs. */
export async function peekRequests(db: DbOrTx, key: string): Promise<RateLimitCount> {
  const result = await db.execute(sql`
    SELECT count, GREATEST(0, CEIL(EXTRACT(EPOCH FROM (expires_at - now())) * 1000))::float8 AS ttl
    FROM ${rateLimitWindows} WHERE key = ${key} AND expires_at > now()`);
  const row = rowsOf<{ count: number | string; ttl: number | string }>(result)[0];
  return row ? { current: Number(row.count), ttl: Number(row.ttl) } : { current: 0, ttl: 0 };
}

/** Removes the windows that ended (the sweep job); answers how many. */
export async function sweepRateLimitWindows(db: DbOrTx): Promise<number> {
  const removed = await db
    .delete(rateLimitWindows)
    .where(lt(rateLimitWindows.expiresAt, sql`now()`))
    .returning({ key: rateLimitWindows.key });
  return removed.length;
}

/**
 * The store class @fastify/rate-limit takes as its `store` option (it calls `new Store(options)` once
 * and `child(routeOptions)` per route that asks for a cap). Bound to the app's database and keyring.
 */
export function databaseRateLimitStore(db: DbOrTx, keyring: Keyring): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly #scope: string;
    readonly #continueExceeding: boolean;

    constructor(options: ChildOptions, scope = 'global') {
      // Exponential back-off would need a count of windows; no route here asks for it, so refuse it loudly.
      if (options.exponentialBackoff) throw new Error('The database rate-limit store has no exponentialBackoff');
      this.#scope = scope;
      this.#continueExceeding = options.continueExceeding === true;
    }

    #keyOf(key: string): string {
      return keyring.keyedHash('rate-limit', `${this.#scope}\n${key}`);
    }

    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      countRequest(db, this.#keyOf(key), timeWindow, { max, continueExceeding: this.#continueExceeding }).then(
        (count) => callback(null, count),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback): void {
      peekRequests(db, this.#keyOf(key)).then(
        (count) => callback(null, count),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      const options = routeOptions as ChildOptions;
      const method = [options.routeInfo?.method ?? ''].flat().join(',');
      return new DatabaseRateLimitStore(options, `${method} ${options.routeInfo?.url ?? ''}`);
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
