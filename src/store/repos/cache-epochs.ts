// A counter per cached answer (migration 0017): a change that must reach every process's cache at
// once bumps it, and each process keys its cache by the value it reads, so an old entry is never
// served after the bump is visible (on the replica, after the change it announces: it commits later).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Queryable } from './types.js';

export interface CacheEpochsTable {
  name: string;
  epoch: number;
}

interface EpochDatabase extends Database {
  cache_epochs: CacheEpochsTable;
}

const epochsDb = (db: Queryable): Kysely<EpochDatabase> => db as unknown as Kysely<EpochDatabase>;

export const cacheEpochsRepo = {
  async current(db: Queryable, name: string): Promise<number> {
    const r = await epochsDb(db).selectFrom('cache_epochs').select('epoch').where('name', '=', name).executeTakeFirst();
    return Number(r?.epoch ?? 0);
  },

  async bump(db: Queryable, name: string): Promise<void> {
    await epochsDb(db)
      .insertInto('cache_epochs')
      .values({ name, epoch: 1 })
      .onConflict((oc) => oc.column('name').doUpdateSet({ epoch: sql<number>`cache_epochs.epoch + 1` }))
      .execute();
  },
};
