// The exchange standard's rows: agencies' manifest-signing keys, each import's manifest and
// receipt, and what the log has integrated of the entries an import appended.
import type { AgencySigningKeysTable, ImportExchangeTable } from '../schema.js';
import type { Queryable } from './types.js';

export type SigningKeyRow = AgencySigningKeysTable;

export const signingKeysRepo = {
  insert: (db: Queryable, row: SigningKeyRow) =>
    db
      .insertInto('agency_signing_keys')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst(),

  find: (db: Queryable, agency: string, kid: string) =>
    db.selectFrom('agency_signing_keys').selectAll().where('agency_code', '=', agency).where('kid', '=', kid).executeTakeFirst(),

  list: (db: Queryable, agency: string) => db.selectFrom('agency_signing_keys').selectAll().where('agency_code', '=', agency).orderBy('created_at').orderBy('kid').execute(),

  /** Whether the agency ever registered a key (revoked ones count: from then on every upload needs a manifest). */
  async any(db: Queryable, agency: string): Promise<boolean> {
    const r = await db.selectFrom('agency_signing_keys').select('kid').where('agency_code', '=', agency).limit(1).executeTakeFirst();
    return r !== undefined;
  },

  /** Revokes a key once (a second revocation keeps the first time). */
  revoke: (db: Queryable, agency: string, kid: string, now: string) =>
    db.updateTable('agency_signing_keys').set({ revoked_at: now }).where('agency_code', '=', agency).where('kid', '=', kid).where('revoked_at', 'is', null).executeTakeFirst(),
};

export const importExchangeRepo = {
  insert: (db: Queryable, row: ImportExchangeTable) => db.insertInto('import_exchange').values(row).execute(),

  find: (db: Queryable, importId: string) => db.selectFrom('import_exchange').selectAll().where('import_id', '=', importId).executeTakeFirst(),

  /** Notes the log position an import's receipt waits for (imports from before 0016 get their row here). */
  async setLogSeq(db: Queryable, importId: string, seq: number): Promise<void> {
    const r = await db.updateTable('import_exchange').set({ log_seq: seq }).where('import_id', '=', importId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0)
      await db
        .insertInto('import_exchange')
        .values({ import_id: importId, manifest_kid: null, manifest: null, log_seq: seq, receipt: null })
        .onConflict((oc) => oc.column('import_id').doUpdateSet({ log_seq: seq }))
        .execute();
  },

  /** Stores the first receipt issued; returns the one stored (of two at once, the first wins). */
  async setReceipt(db: Queryable, importId: string, receipt: string): Promise<string> {
    await db.updateTable('import_exchange').set({ receipt }).where('import_id', '=', importId).where('receipt', 'is', null).execute();
    const row = await importExchangeRepo.find(db, importId);
    return row?.receipt ?? receipt;
  },
};

export const logCoverageRepo = {
  /** The highest log entry sequence committed so far (0: none). */
  async maxSeq(db: Queryable): Promise<number> {
    const r = await db
      .selectFrom('log_entries')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return r?.seq === null || r?.seq === undefined ? 0 : Number(r.seq);
  },

  /** Of the entries up to `seq`: how many wait for the sequencer, and the highest leaf index given. */
  async coverage(db: Queryable, seq: number): Promise<{ unintegrated: number; maxLeafIndex: number | null }> {
    const pending = await db
      .selectFrom('log_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seq', '<=', seq)
      .where('leaf_index', 'is', null)
      .executeTakeFirst();
    const top = await db
      .selectFrom('log_entries')
      .select((eb) => eb.fn.max('leaf_index').as('i'))
      .where('seq', '<=', seq)
      .executeTakeFirst();
    return { unintegrated: Number(pending?.n ?? 0), maxLeafIndex: top?.i === null || top?.i === undefined ? null : Number(top.i) };
  },
};
