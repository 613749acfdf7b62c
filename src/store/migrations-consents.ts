// Migration 0011: consent changes with signed receipts, the access log ("who looked at my record")
// and the eligibility tokens issued (so a partner's check is recorded against the person it names).
import { sql, type Kysely, type Migration } from 'kysely';

export function consentsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // At most one live consent per purpose: two "give" requests at once cannot both insert one.
      await db.schema.createIndex('consents_live').unique().on('consents').columns(['account_id', 'purpose']).where(sql.ref('withdrawn_at'), 'is', null).execute();

      await db.schema
        .createTable('consent_receipts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('notice_version', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('token', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('consent_receipts_account').on('consent_receipts').columns(['account_id', 'at']).execute();

      await db.schema
        .createTable('access_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('agency_code', 'text')
        .addColumn('officer_id', 'text')
        .addColumn('what', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('purpose_note', 'text')
        .addColumn('correlation_id', 'text')
        .execute();
      await db.schema.createIndex('access_log_account').on('access_log').columns(['account_id', 'at', 'id']).execute();

      await db.schema
        .createTable('eligibility_tokens')
        .addColumn('jti', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('partner_code', 'text', (c) => c.notNull())
        .addColumn('privilege_code', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('eligibility_tokens_account').on('eligibility_tokens').column('account_id').execute();
    },
  };
}
