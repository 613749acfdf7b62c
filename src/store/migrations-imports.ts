// Migration 0008: file imports of attestations. An import row carries its progress (the byte
// offset and line after the last committed chunk, with running totals) so a restarted platform
// continues where it stopped (on the node whose data directory holds the file); per-row problems are kept for the error report; the refs seen in a
// file are kept only while it is processed, to find a ref used twice in one file.
import type { Kysely, Migration } from 'kysely';

export function importsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('columns', 'text')
        .addColumn('spool_key_enc', 'text')
        .addColumn('spool_location', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('rows_read', 'integer', (c) => c.notNull())
        .addColumn('credited', 'integer', (c) => c.notNull())
        .addColumn('pending', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addColumn('already_recorded', 'integer', (c) => c.notNull())
        .addColumn('errors_stored', 'integer', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('runner', 'text')
        .addColumn('heartbeat_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('imports_agency').on('imports').columns(['agency_code', 'created_at']).execute();
      await db.schema.createIndex('imports_status').on('imports').columns(['status', 'created_at']).execute();

      await db.schema
        .createTable('import_errors')
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('row', 'integer', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('ref', 'text')
        .addColumn('column_name', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addPrimaryKeyConstraint('import_errors_pk', ['import_id', 'row', 'seq'])
        .execute();

      await db.schema
        .createTable('import_refs')
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('row', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_refs_pk', ['import_id', 'ref'])
        .execute();
    },
  };
}
