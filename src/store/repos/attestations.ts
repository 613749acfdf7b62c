import { sql } from 'kysely';
import type { AttestationsTable, CreditsTable, LogEntriesTable } from '../schema.js';
import type { Queryable } from './types.js';
import { CORE_COLUMNS, type AccountCore } from './accounts.js';
import { preparedInsert, preparedListQuery, preparedQuery } from '../prepared.js';
import { notReversed, notReversedDeed } from './reversals.js';

const insertAttestationIfNew = preparedInsert<AttestationRow>('attestations', { ignoreConflictOn: ['issuer_code', 'ref'] });
const insertCredit = preparedInsert<CreditsTable>('credits');
const insertLog = preparedInsert<Omit<LogEntriesTable, 'seq'>>('log_entries');
const byRef = preparedQuery<AttestationRow>(2, (db, issuer, ref) => db.selectFrom('attestations').selectAll().where('issuer_code', '=', issuer!).where('ref', '=', ref!));
/** A credited or pending deed of the same act on the same Bangkok day, other than attestation `x` ('' for none). */
const sameActQuery = (db: Queryable, a: string, g: string, d: string, x: string) =>
  db
    .selectFrom('attestations')
    .select('id')
    .where('account_id', '=', a)
    .where('equivalence_group', '=', g)
    .where('bangkok_day', '=', d)
    .where('status', 'in', ['credited', 'pending'])
    .where('id', '!=', x)
    .where(notReversedDeed)
    .limit(1);
const sameAct = preparedQuery<{ id: string }>(4, (db, a, g, d, x) => sameActQuery(db, a!, g!, d!, x!));

export type AttestationRow = AttestationsTable;
export type CreditRow = CreditsTable;

const history = preparedQuery<{ same_act: number; earliest: string | null; latest: string | null }>(8, (db, a, g, d, x, ind, from, to) => {
  const credited = () =>
    db.selectFrom('credits').where('account_id', '=', a!).where('indicator_code', '=', ind!).where('occurred_at', '>=', from!).where('occurred_at', '<', to!).where(notReversed);
  return db.selectNoFrom((eb) => [
    eb.exists(sameActQuery(db, a!, g!, d!, x!)).as('same_act'),
    credited()
      .select((e) => e.fn.min('occurred_at').as('t'))
      .as('earliest'),
    credited()
      .select((e) => e.fn.max('occurred_at').as('t'))
      .as('latest'),
  ]);
});

/** The same-act check and the earliest and latest credited deeds of an indicator in [from, to), in one statement. */
export async function sameActAndNearest(
  db: Queryable,
  q: { accountId: string; group: string; day: string; exceptId?: string | undefined; indicator: string; from: string; to: string },
) {
  const r = (await history(db, q.accountId, q.group, q.day, q.exceptId ?? '', q.indicator, q.from, q.to)).rows[0]!;
  return { sameAct: Boolean(r.same_act), earliest: r.earliest ?? undefined, latest: r.latest ?? undefined };
}

// The year (credits' partition key) is written into the text: see `literals` in prepared.ts.
const yearEarnedQ = preparedQuery<{ p: number | null }>(
  2,
  (db, a, y) =>
    db
      .selectFrom('credits')
      .select((eb) => eb.fn.sum<number>('points').as('p'))
      .where('account_id', '=', a!)
      .where('year', '=', sql.lit(Number(y))),
  { literals: [1] },
);

const byDomainQ = preparedQuery<{ domain: string; points: number }>(
  2,
  (db, a, y) =>
    db
      .selectFrom('credits')
      .select((eb) => ['domain', eb.fn.sum<number>('points').as('points')])
      .where('account_id', '=', a!)
      .where('year', '=', sql.lit(Number(y)))
      .where(notReversed)
      .groupBy('domain'),
  { readOnly: true, literals: [1] },
);

// The core of the account and its year's points by domain in one statement: one row per domain
// (one with a null domain when the year has no credits), none when there is no such account.
const coreAndYearQ = preparedQuery<AccountCore & { domain: string | null; points: number | null }>(
  2,
  (db, id, y) =>
    db
      .selectFrom('accounts')
      .leftJoin('credits', (j) =>
        j
          .onRef('credits.account_id', '=', 'accounts.id')
          .on('credits.year', '=', sql.lit(Number(y)))
          .on(notReversed),
      )
      .select([...CORE_COLUMNS.map((c) => `accounts.${c}` as const), 'credits.domain'])
      .select((eb) => eb.fn.sum<number>('credits.points').as('points'))
      .where('accounts.id', '=', id!)
      // PostgreSQL: the account's other columns depend on its primary key.
      .groupBy(['accounts.id', 'credits.domain']),
  { readOnly: true, literals: [1] },
);

/** Which of a chunk's refs the issuer recorded before a time; compiled once per number of refs. */
const refsBefore = preparedListQuery((db, [issuer, before], refs) =>
  db.selectFrom('attestations').select('ref').where('issuer_code', '=', issuer!).where('ref', 'in', refs).where('created_at', '<', before!),
);

export const attestationsRepo = {
  /** Inserts unless the issuer already used this ref; false means a replay (the unique index decides, also under concurrency). */
  insertIfNew: async (db: Queryable, row: AttestationRow): Promise<boolean> => (await insertAttestationIfNew(db, row)).numAffectedRows === 1n,

  findByRef: async (db: Queryable, issuer: string, ref: string) => (await byRef(db, issuer, ref)).rows[0],

  /** Of `refs`, those the issuer had already used for an attestation recorded before `before`. */
  async refsRecordedBefore(db: Queryable, issuer: string, refs: readonly string[], before: string): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < refs.length; i += 300) {
      const { rows } = await refsBefore(db, [issuer, before], refs.slice(i, i + 300));
      for (const r of rows) out.add(r.ref);
    }
    return out;
  },

  findById: (db: Queryable, id: string) => db.selectFrom('attestations').selectAll().where('id', '=', id).executeTakeFirst(),

  /** A credited or pending deed of the same act on the same Bangkok day, other than `exceptId`. */
  async sameActExists(db: Queryable, q: { accountId: string; group: string; day: string; exceptId?: string | undefined }): Promise<boolean> {
    return (await sameAct(db, q.accountId, q.group, q.day, q.exceptId ?? '')).rows.length > 0;
  },

  decide: (
    db: Queryable,
    id: string,
    set: Pick<AttestationRow, 'status' | 'reason_code' | 'reason_note' | 'certifier_code' | 'decided_at' | 'rule_version' | 'meeting_id' | 'decided_by' | 'reason_details'>,
  ) => db.updateTable('attestations').set(set).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst(),

  /** A year's deeds of an account with who certified them (agency name, meeting) for the person's history. */
  listForAccount: (db: Queryable, accountId: string, year: number) =>
    db
      .selectFrom('attestations')
      .leftJoin('agencies as certifier', 'certifier.code', 'attestations.certifier_code')
      .leftJoin('agencies as issuer', 'issuer.code', 'attestations.issuer_code')
      .leftJoin('certification_meetings', 'certification_meetings.id', 'attestations.meeting_id')
      .select([
        'attestations.id',
        'attestations.issuer_code',
        'attestations.indicator_code',
        'attestations.occurred_at',
        'attestations.status',
        'attestations.reason_code',
        'attestations.reason_note',
        'attestations.reason_details',
        'attestations.certifier_code',
        'attestations.created_at',
        'attestations.decided_at',
        'certifier.name_th as certifier_name_th',
        'certifier.name_en as certifier_name_en',
        'issuer.name_th as issuer_name_th',
        'issuer.name_en as issuer_name_en',
        'certification_meetings.id as meeting_id',
        'certification_meetings.meeting_date',
        'certification_meetings.minutes_ref',
      ])
      .where('attestations.account_id', '=', accountId)
      .where('attestations.year', '=', year)
      .orderBy('attestations.occurred_at', 'desc')
      .orderBy('attestations.id', 'desc')
      .execute(),
};

export const creditsRepo = {
  findByAttestation: (db: Queryable, attestationId: string) =>
    db.selectFrom('credits').select(['points', 'year', 'points_requested', 'cut_reason']).where('attestation_id', '=', attestationId).executeTakeFirst(),

  /** Points credited to the account in a Bangkok year, every indicator (what the yearly ceiling is measured against). */
  async yearEarned(db: Queryable, accountId: string, year: number): Promise<number> {
    return Number((await yearEarnedQ(db, accountId, year)).rows[0]?.p ?? 0);
  },

  insert: (db: Queryable, row: CreditRow) => insertCredit(db, row),

  async yearTotals(db: Queryable, accountId: string, indicator: string, year: number): Promise<{ count: number; points: number }> {
    const r = await db
      .selectFrom('credits')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.coalesce(eb.fn.sum<number>('points'), eb.lit(0)).as('p')])
      .where('account_id', '=', accountId)
      .where('indicator_code', '=', indicator)
      .where('year', '=', year)
      .where(notReversed)
      .executeTakeFirstOrThrow();
    return { count: Number(r.n), points: Number(r.p) };
  },

  async everCredited(db: Queryable, accountId: string, indicator: string): Promise<boolean> {
    const r = await db
      .selectFrom('credits')
      .select('id')
      .where('account_id', '=', accountId)
      .where('indicator_code', '=', indicator)
      .where(notReversed)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  },

  byDomain: async (db: Queryable, accountId: string, year: number) => (await byDomainQ(db, accountId, year)).rows,

  /** The account's core and `byDomain` of the year, in one statement (one round trip on PostgreSQL). */
  async coreAndYear(db: Queryable, accountId: string, year: number): Promise<{ account: AccountCore; byDomain: Array<{ domain: string; points: number }> } | undefined> {
    const rows = (await coreAndYearQ(db, accountId, year)).rows;
    const first = rows[0];
    if (!first) return undefined;
    const { domain: _domain, points: _points, ...account } = first;
    return { account, byDomain: rows.flatMap((r) => (r.domain === null ? [] : [{ domain: r.domain, points: Number(r.points) }])) };
  },

  /** Points per year and domain of every year the account has credits in. */
  byYearAndDomain: async (db: Queryable, accountId: string) =>
    (
      await db
        .selectFrom('credits')
        .select((eb) => ['year', 'domain', eb.fn.sum<number>('points').as('points')])
        .where('account_id', '=', accountId)
        .where(notReversed)
        .groupBy(['year', 'domain'])
        .execute()
    ).map((r) => ({ year: Number(r.year), domain: r.domain, points: Number(r.points) })),

  listForYear: (db: Queryable, accountId: string, year: number) =>
    db
      .selectFrom('credits')
      .leftJoin('log_entries', (j) => j.onRef('log_entries.ref_id', '=', 'credits.id').on('log_entries.kind', '=', 'credit'))
      .leftJoin('agencies as issuer', 'issuer.code', 'credits.issuer_code')
      .leftJoin('agencies as certifier', 'certifier.code', 'credits.certifier_code')
      .leftJoin('reversals', 'reversals.credit_id', 'credits.id')
      .select([
        'credits.id',
        'credits.attestation_id',
        'credits.indicator_code',
        'credits.domain',
        'credits.points',
        'credits.occurred_at',
        'credits.rule_version',
        'credits.issuer_code',
        'credits.certifier_code',
        'credits.created_at',
        'log_entries.leaf_index',
        'issuer.name_th as issuer_name_th',
        'issuer.name_en as issuer_name_en',
        'certifier.name_th as certifier_name_th',
        'certifier.name_en as certifier_name_en',
        'reversals.id as reversal_id',
      ])
      .where('credits.account_id', '=', accountId)
      .where('credits.year', '=', year)
      .orderBy('credits.occurred_at', 'desc')
      .orderBy('credits.id', 'desc')
      .execute(),

  /** One credit of an account with what a certificate states about it (hours, log index). */
  findOfAccount: (db: Queryable, accountId: string, creditId: string) =>
    db
      .selectFrom('credits')
      .innerJoin('attestations', 'attestations.id', 'credits.attestation_id')
      .leftJoin('log_entries', (j) => j.onRef('log_entries.ref_id', '=', 'credits.id').on('log_entries.kind', '=', 'credit'))
      .leftJoin('reversals', 'reversals.credit_id', 'credits.id')
      .select([
        'credits.indicator_code',
        'credits.domain',
        'credits.points',
        'credits.occurred_at',
        'credits.rule_version',
        'credits.issuer_code',
        'credits.certifier_code',
        'attestations.hours',
        'log_entries.leaf_index',
        'reversals.id as reversal_id',
      ])
      .where('credits.id', '=', creditId)
      .where('credits.account_id', '=', accountId)
      .executeTakeFirst(),

  /** Credited deeds of a year with their quantity and stated hours, oldest first. */
  creditedDeeds: (db: Queryable, accountId: string, year: number) =>
    db
      .selectFrom('attestations')
      .innerJoin('credits', 'credits.attestation_id', 'attestations.id')
      .select([
        'credits.id as credit_id',
        'attestations.indicator_code',
        'attestations.rule_version',
        'attestations.occurred_at',
        'attestations.quantity',
        'attestations.hours',
        'attestations.issuer_code',
      ])
      .where('attestations.account_id', '=', accountId)
      .where('attestations.year', '=', year)
      .where('attestations.status', '=', 'credited')
      .where(notReversed)
      .orderBy('attestations.occurred_at')
      .execute(),
};

export const logRepo = {
  append: (db: Queryable, row: Omit<LogEntriesTable, 'seq' | 'leaf_index'>) => insertLog(db, { ...row, leaf_index: null }),
};
