// Storage of the transparency log's tree: tiles, signed checkpoints, and the assignment of leaf
// indices to the entries that posting appends (see logRepo in attestations.ts for the append).
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { Database } from '../schema.js';
import type { Queryable } from './types.js';

export interface LogTilesTable {
  level: number;
  idx: number;
  /** Number of hashes in `hashes` (1..256); a tile's row only ever grows. */
  width: number;
  hashes: Uint8Array;
}

export interface LogCheckpointsTable {
  size: number;
  root: Uint8Array;
  /** The signed note, with witness cosignature lines once they are added. */
  note: string;
  created_at: string;
}

/** The query layer's view including the log tables, which the migration 0002_log creates. */
export interface LogDatabase extends Database {
  log_tiles: LogTilesTable;
  log_checkpoints: LogCheckpointsTable;
}

export interface StoredTile {
  level: number;
  idx: number;
  width: number;
  hashes: Uint8Array;
}

export interface StoredCheckpoint {
  size: number;
  root: Uint8Array;
  note: string;
  /** When the sequencer signed it (ISO 8601 UTC). */
  createdAt: string;
}

/** One entry of an entry bundle with what is needed to render it again from the credit it records. */
export interface BundleRow {
  leaf_index: number;
  kind: string;
  leaf: string;
  credit_id: string | null;
  account_id: string | null;
  indicator_code: string | null;
  rule_version: number | null;
  points: number | null;
  year: number | null;
  bangkok_day: string | null;
  issuer_code: string | null;
  certifier_code: string | null;
  account_found: string | null;
  subject_key_enc: string | null;
  redemption_id: string | null;
  redemption_account_id: string | null;
  redemption_privilege: string | null;
  redemption_partner: string | null;
  redemption_points: number | null;
  redemption_issued_at: string | null;
  redemption_account_found: string | null;
  redemption_subject_key_enc: string | null;
  reversal_id?: string | null;
  reversal_account_id?: string | null;
  reversal_credit_id?: string | null;
  reversal_credit_index?: number | null;
  reversal_points?: number | null;
  reversal_debited?: number | null;
  reversal_waived?: number | null;
  reversal_reason?: string | null;
  reversal_by?: string | null;
  reversal_role?: string | null;
  reversal_created_at?: string | null;
  reversal_account_found?: string | null;
  reversal_subject_key_enc?: string | null;
}

// Any constant shared by every process that integrates into this database.
const LOG_LOCK_KEY = 7_310_593_858_420_179_003n;
const UPDATE_CHUNK = 10_000;
const TILE_CHUNK = 100;

const logDb = (db: Queryable): Kysely<LogDatabase> => db as unknown as Kysely<LogDatabase>;
const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const asBytes = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** A log entry with the source row it is rendered from (credit or redemption, and its account). */
const entryRowsQuery = (db: Queryable) =>
  db
    .selectFrom('log_entries')
    .leftJoin('credits', (j) => j.onRef('credits.id', '=', 'log_entries.ref_id').on('log_entries.kind', '=', 'credit'))
    .leftJoin('accounts', 'accounts.id', 'credits.account_id')
    .leftJoin('redemptions', (j) => j.onRef('redemptions.id', '=', 'log_entries.ref_id').on('log_entries.kind', 'in', ['redemption', 'refund']))
    .leftJoin('accounts as racc', 'racc.id', 'redemptions.account_id')
    .leftJoin('reversals', (j) => j.onRef('reversals.id', '=', 'log_entries.ref_id').on('log_entries.kind', '=', 'reversal'))
    .leftJoin('accounts as vacc', 'vacc.id', 'reversals.account_id')
    .select([
      'log_entries.leaf_index',
      'log_entries.kind',
      'log_entries.leaf',
      'credits.id as credit_id',
      'credits.account_id',
      'credits.indicator_code',
      'credits.rule_version',
      'credits.points',
      'credits.year',
      'credits.bangkok_day',
      'credits.issuer_code',
      'credits.certifier_code',
      'accounts.id as account_found',
      'accounts.subject_key_enc',
      'redemptions.id as redemption_id',
      'redemptions.account_id as redemption_account_id',
      'redemptions.privilege_code as redemption_privilege',
      'redemptions.partner_code as redemption_partner',
      'redemptions.points as redemption_points',
      'redemptions.issued_at as redemption_issued_at',
      'racc.id as redemption_account_found',
      'racc.subject_key_enc as redemption_subject_key_enc',
      'reversals.id as reversal_id',
      'reversals.account_id as reversal_account_id',
      'reversals.credit_id as reversal_credit_id',
      'reversals.credit_leaf_index as reversal_credit_index',
      'reversals.points as reversal_points',
      'reversals.debited as reversal_debited',
      'reversals.waived as reversal_waived',
      'reversals.reason_code as reversal_reason',
      'reversals.by_agency as reversal_by',
      'reversals.by_role as reversal_role',
      'reversals.created_at as reversal_created_at',
      'vacc.id as reversal_account_found',
      'vacc.subject_key_enc as reversal_subject_key_enc',
    ]);

export const logTreeRepo = {
  /** Serialises integration across processes on PostgreSQL; SQLite write transactions are serial already. */
  async lock(db: Queryable, dialect: Dialect): Promise<void> {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${LOG_LOCK_KEY.toString()}::bigint)`.execute(db);
  },

  async latestCheckpoint(db: Queryable): Promise<StoredCheckpoint | undefined> {
    const r = await logDb(db).selectFrom('log_checkpoints').select(['size', 'root', 'note', 'created_at']).orderBy('size', 'desc').limit(1).executeTakeFirst();
    return r && { size: Number(r.size), root: asBytes(r.root), note: r.note, createdAt: r.created_at };
  },

  async recentCheckpoints(db: Queryable, limit: number): Promise<StoredCheckpoint[]> {
    const rows = await logDb(db).selectFrom('log_checkpoints').select(['size', 'root', 'note', 'created_at']).orderBy('size', 'desc').limit(limit).execute();
    return rows.map((r) => ({ size: Number(r.size), root: asBytes(r.root), note: r.note, createdAt: r.created_at }));
  },

  async checkpointNote(db: Queryable, size: number): Promise<string | undefined> {
    const r = await logDb(db).selectFrom('log_checkpoints').select('note').where('size', '=', size).executeTakeFirst();
    return r?.note;
  },

  insertCheckpoint: (db: Queryable, row: LogCheckpointsTable) =>
    logDb(db)
      .insertInto('log_checkpoints')
      .values({ ...row, root: asBuffer(row.root) })
      .execute(),

  /** Replaces a checkpoint's note by one over the same text with more signatures (witness cosignatures). */
  /** Replaces a checkpoint's note, only while it is still `expected` when given (another process may have added cosignatures). */
  replaceCheckpointNote: (db: Queryable, size: number, note: string, expected?: string) => {
    const q = logDb(db).updateTable('log_checkpoints').set({ note }).where('size', '=', size);
    return (expected === undefined ? q : q.where('note', '=', expected)).executeTakeFirst();
  },

  async hasPending(db: Queryable): Promise<boolean> {
    const r = await db.selectFrom('log_entries').select('seq').where('leaf_index', 'is', null).limit(1).executeTakeFirst();
    return r !== undefined;
  },

  /**
   * Entries not yet in the tree, oldest first. Found by the NULL index rather than by seq above the
   * last integrated one because PostgreSQL sequence values can commit out of order.
   */
  pending: (db: Queryable, limit: number) => db.selectFrom('log_entries').select(['seq', 'leaf']).where('leaf_index', 'is', null).orderBy('seq').limit(limit).execute(),

  /**
   * Gives `seqs[i]` the leaf index `base + i`; returns how many rows changed. One statement per
   * chunk. On SQLite the cast and the unary + keep the planner driving the update from the JSON
   * list (one rowid lookup each); without statistics it would otherwise walk the pending rows by
   * the leaf_index index and scan the whole list for each of them.
   */
  async assignIndices(db: Queryable, dialect: Dialect, base: number, seqs: readonly number[]): Promise<number> {
    let changed = 0;
    for (let from = 0; from < seqs.length; from += UPDATE_CHUNK) {
      const chunk = seqs.slice(from, from + UPDATE_CHUNK);
      const start = base + from;
      const q =
        dialect === 'postgres'
          ? sql`update log_entries set leaf_index = ${start} + t.ord - 1
                from unnest(${chunk}::bigint[]) with ordinality as t(seq, ord)
                where log_entries.seq = t.seq and log_entries.leaf_index is null`
          : sql`update log_entries set leaf_index = ${start} + j.key
                from json_each(${JSON.stringify(chunk)}) as j
                where log_entries.seq = cast(j.value as integer) and +log_entries.leaf_index is null`;
      const r = await q.execute(db);
      changed += Number(r.numAffectedRows ?? 0n);
    }
    return changed;
  },

  async readTiles(db: Queryable, keys: readonly { level: number; idx: number }[]): Promise<StoredTile[]> {
    if (keys.length === 0) return [];
    const rows = await logDb(db)
      .selectFrom('log_tiles')
      .select(['level', 'idx', 'width', 'hashes'])
      .where((eb) => eb.or(keys.map((k) => eb.and([eb('level', '=', k.level), eb('idx', '=', k.idx)]))))
      .execute();
    return rows.map((r) => ({ level: r.level, idx: Number(r.idx), width: r.width, hashes: asBytes(r.hashes) }));
  },

  async upsertTiles(db: Queryable, tiles: readonly StoredTile[]): Promise<void> {
    for (let from = 0; from < tiles.length; from += TILE_CHUNK) {
      const rows = tiles.slice(from, from + TILE_CHUNK).map((t) => ({ level: t.level, idx: t.idx, width: t.width, hashes: asBuffer(t.hashes) }));
      await logDb(db)
        .insertInto('log_tiles')
        .values(rows)
        .onConflict((oc) => oc.columns(['level', 'idx']).doUpdateSet((eb) => ({ width: eb.ref('excluded.width'), hashes: eb.ref('excluded.hashes') })))
        .execute();
    }
  },

  /** Entries [start, end) with the credit row and account they record, by leaf index. */
  bundleRows: (db: Queryable, start: number, end: number): Promise<BundleRow[]> =>
    entryRowsQuery(db).where('log_entries.leaf_index', '>=', start).where('log_entries.leaf_index', '<', end).orderBy('log_entries.leaf_index').execute() as Promise<BundleRow[]>,

  /** The same rows for some leaf indices (a person's credits), in any order. */
  entryRows: (db: Queryable, indices: readonly number[]): Promise<BundleRow[]> =>
    indices.length === 0
      ? Promise.resolve([])
      : (entryRowsQuery(db)
          .where('log_entries.leaf_index', 'in', [...indices])
          .execute() as Promise<BundleRow[]>),
};
