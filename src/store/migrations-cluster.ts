// Migration 0017: state that several server processes on one PostgreSQL database must share. Rate
// windows: one row per (hashed) caller key with its hit count and the end of its fixed window,
// moved by one UPSERT … RETURNING per request, so a limit counts requests to every process.
// Cache epochs: a counter per cached answer that a change bumps, so every process's cache of it
// is known to be stale at once (the epoch is part of the cache key).
import type { Kysely, Migration } from 'kysely';

export function clusterMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rate_windows')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('hits', 'integer', (c) => c.notNull())
        // Milliseconds since the epoch (bigint: past 2038 in seconds, and ms need 41 bits).
        .addColumn('reset_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_windows_reset').on('rate_windows').column('reset_at').execute();
      await db.schema
        .createTable('cache_epochs')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('epoch', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
