// Fixed-window counters shared by every process on the database (migration 0017). Hits are counted
// by UPSERT … RETURNING: a new key, or one whose window has ended, starts again at the hits counted;
// otherwise the count goes up by them. The row lock the UPSERT takes serialises hits on one key, so two processes
// counting the same caller never lose a hit. Times are milliseconds since the epoch.
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Queryable } from './types.js';
import { preparedQuery } from '../prepared.js';

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

// Asked on every bearer request (is this address blocked for failed tokens?): compiled once.
const currentQ = preparedQuery<{ hits: number; reset_at: number }>(
  2,
  (db, keyHash, now) =>
    windowsDb(db)
      .selectFrom('rate_windows')
      .select(['hits', 'reset_at'])
      .where('key_hash', '=', keyHash!)
      .where('reset_at', '>', now as unknown as number),
  { readOnly: true },
);

async function hitBy(db: Queryable, keyHash: string, hits: number, now: number, windowMs: number): Promise<WindowState> {
  const ended = sql<boolean>`rate_windows.reset_at <= cast(${now} as bigint)`;
  const r = await windowsDb(db)
    .insertInto('rate_windows')
    .values({ key_hash: keyHash, hits, reset_at: now + windowMs })
    .onConflict((oc) =>
      oc.column('key_hash').doUpdateSet({
        hits: sql<number>`case when ${ended} then cast(${hits} as integer) else rate_windows.hits + cast(${hits} as integer) end`,
        reset_at: sql<number>`case when ${ended} then cast(${now + windowMs} as bigint) else rate_windows.reset_at end`,
      }),
    )
    .returning(['hits', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(r.hits), resetAt: Number(r.reset_at) };
}

export const rateWindowsRepo = {
  /** Counts one hit of `keyHash` at `now` in a window of `windowMs`; returns the window after it. */
  hit: (db: Queryable, keyHash: string, now: number, windowMs: number): Promise<WindowState> => hitBy(db, keyHash, 1, now, windowMs),

  /** Counts `hits` hits of `keyHash` at once (what a process counted locally, and this one). */
  hitBy: (db: Queryable, keyHash: string, hits: number, now: number, windowMs: number): Promise<WindowState> => hitBy(db, keyHash, hits, now, windowMs),

  /**
   * Counts `hits` more of each key at once (one statement on PostgreSQL), each in a window of its
   * own length; returns every key's window after it. Rows are locked in key order, so two processes
   * flushing overlapping keys wait for each other instead of deadlocking.
   */
  async hitMany(db: Queryable, rows: ReadonlyArray<{ keyHash: string; hits: number; windowMs: number }>, now: number): Promise<Map<string, WindowState>> {
    const out = new Map<string, WindowState>();
    const sorted = [...rows].sort((a, b) => (a.keyHash < b.keyHash ? -1 : a.keyHash > b.keyHash ? 1 : 0));
    if (sorted.length === 0) return out;
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
      // SQLite: one writer anyway; the rows one after another in one transaction.
      await db.transaction().execute(async (trx) => {
        for (const r of sorted) out.set(r.keyHash, await hitBy(trx, r.keyHash, r.hits, now, r.windowMs));
      });
      return out;
    }
    const ended = sql`rate_windows.reset_at <= cast(${now} as bigint)`;
    const result = await sql<{ key_hash: string; hits: number; reset_at: number }>`
      insert into rate_windows (key_hash, hits, reset_at)
      select k, h, cast(${now} as bigint) + w from unnest(${sorted.map((r) => r.keyHash)}::text[], ${sorted.map((r) => r.hits)}::int[], ${sorted.map((r) => r.windowMs)}::bigint[]) as t(k, h, w)
      order by k
      on conflict (key_hash) do update set
        hits = case when ${ended} then excluded.hits else rate_windows.hits + excluded.hits end,
        reset_at = case when ${ended} then excluded.reset_at else rate_windows.reset_at end
      returning key_hash, hits, reset_at`.execute(db);
    for (const r of result.rows) out.set(r.key_hash, { hits: Number(r.hits), resetAt: Number(r.reset_at) });
    return out;
  },

  /** The window of `keyHash` still running at `now`, if any. */
  async current(db: Queryable, keyHash: string, now: number): Promise<WindowState | undefined> {
    const r = (await currentQ(db, keyHash, now)).rows[0];
    return r && { hits: Number(r.hits), resetAt: Number(r.reset_at) };
  },

  /** Deletes windows that ended before `now` (a loop does, so the table holds only live callers). */
  async removeEnded(db: Queryable, now: number): Promise<number> {
    const r = await windowsDb(db).deleteFrom('rate_windows').where('reset_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
