// Failed authentications per client address: a fixed window, stricter than the general rate limit,
// so API keys cannot be guessed at the speed of the network. Once an address has used up its
// failures, every bearer token from it is refused (429) until the window ends, valid or not: an
// answer that differed for a right guess would still tell the guesser it was right.
// This one is in process memory (SQLite: one process); several processes on PostgreSQL share
// theirs through the database (shared-limits.ts).

export interface FailureLimiter {
  /** Milliseconds until `key` may try again; 0 when it may try now. */
  blockedFor(key: string): number | Promise<number>;
  /** Counts one failure. */
  record(key: string): void | Promise<void>;
}

export const AUTH_FAILURE_DEFAULTS = { max: 10, windowMs: 5 * 60_000 } as const;

export function createFailureLimiter(opts: { max: number; windowMs: number; now?: () => number; maxKeys?: number }): FailureLimiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 100_000;
  const windows = new Map<string, { count: number; resetAt: number }>();

  const current = (key: string) => {
    const w = windows.get(key);
    if (w && w.resetAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  const blockedFor = (key: string) => {
    const w = current(key);
    return w && w.count >= opts.max ? w.resetAt - now() : 0;
  };

  return {
    blockedFor,
    record(key) {
      let w = current(key);
      if (!w) {
        // Bounded memory: ended windows go first, then the oldest (a Map keeps insertion order).
        if (windows.size >= maxKeys) {
          for (const [k, v] of windows) if (v.resetAt <= now()) windows.delete(k);
          for (const k of windows.keys()) {
            if (windows.size < maxKeys) break;
            windows.delete(k);
          }
        }
        w = { count: 0, resetAt: now() + opts.windowMs };
        windows.set(key, w);
      }
      w.count += 1;
    },
  };
}
