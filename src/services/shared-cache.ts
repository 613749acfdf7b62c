// A process's TTL cache (adapters/ttl-cache) made to drop its answers when any process announces a
// change: every get reads the answer's epoch (one primary-key read) and keys the entry by it, and
// `invalidate` bumps the epoch in the database. Without an announced change an entry lives its TTL.
import type { Kysely } from 'kysely';
import type { TtlCache } from '../adapters/ttl-cache.js';
import type { Database } from '../store/schema.js';
import { cacheEpochsRepo } from '../store/repos/cache-epochs.js';

export interface SharedTtlCache<T> extends TtlCache<T> {
  /** Makes every process's cached answers stale at once (this one's are dropped as well). */
  invalidate(): Promise<void>;
}

export function withSharedEpoch<T>(cache: TtlCache<T>, deps: { db: Kysely<Database>; read: Kysely<Database>; name: string }): SharedTtlCache<T> {
  return {
    async get(key, compute) {
      // Read where the answer is computed from (the replica, if any), so a new epoch is only seen
      // together with the change it announces.
      const epoch = await cacheEpochsRepo.current(deps.read, deps.name);
      return cache.get(`${epoch}|${key}`, compute);
    },
    clear: () => cache.clear(),
    async invalidate() {
      cache.clear();
      await cacheEpochsRepo.bump(deps.db, deps.name);
    },
  };
}
