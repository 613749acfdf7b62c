// Sustained mixed load on the real server process: score reads (16 connections, as fast as they are
// answered) and attestations (batches by the issuing agency's API key at a fixed rate) at once, for a
// fixed time. Errors are answers other than 200, connection errors, and batch items not credited; the
// write gate's 503 `overloaded` is push-back, counted apart.
import { deed, deedDay, type HttpFixture } from './http-fill.js';
import { runLoad, statusText, type LoadRequest, type LoadResult } from './http-load.js';
import type { HttpOptions } from './http-reads.js';
import { bangkokDay } from '../src/core/calendar.js';
import { int } from './timing.js';

/** Error rate of either kind of request at most this during the mixed run (1 %). */
export const MIXED_ERROR_TARGET = 0.01;

export interface MixedResult {
  dialect: string;
  seconds: number;
  reads: LoadResult;
  writes: LoadResult;
  /** Batch items credited, and items of 200 answers that were not (each with its reason). */
  credited: number;
  itemErrors: Record<string, number>;
  /** Attestations per second offered (batches/s × items); fewer go out while two batches wait for answers. */
  offeredRate: number;
}

/** Batches of new deeds: writer j mod W, that writer's next free day; one sequence for warm-up and run. */
function batchRequests(f: HttpFixture, batch: number, prefix: string): () => LoadRequest {
  const today = bangkokDay(new Date());
  let j = 0;
  return () => {
    const items = [];
    for (let n = 0; n < batch; n++, j++) {
      const p = j % f.writers.length;
      const k = Math.floor(j / f.writers.length);
      if (k >= f.writerSlots) throw new Error(`mixed run: more deeds than the ${f.writers.length} writers can take this year`);
      items.push(deed(`${prefix}-${j}`, f.writers[p]!, deedDay(today, p, k), p));
    }
    return {
      method: 'POST',
      path: '/api/v1/attestations/batch',
      headers: { authorization: `Bearer ${f.agencyToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items }),
    };
  };
}

export async function benchMixed(o: {
  url: string;
  fixture: HttpFixture;
  dialect: string;
  opts: HttpOptions;
  system: () => readonly number[];
  next: () => LoadRequest;
  connections: number;
}): Promise<MixedResult> {
  const { opts } = o;
  let credited = 0;
  const itemErrors: Record<string, number> = {};
  const onResponse = (status: number, body: string) => {
    if (status !== 200) return;
    for (const item of (JSON.parse(body) as { items: Array<{ ok: boolean; result?: { status: string }; error?: { code: string } }> }).items) {
      if (item.ok && item.result?.status === 'credited') credited++;
      else {
        const why = item.ok ? `${item.result?.status}` : `${item.error?.code}`;
        itemErrors[why] = (itemErrors[why] ?? 0) + 1;
      }
    }
  };
  const nextBatch = batchRequests(o.fixture, opts.mixedBatch, 'mx');
  const writes = (seconds: number, count: boolean) =>
    runLoad({
      url: o.url,
      connections: 2,
      seconds,
      overallRate: opts.mixedBatchRate,
      next: nextBatch,
      system: o.system,
      ...(count ? { onResponse } : {}),
    });
  const reads = (seconds: number) => runLoad({ url: o.url, connections: o.connections, seconds, next: o.next, system: o.system });
  // Warm-up of the write path (its statements, the sequencer's turn) with reads alongside.
  await Promise.all([writes(opts.warmSeconds, false), reads(o.opts.warmSeconds)]);
  const [r, w] = await Promise.all([reads(opts.mixedSeconds), writes(opts.mixedSeconds, true)]);
  return { dialect: o.dialect, seconds: opts.mixedSeconds, reads: r, writes: w, credited, itemErrors, offeredRate: opts.mixedBatchRate * opts.mixedBatch };
}

const pct = (n: number) => `${(n * 100).toFixed(2)} %`;
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

/** Failures among answers and attempts: anything but 200 (and, for writes, 503 push-back), plus connection errors. */
function errorRate(r: LoadResult, pushBack: boolean): { rate: number; pushedBack: number } {
  const pushedBack = pushBack ? (r.status[503] ?? 0) : 0;
  const failed = r.requests - (r.status[200] ?? 0) - pushedBack + r.errors;
  return { rate: failed / Math.max(1, r.requests + r.errors), pushedBack };
}

export function describeMixed(m: MixedResult): { detail: string[]; summary: string[] } {
  const reads = errorRate(m.reads, false);
  const writes = errorRate(m.writes, true);
  const itemErrors = Object.values(m.itemErrors).reduce((a, b) => a + b, 0);
  const items = m.credited + itemErrors;
  const itemRate = itemErrors / Math.max(1, items);
  const others = m.reads.section.otherCores === undefined ? '' : `; server ${m.reads.section.systemCores.toFixed(2)} cores, others ${m.reads.section.otherCores.toFixed(2)} cores`;
  const detail = [
    `http mixed ${m.dialect} (${m.seconds} s): reads ${int(m.reads.requests)} = ${int(m.reads.rps)}/s, p99 ${ms(m.reads.p99)} (${statusText(m.reads.status)}); attestation batches ${int(m.writes.requests)} = ${m.writes.rps.toFixed(1)}/s, p99 ${ms(m.writes.p99)} (${statusText(m.writes.status)}), ${int(m.credited)} items credited${itemErrors ? `, not credited: ${JSON.stringify(m.itemErrors)}` : ''}${others}`,
  ];
  const met = reads.rate <= MIXED_ERROR_TARGET && writes.rate <= MIXED_ERROR_TARGET && itemRate <= MIXED_ERROR_TARGET;
  const summary = [
    `http mixed ${m.dialect.padEnd(8)} reads ${int(m.reads.rps)}/s errors ${pct(reads.rate)} p99 ${ms(m.reads.p99)}; attestations ${int(m.credited / m.seconds)}/s of ${int(m.offeredRate)}/s offered in batches, errors ${pct(writes.rate)} (items ${pct(itemRate)}), 503 push-back ${writes.pushedBack}, p99 ${ms(m.writes.p99)} (target errors ≤ ${pct(MIXED_ERROR_TARGET)}) ${met ? 'MET' : 'NOT MET'}${others}`,
  ];
  return { detail, summary };
}
