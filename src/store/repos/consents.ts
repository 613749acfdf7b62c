import type { AccessLogTable, ConsentReceiptsTable, ConsentsTable, EligibilityTokensTable } from '../schema.js';
import type { Queryable } from './types.js';

export type ConsentRow = ConsentsTable;
export type ReceiptRow = ConsentReceiptsTable;
export type AccessLogRow = AccessLogTable;

export const consentsRepo = {
  /** Every consent row of the account (given and withdrawn), oldest first. */
  history: (db: Queryable, accountId: string) => db.selectFrom('consents').selectAll().where('account_id', '=', accountId).orderBy('given_at').orderBy('purpose').execute(),

  live: (db: Queryable, accountId: string, purpose: string) =>
    db.selectFrom('consents').selectAll().where('account_id', '=', accountId).where('purpose', '=', purpose).where('withdrawn_at', 'is', null).executeTakeFirst(),

  /** Whether a consent to `purpose` was ever given (and so a missing live one was withdrawn). */
  async everGiven(db: Queryable, accountId: string, purpose: string): Promise<boolean> {
    return (await db.selectFrom('consents').select('purpose').where('account_id', '=', accountId).where('purpose', '=', purpose).limit(1).executeTakeFirst()) !== undefined;
  },

  insert: (db: Queryable, row: ConsentRow) => db.insertInto('consents').values(row).execute(),

  /** Withdraws the live consent; exactly one of two concurrent withdrawals changes the row. */
  async withdraw(db: Queryable, accountId: string, purpose: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('consents')
      .set({ withdrawn_at: at })
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  insertReceipt: (db: Queryable, row: ReceiptRow) => db.insertInto('consent_receipts').values(row).execute(),

  receipts: (db: Queryable, accountId: string) => db.selectFrom('consent_receipts').selectAll().where('account_id', '=', accountId).orderBy('at').orderBy('id').execute(),

  receipt: (db: Queryable, accountId: string, id: string) =>
    db.selectFrom('consent_receipts').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst(),

  /** The latest receipt of an action on a purpose (the answer to a repeated request). */
  latestReceipt: (db: Queryable, accountId: string, purpose: string, action: ReceiptRow['action']) =>
    db
      .selectFrom('consent_receipts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('action', '=', action)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
};

export const eligibilityTokensRepo = {
  insert: (db: Queryable, row: EligibilityTokensTable) => db.insertInto('eligibility_tokens').values(row).execute(),
  byJti: (db: Queryable, jti: string) => db.selectFrom('eligibility_tokens').selectAll().where('jti', '=', jti).executeTakeFirst(),
};

export const accessLogRepo = {
  insert: (db: Queryable, rows: AccessLogRow[]) => (rows.length ? db.insertInto('access_log').values(rows).execute() : Promise.resolve([])),

  /** Newest first, after the keyset `before` (at, id). */
  page: (db: Queryable, accountId: string, opts: { before?: { at: string; id: string } | undefined; limit: number }) => {
    let q = db
      .selectFrom('access_log')
      .leftJoin('agencies', 'agencies.code', 'access_log.agency_code')
      .selectAll('access_log')
      .select(['agencies.name_th as agency_name_th', 'agencies.name_en as agency_name_en'])
      .select((eb) =>
        eb
          .selectFrom('staff_roles')
          .select('staff_roles.label')
          .whereRef('staff_roles.agency_code', '=', 'access_log.agency_code')
          .whereRef('staff_roles.subject_hash', '=', 'access_log.officer_id')
          .orderBy('staff_roles.granted_at', 'desc')
          .limit(1)
          .as('officer_label'),
      )
      .where('access_log.account_id', '=', accountId);
    const b = opts.before;
    if (b) q = q.where((eb) => eb.or([eb('access_log.at', '<', b.at), eb.and([eb('access_log.at', '=', b.at), eb('access_log.id', '<', b.id)])]));
    return q.orderBy('access_log.at', 'desc').orderBy('access_log.id', 'desc').limit(opts.limit).execute();
  },
};
