// Reversals of credits and the certificates' status entries. A reversed credit is a credit with a
// row in `reversals`; every read that counts credits (score, years, statistics, caps) adds
// `notReversed`, and nothing edits the credit row itself.
import { sql } from 'kysely';
import type { CertificatesTable, ReversalsTable } from '../schema.js';
import type { Queryable } from './types.js';

export type ReversalRow = ReversalsTable;

/** A where-clause for queries over `credits`: the credit has not been reversed. */
export const notReversed = sql<boolean>`not exists (select 1 from reversals where reversals.credit_id = credits.id)`;

/** The same, as of a time: a reversal recorded at or after `before` does not count yet (statistics snapshots). */
export const notReversedBefore = (before: string) => sql<boolean>`not exists (select 1 from reversals where reversals.credit_id = credits.id and reversals.created_at < ${before})`;

/** For queries over `attestations`: the deed's credit was not reversed (a reversed deed no longer blocks the same act being recorded correctly). */
export const notReversedDeed = sql<boolean>`not exists (select 1 from credits join reversals on reversals.credit_id = credits.id where credits.attestation_id = attestations.id)`;

export const reversalsRepo = {
  /** Inserts unless the credit already has a reversal; false when another reversal won (the unique index decides). */
  async insertIfNew(db: Queryable, row: ReversalRow): Promise<boolean> {
    const r = await db
      .insertInto('reversals')
      .values(row)
      .onConflict((oc) => oc.column('credit_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  },
  byCredit: (db: Queryable, creditId: string) => db.selectFrom('reversals').selectAll().where('credit_id', '=', creditId).executeTakeFirst(),
  byId: (db: Queryable, id: string) => db.selectFrom('reversals').selectAll().where('id', '=', id).executeTakeFirst(),
  /** An account's reversals with the reversing agency's name, for its credit list. */
  forAccount: (db: Queryable, accountId: string) =>
    db
      .selectFrom('reversals')
      .leftJoin('agencies', 'agencies.code', 'reversals.by_agency')
      .selectAll('reversals')
      .select(['agencies.name_th', 'agencies.name_en'])
      .where('reversals.account_id', '=', accountId)
      .execute(),

  /** A credit (by its id or its attestation's id) with its account, its log index and its reversal, if any. */
  findCredit: (db: Queryable, id: string) =>
    db
      .selectFrom('credits')
      .innerJoin('accounts', 'accounts.id', 'credits.account_id')
      .leftJoin('log_entries', (j) => j.onRef('log_entries.ref_id', '=', 'credits.id').on('log_entries.kind', '=', 'credit'))
      .select([
        'credits.id',
        'credits.attestation_id',
        'credits.account_id',
        'credits.indicator_code',
        'credits.domain',
        'credits.points',
        'credits.year',
        'credits.occurred_at',
        'credits.issuer_code',
        'credits.certifier_code',
        'accounts.area_code',
        'accounts.subject_key_enc',
        'log_entries.leaf_index',
      ])
      .where((eb) => eb.or([eb('credits.id', '=', id), eb('credits.attestation_id', '=', id)]))
      .executeTakeFirst(),
};

export const certificatesRepo = {
  /** Records an issued certificate at a status entry; false when the entry is already taken. */
  async insertIfFree(db: Queryable, row: CertificatesTable, creditIds: readonly string[]): Promise<boolean> {
    const r = await db
      .insertInto('certificates')
      .values(row)
      .onConflict((oc) => oc.columns(['status_list', 'status_index']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
    for (let i = 0; i < creditIds.length; i += 500) {
      await db
        .insertInto('certificate_credits')
        .values(creditIds.slice(i, i + 500).map((credit_id) => ({ certificate_id: row.id, credit_id })))
        .execute();
    }
    return true;
  },
  /** Certificates in a list, to choose the list new certificates go into. */
  async countInList(db: Queryable, list: number): Promise<number> {
    const r = await db
      .selectFrom('certificates')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status_list', '=', list)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async latestList(db: Queryable): Promise<number> {
    const r = await db
      .selectFrom('certificates')
      .select((eb) => eb.fn.max('status_list').as('l'))
      .executeTakeFirst();
    return Number(r?.l ?? 1) || 1;
  },
  /** Revokes every certificate that relied on the credit and is not revoked yet; returns how many. */
  async revokeRelyingOn(db: Queryable, creditId: string, reversalId: string, at: string): Promise<number> {
    const r = await db
      .insertInto('certificate_revocations')
      .columns(['certificate_id', 'reversal_id', 'revoked_at'])
      .expression((eb) =>
        eb
          .selectFrom('certificate_credits')
          .select(['certificate_credits.certificate_id', eb.val(reversalId).as('reversal_id'), eb.val(at).as('revoked_at')])
          .where('certificate_credits.credit_id', '=', creditId),
      )
      .onConflict((oc) => oc.column('certificate_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n);
  },
  /** Indices revoked in a list. */
  async revokedIndices(db: Queryable, list: number): Promise<number[]> {
    const rows = await db
      .selectFrom('certificate_revocations')
      .innerJoin('certificates', 'certificates.id', 'certificate_revocations.certificate_id')
      .select('certificates.status_index')
      .where('certificates.status_list', '=', list)
      .execute();
    return rows.map((r) => Number(r.status_index));
  },
  /** A certificate's status entry and revocation (with the reversal that caused it). */
  status: (db: Queryable, id: string) =>
    db
      .selectFrom('certificates')
      .leftJoin('certificate_revocations', 'certificate_revocations.certificate_id', 'certificates.id')
      .select(['certificates.id', 'certificates.status_list', 'certificates.status_index', 'certificate_revocations.revoked_at', 'certificate_revocations.reversal_id'])
      .where('certificates.id', '=', id)
      .executeTakeFirst(),
};
