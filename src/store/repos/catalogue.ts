import type { IndicatorsTable, IndicatorVersionsTable } from '../schema.js';
import type { Queryable } from './types.js';

export type IndicatorVersionRow = IndicatorVersionsTable;

export const catalogueRepo = {
  insertIndicator: (db: Queryable, row: IndicatorsTable) => db.insertInto('indicators').values(row).execute(),
  insertVersion: (db: Queryable, row: IndicatorVersionRow) => db.insertInto('indicator_versions').values(row).execute(),
  findIndicator: (db: Queryable, code: string) => db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst(),
  /** Every version of every indicator in every status (validated on load; only approved ones are in force). */
  allVersions: (db: Queryable) => db.selectFrom('indicator_versions').selectAll().orderBy('code').orderBy('version').execute(),
  versionsOf: (db: Queryable, code: string) => db.selectFrom('indicator_versions').selectAll().where('code', '=', code).orderBy('version').execute(),
  findVersion: (db: Queryable, code: string, version: number) =>
    db.selectFrom('indicator_versions').selectAll().where('code', '=', code).where('version', '=', version).executeTakeFirst(),
  /** Versions waiting for the committee, oldest first. */
  pending: (db: Queryable) => db.selectFrom('indicator_versions').selectAll().where('status', '=', 'proposed').orderBy('created_at').orderBy('code').orderBy('version').execute(),
  approvedOf: (db: Queryable, codes: readonly string[]) =>
    codes.length === 0
      ? Promise.resolve([])
      : db.selectFrom('indicator_versions').selectAll().where('code', 'in', codes).where('status', '=', 'approved').orderBy('code').orderBy('version').execute(),
  /** Records the committee's decision on a proposed version; 0 rows when it was no longer proposed. */
  async decide(
    db: Queryable,
    code: string,
    version: number,
    decision: Pick<IndicatorVersionRow, 'status' | 'effective_from' | 'decided_by' | 'decided_at' | 'refusal_reason'>,
  ): Promise<number> {
    const r = await db.updateTable('indicator_versions').set(decision).where('code', '=', code).where('version', '=', version).where('status', '=', 'proposed').executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  async latestVersion(db: Queryable, code: string): Promise<number> {
    const row = await db
      .selectFrom('indicator_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('code', '=', code)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  },
};
