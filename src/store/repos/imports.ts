// File imports: the import rows with their progress and lease, their per-row problems, and the
// refs seen in a file while it is processed.
import type { ImportErrorsTable, ImportsTable } from '../schema.js';
import type { Queryable } from './types.js';
import { preparedListQuery } from '../prepared.js';

export type ImportRow = ImportsTable;
export type ImportErrorRow = ImportErrorsTable;

/** What one committed chunk adds to an import's totals. */
export interface ChunkTotals {
  rowsRead: number;
  credited: number;
  pending: number;
  rejected: number;
  failed: number;
  alreadyRecorded: number;
  errorsStored: number;
}

export const importsRepo = {
  insert: (db: Queryable, row: ImportRow) => db.insertInto('imports').values(row).execute(),

  findById: (db: Queryable, id: string) => db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst(),

  /** An agency's imports, newest first (ids are time-ordered), after the cursor `before` if given. */
  listForAgency(db: Queryable, agency: string, limit: number, before?: string) {
    let q = db.selectFrom('imports').selectAll().where('agency_code', '=', agency);
    if (before) q = q.where('id', '<', before);
    return q.orderBy('id', 'desc').limit(limit).execute();
  },

  /**
   * Imports a runner at `location` may take: queued, or running under a lease that has lapsed (or
   * is `runner`'s own).
   */
  claimable(db: Queryable, location: string, runner: string, staleBefore: string, limit: number) {
    return db
      .selectFrom('imports')
      .select(['id', 'runner', 'heartbeat_at'])
      .where('spool_location', '=', location)
      .where('status', 'in', ['queued', 'running'])
      .where((eb) => eb.or([eb('runner', 'is', null), eb('runner', '=', runner), eb('heartbeat_at', '<', staleBefore)]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  /** Takes the lease of an import seen by `claimable` (compare-and-set on its runner and heartbeat). */
  async claim(db: Queryable, seen: { id: string; runner: string | null; heartbeat_at: string | null }, runner: string, now: string): Promise<ImportRow | undefined> {
    const r = await db
      .updateTable('imports')
      .set((eb) => ({ runner, heartbeat_at: now, status: 'running', started_at: eb.fn.coalesce('started_at', eb.val(now)) }))
      .where('id', '=', seen.id)
      .where('status', 'in', ['queued', 'running'])
      .where((eb) => (seen.runner === null ? eb('runner', 'is', null) : eb('runner', '=', seen.runner)))
      .where((eb) => (seen.heartbeat_at === null ? eb('heartbeat_at', 'is', null) : eb('heartbeat_at', '=', seen.heartbeat_at)))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return undefined;
    return importsRepo.findById(db, seen.id);
  },

  /**
   * Records a committed chunk: the new position and the totals it adds, only if `runner` still
   * holds the lease and the import is where the chunk started (so a chunk counts once).
   */
  async advance(db: Queryable, id: string, runner: string, from: number, to: { position: number; line: number }, add: ChunkTotals, now: string): Promise<boolean> {
    const r = await db
      .updateTable('imports')
      .set((eb) => ({
        position: to.position,
        line: to.line,
        heartbeat_at: now,
        rows_read: eb('rows_read', '+', add.rowsRead),
        credited: eb('credited', '+', add.credited),
        pending: eb('pending', '+', add.pending),
        rejected: eb('rejected', '+', add.rejected),
        failed: eb('failed', '+', add.failed),
        already_recorded: eb('already_recorded', '+', add.alreadyRecorded),
        errors_stored: eb('errors_stored', '+', add.errorsStored),
      }))
      .where('id', '=', id)
      .where('runner', '=', runner)
      .where('status', '=', 'running')
      .where('position', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  finish: (db: Queryable, id: string, runner: string | null, set: { status: 'done' | 'failed'; error_code: string | null; finished_at: string; position?: number }) => {
    let q = db
      .updateTable('imports')
      .set({ ...set, spool_key_enc: null, runner: null, heartbeat_at: null })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running']);
    if (runner) q = q.where('runner', '=', runner);
    return q.executeTakeFirst();
  },

  /** Gives a runner's leases back on a clean stop, so the next start continues at once. */
  releaseAll: (db: Queryable, runner: string) => db.updateTable('imports').set({ runner: null }).where('runner', '=', runner).execute(),

  /** How many of an agency's imports are waiting or running. */
  async unfinishedCount(db: Queryable, agency: string): Promise<number> {
    const r = await db
      .selectFrom('imports')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('agency_code', '=', agency)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** Ids of imports not finished (their spooled files must be kept). */
  async unfinishedIds(db: Queryable): Promise<Set<string>> {
    const rows = await db.selectFrom('imports').select('id').where('status', 'in', ['queued', 'running']).execute();
    return new Set(rows.map((r) => r.id));
  },
};

export const importErrorsRepo = {
  /** Stores problems; a problem already stored (a chunk run again after a crash) is kept once. */
  async insert(db: Queryable, rows: readonly ImportErrorRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('import_errors')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['import_id', 'row', 'seq']).doNothing())
        .execute();
  },

  /** One page of the report in file order, after (row, seq). */
  page: (db: Queryable, importId: string, after: { row: number; seq: number } | undefined, limit: number) => {
    let q = db.selectFrom('import_errors').selectAll().where('import_id', '=', importId);
    if (after) q = q.where((eb) => eb.or([eb('row', '>', after.row), eb.and([eb('row', '=', after.row), eb('seq', '>', after.seq)])]));
    return q.orderBy('row').orderBy('seq').limit(limit).execute();
  },
};

// A chunk's refs, registered and looked up with statements compiled once per number of refs (src/store/prepared.ts).
const insertRefs = preparedListQuery((db, [importId], pairs) =>
  db
    .insertInto('import_refs')
    .values(Array.from({ length: pairs.length / 2 }, (_, i) => ({ import_id: importId!, ref: pairs[2 * i]!, row: pairs[2 * i + 1] as unknown as number })))
    .onConflict((oc) => oc.columns(['import_id', 'ref']).doNothing()),
);
const firstRows = preparedListQuery((db, [importId], refs) => db.selectFrom('import_refs').select(['ref', 'row']).where('import_id', '=', importId!).where('ref', 'in', refs));

export const importRefsRepo = {
  /**
   * Registers the refs of a chunk (each with the row that used it first) and returns, for every
   * ref, the first row of the file that used it, this chunk's or an earlier one's.
   */
  async register(db: Queryable, importId: string, refs: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    const entries = [...refs];
    for (let i = 0; i < entries.length; i += 300) await insertRefs(db, [importId], entries.slice(i, i + 300).flat());
    const first = new Map<string, number>();
    const keys = [...refs.keys()];
    for (let i = 0; i < keys.length; i += 300) {
      const { rows } = await firstRows(db, [importId], keys.slice(i, i + 300));
      for (const r of rows) first.set(r.ref, Number(r.row));
    }
    return first;
  },

  /** Imports that have ended but still hold refs: a crash came between the end and the clean-up. */
  async ofFinished(db: Queryable): Promise<string[]> {
    // EXISTS uses the refs' primary key (import_id first); a join would read every ref of a running import.
    const rows = await db
      .selectFrom('imports')
      .select('id')
      .where('status', 'not in', ['queued', 'running'])
      .where(({ exists, selectFrom }) => exists(selectFrom('import_refs').select('ref').whereRef('import_refs.import_id', '=', 'imports.id')))
      .execute();
    return rows.map((r) => r.id);
  },

  /** Drops a finished import's refs, a slice at a time so no single statement holds the database long. */
  async clear(db: Queryable, importId: string, slice = 5000): Promise<void> {
    for (;;) {
      const refs = await db.selectFrom('import_refs').select('ref').where('import_id', '=', importId).limit(slice).execute();
      if (refs.length === 0) return;
      await db
        .deleteFrom('import_refs')
        .where('import_id', '=', importId)
        .where(
          'ref',
          'in',
          refs.map((r) => r.ref),
        )
        .execute();
    }
  },
};
