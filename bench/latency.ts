// Saturation: acceptance → signed checkpoint latency with the log sequencer running (default
// interval), on SQLite and on PostgreSQL. First the capacity — attestations/s the platform takes in,
// closed loop, sequencer running — then load offered open loop (each batch at its time, whether or
// not earlier ones were answered, as independent callers would) at fractions of it: 80 % (the p99
// target) and 120 % (bounded: the p99 of the last third of the window no worse than the first's;
// the write gate's 503 `overloaded` is push-back, counted apart from errors). The same process polls
// the latest checkpoint every few milliseconds and notes when each size first appeared.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_INGEST_QUEUE_MAX } from '../src/adapters/write-gate.js';
import { AppError } from '../src/core/errors.js';
import type { Platform } from '../src/platform.js';
import type { AttestationInput } from '../src/services/attestations.js';
import { createDatabase, startPostgres } from '../test/support/postgres.js';
import { check } from './check.js';
import { postmasterOf, startSystemSection, type SystemMeasured } from './proc.js';
import { enrolPeople, openBenchPlatform, plateletDeeds, tempDir, TRC_ISSUER } from './setup.js';
import { int } from './timing.js';

/** p99 of acceptance → first signed checkpoint holding the leaf, at 80 % of capacity (issue 9). */
export const LATENCY_TARGET_MS = 1_500;
/** "No growth" at 120 %: last third's p99 at most this × the first third's, plus GROWTH_SLACK_MS for noise. */
const GROWTH_FACTOR = 1.5;
const GROWTH_SLACK_MS = 100;
/** Full credits of one 70-point indicator a person can have in a year (the 1,000-point ceiling). */
const DEEDS_PER_PERSON = 14;

export interface SaturationOptions {
  /** Length of each offered-load window. */
  seconds: number;
  capacitySeconds: number;
  batch: number;
  fractions: readonly number[];
  postgres: boolean;
  pollMs?: number;
  /** Longest wait for the last leaf's checkpoint after the last acceptance. */
  drainTimeoutMs?: number;
}

export interface OfferedRun {
  fraction: number;
  offeredRate: number;
  offered: number;
  accepted: number;
  /** Items refused with 503 `overloaded` (push-back), and items answered otherwise than credited. */
  pushedBack: number;
  bad: string[];
  /** Acceptance → checkpoint, ms (nearest rank), over the whole window and its first and last thirds (by offer time). */
  p50: number;
  p99: number;
  max: number;
  p99First: number;
  p99Last: number;
  /** Offer → acceptance (the caller's wait), p99 of the first and last thirds. */
  waitP99First: number;
  waitP99Last: number;
  checkpoints: number;
  checkpointSpacingMs: number;
  /** Largest delay of a batch's offer behind its schedule (ms): the offered rate held only if this is small. */
  maxBehindMs: number;
  section: SystemMeasured;
}

export interface SaturationBench {
  dialect: 'sqlite' | 'postgres';
  capacity: number;
  capacityAccepted: number;
  capacityInFlight: number;
  capacitySection: SystemMeasured;
  /** Items per submitMany call. */
  batch: number;
  runs: OfferedRun[];
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
type Poller = ReturnType<typeof startPoller>;

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

async function waitForSize(poller: Poller, size: number, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (poller.latest() < size) {
    if (performance.now() > until) return false;
    await sleep(5);
  }
  return true;
}

const nearestRank = (sorted: Float64Array, p: number): number => (sorted.length === 0 ? Number.NaN : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!);
const p99Of = (values: number[]): number => nearestRank(Float64Array.from(values).sort(), 0.99);

interface Offer {
  offeredAt: Float64Array;
  accepted: Float64Array;
  pushedBack: number;
  bad: string[];
  maxBehindMs: number;
}

/** Offers `inputs` in `submitMany` calls of `batch` at `rate` per second, open loop; NaN acceptance for an item not credited. */
async function offerOpen(platform: Platform, inputs: readonly AttestationInput[], rate: number, batch: number): Promise<Offer> {
  const offeredAt = new Float64Array(inputs.length);
  const accepted = new Float64Array(inputs.length).fill(Number.NaN);
  const bad: string[] = [];
  let pushedBack = 0;
  let maxBehindMs = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let start = 0; start < inputs.length; start += batch) {
    const due = t0 + (start / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    else maxBehindMs = Math.max(maxBehindMs, -wait);
    const slice = inputs.slice(start, start + batch);
    const at = performance.now();
    offeredAt.fill(at, start, start + slice.length);
    inFlight.push(
      platform.services.attestations.submitMany(TRC_ISSUER, slice).then(
        (outcomes) => {
          const t = performance.now();
          outcomes.forEach((o, k) => {
            if (o.ok && o.result.status === 'credited') accepted[start + k] = t;
            else if (!o.ok && o.error.code === 'overloaded') pushedBack++;
            else bad.push(o.ok ? `${o.result.status}:${o.result.reason?.code ?? '?'}` : `error:${o.error.code}`);
          });
        },
        (err: unknown) => {
          // The write gate refuses the whole call before anything is written.
          if (err instanceof AppError && err.code === 'overloaded') pushedBack += slice.length;
          else bad.push(`threw:${err instanceof AppError ? err.code : String(err)}`);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { offeredAt, accepted, pushedBack, bad, maxBehindMs };
}

/** As many items as the platform takes: `inFlight` calls of `batch` at a time, for `seconds` or until the inputs run out. */
async function closedLoop(
  platform: Platform,
  inputs: readonly AttestationInput[],
  batch: number,
  inFlight: number,
  seconds: number,
): Promise<{ accepted: number; seconds: number }> {
  let next = 0;
  let accepted = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until && next < inputs.length) {
      const slice = inputs.slice(next, next + batch);
      next += slice.length;
      const outcomes = await platform.services.attestations.submitMany(TRC_ISSUER, slice);
      for (const o of outcomes) check(o.ok && o.result.status === 'credited', `capacity: not credited: ${JSON.stringify(o)}`);
      accepted += slice.length;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { accepted, seconds: (performance.now() - t0) / 1000 };
}

async function loggedSize(platform: Platform): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from log_entries`.execute(platform.store.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Leaf index of each credited attestation `${prefix}-${i}`, through its credit (-1 where there is none). */
async function leafIndices(platform: Platform, prefix: string, count: number): Promise<Int32Array> {
  const out = new Int32Array(count).fill(-1);
  const r = await sql<{ ref: string; leaf_index: number | string | null }>`
    select a.ref, l.leaf_index from attestations a join credits c on c.attestation_id = a.id
    join log_entries l on l.ref_id = c.id and l.kind = 'credit' where a.ref like ${`${prefix}-%`}`.execute(platform.store.db);
  for (const row of r.rows) out[Number(row.ref.slice(prefix.length + 1))] = row.leaf_index === null ? -1 : Number(row.leaf_index);
  return out;
}

async function offeredRun(
  platform: Platform,
  poller: Poller,
  o: { fraction: number; capacity: number; seconds: number; batch: number; series: number; pollMs: number; drainTimeoutMs: number; system: () => number[] },
): Promise<OfferedRun> {
  const rate = o.capacity * o.fraction;
  const offered = Math.max(o.batch, Math.round(rate * o.seconds));
  const prefix = `l${Math.round(o.fraction * 100)}`;
  const people = await enrolPeople(platform, Math.ceil(offered / DEEDS_PER_PERSON), o.series);
  const inputs = plateletDeeds(people, offered, prefix);
  const seenBefore = poller.seen.length;
  const section = startSystemSection(o.system);
  const run = await offerOpen(platform, inputs, rate, o.batch);
  const measured = section();
  const expected = await loggedSize(platform);
  check(
    await waitForSize(poller, expected, o.drainTimeoutMs),
    `${prefix}: the log did not reach size ${expected} within ${o.drainTimeoutMs} ms of the last answer (at ${poller.latest()})`,
  );

  const indexOf = await leafIndices(platform, prefix, offered);
  const t0 = run.offeredAt[0]!;
  const windowMs = run.offeredAt[offered - 1]! - t0;
  const all: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  const waitFirst: number[] = [];
  const waitLast: number[] = [];
  for (let i = 0; i < offered; i++) {
    const acceptedAt = run.accepted[i]!;
    if (Number.isNaN(acceptedAt)) continue;
    check(indexOf[i]! >= 0, `${prefix}: attestation ${prefix}-${i} was credited but has no integrated leaf`);
    const t = firstSeen(poller.seen, indexOf[i]!);
    check(t !== undefined, `${prefix}: leaf ${indexOf[i]} of ${prefix}-${i} was never seen in a checkpoint`);
    const latency = t - acceptedAt;
    // A leaf cannot be in a checkpoint before its transaction committed (plus the poll's rounding).
    check(latency > -o.pollMs - 1, `${prefix}: ${prefix}-${i} was seen in a checkpoint ${-latency} ms before it was accepted`);
    all.push(latency);
    const at = run.offeredAt[i]! - t0;
    if (at < windowMs / 3) {
      first.push(latency);
      waitFirst.push(acceptedAt - run.offeredAt[i]!);
    } else if (at >= (2 * windowMs) / 3) {
      last.push(latency);
      waitLast.push(acceptedAt - run.offeredAt[i]!);
    }
  }
  const sorted = Float64Array.from(all).sort();
  const lastOffer = run.offeredAt[offered - 1]!;
  const during = poller.seen.slice(seenBefore).filter((s) => s.t <= lastOffer);
  return {
    fraction: o.fraction,
    offeredRate: rate,
    offered,
    accepted: all.length,
    pushedBack: run.pushedBack,
    bad: run.bad,
    p50: nearestRank(sorted, 0.5),
    p99: nearestRank(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    p99First: p99Of(first),
    p99Last: p99Of(last),
    waitP99First: p99Of(waitFirst),
    waitP99Last: p99Of(waitLast),
    checkpoints: during.length,
    checkpointSpacingMs: during.length > 1 ? (during[during.length - 1]!.t - during[0]!.t) / (during.length - 1) : Number.NaN,
    maxBehindMs: run.maxBehindMs,
    section: measured,
  };
}

async function saturate(dirs: string[], dialect: 'sqlite' | 'postgres', opts: SaturationOptions, databaseUrl?: string, postmaster?: number): Promise<SaturationBench> {
  const pollMs = opts.pollMs ?? 2;
  const drainTimeoutMs = opts.drainTimeoutMs ?? 30_000;
  const dir = tempDir(`saturation-${dialect}`);
  dirs.push(dir);
  const platform = await openBenchPlatform(dir, { sequencer: true, ...(databaseUrl ? { databaseUrl } : {}) });
  const system = () => (postmaster ? [postmaster] : []);
  // Enough calls in flight to keep every writer the gate admits busy (1 on SQLite, 8 on PostgreSQL).
  const inFlight = dialect === 'sqlite' ? 2 : 8;
  const poller = startPoller(platform, pollMs);
  try {
    // Warm-up: statements prepared, the sequencer through a few batches.
    const warmPeople = await enrolPeople(platform, 150, 1);
    await closedLoop(platform, plateletDeeds(warmPeople, 2_000, 'satwarm'), opts.batch, inFlight, 60);
    check(await waitForSize(poller, await loggedSize(platform), drainTimeoutMs), 'saturation warm-up: its leaves never reached a checkpoint');

    // Capacity: a ceiling on what it can take in these seconds (50,000/s), enrolled beforehand.
    const most = Math.round(50_000 * opts.capacitySeconds);
    const capPeople = await enrolPeople(platform, Math.ceil(Math.min(most, 60_000) / DEEDS_PER_PERSON), 2);
    const capInputs = plateletDeeds(capPeople, Math.min(most, capPeople.length * DEEDS_PER_PERSON), 'cap');
    const capSection = startSystemSection(system);
    const cap = await closedLoop(platform, capInputs, opts.batch, inFlight, opts.capacitySeconds);
    const capacitySection = capSection();
    const capacity = cap.accepted / cap.seconds;
    check(await waitForSize(poller, await loggedSize(platform), drainTimeoutMs), 'capacity: its leaves never reached a checkpoint');

    const runs: OfferedRun[] = [];
    for (const [i, fraction] of opts.fractions.entries()) {
      runs.push(await offeredRun(platform, poller, { fraction, capacity, seconds: opts.seconds, batch: opts.batch, series: 3 + i, pollMs, drainTimeoutMs, system }));
    }
    return { dialect, capacity, capacityAccepted: cap.accepted, capacityInFlight: inFlight, capacitySection, batch: opts.batch, runs };
  } finally {
    await poller.stop();
    await platform.close();
  }
}

export async function benchSaturation(dirs: string[], opts: SaturationOptions): Promise<SaturationBench[]> {
  const out = [await saturate(dirs, 'sqlite', opts)];
  if (opts.postgres) {
    const server = await startPostgres();
    try {
      const url = await createDatabase(server.url, 'bench_saturation');
      out.push(await saturate(dirs, 'postgres', opts, url, await postmasterOf(server.url)));
    } finally {
      await server.stop();
    }
  }
  return out;
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : `${n.toFixed(0)} ms`);
const cores = (m: SystemMeasured, label: string) =>
  m.otherCores === undefined ? '' : `; ${label ? `${label} ${m.systemCores.toFixed(2)} cores, ` : ''}others ${m.otherCores.toFixed(2)} cores`;

/**
 * Bounded at an overload fraction: the last third's p99 no worse than the first's (with slack for
 * noise), and the log kept up meanwhile — every leaf in a checkpoint within a third of the window
 * (a starved sequencer signs nothing until the end: early leaves wait longest, which is no steady
 * state however the thirds compare) — and nothing refused but by push-back.
 */
export function bounded(r: OfferedRun): boolean {
  const windowMs = (r.offered / r.offeredRate) * 1000;
  return r.bad.length === 0 && r.accepted > 0 && r.p99Last <= r.p99First * GROWTH_FACTOR + GROWTH_SLACK_MS && r.max <= windowMs / 3;
}

export function describeSaturation(b: SaturationBench): { detail: string[]; summary: string[] } {
  const pgLabel = b.dialect === 'postgres' ? 'postgres' : '';
  const detail = [
    `\nsaturation ${b.dialect}: capacity ${int(b.capacity)} attestations/s (${int(b.capacityAccepted)} in ${b.capacitySection.seconds.toFixed(1)} s, closed loop, ${b.capacityInFlight} submitMany calls in flight, sequencer running${cores(b.capacitySection, pgLabel)})`,
  ];
  const summary: string[] = [];
  for (const r of b.runs) {
    const pct = `${Math.round(r.fraction * 100)} %`;
    detail.push(
      `  ${pct} = ${int(r.offeredRate)}/s for ${r.section.seconds.toFixed(1)} s, open loop: ${int(r.offered)} offered, ${int(r.accepted)} credited, ${int(r.pushedBack)} pushed back (503 overloaded), ${r.bad.length} otherwise refused${r.bad.length ? ` (${r.bad.slice(0, 3).join(', ')})` : ''}; acceptance → checkpoint p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, max ${ms(r.max)}; p99 first third ${ms(r.p99First)}, last third ${ms(r.p99Last)}; caller's wait p99 first third ${ms(r.waitP99First)}, last third ${ms(r.waitP99Last)}; ${r.checkpoints} checkpoints${Number.isFinite(r.checkpointSpacingMs) ? `, one per ${r.checkpointSpacingMs.toFixed(0)} ms` : ''}; offers at most ${r.maxBehindMs.toFixed(0)} ms behind schedule${cores(r.section, pgLabel)}`,
    );
    if (r.fraction <= 1) {
      const met = r.p99 <= LATENCY_TARGET_MS && r.bad.length === 0 && r.pushedBack === 0;
      summary.push(
        `saturation ${b.dialect.padEnd(8)} ${pct.padStart(5)} of ${int(b.capacity)}/s: ckpt p99 ${ms(r.p99)} (target ≤ ${LATENCY_TARGET_MS / 1000} s, nothing refused) ${met ? 'MET' : 'NOT MET'}${cores(r.section, '')}`,
      );
    } else {
      // The gate pushes back once DEFAULT_INGEST_QUEUE_MAX calls wait: at this excess that takes so long.
      const fillSeconds = (DEFAULT_INGEST_QUEUE_MAX * b.batch) / ((r.fraction - 1) * b.capacity);
      detail.push(
        `    (the write gate pushes back past ${DEFAULT_INGEST_QUEUE_MAX} waiting calls = ${int(DEFAULT_INGEST_QUEUE_MAX * b.batch)} items here: at ${int((r.fraction - 1) * b.capacity)}/s over capacity that is reached after ~${fillSeconds.toFixed(0)} s)`,
      );
      summary.push(
        `saturation ${b.dialect.padEnd(8)} ${pct.padStart(5)} of ${int(b.capacity)}/s: ckpt p99 first third ${ms(r.p99First)} → last ${ms(r.p99Last)} (target bounded: last ≤ ${GROWTH_FACTOR} × first + ${GROWTH_SLACK_MS} ms, max ≤ window / 3) ${bounded(r) ? 'MET' : 'NOT MET'}; caller's wait p99 ${ms(r.waitP99First)} → ${ms(r.waitP99Last)}; 503 push-back ${int(r.pushedBack)} of ${int(r.offered)}, errors ${r.bad.length}${cores(r.section, '')}`,
      );
    }
  }
  return { detail, summary };
}

// Standalone: `npx tsx bench/latency.ts [--seconds 8] [--capacity-seconds 4] [--no-postgres]`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const dirs: string[] = [];
  try {
    const results = await benchSaturation(dirs, {
      seconds: arg('seconds', 8),
      capacitySeconds: arg('capacity-seconds', 4),
      batch: arg('batch', 50),
      fractions: [0.8, 1.2],
      postgres: !process.argv.includes('--no-postgres'),
    });
    for (const b of results) console.log(describeSaturation(b).detail.join('\n'));
    console.log('');
    for (const b of results) for (const line of describeSaturation(b).summary) console.log(line);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
