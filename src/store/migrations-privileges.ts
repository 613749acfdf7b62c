// Migration 0003: privileges, redemptions and the balance's debits, single-use tokens, partner
// webhooks with their outbox, and hours on attestations (for volunteer-hours certificates).
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './database.js';

export function privilegesMigration(dialect: Dialect): Migration {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('attestations').addColumn('hours', sql.raw(real)).execute();

      await db.schema
        .createTable('privileges')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('partner_code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('stock_total', 'integer')
        .addColumn('stock_used', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('approved_at', 'text')
        .execute();
      await db.schema.createIndex('privileges_partner').on('privileges').column('partner_code').execute();

      await db.schema
        .createTable('redemptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('privilege_code', 'text', (c) => c.notNull())
        .addColumn('partner_code', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('short_code', 'text', (c) => c.notNull().unique())
        .addColumn('request_key', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('closed_at', 'text')
        .addUniqueConstraint('redemptions_request', ['account_id', 'request_key'])
        .execute();
      await db.schema.createIndex('redemptions_due').on('redemptions').columns(['status', 'expires_at']).execute();
      await db.schema.createIndex('redemptions_partner').on('redemptions').columns(['partner_code', 'status']).execute();

      await db.schema
        .createTable('debits')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('redemption_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('debits_once', ['redemption_id', 'kind'])
        .execute();
      await db.schema.createIndex('debits_account').on('debits').column('account_id').execute();

      await db.schema
        .createTable('used_tokens')
        .addColumn('jti', 'text', (c) => c.primaryKey())
        .addColumn('partner_code', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('partner_webhooks')
        .addColumn('partner_code', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhook_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_code', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('webhook_outbox_due').on('webhook_outbox').columns(['delivered_at', 'next_attempt_at']).execute();
    },
  };
}

/** Migration 0004: the committee's balance-expiry policy, versioned and never retroactive. */
export function balancePolicyMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('balance_policies')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('years_valid', 'integer')
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
