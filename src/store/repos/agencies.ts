import type { AgenciesTable, ApiKeysTable } from '../schema.js';
import type { Queryable } from './types.js';
import { preparedQuery } from '../prepared.js';

// Every bearer-token request looks its key up (unless recently resolved): compiled once.
const activeByHash = preparedQuery<ApiKeysTable>(1, (db, hash) => db.selectFrom('api_keys').selectAll().where('token_hash', '=', hash!).where('revoked_at', 'is', null), {
  readOnly: true,
});

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
  findActiveByHash: async (db: Queryable, hash: string): Promise<ApiKeysTable | undefined> => (await activeByHash(db, hash)).rows[0],
  findById: (db: Queryable, id: string) => db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst(),
  revoke: (db: Queryable, id: string, at: string) => db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute(),
};
