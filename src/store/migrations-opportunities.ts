// Migration 0009: the catalogue of good-deed opportunities agencies publish (blood drives,
// volunteer events, courses). Times are ISO 8601 UTC text, as everywhere.
import type { Kysely, Migration } from 'kysely';

export function opportunitiesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('opportunities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('ref', 'text')
        .addColumn('request_hash', 'text')
        .addColumn('title_th', 'text', (c) => c.notNull())
        .addColumn('title_en', 'text')
        .addColumn('description_th', 'text')
        .addColumn('description_en', 'text')
        .addColumn('indicator_code', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('place_name', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('capacity', 'integer')
        .addColumn('contact_phone', 'text')
        .addColumn('contact_email', 'text')
        .addColumn('contact_url', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        // Retries of a publication with the agency's own ref are idempotent (NULL refs never clash).
        .addUniqueConstraint('opportunities_agency_ref', ['agency_code', 'ref'])
        .execute();
      await db.schema.createIndex('opportunities_status_start').on('opportunities').columns(['status', 'starts_at']).execute();
      await db.schema.createIndex('opportunities_area').on('opportunities').columns(['area_code', 'starts_at']).execute();
      await db.schema.createIndex('opportunities_indicator').on('opportunities').columns(['indicator_code', 'starts_at']).execute();
    },
  };
}
