// Migration 0018 (PostgreSQL only; nothing on SQLite): `credits` partitioned by RANGE on `year`, one
// partition per Bangkok year plus a DEFAULT one, so a year's reads and vacuum touch that year alone
// and old years can be archived by detaching them. Existing rows are moved in this one transaction.
//
// PostgreSQL requires every unique constraint of a partitioned table to contain the partition key:
// - the primary key becomes (id, year). A credit id is a UUIDv7 made once by appendCredit, and each
//   partition's primary-key index leads with id, so a lookup by id alone (reversals, disputes, a
//   certificate's credit) is one index probe per partition, never a scan.
// - `attestation_id` unique becomes (attestation_id, year). A credit's year is always its
//   attestation's (appendCredit copies `attestations.year`, the Bangkok year of the deed, on every
//   crediting path: attestation, certification, meetings, ceiling cuts; reversals and dispute
//   corrections add rows elsewhere or go through the same path), so an attestation still has at
//   most one credit.
// No foreign key refers to credits (reversals and certificate_credits name them by id only).
//
// log_entries stays one table, see docs/ARCHITECTURE.md ("Server mode: credits by year"): its
// unique `leaf_index` — one entry per position of the signed tree — could only be unique per
// partition under any partition key the sequencer can use, and its queries (pending by the partial
// index, assignment by seq, bundles by leaf_index) are not by time, so no partition would be pruned.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './database.js';
import { CREDITS_DEFAULT_PARTITION, creditPartitionName } from './partitions.js';

/** The indexes of `credits` before this migration, each as it is made again on the partitioned table. */
const INDEXES: Record<string, string> = {
  credits_pkey: 'alter table credits add constraint credits_pkey primary key (id, year)',
  credits_attestation_id_key: 'alter table credits add constraint credits_attestation_id_key unique (attestation_id, year)',
  credits_account_year: 'create index credits_account_year on credits (account_id, year)',
  credits_account_indicator: 'create index credits_account_indicator on credits (account_id, indicator_code, occurred_at)',
};

export function partitionsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'postgres') return;
      // An index added to credits by a migration this one does not know would be lost: refuse instead.
      const found = await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'credits'`.execute(db);
      const unknown = found.rows.map((r) => r.name).filter((n) => !(n in INDEXES));
      if (unknown.length) throw new Error(`credits has indexes migration 0018 does not recreate: ${unknown.join(', ')}`);

      await sql`alter table credits rename to credits_unpartitioned`.execute(db);
      // LIKE keeps every column (with its type and NOT NULL) in order, whichever migration added it.
      await sql`create table credits (like credits_unpartitioned including defaults) partition by range (year)`.execute(db);
      await sql`create table ${sql.table(CREDITS_DEFAULT_PARTITION)} partition of credits default`.execute(db);
      const years = await sql<{ year: number }>`select distinct year from credits_unpartitioned order by year`.execute(db);
      for (const { year } of years.rows) {
        const y = Number(year);
        await sql`create table ${sql.table(creditPartitionName(y))} partition of credits for values from (${sql.lit(y)}) to (${sql.lit(y + 1)})`.execute(db);
      }
      await sql`insert into credits select * from credits_unpartitioned`.execute(db);
      await sql`drop table credits_unpartitioned`.execute(db);
      // After the rows: each index is built once per partition rather than grown row by row.
      for (const ddl of Object.values(INDEXES)) await sql.raw(ddl).execute(db);
    },
  };
}
