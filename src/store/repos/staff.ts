import type { StaffRolesTable } from '../schema.js';
import type { Queryable } from './types.js';

export type StaffRoleRow = StaffRolesTable;

export const staffRepo = {
  insert: (db: Queryable, row: StaffRoleRow) => db.insertInto('staff_roles').values(row).execute(),

  /** Live grants of one person, in every agency. */
  activeForSubject: (db: Queryable, subjectHash: string) =>
    db.selectFrom('staff_roles').selectAll().where('subject_hash', '=', subjectHash).where('revoked_at', 'is', null).orderBy('agency_code').orderBy('role').execute(),

  activeInAgency: (db: Queryable, agencyCode: string) =>
    db.selectFrom('staff_roles').selectAll().where('agency_code', '=', agencyCode).where('revoked_at', 'is', null).orderBy('label').orderBy('role').execute(),

  find: (db: Queryable, id: string) => db.selectFrom('staff_roles').selectAll().where('id', '=', id).executeTakeFirst(),

  async revoke(db: Queryable, id: string, at: string): Promise<boolean> {
    const r = await db.updateTable('staff_roles').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
};
