// The transparency log: integrating posted entries into the Merkle tree (with signed checkpoints)
// against plain RFC 9162 leaf hashing of the same leaves, and inclusion proofs served from the tiles.
import type BetterSqlite3 from 'better-sqlite3';
import { loadOrCreateLogKey } from '../src/adapters/log-key.js';
import { MemoryTree, fromBase64, leafHash, noteVerifierFromKey, parseCheckpoint, verifyInclusion, verifyNote } from '../src/core/merkle/index.js';
import { bytesEqual } from '../src/core/merkle/bytes.js';
import { createSequencer } from '../src/log/sequencer.js';
import type { InclusionAnswer } from '../src/log/service.js';
import type { Platform } from '../src/platform.js';
import type { StoredCheckpoint } from '../src/store/repos/log.js';
import { check } from './check.js';
import { describeReasons, submitAll } from './ingest.js';
import { enrolPeople, MAX_DEEDS_PER_PERSON, plateletDeeds, TRC_ISSUER } from './setup.js';
import { mulberry32, startSection, startTimer, type Measured } from './timing.js';

const encoder = new TextEncoder();
const RAW_MIN_SECONDS = 0.5;

export interface LogIntegration {
  /** Leaves integrated by the timed `integrateOnce()` calls (= leaves hashed by the raw baseline). */
  leaves: number;
  /** `integrateOnce()` calls that integrated something, i.e. checkpoints signed while timed. */
  batches: number;
  /** Untimed warm-up leaves integrated first (the first `warm` leaf indices). */
  warm: number;
  /** Final tree size. */
  size: number;
  service: Measured;
  /** Time of `rawPasses` passes of leafHash over the same `leaves` leaf texts. */
  raw: Measured;
  rawPasses: number;
  /** RFC 9162 leaf hash of every leaf, by leaf index (computed from `log_entries.leaf`). */
  hashes: Uint8Array[];
  checkpoint: StoredCheckpoint;
}

const count = (db: BetterSqlite3.Database, sqlText: string): number => (db.prepare(sqlText).get() as { n: number }).n;

/**
 * Posts `attestations` + `warm` credited deeds on a platform whose sequencer is off (untimed), so
 * that the log section has entries pending when the ingest section already integrated its own.
 */
export async function postPendingEntries(platform: Platform, attestations: number, warm: number, batch: number): Promise<void> {
  const total = attestations + warm;
  const people = await enrolPeople(platform, Math.max(1, Math.ceil(total / MAX_DEEDS_PER_PERSON)), 7);
  const tally = await submitAll(platform, TRC_ISSUER, plateletDeeds(people, total, 'log'), batch);
  check(tally.credited === total, `log section: credited ${tally.credited} of ${total} deeds: ${describeReasons(tally)}`);
}

/**
 * Integrates every pending entry of `platform` (whose sequencer must not be running): the first
 * `warmWanted` with a separate, untimed sequencer over the same database and key, the rest timed
 * through `platform.sequencer.integrateOnce()` until nothing is pending. Then hashes the same leaf
 * texts with `leafHash` (raw baseline, same warm-up split) and checks indices, size, signature, root.
 */
export async function benchIntegration(platform: Platform, dataDir: string, read: BetterSqlite3.Database, warmWanted: number, settle: () => void): Promise<LogIntegration> {
  const before = await platform.services.log.latestCheckpoint();
  const base = before?.size ?? 0;
  const pending = count(read, 'select count(*) as n from log_entries where leaf_index is null');
  check(pending > 1, `log section: expected pending log entries, found ${pending}`);
  check(count(read, 'select count(*) as n from log_entries') === base + pending, 'log section: integrated entries do not match the latest checkpoint size');

  // ── Warm-up: the oldest entries, through a second sequencer with a small batch ─────────────────
  const warm = Math.min(warmWanted, pending - 1);
  if (warm > 0) {
    const key = loadOrCreateLogKey(dataDir, platform.services.log.origin);
    const warmSequencer = createSequencer({
      db: platform.store.db,
      dialect: platform.store.dialect,
      clock: platform.clock,
      origin: key.origin,
      signer: key.signer,
      batchMax: warm,
    });
    const r = await warmSequencer.integrateOnce();
    check(r.integrated === warm && r.size === base + warm, `log warm-up integrated ${r.integrated} (size ${r.size}), expected ${warm}`);
  }

  // ── Timed: integrateOnce() until nothing is pending (each call is one batch and one signed checkpoint) ──
  settle();
  const section = startSection();
  let leaves = 0;
  let batches = 0;
  for (;;) {
    const r = await platform.sequencer.integrateOnce();
    if (r.integrated === 0) break;
    leaves += r.integrated;
    batches++;
  }
  const service = section();
  const size = base + warm + leaves;
  check(leaves === pending - warm, `log: integrated ${leaves} leaves, expected ${pending - warm}`);

  // ── Checks: every entry has a distinct index 0..n-1; the latest checkpoint is signed and of size n ──
  const rows = read.prepare('select leaf_index, leaf from log_entries order by leaf_index, seq').raw(true).all() as Array<[number | null, string]>;
  check(rows.length === size, `log: ${rows.length} entries, tree size ${size}`);
  rows.forEach(([index], i) => {
    check(index === i, `log: entry at position ${i} has leaf_index ${index}`);
  });
  const checkpoint = await platform.services.log.latestCheckpoint();
  check(checkpoint !== undefined && checkpoint.size === size, `log: latest checkpoint has size ${checkpoint?.size}, expected ${size}`);
  const opened = verifyNote(checkpoint.note, [noteVerifierFromKey(platform.services.log.verifierKey)]);
  check(opened.ok, `log: the latest checkpoint's signature does not verify (${opened.ok ? '' : opened.reason})`);
  const cp = parseCheckpoint(opened.text);
  check(cp.size === size && bytesEqual(cp.rootHash, checkpoint.root), 'log: the signed checkpoint text disagrees with the stored size or root');
  check(count(read, 'select count(*) as n from log_checkpoints') >= batches, 'log: fewer checkpoints stored than batches integrated');

  // ── Raw baseline: SHA-256 leaf hashing of the same leaf texts, same warm-up ────────────────────
  const texts = rows.map((r) => r[1]);
  const hashes: Uint8Array[] = new Array(size);
  for (let i = 0; i < base + warm; i++) hashes[i] = leafHash(encoder.encode(texts[i]!));
  // Hashing is fast: whole passes are repeated until at least RAW_MIN_SECONDS have passed, so that
  // the figure (and the check for competing processes) is not one of a few clock ticks.
  settle();
  const rawSection = startSection();
  let rawPasses = 0;
  const elapsed = startTimer();
  do {
    for (let i = base + warm; i < size; i++) hashes[i] = leafHash(encoder.encode(texts[i]!));
    rawPasses++;
  } while (elapsed() < RAW_MIN_SECONDS);
  const raw = rawSection();

  // The tree of those hashes has the checkpoint's root: the figure above is of the right tree.
  const tree = new MemoryTree();
  for (const h of hashes) tree.append(h);
  check(bytesEqual(tree.rootHash(), checkpoint.root), 'log: the root of the leaf hashes differs from the checkpoint root');

  return { leaves, batches, warm, size, service, raw, rawPasses, hashes, checkpoint };
}

export interface InclusionBench {
  proofs: number;
  single: Measured;
  many: Measured;
  group: number;
  verified: number;
}

/** Checks a served proof against the leaf hash computed from the leaf text and the checkpoint root. */
function verifyAnswer(a: InclusionAnswer | undefined, index: number, integ: LogIntegration): void {
  check(a !== undefined, `inclusion: no proof for leaf ${index}`);
  const leaf = fromBase64(a.leafHash);
  const proof = a.proof.map(fromBase64);
  check(a.index === index && a.size === integ.size, `inclusion: proof of leaf ${a.index} in size ${a.size}, asked for ${index} in ${integ.size}`);
  check(a.checkpoint === integ.checkpoint.note, `inclusion: proof of leaf ${index} names another checkpoint`);
  check(leaf !== undefined && bytesEqual(leaf, integ.hashes[index]!), `inclusion: leaf hash of ${index} differs from the hash of its leaf text`);
  check(
    proof.every((p) => p !== undefined) && verifyInclusion(leaf, index, integ.size, proof as Uint8Array[], integ.checkpoint.root),
    `inclusion: proof of leaf ${index} does not verify against the checkpoint root`,
  );
}

/**
 * `proofs` inclusion proofs of random leaves against the latest checkpoint: one `inclusion()` call
 * each, then the same number through `inclusionMany()` in groups. One answer in `sampleEvery` is
 * kept and verified afterwards (untimed).
 */
export async function benchInclusion(platform: Platform, integ: LogIntegration, proofs: number, group: number, settle: () => void): Promise<InclusionBench> {
  const log = platform.services.log;
  const rand = mulberry32(9162);
  const pick = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * integ.size));
  const sampleEvery = 10;
  let verified = 0;
  const verify = (a: InclusionAnswer | undefined, index: number) => {
    verifyAnswer(a, index, integ);
    verified++;
  };

  // Warm-up, also verified.
  for (const i of pick(Math.min(1_000, proofs))) verify(await log.inclusion(i), i);
  const warmMany = pick(Math.min(10, Math.ceil(proofs / group)) * group);
  for (let s = 0; s < warmMany.length; s += group) {
    const m = await log.inclusionMany(warmMany.slice(s, s + group));
    for (const i of warmMany.slice(s, s + group)) verify(m.get(i), i);
  }

  const singles = pick(proofs);
  const kept: Array<[number, InclusionAnswer]> = [];
  settle();
  let section = startSection();
  for (let k = 0; k < singles.length; k++) {
    const a = await log.inclusion(singles[k]!);
    if (k % sampleEvery === 0) kept.push([singles[k]!, a]);
  }
  const single = section();

  const many = pick(proofs);
  const keptMany: Array<[number, InclusionAnswer | undefined]> = [];
  let served = 0;
  settle();
  section = startSection();
  for (let s = 0; s < many.length; s += group) {
    const indices = many.slice(s, s + group);
    const m = await log.inclusionMany(indices);
    served += m.size;
    if ((s / group) % sampleEvery === 0) for (const i of indices) keptMany.push([i, m.get(i)]);
  }
  const manyTime = section();

  // Duplicates within a group are answered once.
  let distinct = 0;
  for (let s = 0; s < many.length; s += group) distinct += new Set(many.slice(s, s + group)).size;
  check(served === distinct, `inclusionMany answered ${served} of ${distinct} distinct leaves`);
  for (const [i, a] of kept) verify(a, i);
  for (const [i, a] of keptMany) verify(a, i);
  // The check is not vacuous: a proof for a neighbouring index must fail.
  const [i0, a0] = kept[0] ?? [0, await log.inclusion(0)];
  const other = (i0 + 1) % integ.size;
  check(
    integ.size < 2 ||
      !verifyInclusion(
        integ.hashes[other]!,
        i0,
        integ.size,
        a0.proof.map((p) => fromBase64(p)!),
        integ.checkpoint.root,
      ),
    'inclusion: a wrong leaf verified: the verification proves nothing',
  );
  return { proofs, single, many: manyTime, group, verified };
}
