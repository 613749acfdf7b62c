import type { SessionsTable } from '../schema.js';
import type { Queryable } from './types.js';

export const sessionsRepo = {
  find: (db: Queryable, idHash: string) => db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst(),

  async save(db: Queryable, row: SessionsTable): Promise<void> {
    await db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) => oc.column('id_hash').doUpdateSet({ data: row.data, expires_at: row.expires_at }))
      .execute();
  },

  async remove(db: Queryable, idHash: string): Promise<void> {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  },

  async removeExpired(db: Queryable, now: string): Promise<number> {
    const r = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
