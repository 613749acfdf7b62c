// The raw baseline: the rows the service wrote, copied out and inserted again with prepared
// better-sqlite3 statements into a fresh database with the identical schema and pragmas.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from '../src/store/database.js';

export const ATTESTATION_COLUMNS = [
  'id',
  'issuer_code',
  'ref',
  'request_hash',
  'account_id',
  'indicator_code',
  'equivalence_group',
  'rule_version',
  'occurred_at',
  'bangkok_day',
  'year',
  'quantity',
  'evidence',
  'status',
  'reason_code',
  'reason_note',
  'certifier_code',
  'decided_at',
  'created_at',
] as const;
export const CREDIT_COLUMNS = [
  'id',
  'attestation_id',
  'account_id',
  'indicator_code',
  'equivalence_group',
  'domain',
  'year',
  'bangkok_day',
  'occurred_at',
  'points',
  'rule_version',
  'issuer_code',
  'certifier_code',
  'created_at',
] as const;
/** As the service appends: `seq` from the autoincrement key, `leaf_index` null until the log is built. */
export const LOG_COLUMNS = ['kind', 'ref_id', 'leaf', 'created_at', 'leaf_index'] as const;

type Values = unknown[];

/** One attestation as posted: its row, and its credit and log leaf when it was credited. */
export interface PostedEntry {
  attestation: Values;
  credit: Values | undefined;
  log: Values | undefined;
}

const insertSql = (table: string, cols: readonly string[]) => `insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`;

export function openRawConnection(file: string, readonly = false): BetterSqlite3.Database {
  const raw = new BetterSqlite3(file, { readonly });
  if (!readonly) {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
  }
  raw.pragma('busy_timeout = 5000');
  return raw;
}

/** A fresh database migrated by the platform's own code, then reopened as a plain better-sqlite3 handle. */
export async function freshRawDatabase(dir: string): Promise<{ raw: BetterSqlite3.Database; file: string }> {
  const file = join(dir, 'raw.sqlite');
  const store = await openSqlite(file);
  await store.close();
  return { raw: openRawConnection(file), file };
}

/** Everything the service posted, in posting order (attestation rowid order). */
export function readPosted(serviceDb: BetterSqlite3.Database): PostedEntry[] {
  const select = (table: string, cols: readonly string[], order: string) =>
    serviceDb
      .prepare(`select ${cols.join(', ')} from ${table} order by ${order}`)
      .raw(true)
      .all() as Values[];
  // leaf_index as posted (null): the sequencer may have assigned it since.
  const logCols = LOG_COLUMNS.map((c) => (c === 'leaf_index' ? 'null as leaf_index' : c));
  const credits = new Map<unknown, Values>();
  for (const c of select('credits', CREDIT_COLUMNS, 'rowid')) credits.set(c[1], c); // by attestation_id
  const logs = new Map<unknown, Values>();
  for (const l of select('log_entries', logCols, 'seq')) if (l[0] === 'credit') logs.set(l[1], l); // by ref_id (credit id)
  return select('attestations', ATTESTATION_COLUMNS, 'rowid').map((a) => {
    const credit = credits.get(a[0]);
    return { attestation: a, credit, log: credit ? logs.get(credit[0]) : undefined };
  });
}

export function rowsOf(entries: readonly PostedEntry[]): number {
  let n = 0;
  for (const e of entries) n += 1 + (e.credit ? 1 : 0) + (e.log ? 1 : 0);
  return n;
}

/** Inserts entries (attestation, credit, log leaf) with one transaction per `batch` attestations. */
export function insertPosted(raw: BetterSqlite3.Database, entries: readonly PostedEntry[], batch: number): void {
  const att = raw.prepare(insertSql('attestations', ATTESTATION_COLUMNS));
  const credit = raw.prepare(insertSql('credits', CREDIT_COLUMNS));
  const log = raw.prepare(insertSql('log_entries', LOG_COLUMNS));
  const tx = raw.transaction((slice: readonly PostedEntry[]) => {
    for (const e of slice) {
      att.run(e.attestation);
      if (e.credit) credit.run(e.credit);
      if (e.log) log.run(e.log);
    }
  });
  for (let start = 0; start < entries.length; start += batch) tx(entries.slice(start, start + batch));
}

/** Inserts attestation rows only (the single-table rate), one transaction per `batch` rows. */
export function insertAttestationsOnly(raw: BetterSqlite3.Database, entries: readonly PostedEntry[], batch: number): void {
  const att = raw.prepare(insertSql('attestations', ATTESTATION_COLUMNS));
  const tx = raw.transaction((slice: readonly PostedEntry[]) => {
    for (const e of slice) att.run(e.attestation);
  });
  for (let start = 0; start < entries.length; start += batch) tx(entries.slice(start, start + batch));
}

export function countRows(db: BetterSqlite3.Database): { attestations: number; credits: number; log_entries: number } {
  const n = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return { attestations: n('attestations'), credits: n('credits'), log_entries: n('log_entries') };
}
