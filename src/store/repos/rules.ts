// The committee's rules stored as data: which agency may use which equivalence group, and the
// platform-wide rule settings (JSON values by key).
import type { GroupAssignmentsTable, RuleSettingsTable } from '../schema.js';
import type { Queryable } from './types.js';

export const groupAssignmentsRepo = {
  all: (db: Queryable) => db.selectFrom('group_assignments').selectAll().orderBy('group_code').orderBy('agency_code').execute(),
  groupsOf: async (db: Queryable, agency: string): Promise<Set<string>> =>
    new Set((await db.selectFrom('group_assignments').select('group_code').where('agency_code', '=', agency).execute()).map((r) => r.group_code)),
  find: (db: Queryable, group: string, agency: string) =>
    db.selectFrom('group_assignments').selectAll().where('group_code', '=', group).where('agency_code', '=', agency).executeTakeFirst(),
  /** Inserts unless present (a repeated assignment keeps the first record); true when inserted. */
  async assign(db: Queryable, row: GroupAssignmentsTable): Promise<boolean> {
    const r = await db
      .insertInto('group_assignments')
      .values(row)
      .onConflict((oc) => oc.columns(['group_code', 'agency_code']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },
  async unassign(db: Queryable, group: string, agency: string): Promise<boolean> {
    const r = await db.deleteFrom('group_assignments').where('group_code', '=', group).where('agency_code', '=', agency).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
};

export const ruleSettingsRepo = {
  all: (db: Queryable) => db.selectFrom('rule_settings').selectAll().execute(),
  async put(db: Queryable, row: RuleSettingsTable): Promise<void> {
    await db
      .insertInto('rule_settings')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_by: row.updated_by, updated_at: row.updated_at }))
      .execute();
  },
};
