import type { IndicatorsTable, IndicatorVersionsTable } from '../schema.js';
import type { Queryable } from './types.js';

export const catalogueRepo = {
  insertIndicator: (db: Queryable, row: IndicatorsTable) => db.insertInto('indicators').values(row).execute(),
  insertVersion: (db: Queryable, row: IndicatorVersionsTable) => db.insertInto('indicator_versions').values(row).execute(),
  findIndicator: (db: Queryable, code: string) => db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst(),
  allVersions: (db: Queryable) => db.selectFrom('indicator_versions').selectAll().orderBy('code').orderBy('version').execute(),
  async latestVersion(db: Queryable, code: string): Promise<number> {
    const row = await db
      .selectFrom('indicator_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('code', '=', code)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  },
};
