// Restriction of processing and erasure of one account (migration 0012). Erasure keeps the account
// row as a tombstone so the credits it holds still count in the public statistics and the log's
// entries still render: every identifying or linking column of the person's rows is cleared here.
import { sql } from 'kysely';
import type { AccountRestrictionsTable } from '../schema.js';
import type { Queryable } from './types.js';

export type RestrictionRow = AccountRestrictionsTable;

export const erasureRepo = {
  restrictions: (db: Queryable, accountId: string) =>
    db.selectFrom('account_restrictions').selectAll().where('account_id', '=', accountId).orderBy('restricted_at', 'desc').orderBy('id', 'desc').execute(),

  /** Sets the restriction if none is in force; false when one already was (a retry or a race). */
  async restrict(db: Queryable, row: RestrictionRow): Promise<boolean> {
    const r = await db
      .updateTable('accounts')
      .set({ restricted_at: row.restricted_at })
      .where('id', '=', row.account_id)
      .where('restricted_at', 'is', null)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await db.insertInto('account_restrictions').values(row).execute();
    return true;
  },

  /** Lifts the restriction in force; false when none was. */
  async lift(db: Queryable, accountId: string, at: string, by: string): Promise<boolean> {
    const r = await db.updateTable('accounts').set({ restricted_at: null }).where('id', '=', accountId).where('restricted_at', 'is not', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await db.updateTable('account_restrictions').set({ lifted_at: at, lifted_by: by }).where('account_id', '=', accountId).where('lifted_at', 'is', null).execute();
    return true;
  },

  evidenceHashes: async (db: Queryable, accountId: string) =>
    (await db.selectFrom('evidence_files').select('sha256').where('account_id', '=', accountId).execute()).map((r) => r.sha256),

  /** Whether anybody still holds a file with these bytes (files are stored once per content). */
  async fileInUse(db: Queryable, sha256: string): Promise<boolean> {
    return (await db.selectFrom('evidence_files').select('sha256').where('sha256', '=', sha256).limit(1).executeTakeFirst()) !== undefined;
  },

  /** Session rows of a signed-in identity (the session data holds its lookup hash). */
  async sessionsOf(db: Queryable, subjectHash: string): Promise<string[]> {
    const rows = await db.selectFrom('sessions').select(['id_hash', 'data']).where('data', 'like', `%${subjectHash}%`).execute();
    return rows
      .filter((r) => {
        try {
          return (JSON.parse(r.data) as { identity?: { subjectHash?: string } }).identity?.subjectHash === subjectHash;
        } catch {
          return false;
        }
      })
      .map((r) => r.id_hash);
  },

  /**
   * Clears everything that names or links the person; the credits, redemptions and debits stay on the
   * tombstone (they are the counts and the log's entries). `provinceCode` is all of the home area kept.
   */
  async erase(db: Queryable, a: { accountId: string; provinceCode: string; at: string; by: string; sessionIds: readonly string[] }): Promise<void> {
    const { accountId } = a;
    await db.deleteFrom('attestation_evidence').where('account_id', '=', accountId).execute();
    await db.deleteFrom('evidence_files').where('account_id', '=', accountId).execute();
    // An issuer's own reference and the request hash (built on the lookup hash) would link the deeds back.
    await db
      .updateTable('attestations')
      .set({ ref: sql<string>`'erased:' || id`, request_hash: 'erased', evidence: null, reason_note: null })
      .where('account_id', '=', accountId)
      .execute();
    await db
      .updateTable('attestations')
      .set({ status: 'rejected', reason_code: 'account_erased', decided_at: a.at })
      .where('account_id', '=', accountId)
      .where('status', '=', 'pending')
      .execute();
    // Only whether the person agreed to be counted stays, so the published totals do not change.
    await db
      .deleteFrom('consents')
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('purpose', '!=', 'statistics'), eb('withdrawn_at', 'is not', null)]))
      .execute();
    await db.deleteFrom('account_restrictions').where('account_id', '=', accountId).execute();
    await db.deleteFrom('account_cards').where('account_id', '=', accountId).execute();
    await db.deleteFrom('api_keys').where('principal_kind', '=', 'person').where('account_id', '=', accountId).execute();
    if (a.sessionIds.length)
      await db
        .deleteFrom('sessions')
        .where('id_hash', 'in', [...a.sessionIds])
        .execute();
    await db
      .updateTable('accounts')
      .set({
        display_name: '',
        display_name_enc: null,
        identifier_hash: null,
        identifier_enc: null,
        subject_key_enc: null,
        area_code: a.provinceCode,
        status: 'left',
        restricted_at: null,
        erased_at: a.at,
        erased_by: a.by,
      })
      .where('id', '=', accountId)
      .execute();
  },
};
