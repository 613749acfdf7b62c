// The reads and writes of posting a whole chunk of attestations at once: a handful of set queries
// per chunk instead of several queries per item (on PostgreSQL each one is a round trip), and
// multi-row inserts. What they read is exactly what the per-item queries of posting read.
import type { Dialect } from '../database.js';
import type { AttestationsTable, CreditsTable, LogEntriesTable } from '../schema.js';
import { POSTING_COLUMNS, type PostingAccount } from './accounts.js';
import { attestationsRepo, creditsRepo, logRepo, type AttestationRow } from './attestations.js';
import { notReversed, notReversedDeed } from './reversals.js';
import type { Queryable } from './types.js';
import { preparedListQuery } from '../prepared.js';

/** One credit (not reversed) of an account as the interval rules see it. */
export interface CreditFact {
  account_id: string;
  indicator_code: string;
  year: number;
  occurred_at: string;
  points: number;
}

/** Rows per statement: well under SQLite's bound-parameter limit for the widest table. */
const SLICE = 250;

function slices<T>(xs: readonly T[], n = SLICE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

// The chunk's set queries, compiled once per list lengths (src/store/prepared.ts): the same SQL as
// building them each time, without building and compiling hundreds of values per chunk.
const accountQuery = (db: Queryable, ids: string[], hashes: string[]) =>
  db
    .selectFrom('accounts')
    .select(POSTING_COLUMNS)
    .where((eb) => eb.or([...(ids.length ? [eb('id', 'in', ids)] : []), ...(hashes.length ? [eb('identifier_hash', 'in', hashes)] : [])]))
    .orderBy('id');
const accounts = preparedListQuery<PostingAccount>(accountQuery);
const accountsLocked = preparedListQuery<PostingAccount>((db, ids, hashes) => accountQuery(db, ids, hashes).forUpdate());
const consentsOf = preparedListQuery((db, ids) => db.selectFrom('consents').select(['account_id', 'purpose']).where('account_id', 'in', ids).where('withdrawn_at', 'is', null));
const deedsOf = preparedListQuery((db, ids, groups, days) =>
  db
    .selectFrom('attestations')
    .select(['account_id', 'equivalence_group', 'bangkok_day', 'status'])
    .where('account_id', 'in', ids)
    .where('equivalence_group', 'in', groups)
    .where('bangkok_day', 'in', days)
    .where(notReversedDeed),
);
const earnedOf = preparedListQuery((db, ids, years) =>
  db
    .selectFrom('credits')
    .select((eb) => ['account_id', 'year', eb.fn.sum<number>('points').as('p')])
    .where('account_id', 'in', ids)
    .where('year', 'in', years as unknown as number[])
    .groupBy(['account_id', 'year']),
);
const creditsOfBetween = preparedListQuery((db, ids, indicators, [from, to]) =>
  db
    .selectFrom('credits')
    .select(['account_id', 'indicator_code', 'year', 'occurred_at', 'points'])
    .where('account_id', 'in', ids)
    .where('indicator_code', 'in', indicators)
    .where('occurred_at', '>=', from!)
    .where('occurred_at', '<', to!)
    .where(notReversed),
);
const totalsOf = preparedListQuery((db, ids, indicators, years) =>
  db
    .selectFrom('credits')
    .select((eb) => ['account_id', 'indicator_code', 'year', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('points').as('p')])
    .where('account_id', 'in', ids)
    .where('indicator_code', 'in', indicators)
    .where('year', 'in', years as unknown as number[])
    .where(notReversed)
    .groupBy(['account_id', 'indicator_code', 'year']),
);
const everOf = preparedListQuery((db, ids, indicators) =>
  db.selectFrom('credits').select(['account_id', 'indicator_code']).distinct().where('account_id', 'in', ids).where('indicator_code', 'in', indicators).where(notReversed),
);
const attestationsByRefs = preparedListQuery<AttestationRow>((db, [issuer], refs) =>
  db.selectFrom('attestations').selectAll().where('issuer_code', '=', issuer!).where('ref', 'in', refs),
);

export const postingBulkRepo = {
  /**
   * The accounts a chunk names, by id or national-ID hash. On PostgreSQL they are locked in id order
   * in the same statement, so two chunks naming the same people in different orders wait for each
   * other instead of deadlocking; SQLite transactions are serial already.
   */
  async accountsForPosting(db: Queryable, subjects: { ids: readonly string[]; hashes: readonly string[] }, dialect: Dialect): Promise<PostingAccount[]> {
    if (subjects.ids.length + subjects.hashes.length === 0) return [];
    return (await (dialect === 'postgres' ? accountsLocked : accounts)(db, subjects.ids, subjects.hashes)).rows;
  },

  /** Live consents of these accounts, as `account|purpose`. */
  async liveConsents(db: Queryable, accountIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const ids of slices(accountIds)) {
      const { rows } = await consentsOf(db, ids);
      for (const r of rows) out.add(`${r.account_id}|${r.purpose}`);
    }
    return out;
  },

  /** Credited or pending deeds of these accounts, acts and Bangkok days whose credit was not reversed (the same-act check). */
  async recordedDeeds(
    db: Queryable,
    accountIds: readonly string[],
    groups: readonly string[],
    days: readonly string[],
  ): Promise<Array<{ account_id: string | null; equivalence_group: string; bangkok_day: string }>> {
    const out: Array<{ account_id: string | null; equivalence_group: string; bangkok_day: string }> = [];
    if (!days.length || !groups.length) return out;
    for (const ids of slices(accountIds)) {
      const { rows } = await deedsOf(db, ids, groups, days);
      // The status is filtered here, not in SQL: with it in the query SQLite's planner takes the
      // status index and reads every credited deed of the table instead of attestations_same_act.
      for (const r of rows) if (r.status === 'credited' || r.status === 'pending') out.push(r);
    }
    return out;
  },

  /** Points of every credit by `account|year` (reversed or not: what creditsRepo.yearEarned sums). */
  async yearEarned(db: Queryable, accountIds: readonly string[], years: readonly number[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const ids of slices(accountIds)) {
      const { rows } = await earnedOf(db, ids, years);
      for (const r of rows) out.set(`${r.account_id}|${r.year}`, Number(r.p));
    }
    return out;
  },

  /** Credits not reversed of these accounts and indicators that occurred in [from, to) (the interval checks). */
  async creditsBetween(db: Queryable, accountIds: readonly string[], indicators: readonly string[], from: string, to: string): Promise<CreditFact[]> {
    const out: CreditFact[] = [];
    if (!indicators.length) return out;
    for (const ids of slices(accountIds)) {
      const { rows } = await creditsOfBetween(db, ids, indicators, [from, to]);
      for (const r of rows) out.push({ ...r, year: Number(r.year), points: Number(r.points) });
    }
    return out;
  },

  /** Count and points of credits not reversed by `account|indicator|year` (the yearly caps). */
  async yearTotals(db: Queryable, accountIds: readonly string[], indicators: readonly string[], years: readonly number[]): Promise<Map<string, { count: number; points: number }>> {
    const out = new Map<string, { count: number; points: number }>();
    if (!indicators.length) return out;
    for (const ids of slices(accountIds)) {
      const { rows } = await totalsOf(db, ids, indicators, years);
      for (const r of rows) out.set(`${r.account_id}|${r.indicator_code}|${r.year}`, { count: Number(r.n), points: Number(r.p) });
    }
    return out;
  },

  /** `account|indicator` of these accounts that ever had a credit (not reversed) of these indicators. */
  async everCredited(db: Queryable, accountIds: readonly string[], indicators: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    if (!indicators.length) return out;
    for (const ids of slices(accountIds)) {
      const { rows } = await everOf(db, ids, indicators);
      for (const r of rows) out.add(`${r.account_id}|${r.indicator_code}`);
    }
    return out;
  },

  /** Attestations the issuer already recorded under these refs. */
  async byRefs(db: Queryable, issuer: string, refs: readonly string[]): Promise<Map<string, AttestationRow>> {
    const out = new Map<string, AttestationRow>();
    for (const part of slices(refs)) {
      for (const r of (await attestationsByRefs(db, [issuer], part)).rows) out.set(r.ref, r);
    }
    return out;
  },

  /**
   * Inserts the chunk's attestations; false when another transaction took one of their refs in the
   * meantime (the caller then posts the chunk item by item). SQLite runs the statement prepared once
   * per row (no round trips to save); PostgreSQL takes them in multi-row statements.
   */
  async insertAttestations(db: Queryable, dialect: Dialect, rows: readonly AttestationsTable[]): Promise<boolean> {
    if (dialect === 'sqlite') {
      for (const r of rows) if (!(await attestationsRepo.insertIfNew(db, r))) return false;
      return true;
    }
    for (const part of slices(rows, 100)) {
      const inserted = await db
        .insertInto('attestations')
        .values(part)
        .onConflict((oc) => oc.columns(['issuer_code', 'ref']).doNothing())
        .returning('id')
        .execute();
      if (inserted.length !== part.length) return false;
    }
    return true;
  },

  async insertCredits(db: Queryable, dialect: Dialect, credits: readonly CreditsTable[], logs: ReadonlyArray<Omit<LogEntriesTable, 'seq' | 'leaf_index'>>): Promise<void> {
    if (dialect === 'sqlite') {
      for (const c of credits) await creditsRepo.insert(db, c);
      for (const l of logs) await logRepo.append(db, l);
      return;
    }
    for (const part of slices(credits, 100)) await db.insertInto('credits').values(part).execute();
    for (const part of slices(logs, 200))
      await db
        .insertInto('log_entries')
        .values(part.map((l) => ({ ...l, leaf_index: null })))
        .execute();
  },
};
