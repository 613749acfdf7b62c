import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { createWriteGate } from './write-gate.js';

/** A task the test finishes by hand, recording when it started. */
function manual(order: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((r) => {
    finish = r;
  });
  return {
    fn: async () => {
      order.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

describe('write gate', () => {
  it('gives the log sequencer the next turn ahead of every waiting ingest transaction', async () => {
    const gate = createWriteGate({ concurrency: 1, maxQueued: 10 });
    const order: string[] = [];
    const first = manual(order, 'ingest-1');
    const second = manual(order, 'ingest-2');
    const third = manual(order, 'ingest-3');
    const log = manual(order, 'log');
    const runs = [gate.run('ingest', first.fn), gate.run('ingest', second.fn), gate.run('ingest', third.fn)];
    await Promise.resolve();
    const logRun = gate.run('log', log.fn);
    expect(order).toEqual(['ingest-1']);
    expect(gate.queued()).toBe(2);
    first.finish();
    await runs[0];
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['ingest-1', 'log']);
    log.finish();
    await logRun;
    second.finish();
    third.finish();
    expect(await Promise.all(runs)).toEqual(['ingest-1', 'ingest-2', 'ingest-3']);
    expect(order).toEqual(['ingest-1', 'log', 'ingest-2', 'ingest-3']);
  });

  it('refuses new requests with overloaded and a Retry-After once too many wait, and still runs what it admitted', async () => {
    const gate = createWriteGate({ concurrency: 1, maxQueued: 2 });
    const order: string[] = [];
    const tasks = [manual(order, 'a'), manual(order, 'b'), manual(order, 'c')];
    gate.admit();
    const runs = tasks.map((t) => gate.run('ingest', t.fn));
    await Promise.resolve();
    let refusal: unknown;
    try {
      gate.admit();
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('overloaded');
    expect((refusal as AppError).details).toEqual({ retryAfterSeconds: expect.any(Number) });
    expect(((refusal as AppError).details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    for (const t of tasks) t.finish();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c']);
    expect(() => gate.admit()).not.toThrow();
  });

  it('runs up to its concurrency at once', async () => {
    const gate = createWriteGate({ concurrency: 2, maxQueued: 10 });
    const order: string[] = [];
    const tasks = [manual(order, 'a'), manual(order, 'b'), manual(order, 'c')];
    const runs = tasks.map((t) => gate.run('ingest', t.fn));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['a', 'b']);
    for (const t of tasks) t.finish();
    await Promise.all(runs);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('lets timers and I/O run between waiting transactions, however many wait', async () => {
    // SQLite answers synchronously: without a turn of the event loop between transactions a queue of
    // them ran back to back in microtasks, and the sequencer's timer (and every socket) waited for all.
    const gate = createWriteGate({ concurrency: 1, maxQueued: 100 });
    const order: string[] = [];
    const ticks = setInterval(() => order.push('timer'), 0);
    try {
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          gate.run('ingest', async () => {
            order.push(`tx-${i}`);
            // Synchronous work of a few milliseconds, as a SQLite transaction is.
            const until = performance.now() + 3;
            while (performance.now() < until);
          }),
        ),
      );
    } finally {
      clearInterval(ticks);
    }
    const txs = order.filter((e) => e.startsWith('tx-'));
    expect(txs).toEqual(['tx-0', 'tx-1', 'tx-2', 'tx-3', 'tx-4']);
    // The timer ran between the transactions, not only after the last one.
    expect(order.indexOf('timer')).toBeGreaterThan(-1);
    expect(order.indexOf('timer')).toBeLessThan(order.indexOf('tx-4'));
  });
});
