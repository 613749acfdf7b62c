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
export function createDatabaseFailureLimiter(opts: SharedLimitOptions & { max: number; windowMs: number }): FailureLimiter {
  const hash = hasher(opts.secret, 'auth-failures');
  return {
    async blockedFor(key) {
      const now = opts.now();
      const w = await rateWindowsRepo.current(opts.db, hash(key), now);
      return w && w.hits >= opts.max ? w.resetAt - now : 0;
    },
    async record(key) {
      await rateWindowsRepo.hit(opts.db, hash(key), opts.now(), opts.windowMs);
    },
  };
}
