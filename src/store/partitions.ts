// The yearly partitions of `credits` on PostgreSQL (migration 0018). A credit's year is the Bangkok
// year of its deed, and deeds arrive for the current year, the previous one (within the grace
// period) and, around New Year, the next one: those three partitions are created at start and kept
// ahead by a background loop, so a deed on 1 January finds its year's partition already there. A
// row whose year has none (an old backdated deed, a clock far off) lands in `credits_default`
// instead of failing; the next pass creates that year's partition and moves the rows into it.
// SQLite has no partitions: everything here is a no-op there.
import { sql, type Kysely } from 'kysely';
import { bangkokYear } from '../core/calendar.js';
import type { LoopLogger } from '../adapters/loop.js';
import type { Dialect } from './database.js';
import type { Database } from './schema.js';
import type { Queryable } from './repos/types.js';

export const CREDITS_DEFAULT_PARTITION = 'credits_default';

// Any constant shared by every process that maintains this database's partitions.
const PARTITION_LOCK_KEY = 7_310_593_858_420_179_018n;
// SQLSTATE of a lock_timeout that expired.
const LOCK_NOT_AVAILABLE = '55P03';

/** The table holding credits of `year` (an integer year, so the name is safe to write into SQL). */
export function creditPartitionName(year: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`no partition for year ${year}`);
  return `credits_y${year}`;
}

/** The Bangkok years whose partitions must exist at `now`: last year, this year and next year. */
export function partitionYearsAround(now: Date): number[] {
  const y = bangkokYear(now);
  return [y - 1, y, y + 1];
}

/** The years that have their own partition of `credits`. */
async function partitionedYears(db: Queryable): Promise<Set<number>> {
  const r = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'credits'::regclass`.execute(db);
  return new Set(r.rows.map((row) => /^credits_y(\d{4})$/.exec(row.name)?.[1]).flatMap((y) => (y === undefined ? [] : [Number(y)])));
}

async function yearsInDefault(db: Queryable): Promise<number[]> {
  const r = await sql<{ year: number }>`select distinct year from ${sql.table(CREDITS_DEFAULT_PARTITION)}`.execute(db);
  return r.rows.map((row) => Number(row.year));
}

/**
 * Creates the partitions of `years` that are missing, and of every year found in the default
 * partition (moving those rows), so the default partition stays empty. Returns the years created.
 * Without anything to do it takes no lock; otherwise one transaction under an advisory lock (two
 * nodes starting together create each partition once).
 */
export async function ensureCreditPartitions(db: Kysely<Database>, dialect: Dialect, years: readonly number[]): Promise<number[]> {
  if (dialect !== 'postgres') return [];
  const missing = async (conn: Queryable) => {
    const have = await partitionedYears(conn);
    return [...new Set([...years, ...(await yearsInDefault(conn))])].filter((y) => !have.has(y)).sort((a, b) => a - b);
  };
  if ((await missing(db)).length === 0) return [];
  return db.transaction().execute(async (trx) => {
    // Waiting behind a long read of `credits` would make every later read wait behind this: give up
    // instead, and the next pass (a year ahead of need) tries again.
    await sql`set local lock_timeout = '5s'`.execute(trx);
    await sql`select pg_advisory_xact_lock(${PARTITION_LOCK_KEY.toString()}::bigint)`.execute(trx);
    // Rows of a year must not reach the default partition between being moved out and the attach.
    await sql`lock table ${sql.table(CREDITS_DEFAULT_PARTITION)} in access exclusive mode`.execute(trx);
    const todo = await missing(trx);
    const columns = await sql<{ name: string }>`
      select attname as name from pg_attribute
      where attrelid = 'credits'::regclass and attnum > 0 and not attisdropped order by attnum`.execute(trx);
    const cols = sql.join(columns.rows.map((c) => sql.ref(c.name)));
    for (const year of todo) {
      const part = sql.table(creditPartitionName(year));
      // Created apart and attached, rather than CREATE … PARTITION OF: attaching locks the parent in
      // SHARE UPDATE EXCLUSIVE mode, so posting into the other years goes on meanwhile. The new
      // table holds only the rows moved from the default partition, so the check on attach is short.
      await sql`create table ${part} (like credits including defaults)`.execute(trx);
      await sql`insert into ${part} (${cols}) select ${cols} from ${sql.table(CREDITS_DEFAULT_PARTITION)} where year = ${year}`.execute(trx);
      await sql`delete from ${sql.table(CREDITS_DEFAULT_PARTITION)} where year = ${year}`.execute(trx);
      await sql`alter table credits attach partition ${part} for values from (${sql.lit(year)}) to (${sql.lit(year + 1)})`.execute(trx);
    }
    return todo;
  });
}

/**
 * At start: as ensureCreditPartitions, except that a lock not had in time (another node attaching,
 * a long read of credits) does not stop the start — rows meanwhile go to the default partition and
 * the loop's next pass makes what is missing. Any other failure does.
 */
export async function ensureCreditPartitionsAtStart(db: Kysely<Database>, dialect: Dialect, now: Date, log: LoopLogger): Promise<void> {
  try {
    await ensureCreditPartitions(db, dialect, partitionYearsAround(now));
  } catch (err) {
    if ((err as { code?: string } | null)?.code !== LOCK_NOT_AVAILABLE) throw err;
    log({ loop: 'credit-partitions', err });
  }
}
