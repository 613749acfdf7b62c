// Migration 0005: web sign-in. Server-side sessions (the cookie holds only a signed random id; the
// table keeps its hash) and staff roles granted to a person, by national-ID hash, in an agency.
import type { Kysely, Migration } from 'kysely';

export function signInMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();

      await db.schema
        .createTable('staff_roles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('subject_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('granted_by', 'text', (c) => c.notNull())
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('staff_roles_subject').on('staff_roles').columns(['subject_hash', 'agency_code']).execute();
      await db.schema.createIndex('staff_roles_agency').on('staff_roles').columns(['agency_code', 'revoked_at']).execute();
    },
  };
}
