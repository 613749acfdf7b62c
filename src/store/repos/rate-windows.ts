// Fixed-window counters shared by every process on the database (migration 0017). A hit is one
// UPSERT … RETURNING: a new key, or one whose window has ended, starts again at 1; otherwise the
// count goes up by one. The row lock the UPSERT takes serialises hits on one key, so two processes
// counting the same caller never lose a hit. Times are milliseconds since the epoch.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Queryable } from './types.js';

export interface RateWindowsTable {
  /** HMAC of the limiter's key (never an address or id in clear). */
  key_hash: string;
  hits: number;
  reset_at: number;
}

export interface RateWindowDatabase extends Database {
  rate_windows: RateWindowsTable;
}

const windowsDb = (db: Queryable): Kysely<RateWindowDatabase> => db as unknown as Kysely<RateWindowDatabase>;

export interface WindowState {
  hits: number;
  resetAt: number;
}

export const rateWindowsRepo = {
  /** Counts one hit of `keyHash` at `now` in a window of `windowMs`; returns the window after it. */
  async hit(db: Queryable, keyHash: string, now: number, windowMs: number): Promise<WindowState> {
    const ended = sql<boolean>`rate_windows.reset_at <= cast(${now} as bigint)`;
    const r = await windowsDb(db)
      .insertInto('rate_windows')
      .values({ key_hash: keyHash, hits: 1, reset_at: now + windowMs })
      .onConflict((oc) =>
        oc.column('key_hash').doUpdateSet({
          hits: sql<number>`case when ${ended} then 1 else rate_windows.hits + 1 end`,
          reset_at: sql<number>`case when ${ended} then cast(${now + windowMs} as bigint) else rate_windows.reset_at end`,
        }),
      )
      .returning(['hits', 'reset_at'])
      .executeTakeFirstOrThrow();
    return { hits: Number(r.hits), resetAt: Number(r.reset_at) };
  },

  /** The window of `keyHash` still running at `now`, if any. */
  async current(db: Queryable, keyHash: string, now: number): Promise<WindowState | undefined> {
    const r = await windowsDb(db).selectFrom('rate_windows').select(['hits', 'reset_at']).where('key_hash', '=', keyHash).where('reset_at', '>', now).executeTakeFirst();
    return r && { hits: Number(r.hits), resetAt: Number(r.reset_at) };
  },

  /** Deletes windows that ended before `now` (a loop does, so the table holds only live callers). */
  async removeEnded(db: Queryable, now: number): Promise<number> {
    const r = await windowsDb(db).deleteFrom('rate_windows').where('reset_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
