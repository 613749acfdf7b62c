// Migration 0012: the display name sealed under the person's own key, restriction of processing
// (PDPA s.34) with its record, and erasure by crypto-shredding (the account row stays as a tombstone
// that keeps only its credits' province and counts). Names already stored in clear cannot be sealed
// in SQL (the keys are not in the database), so `sealLegacyNames` does that at start-up, after the
// migrations: it is idempotent (only rows with a clear name and no sealed one) and runs in batches.
import type { Kysely, Migration } from 'kysely';

export function erasureMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('accounts').addColumn('display_name_enc', 'text').execute();
      await db.schema.alterTable('accounts').addColumn('restricted_at', 'text').execute();
      await db.schema.alterTable('accounts').addColumn('erased_at', 'text').execute();
      await db.schema.alterTable('accounts').addColumn('erased_by', 'text').execute();
      await db.schema
        .createTable('account_restrictions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('restricted_at', 'text', (c) => c.notNull())
        .addColumn('restricted_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('lifted_at', 'text')
        .addColumn('lifted_by', 'text')
        .execute();
      await db.schema.createIndex('account_restrictions_account').on('account_restrictions').columns(['account_id', 'restricted_at']).execute();
    },
  };
}
