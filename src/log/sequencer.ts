// Integrates appended log entries into the Merkle tree in batches. Posting makes an entry durable
// in the credit's own transaction; this only gives entries their leaf index, so it may lag and
// catch up after a crash. One batch is one transaction (indices, tiles and the signed checkpoint
// commit together or not at all), which is why a crash can neither lose nor duplicate a leaf.
import type { Kysely } from 'kysely';
import type { Clock } from '../adapters/clock.js';
import { bytesEqual } from '../core/merkle/bytes.js';
import { formatCheckpoint, leafHash, parseCheckpoint, parseNote, signNote, type NoteSigner } from '../core/merkle/index.js';
import type { Dialect } from '../store/database.js';
import { logTreeRepo, type StoredCheckpoint } from '../store/repos/log.js';
import type { Queryable } from '../store/repos/types.js';
import type { Database } from '../store/schema.js';
import { RightEdge } from './edge.js';
import { OPEN_GATE, type WriteGate } from '../adapters/write-gate.js';
import { withPriority } from '../store/turns.js';

export interface SequencerOptions {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  origin: string;
  signer: NoteSigner;
  /** Most entries one batch integrates. */
  batchMax?: number;
  /** Pause between batches while the log is not behind; bounds the checkpoint latency. */
  intervalMs?: number;
  onError?: (err: unknown) => void;
  /** The turn-taking with ingest: the sequencer's batch goes ahead of waiting ingest transactions. */
  gate?: WriteGate;
  /** Test hook: runs inside the batch transaction after indices and tiles are written, before the checkpoint. */
  beforeCheckpoint?: () => void | Promise<void>;
}

export interface IntegrateResult {
  integrated: number;
  size: number;
}

export interface Sequencer {
  integrateOnce(): Promise<IntegrateResult>;
  /** Integrates until no entry is pending; returns the final tree size. */
  catchUp(): Promise<number>;
  start(): void;
  /** Stops the loop and waits for a running batch to finish. */
  stop(): Promise<void>;
}

export const DEFAULT_BATCH_MAX = 50_000;
export const DEFAULT_INTERVAL_MS = 250;

const encoder = new TextEncoder();

export function createSequencer(opts: SequencerOptions): Sequencer {
  const batchMax = opts.batchMax ?? DEFAULT_BATCH_MAX;
  const intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  const onError = opts.onError ?? ((err: unknown) => console.error('log sequencer: batch failed', err));
  // The right edge after the last batch this process committed; trusted only while it still matches
  // the latest stored checkpoint (another process may have integrated since).
  let cached: RightEdge | undefined;
  // Whether a batch has run since start: the first one writes the empty log's checkpoint if needed.
  let initialised = false;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  async function edgeFor(trx: Queryable, latest: StoredCheckpoint | undefined): Promise<RightEdge> {
    if (!latest) return RightEdge.empty();
    if (cached && cached.size === latest.size && bytesEqual(cached.root(), latest.root)) return cached.clone();
    const origin = parseCheckpoint(parseNote(latest.note).text).origin;
    if (origin !== opts.origin) throw new Error(`the stored log has origin "${origin}", not the configured "${opts.origin}"`);
    const edge = RightEdge.fromTiles(latest.size, await logTreeRepo.readTiles(trx, RightEdge.tilesNeeded(latest.size)));
    if (!bytesEqual(edge.root(), latest.root)) throw new Error(`stored tiles do not reproduce the root of checkpoint ${latest.size}`);
    return edge;
  }

  async function integrateOnce(): Promise<IntegrateResult> {
    const gate = opts.gate ?? OPEN_GATE;
    const out = await gate.run('log', () =>
      opts.db.transaction().execute(async (trx) => {
        await logTreeRepo.lock(trx, opts.dialect);
        const latest = await logTreeRepo.latestCheckpoint(trx);
        const size = latest?.size ?? 0;
        const pending = await logTreeRepo.pending(trx, batchMax);
        // An empty log still gets its size-0 checkpoint so that /log/checkpoint always answers.
        if (pending.length === 0 && latest) return { integrated: 0, size, edge: undefined };
        const edge = await edgeFor(trx, latest);
        const tiles = edge.append(pending.map((e) => leafHash(encoder.encode(e.leaf))));
        const assigned = await logTreeRepo.assignIndices(
          trx,
          opts.dialect,
          size,
          pending.map((e) => Number(e.seq)),
        );
        if (assigned !== pending.length) throw new Error(`expected to index ${pending.length} entries, indexed ${assigned}`);
        await logTreeRepo.upsertTiles(trx, tiles);
        await opts.beforeCheckpoint?.();
        const root = edge.root();
        const note = signNote(formatCheckpoint({ origin: opts.origin, size: edge.size, rootHash: root }), opts.signer);
        await logTreeRepo.insertCheckpoint(trx, { size: edge.size, root, note, created_at: opts.clock.now().toISOString() });
        return { integrated: pending.length, size: edge.size, edge };
      }),
    );
    if (out.edge) cached = out.edge;
    initialised = true;
    return { integrated: out.integrated, size: out.size };
  }

  async function catchUp(): Promise<number> {
    for (;;) {
      const r = await integrateOnce();
      if (r.integrated < batchMax) return r.size;
    }
  }

  async function tick(): Promise<void> {
    let delay = intervalMs;
    try {
      if (!initialised || (await logTreeRepo.hasPending(opts.db))) {
        const r = await integrateOnce();
        // Still behind (after a restart or a burst): go on without pausing.
        if (r.integrated >= batchMax) delay = 0;
      }
    } catch (err) {
      onError(err);
      delay = Math.max(intervalMs, 1000);
    }
    if (running && timer === undefined) schedule(delay);
  }

  // Unref'd: a pending batch never keeps a process alive; close() stops the loop explicitly.
  function schedule(delay: number): void {
    timer = setTimeout(run, delay);
    timer.unref();
  }

  function run(): void {
    timer = undefined;
    // The sequencer's queries take the database connection ahead of waiting ingest (SQLite).
    current = withPriority(tick).finally(() => {
      current = undefined;
    });
  }

  return {
    integrateOnce,
    catchUp,
    start() {
      if (running) return;
      running = true;
      if (current === undefined) schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current;
    },
  };
}
