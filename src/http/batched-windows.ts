// The shared request-rate windows (rate_windows) without a database write on every request. Each
// process counts a caller's hits locally and adds them to the shared row in one statement for all
// callers every `flushMs`; it asks the database at once only when it must know the shared total: a
// caller it has no running window for, and a caller at half the limit or more by its own view (the
// total the database last returned to it plus its own unflushed hits). So a caller far below the
// limit costs no round trip, and from half the limit on every hit is in the database before it is
// answered, as before. The price: a process admits locally only while its view is below half, so
// a burst that reaches N processes within one flush interval can get at most about N/2 × the limit
// through before every process sees the total; the next flush shows it to all. No hit is lost or
// counted twice.
import type { Kysely } from 'kysely';
import type { LoopLogger } from '../adapters/loop.js';
import { startLoop, stderrLogger, type Loop } from '../adapters/loop.js';
import type { Database } from '../store/schema.js';
import { rateWindowsRepo, type WindowState } from '../store/repos/rate-windows.js';

export const RATE_FLUSH_MS = 100;

interface Entry {
  /** Hits answered here and not yet added to the shared row. */
  pending: number;
  windowMs: number;
  /** The shared window as the database last returned it. */
  known: WindowState | undefined;
}

export interface BatchedWindows {
  hit(keyHash: string, now: number, windowMs: number, max: number): Promise<WindowState>;
  /** Adds every unflushed hit to the database now (the loop does it every flushMs). */
  flush(now: number): Promise<void>;
  /** Stops the loop after a last flush. */
  close(): Promise<void>;
}

export function createBatchedWindows(opts: { db: Kysely<Database>; now: () => number; flushMs?: number; log?: LoopLogger }): BatchedWindows {
  const entries = new Map<string, Entry>();

  async function flush(now: number): Promise<void> {
    const rows: Array<{ keyHash: string; hits: number; windowMs: number }> = [];
    for (const [keyHash, e] of entries) {
      // A window that ended takes its unflushed hits with it (they counted in that window only).
      if (!e.known || e.known.resetAt <= now) {
        entries.delete(keyHash);
        continue;
      }
      if (e.pending === 0) continue;
      rows.push({ keyHash, hits: e.pending, windowMs: e.windowMs });
      e.pending = 0;
    }
    if (rows.length === 0) return;
    try {
      const after = await rateWindowsRepo.hitMany(opts.db, rows, now);
      for (const [keyHash, w] of after) {
        const e = entries.get(keyHash);
        if (e) e.known = w;
      }
    } catch (err) {
      // Not lost: counted again at the next flush.
      for (const r of rows) {
        const e = entries.get(r.keyHash);
        if (e) e.pending += r.hits;
      }
      throw err;
    }
  }

  const loop: Loop = startLoop({ name: 'rate-window-flush', everyMs: opts.flushMs ?? RATE_FLUSH_MS, run: () => flush(opts.now()), log: opts.log ?? stderrLogger });

  return {
    async hit(keyHash, now, windowMs, max) {
      let e = entries.get(keyHash);
      if (!e) {
        e = { pending: 0, windowMs, known: undefined };
        entries.set(keyHash, e);
      }
      const k = e.known;
      if (k && k.resetAt > now && k.hits + e.pending + 1 < max / 2) {
        e.pending++;
        return { hits: k.hits + e.pending, resetAt: k.resetAt };
      }
      // In the database before the answer: this hit and what is still unflushed of a running window.
      const hits = 1 + (k && k.resetAt > now ? e.pending : 0);
      e.pending = 0;
      const w = await rateWindowsRepo.hitBy(opts.db, keyHash, hits, now, windowMs);
      e.known = w;
      e.windowMs = windowMs;
      return w;
    },
    flush,
    async close() {
      await loop.stop();
      await flush(opts.now()).catch((err: unknown) => (opts.log ?? stderrLogger)({ loop: 'rate-window-flush', err }));
    },
  };
}
