// Migration 0016: the exchange standard's non-repudiation. Agencies register Ed25519 public keys
// (one row per key, revoked but never deleted, so an old manifest still names a known key); each
// import gets a row holding the signed manifest it arrived with, the highest log entry sequence
// when it finished (every entry its rows appended is at or below it) and, once the log has
// integrated those entries, the receipt the platform signed.
import type { Kysely, Migration } from 'kysely';

export function exchangeMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('agency_signing_keys')
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('kid', 'text', (c) => c.notNull())
        .addColumn('jwk', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addPrimaryKeyConstraint('agency_signing_keys_pk', ['agency_code', 'kid'])
        .execute();

      await db.schema
        .createTable('import_exchange')
        .addColumn('import_id', 'text', (c) => c.primaryKey())
        .addColumn('manifest_kid', 'text')
        .addColumn('manifest', 'text')
        .addColumn('log_seq', 'bigint')
        .addColumn('receipt', 'text')
        .execute();
    },
  };
}
