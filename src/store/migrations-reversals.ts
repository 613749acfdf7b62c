// Migration 0013: reversals of erroneous credits, and the certificates issued with their status
// entry (W3C Bitstring Status List). A reversal is appended, never an edit of the credit: a
// reversed credit is one with a row here. A certificate records which credits it relied on, so a
// reversal can revoke every certificate that stated it; a revocation is appended too.
import type { Kysely, Migration } from 'kysely';

export function reversalsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reversals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('credit_id', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('credit_leaf_index', 'bigint', (c) => c.notNull())
        .addColumn('by_agency', 'text', (c) => c.notNull())
        .addColumn('by_role', 'text', (c) => c.notNull())
        .addColumn('officer', 'text')
        .addColumn('reason_code', 'text', (c) => c.notNull())
        .addColumn('reason_text', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('debited', 'integer', (c) => c.notNull())
        .addColumn('waived', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reversals_account').on('reversals').column('account_id').execute();
      await db.schema.createIndex('reversals_agency').on('reversals').columns(['by_agency', 'created_at']).execute();

      await db.schema
        .createTable('certificates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status_list', 'integer', (c) => c.notNull())
        .addColumn('status_index', 'integer', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('certificates_status_entry', ['status_list', 'status_index'])
        .execute();
      await db.schema.createIndex('certificates_account').on('certificates').column('account_id').execute();

      await db.schema
        .createTable('certificate_credits')
        .addColumn('certificate_id', 'text', (c) => c.notNull())
        .addColumn('credit_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('certificate_credits_pk', ['certificate_id', 'credit_id'])
        .execute();
      await db.schema.createIndex('certificate_credits_credit').on('certificate_credits').column('credit_id').execute();

      await db.schema
        .createTable('certificate_revocations')
        .addColumn('certificate_id', 'text', (c) => c.primaryKey())
        .addColumn('reversal_id', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
