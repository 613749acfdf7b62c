// Migration 0007: membership cards. Serial 1 is every account's first card and needs no row; a
// re-issue adds the next serial, and only the highest serial's QR token is accepted when scanned.
import type { Kysely, Migration } from 'kysely';

export function cardsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('account_cards')
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('serial', 'integer', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('account_cards_pk', ['account_id', 'serial'])
        .execute();
    },
  };
}
