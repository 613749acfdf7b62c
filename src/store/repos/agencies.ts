import type { AgenciesTable, ApiKeysTable } from '../schema.js';
import type { Queryable } from './types.js';

export type AgencyRow = AgenciesTable;

export const agenciesRepo = {
  insert: (db: Queryable, row: AgencyRow) =>
    db
      .insertInto('agencies')
      .values(row)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute(),
  findByCode: (db: Queryable, code: string) => db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst(),
  list: (db: Queryable) => db.selectFrom('agencies').selectAll().orderBy('code').execute(),
  findMany: (db: Queryable, codes: readonly string[]) => (codes.length === 0 ? Promise.resolve([]) : db.selectFrom('agencies').selectAll().where('code', 'in', codes).execute()),
};

export const apiKeysRepo = {
  insert: (db: Queryable, row: ApiKeysTable) => db.insertInto('api_keys').values(row).execute(),
  findActiveByHash: (db: Queryable, hash: string) => db.selectFrom('api_keys').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst(),
  findById: (db: Queryable, id: string) => db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst(),
  revoke: (db: Queryable, id: string, at: string) => db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute(),
};
