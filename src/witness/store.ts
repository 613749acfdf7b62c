// The witness's durable memory: the latest checkpoint it cosigned for each log origin, in SQLite
// (synchronous, so checking the old size and recording the new checkpoint happen atomically, and
// synchronous=FULL so a cosignature is only answered after the record is on disk), plus a bounded
// record of refused checkpoints that may be evidence of a log forking its history.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export interface CosignedState {
  origin: string;
  size: number;
  /** Base64 root hash. */
  rootHash: string;
  /** The signed checkpoint note as received. */
  note: string;
  updatedAt: string;
}

export interface Evidence {
  origin: string;
  receivedAt: string;
  reason: string;
  request: string;
}

/** Evidence rows kept per origin (oldest dropped first). */
const EVIDENCE_PER_ORIGIN = 1000;

export class WitnessStore {
  private readonly db: BetterSqlite3.Database;

  /** Opens (creating if needed) `witness.sqlite` in `dataDir`. */
  static open(dataDir: string): WitnessStore {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return new WitnessStore(new BetterSqlite3(join(dataDir, 'witness.sqlite')));
  }

  private constructor(db: BetterSqlite3.Database) {
    this.db = db;
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (
        origin TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        root_hash TEXT NOT NULL,
        note TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS evidence (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        origin TEXT NOT NULL,
        received_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        request TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS evidence_origin ON evidence (origin, id);
    `);
  }

  latest(origin: string): CosignedState | undefined {
    const row = this.db.prepare('SELECT origin, size, root_hash AS rootHash, note, updated_at AS updatedAt FROM checkpoints WHERE origin = ?').get(origin) as
      | CosignedState
      | undefined;
    return row;
  }

  save(state: Omit<CosignedState, 'updatedAt'>, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO checkpoints (origin, size, root_hash, note, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root_hash = excluded.root_hash, note = excluded.note, updated_at = excluded.updated_at`,
      )
      .run(state.origin, state.size, state.rootHash, state.note, at.toISOString());
  }

  recordEvidence(e: Evidence): void {
    this.db.prepare('INSERT INTO evidence (origin, received_at, reason, request) VALUES (?, ?, ?, ?)').run(e.origin, e.receivedAt, e.reason, e.request);
    this.db.prepare('DELETE FROM evidence WHERE origin = ? AND id <= (SELECT max(id) FROM evidence WHERE origin = ?) - ?').run(e.origin, e.origin, EVIDENCE_PER_ORIGIN);
  }

  evidence(origin: string): Evidence[] {
    return this.db.prepare('SELECT origin, received_at AS receivedAt, reason, request FROM evidence WHERE origin = ? ORDER BY id').all(origin) as Evidence[];
  }

  /** Runs `fn` in one immediate transaction: no other writer interleaves between its reads and writes. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
