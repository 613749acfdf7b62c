// Acceptance → signed checkpoint latency: attestations offered at a steady rate to a platform whose
// log sequencer runs on its own timer (default interval), while the same process polls the latest
// checkpoint every few milliseconds and notes when each size first appeared.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Platform } from '../src/platform.js';
import type { AttestationInput } from '../src/services/attestations.js';
import { check } from './check.js';
import { openRawConnection } from './raw.js';
import { enrolPeople, MAX_DEEDS_PER_PERSON, openBenchPlatform, plateletDeeds, tempDir, TRC_ISSUER } from './setup.js';
import { startSection, type Measured } from './timing.js';

export interface LatencyOptions {
  rate: number;
  seconds: number;
  batch: number;
  pollMs?: number;
  /** Longest wait for the last leaf's checkpoint after the last acceptance. */
  drainTimeoutMs?: number;
}

export interface LatencyBench {
  offered: number;
  offeredRate: number;
  /** Attestations accepted per second from the first offer to the last acceptance. */
  achievedRate: number;
  /** Milliseconds, nearest rank. */
  p50: number;
  p99: number;
  max: number;
  /** Checkpoints that appeared while the attestations were offered, and their mean spacing (ms). */
  checkpoints: number;
  checkpointSpacingMs: number;
  /** Largest delay of a batch behind its schedule (ms): the offered rate was only kept if this is small. */
  maxBehindMs: number;
  section: Measured;
}

interface Seen {
  t: number;
  size: number;
}

/** Polls the latest checkpoint; `seen` lists each new size with the time it was first read. */
function startPoller(platform: Platform, everyMs: number) {
  const seen: Seen[] = [];
  let stopped = false;
  let last = -1;
  const loop = (async () => {
    while (!stopped) {
      const cp = await platform.services.log.latestCheckpoint();
      const t = performance.now();
      if (cp && cp.size > last) {
        seen.push({ t, size: cp.size });
        last = cp.size;
      }
      await sleep(everyMs);
    }
  })();
  return {
    seen,
    latest: () => last,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** When leaf `index` was first seen in a checkpoint (binary search over increasing sizes). */
function firstSeen(seen: readonly Seen[], index: number): number | undefined {
  let lo = 0;
  let hi = seen.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seen[mid]!.size > index) hi = mid;
    else lo = mid + 1;
  }
  return seen[lo]?.t;
}

/** Offers `inputs` in `submitMany` calls of `batch` at `rate` per second; returns each item's acceptance time. */
async function offer(
  platform: Platform,
  inputs: readonly AttestationInput[],
  rate: number,
  batch: number,
): Promise<{ accepted: Float64Array; maxBehindMs: number; bad: string[] }> {
  const accepted = new Float64Array(inputs.length);
  const bad: string[] = [];
  let maxBehindMs = 0;
  const t0 = performance.now();
  for (let start = 0; start < inputs.length; start += batch) {
    const due = t0 + (start / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    else maxBehindMs = Math.max(maxBehindMs, -wait);
    const outcomes = await platform.services.attestations.submitMany(TRC_ISSUER, inputs.slice(start, start + batch));
    const t = performance.now();
    outcomes.forEach((o, k) => {
      accepted[start + k] = t;
      if (!o.ok) bad.push(`error:${o.error.code}`);
      else if (o.result.status !== 'credited') bad.push(`${o.result.status}:${o.result.reason?.code ?? '?'}`);
    });
  }
  return { accepted, maxBehindMs, bad };
}

async function waitForSize(poller: ReturnType<typeof startPoller>, size: number, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (poller.latest() < size) {
    if (performance.now() > until) return false;
    await sleep(5);
  }
  return true;
}

const nearestRank = (sorted: Float64Array, p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

/** Runs on a fresh platform of its own (sequencer running at its default interval), closed afterwards. */
export async function benchLatency(dirs: string[], opts: LatencyOptions): Promise<LatencyBench> {
  const pollMs = opts.pollMs ?? 2;
  const drainTimeoutMs = opts.drainTimeoutMs ?? 15_000;
  const offered = Math.max(1, Math.round(opts.rate * opts.seconds));
  const warmCount = Math.max(1, Math.min(offered, Math.round(opts.rate)));
  const dir = tempDir('latency');
  dirs.push(dir);
  const platform = await openBenchPlatform(dir, { sequencer: true });
  const read = openRawConnection(join(dir, 'khwamdee.sqlite'), true);
  try {
    const people = await enrolPeople(platform, Math.ceil(offered / MAX_DEEDS_PER_PERSON), 1);
    const warmPeople = await enrolPeople(platform, Math.ceil(warmCount / MAX_DEEDS_PER_PERSON), 2);
    const inputs = plateletDeeds(people, offered, 'lat');
    const poller = startPoller(platform, pollMs);
    try {
      // Warm-up: one second's worth at the same pace, until its leaves are in a checkpoint.
      const warm = await offer(platform, plateletDeeds(warmPeople, warmCount, 'latwarm'), opts.rate, opts.batch);
      check(warm.bad.length === 0, `latency warm-up: not credited: ${warm.bad.slice(0, 5).join(', ')}`);
      const logged = () => (read.prepare('select count(*) as n from log_entries').get() as { n: number }).n;
      check(await waitForSize(poller, logged(), drainTimeoutMs), 'latency warm-up: its leaves never reached a checkpoint');
      const seenBefore = poller.seen.length;

      const section = startSection();
      const run = await offer(platform, inputs, opts.rate, opts.batch);
      const window = section();
      check(run.bad.length === 0, `latency: ${run.bad.length} attestations not credited: ${run.bad.slice(0, 5).join(', ')}`);
      const expected = logged();
      check(
        await waitForSize(poller, expected, drainTimeoutMs),
        `latency: the log did not reach size ${expected} within ${drainTimeoutMs} ms of the last acceptance (at ${poller.latest()})`,
      );
      await poller.stop();

      // Each attestation's leaf index, through its credit.
      const indexOf = new Int32Array(offered).fill(-1);
      const rows = read
        .prepare(
          `select a.ref, l.leaf_index from attestations a join credits c on c.attestation_id = a.id
           join log_entries l on l.ref_id = c.id and l.kind = 'credit' where a.ref like 'lat-%'`,
        )
        .raw(true)
        .all() as Array<[string, number | null]>;
      for (const [ref, index] of rows) indexOf[Number(ref.slice(4))] = index ?? -1;
      const latencies = new Float64Array(offered);
      for (let i = 0; i < offered; i++) {
        check(indexOf[i]! >= 0, `latency: attestation lat-${i} has no integrated leaf`);
        const t = firstSeen(poller.seen, indexOf[i]!);
        check(t !== undefined, `latency: leaf ${indexOf[i]} of lat-${i} was never seen in a checkpoint`);
        latencies[i] = t - run.accepted[i]!;
        // A leaf cannot be in a checkpoint before its transaction committed (plus the poll's rounding).
        check(latencies[i]! > -pollMs - 1, `latency: lat-${i} was seen in a checkpoint ${-latencies[i]!} ms before it was accepted`);
      }
      latencies.sort();

      const during = poller.seen.slice(seenBefore).filter((s) => s.t <= run.accepted[offered - 1]!);
      const spacing = during.length > 1 ? (during[during.length - 1]!.t - during[0]!.t) / (during.length - 1) : Number.NaN;
      return {
        offered,
        offeredRate: opts.rate,
        achievedRate: offered / window.seconds,
        p50: nearestRank(latencies, 0.5),
        p99: nearestRank(latencies, 0.99),
        max: latencies[offered - 1]!,
        checkpoints: during.length,
        checkpointSpacingMs: spacing,
        maxBehindMs: run.maxBehindMs,
        section: window,
      };
    } finally {
      await poller.stop();
    }
  } finally {
    read.close();
    await platform.close();
  }
}
