import type { AccountsTable, ConsentsTable } from '../schema.js';
import type { Queryable } from './types.js';

export type AccountRow = AccountsTable;

export const accountsRepo = {
  insert: (db: Queryable, row: AccountRow) => db.insertInto('accounts').values(row).execute(),

  findById: (db: Queryable, id: string) => db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst(),

  findByIdentifierHash: (db: Queryable, hash: string) =>
    db.selectFrom('accounts').selectAll().where('identifier_hash', '=', hash).executeTakeFirst(),

  /** Serialises postings for one account on PostgreSQL; SQLite transactions are already serial. */
  async lockForPosting(db: Queryable, id: string, dialect: 'sqlite' | 'postgres'): Promise<void> {
    if (dialect === 'postgres') await db.selectFrom('accounts').select('id').where('id', '=', id).forUpdate().execute();
  },

  insertConsents: (db: Queryable, rows: ConsentsTable[]) => (rows.length ? db.insertInto('consents').values(rows).execute() : Promise.resolve([])),

  async hasConsent(db: Queryable, accountId: string, purpose: string): Promise<boolean> {
    const row = await db
      .selectFrom('consents')
      .select('purpose')
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  },

  listConsents: (db: Queryable, accountId: string) =>
    db.selectFrom('consents').selectAll().where('account_id', '=', accountId).orderBy('given_at').execute(),
};
