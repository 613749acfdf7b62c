// The turn-taking in front of the database's writers. Ingest transactions (attestations, batches,
// import chunks) wait here in arrival order, at most `concurrency` at a time (1 on SQLite, which has
// one writer anyway); the log sequencer's batch goes ahead of every waiting ingest transaction, so
// however hard ingest is pushed the log keeps integrating (issue 9: at 1.3 × capacity the sequencer
// got no turn for 10 s). Past `maxQueued` waiting transactions a new request is refused at once with
// `overloaded` (503 with Retry-After) rather than queued without limit; what was admitted finishes.
import { AppError } from '../core/errors.js';

/** Ingest transactions that may wait for the database before new requests are refused with 503 (each up to 250 items). */
export const DEFAULT_INGEST_QUEUE_MAX = 256;

export type WriteKind = 'ingest' | 'log';

export interface WriteGate {
  /** Refuses new ingest with `overloaded` while too many transactions wait (a caller's request, not a running import). */
  admit(): void;
  run<T>(kind: WriteKind, fn: () => Promise<T>): Promise<T>;
  /** Ingest transactions waiting for their turn. */
  queued(): number;
}

export interface WriteGateOptions {
  concurrency: number;
  maxQueued: number;
  /** Work waiting for the database outside this gate (SQLite's connection, PostgreSQL's pool). */
  waitingElsewhere?: () => number;
}

export function createWriteGate(opts: WriteGateOptions): WriteGate {
  const waiting: { kind: WriteKind; start: () => void }[] = [];
  let active = 0;
  // A moving average of how long a transaction holds its turn, for Retry-After.
  let meanMs = 5;

  function next(): void {
    while (active < opts.concurrency && waiting.length > 0) {
      const logAt = waiting.findIndex((w) => w.kind === 'log');
      const [w] = waiting.splice(Math.max(logAt, 0), 1);
      active++;
      w?.start();
    }
  }

  return {
    queued: () => waiting.filter((w) => w.kind === 'ingest').length,
    admit() {
      const queued = waiting.length + (opts.waitingElsewhere?.() ?? 0);
      if (queued < opts.maxQueued) return;
      const seconds = Math.max(1, Math.ceil((queued * meanMs) / opts.concurrency / 1000));
      throw new AppError('overloaded', { retryAfterSeconds: seconds });
    },
    async run(kind, fn) {
      // Admitted work always gets its turn: a batch whose first chunk committed is never cut short.
      await new Promise<void>((start) => {
        waiting.push({ kind, start });
        next();
      });
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        meanMs = meanMs * 0.9 + (performance.now() - t0) * 0.1;
        active--;
        // The next turn after a turn of the event loop: SQLite answers synchronously, so a queue of
        // transactions otherwise ran back to back in microtasks, and the sequencer's timer, the
        // checkpoint and every socket waited for the whole queue (issue 9: at 120 % of capacity two
        // checkpoints in 8 s). setImmediate runs after timers and I/O of the loop's next turn.
        setImmediate(next);
      }
    },
  };
}

/** No turn-taking: for tools and tests that write alone. */
export const OPEN_GATE: WriteGate = { admit: () => undefined, run: (_kind, fn) => fn(), queued: () => 0 };
