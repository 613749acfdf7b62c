// A small in-process cache of computed answers, each kept for a fixed time. Callers asking for the
// same key while it is being computed share the one computation; a failed computation is not kept.
import type { Clock } from './clock.js';

export interface TtlCache<T> {
  /** The cached value of `key`, or the result of `compute()` (kept for the time to live). */
  get(key: string, compute: () => Promise<T>): Promise<T>;
  clear(): void;
}

export function createTtlCache<T>(opts: { ttlMs: number; clock: Clock; maxEntries?: number }): TtlCache<T> {
  const { ttlMs, clock } = opts;
  const maxEntries = opts.maxEntries ?? 100;
  const entries = new Map<string, { value: Promise<T>; expiresAt: number }>();
  return {
    get(key, compute) {
      const now = clock.now().getTime();
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now) return hit.value;
      if (hit) entries.delete(key);
      const entry = { value: compute(), expiresAt: Number.POSITIVE_INFINITY };
      entries.set(key, entry);
      // Oldest first: a Map iterates in insertion order.
      for (const k of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(k);
      }
      entry.value.then(
        () => {
          entry.expiresAt = clock.now().getTime() + ttlMs;
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      return entry.value;
    },
    clear() {
      entries.clear();
    },
  };
}
