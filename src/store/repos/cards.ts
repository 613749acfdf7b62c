import type { AccountCardsTable } from '../schema.js';
import type { Queryable } from './types.js';

export type AccountCardRow = AccountCardsTable;

export const cardsRepo = {
  /** The latest re-issued card of an account; undefined while its first card (serial 1) stands. */
  latest: (db: Queryable, accountId: string) =>
    db.selectFrom('account_cards').selectAll().where('account_id', '=', accountId).orderBy('serial', 'desc').limit(1).executeTakeFirst(),

  /** Fails with a unique violation if another re-issue took the same serial first. */
  insert: (db: Queryable, row: AccountCardRow) => db.insertInto('account_cards').values(row).execute(),
};
