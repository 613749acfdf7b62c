// Migration 0006: the committee's approval workflow. Indicator versions carry a status (only approved
// ones are in force), the effective date their writer asked for, and who proposed and decided them;
// privileges gain refusal with a reason and the same decision record. Existing rows were in force
// before the workflow existed, so they are approved.
import { sql, type Kysely, type Migration } from 'kysely';

export function committeeMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('indicator_versions')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('approved'))
        .execute();
      await db.schema.alterTable('indicator_versions').addColumn('requested_effective_from', 'text').execute();
      for (const column of ['proposed_by', 'decided_by', 'decided_at', 'refusal_reason']) await db.schema.alterTable('indicator_versions').addColumn(column, 'text').execute();
      await sql`update indicator_versions set requested_effective_from = effective_from`.execute(db);
      await db.schema.createIndex('indicator_versions_status').on('indicator_versions').columns(['status', 'created_at']).execute();

      for (const column of ['proposed_by', 'decided_by', 'decided_at', 'refusal_reason']) await db.schema.alterTable('privileges').addColumn(column, 'text').execute();
      await sql`update privileges set decided_at = approved_at where approved_at is not null`.execute(db);
      await db.schema.createIndex('privileges_status').on('privileges').columns(['status', 'created_at']).execute();
    },
  };
}
