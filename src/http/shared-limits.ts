// The request-rate limit and the failed-token limit shared by every process on one PostgreSQL
// database (server mode behind a load balancer): both count in `rate_windows` (migration 0017), so
// N requests spread over any number of processes meet the same limit as N sent to one. Failed tokens
// are one UPSERT … RETURNING each; requests are batched (batched-windows.ts: exact from half the
// limit on). Keys are HMACed before they are stored: the table never holds an address, a person's
// hash or an account id in clear. SQLite keeps the in-memory limiters.
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { rateWindowsRepo } from '../store/repos/rate-windows.js';
import type { FailureLimiter } from './auth-failures.js';
import type { BatchedWindows } from './batched-windows.js';

export interface SharedLimitOptions {
  db: Kysely<Database>;
  /** Key of the HMAC the caller keys are stored under (derived from the installation's secret). */
  secret: Buffer;
  now: () => number;
}

function hasher(secret: Buffer, namespace: string): (key: string) => string {
  const k = createHmac('sha256', secret).update('khwamdee rate windows v1').digest();
  return (key) => createHmac('sha256', k).update(`${namespace}\n${key}`).digest('base64url');
}

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit (its `store` option takes a class, constructed with the plugin's
 * parameters). Hits are counted through `windows` (batched-windows.ts): no round trip per request
 * while a caller is far below its limit.
 */
export function databaseRateLimitStore(opts: SharedLimitOptions & { windows: BatchedWindows }) {
  const { windows } = opts;
  return class DatabaseRateLimitStore {
    readonly #hash: (key: string) => string;
    /** A route with a limit of its own counts in a namespace of its own (the plugin makes it a child). */
    constructor(params?: unknown) {
      const info = (params as { routeInfo?: { method?: unknown; url?: unknown } } | undefined)?.routeInfo;
      const route = info?.url ? `:${String(info.method)} ${String(info.url)}` : '';
      this.#hash = hasher(opts.secret, `requests${route}`);
    }
    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      const now = opts.now();
      windows.hit(this.#hash(key), now, timeWindow, max).then(
        (w) => cb(null, { current: w.hits, ttl: Math.max(0, w.resetAt - now) }),
        (err: Error) => cb(err),
      );
    }
    read(key: string, cb: Callback): void {
      const now = opts.now();
      rateWindowsRepo.current(opts.db, this.#hash(key), now).then(
        (w) => cb(null, w ? { current: w.hits, ttl: Math.max(0, w.resetAt - now) } : { current: 0, ttl: 0 }),
        (err: Error) => cb(err),
      );
    }
    child(params: unknown): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(params);
    }
  };
}

/** The failed-token limiter of auth-failures.ts, counted in the database. */
/** How long an address found not blocked is not asked about again, unless it fails meanwhile. */
export const CLEAR_ADDRESS_MS = 1_000;
/** Addresses remembered as not blocked, at most (then forgotten all at once). */
const CLEAR_ADDRESSES_MAX = 10_000;

/**
 * Asking the database on every token request was one round trip of a score read's three. An address
 * found not blocked is taken as such for a second, unless it fails in this process meanwhile (its
 * failure makes the next request ask again): once an address is blocked, each other process lets
 * at most one more attempt from it through.
 */
export function createDatabaseFailureLimiter(opts: SharedLimitOptions & { max: number; windowMs: number }): FailureLimiter {
  const hash = hasher(opts.secret, 'auth-failures');
  const clearUntil = new Map<string, number>();
  return {
    async blockedFor(key) {
      const now = opts.now();
      if ((clearUntil.get(key) ?? 0) > now) return 0;
      const w = await rateWindowsRepo.current(opts.db, hash(key), now);
      const blocked = w && w.hits >= opts.max ? w.resetAt - now : 0;
      if (blocked > 0) clearUntil.delete(key);
      else {
        if (clearUntil.size >= CLEAR_ADDRESSES_MAX) clearUntil.clear();
        clearUntil.set(key, now + CLEAR_ADDRESS_MS);
      }
      return blocked;
    },
    async record(key) {
      clearUntil.delete(key);
      await rateWindowsRepo.hit(opts.db, hash(key), opts.now(), opts.windowMs);
    },
  };
}
