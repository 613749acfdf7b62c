// Independent verifier of a Khwamdee transparency log, from its public URL alone: it checks the
// signed checkpoint, fetches every tile and entry bundle (C2SP tlog-tiles), recomputes every leaf
// hash and the tree bottom-up, compares each stored tile with its recomputation and the result
// with the signed root, checks consistency with a previously verified checkpoint, and counts
// witness cosignatures against a k-of-n policy. It streams tile by tile: memory stays bounded by
// a few tiles in flight plus one buffer of up to 256 hashes per tile level.
import {
  HASH_SIZE,
  TILE_HEIGHT,
  TILE_WIDTH,
  decodeEntryBundle,
  emptyRoot,
  fromBase64,
  leafHash,
  noteVerifierFromKey,
  parseCheckpoint,
  subtreeFromTile,
  tileWidth,
  toBase64,
  verifyConsistency,
  verifyNote,
  type Checkpoint,
  type NoteVerifier,
} from '../core/merkle/index.js';
import { CompactRange } from './verifier-range.js';
import { LogHttp, NetworkError, type Fetched } from './verifier-fetch.js';
import { parseWitnessKeys, verifyCosignedCheckpoint, type CosignedCheckpointResult } from './witness-client.js';

export { NetworkError } from './verifier-fetch.js';

export interface VerifyLogOptions {
  /** Public base URL of the platform (the log is under `/log/…`, proofs under `/api/v1/log/…`). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** The log's verifier key (`name+hash+base64`). Absent: fetched from /log/key (trust on first use). */
  logKey?: string;
  /** A checkpoint verified earlier: the log must extend it. */
  previous?: { size: number; rootHash: string };
  /** Witness cosignature/v1 verifier keys. */
  witnesses?: string[];
  /** How many of `witnesses` must have cosigned the checkpoint (default: all of them). */
  quorum?: number;
  /** Level-0 tiles (and their entry bundles) fetched ahead (default 8). */
  concurrency?: number;
  /** Problems listed in the report; more are only counted (default 50). */
  maxProblems?: number;
  timeoutMs?: number;
}

export type ProblemKind = 'signature' | 'checkpoint' | 'entry' | 'tile' | 'missing' | 'root' | 'consistency' | 'witness';

export interface Problem {
  kind: ProblemKind;
  message: string;
  /** The entry concerned, for entry problems. */
  index?: number;
}

export interface ConsistencyReport {
  previousSize: number;
  previousRoot: string;
  /** MTH of the first previousSize fetched entries, when they could be hashed. */
  recomputedRoot?: string;
  /** The log's consistency proof: checked, failed, not needed (sizes 0 or equal), or not served. */
  proof: 'verified' | 'failed' | 'trivial' | 'unavailable';
  detail?: string;
  ok: boolean;
}

export type WitnessReport = Omit<CosignedCheckpointResult, 'checkpoint'>;

export interface VerifyReport {
  ok: boolean;
  baseUrl: string;
  origin?: string;
  size?: number;
  /** Base64 root hash of the signed checkpoint. */
  rootHash?: string;
  /** The checkpoint note as served. */
  checkpointNote?: string;
  /** The log key the checkpoint was checked against. */
  logKey?: string;
  /** The key came from the log itself (/log/key), not from the caller. */
  trustOnFirstUse: boolean;
  /** Entries whose leaf hash was recomputed and compared with tile 0. */
  checkedLeaves: number;
  tilesChecked: number;
  bundlesChecked: number;
  /** The first entry that disagrees with the tiles (or is missing / malformed). */
  firstBadEntry?: { index: number; reason: string };
  problems: Problem[];
  /** All problems found, including those beyond maxProblems. */
  problemCount: number;
  consistency?: ConsistencyReport;
  witnesses?: WitnessReport;
  /** The check could not be carried out (bad options, or the log could not be reached). */
  error?: { kind: 'usage' | 'network'; message: string };
}

class ProblemList {
  readonly list: Problem[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  add(p: Problem): void {
    this.count++;
    if (this.list.length < this.max) this.list.push(p);
  }
}

class UsageError extends Error {}

const b64 = toBase64;
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function hashAt(tile: Uint8Array, position: number): Uint8Array {
  return tile.subarray(position * HASH_SIZE, (position + 1) * HASH_SIZE);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function concatHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => {
    out.set(h, i * HASH_SIZE);
  });
  return out;
}

interface Level0Mismatch {
  index: number;
  tileIndex: number;
  position: number;
}

/** Verifies the whole log at `baseUrl`. Never throws for a bad log or an unreachable one: see `error`. */
export async function verifyLog(opts: VerifyLogOptions): Promise<VerifyReport> {
  const problems = new ProblemList(opts.maxProblems ?? 50);
  const report: VerifyReport = {
    ok: false,
    baseUrl: opts.baseUrl,
    trustOnFirstUse: opts.logKey === undefined,
    checkedLeaves: 0,
    tilesChecked: 0,
    bundlesChecked: 0,
    problems: problems.list,
    problemCount: 0,
  };
  try {
    await new Verification(opts, report, problems).run();
  } catch (e) {
    if (e instanceof UsageError) report.error = { kind: 'usage', message: e.message };
    else if (e instanceof NetworkError) report.error = { kind: 'network', message: e.message };
    else throw e;
  }
  report.problemCount = problems.count;
  report.ok = report.error === undefined && problems.count === 0;
  return report;
}

class Verification {
  private readonly http: LogHttp;
  private readonly previous?: { size: number; root: Uint8Array };
  private readonly entryFindings: Array<{ index: number; reason: string; kind: ProblemKind }> = [];
  private readonly level0Mismatches: Level0Mismatch[] = [];
  private level0MismatchCount = 0;
  private extraFindings = 0;
  /** Level-8L hashes waiting for the tile at level L that holds them, by L (1, 2, …). */
  private readonly upper = new Map<number, Array<Uint8Array | undefined>>();
  private readonly upperDone = new Map<number, number>();

  constructor(
    private readonly opts: VerifyLogOptions,
    private readonly report: VerifyReport,
    private readonly problems: ProblemList,
  ) {
    let base: URL;
    try {
      base = new URL(opts.baseUrl);
    } catch {
      throw new UsageError(`not a URL: ${opts.baseUrl}`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new UsageError(`not an http(s) URL: ${opts.baseUrl}`);
    this.http = new LogHttp({ baseUrl: opts.baseUrl, fetch: opts.fetch, timeoutMs: opts.timeoutMs });
    if (opts.previous !== undefined) {
      const { size, rootHash } = opts.previous;
      const root = fromBase64(rootHash);
      if (!Number.isSafeInteger(size) || size < 0) throw new UsageError(`previous size must be a non-negative integer, got ${size}`);
      if (root === undefined || root.length !== HASH_SIZE) throw new UsageError('previous root hash must be 32 bytes of base64');
      this.previous = { size, root };
    }
    try {
      const witnesses = parseWitnessKeys(opts.witnesses ?? []);
      const q = opts.quorum;
      if (q !== undefined && (!Number.isSafeInteger(q) || q < 0 || q > witnesses.length)) {
        throw new UsageError(`quorum must be 0..${witnesses.length} (the number of distinct witness keys), got ${q}`);
      }
    } catch (e) {
      throw e instanceof UsageError ? e : new UsageError(errorText(e));
    }
    if (opts.logKey !== undefined) {
      try {
        noteVerifierFromKey(opts.logKey);
      } catch (e) {
        throw new UsageError(`log key: ${errorText(e)}`);
      }
    }
  }

  async run(): Promise<void> {
    const { logKey, verifier } = await this.logVerifier();
    if (verifier === undefined) return;
    const checkpoint = await this.checkpoint(logKey, verifier);
    if (checkpoint === undefined) return;
    this.witnesses(logKey);
    const walk = await this.walk(checkpoint);
    this.consistency(checkpoint, walk);
    if (this.report.consistency !== undefined && this.report.consistency.proof !== 'trivial' && this.previous !== undefined) {
      await this.consistencyProof(checkpoint, this.previous, this.report.consistency);
    }
  }

  private async logVerifier(): Promise<{ logKey: string; verifier?: NoteVerifier }> {
    let logKey = this.opts.logKey;
    if (logKey === undefined) {
      const r = await this.http.text('log/key');
      if (!r.ok) throw new NetworkError(`could not fetch the log key: ${r.message}`);
      logKey = r.text.trim();
    }
    this.report.logKey = logKey;
    try {
      return { logKey, verifier: noteVerifierFromKey(logKey) };
    } catch (e) {
      this.problems.add({ kind: 'signature', message: `the log key served at /log/key is not an Ed25519 verifier key: ${errorText(e)}` });
      return { logKey };
    }
  }

  private async checkpoint(logKey: string, verifier: NoteVerifier): Promise<Checkpoint | undefined> {
    const r = await this.http.text('log/checkpoint');
    if (!r.ok) throw new NetworkError(`could not fetch the checkpoint: ${r.message}`);
    this.report.checkpointNote = r.text;
    const opened = verifyNote(r.text, [verifier]);
    if (!opened.ok) {
      this.problems.add({ kind: 'signature', message: `the checkpoint is not validly signed by ${verifier.name} (${logKey}): ${opened.reason}` });
      return undefined;
    }
    let cp: Checkpoint;
    try {
      cp = parseCheckpoint(opened.text);
    } catch (e) {
      this.problems.add({ kind: 'checkpoint', message: `the signed checkpoint is malformed: ${errorText(e)}` });
      return undefined;
    }
    this.report.origin = cp.origin;
    this.report.size = cp.size;
    this.report.rootHash = b64(cp.rootHash);
    return cp;
  }

  private witnesses(logKey: string): void {
    const keys = this.opts.witnesses ?? [];
    if (keys.length === 0 && this.opts.quorum === undefined) return;
    const { checkpoint, ...result } = verifyCosignedCheckpoint(this.report.checkpointNote ?? '', logKey, keys, this.opts.quorum);
    void checkpoint; // already parsed and reported
    this.report.witnesses = result;
    for (const key of result.invalid) this.problems.add({ kind: 'witness', message: `the cosignature for witness ${key} does not verify` });
    if (!result.quorumMet) {
      this.problems.add({ kind: 'witness', message: `${result.signed.length} of ${result.total} witnesses cosigned the checkpoint; the policy requires ${result.quorum}` });
    }
  }

  /** Fetches every level-0 tile and entry bundle in order, a few ahead, and checks them all. */
  private async walk(cp: Checkpoint): Promise<{ entriesRoot?: Uint8Array; rootAtPrevious?: Uint8Array }> {
    const size = cp.size;
    const prevSize = this.previous?.size;
    const entries = new CompactRange();
    const tiles = new CompactRange();
    let entriesBroken = false;
    let tilesBroken = false;
    let rootAtPrevious: Uint8Array | undefined = prevSize === 0 ? emptyRoot() : undefined;

    const count = Math.ceil(size / TILE_WIDTH);
    const window = Math.max(1, this.opts.concurrency ?? 8);
    const inflight: Array<Promise<[Fetched, Fetched]>> = [];
    let next = 0;
    for (let i = 0; i < count; i++) {
      while (inflight.length < window && next < count) {
        const w = tileWidth(0, next, size);
        const p = Promise.all([this.http.bundle(next, w), this.http.tile(0, next, w)]);
        p.catch(() => undefined); // awaited in order below; this keeps a later failure from being unhandled
        inflight.push(p);
        next++;
      }
      const [bundle, tile] = await inflight.shift()!;
      const width = tileWidth(0, i, size);
      const first = i * TILE_WIDTH;
      this.report.bundlesChecked++;
      this.report.tilesChecked++;

      const leafHashes = this.leafHashes(bundle, first, width);
      const stored = this.storedTile(tile, 0, i, width);
      if (leafHashes !== undefined) this.report.checkedLeaves += leafHashes.length;
      if (leafHashes !== undefined && stored !== undefined) {
        leafHashes.forEach((h, j) => {
          if (!sameBytes(h, hashAt(stored, j))) this.level0Mismatch({ index: first + j, tileIndex: i, position: j });
        });
      }

      if (leafHashes === undefined) entriesBroken = true;
      if (!entriesBroken && leafHashes !== undefined) {
        for (const h of leafHashes) {
          entries.append(0, h);
          if (entries.size === prevSize) rootAtPrevious = entries.root();
        }
      }
      if (stored === undefined) tilesBroken = true;
      if (!tilesBroken && stored !== undefined) {
        if (width === TILE_WIDTH) tiles.append(TILE_HEIGHT, subtreeFromTile(stored, TILE_HEIGHT, 0));
        else for (let j = 0; j < width; j++) tiles.append(0, hashAt(stored, j));
      }
      if (width === TILE_WIDTH) {
        const source = stored ?? (leafHashes !== undefined ? concatHashes(leafHashes) : undefined);
        await this.pushUpper(1, source === undefined ? undefined : subtreeFromTile(source, TILE_HEIGHT, 0), size);
      }
    }
    await this.flushUpper(size);

    const signed = cp.rootHash;
    const entriesRoot = entriesBroken ? undefined : entries.root();
    const tilesRoot = tilesBroken ? undefined : tiles.root();
    const entriesMatch = entriesRoot !== undefined && sameBytes(entriesRoot, signed);
    const tilesMatch = tilesRoot !== undefined && sameBytes(tilesRoot, signed);

    // A leaf that disagrees with tile 0: the signed root says which side is wrong. When the
    // entries hash to it and the tiles do not, the tile is bad; otherwise the entry is.
    for (const m of this.level0Mismatches) {
      if (entriesMatch && !tilesMatch) {
        this.problems.add({
          kind: 'tile',
          message: `tile 0/${m.tileIndex} position ${m.position} does not match entry ${m.index} (the entries hash to the signed root, the tiles do not)`,
        });
      } else {
        this.entryFindings.push({ index: m.index, kind: 'entry', reason: `entry ${m.index}: leaf hash does not match tile 0/${m.tileIndex} position ${m.position}` });
      }
    }
    this.problems.count += Math.max(0, this.level0MismatchCount - this.level0Mismatches.length) + this.extraFindings;
    this.entryFindings.sort((a, b) => a.index - b.index);
    const firstBad = this.entryFindings[0];
    if (firstBad !== undefined) this.report.firstBadEntry = { index: firstBad.index, reason: firstBad.reason };
    for (const f of this.entryFindings) this.problems.add({ kind: f.kind, message: f.reason, index: f.index });

    if (entriesRoot !== undefined && !entriesMatch) {
      this.problems.add({ kind: 'root', message: `the entries hash to root ${b64(entriesRoot)}, but the checkpoint signs ${b64(signed)}` });
    }
    if (tilesRoot !== undefined && !tilesMatch) {
      this.problems.add({ kind: 'root', message: `the tiles hash to root ${b64(tilesRoot)}, but the checkpoint signs ${b64(signed)}` });
    }
    return { entriesRoot, rootAtPrevious };
  }

  private level0Mismatch(m: Level0Mismatch): void {
    this.level0MismatchCount++;
    if (this.level0Mismatches.length < (this.opts.maxProblems ?? 50)) this.level0Mismatches.push(m);
  }

  private finding(f: { index: number; reason: string; kind: ProblemKind }): void {
    if (this.entryFindings.length < (this.opts.maxProblems ?? 50)) this.entryFindings.push(f);
    else this.extraFindings++;
  }

  /** The leaf hashes of an entry bundle, or undefined (with a finding) when it is missing or malformed. */
  private leafHashes(bundle: Fetched, first: number, width: number): Uint8Array[] | undefined {
    const where = `entry bundle ${bundle.path.replace(/^log\//, '')}`;
    if (!bundle.ok) {
      this.finding({ index: first, kind: 'missing', reason: `entry ${first}: ${where} is not served (HTTP ${bundle.status})` });
      return undefined;
    }
    let entries: Uint8Array[];
    try {
      entries = decodeEntryBundle(bundle.bytes);
    } catch (e) {
      this.finding({ index: first, kind: 'entry', reason: `entry ${first}: ${where} is malformed (${errorText(e)})` });
      return undefined;
    }
    if (bundle.full) entries = entries.slice(0, width);
    if (entries.length !== width) {
      const at = first + Math.min(entries.length, width);
      this.finding({ index: at, kind: 'entry', reason: `entry ${at}: ${where} holds ${entries.length} entries, expected ${width}` });
      return undefined;
    }
    return entries.map((e) => leafHash(e));
  }

  /** The first `width` hashes of a fetched tile, or undefined (with a problem) when missing or malformed. */
  private storedTile(tile: Fetched, level: number, index: number, width: number): Uint8Array | undefined {
    if (!tile.ok) {
      this.problems.add({ kind: 'missing', message: `tile ${level}/${index} (${tile.path}) is not served (HTTP ${tile.status})` });
      return undefined;
    }
    const bytes = tile.full ? tile.bytes.subarray(0, width * HASH_SIZE) : tile.bytes;
    if (bytes.length !== width * HASH_SIZE) {
      this.problems.add({ kind: 'tile', message: `tile ${level}/${index} is ${tile.bytes.length} bytes, expected ${width * HASH_SIZE} (${width} hashes)` });
      return undefined;
    }
    return bytes;
  }

  /** Queues the hash of full tile (level - 1)/n for the tile at `level` that holds it. */
  private async pushUpper(level: number, hash: Uint8Array | undefined, size: number): Promise<void> {
    const buffer = this.upper.get(level) ?? [];
    buffer.push(hash);
    this.upper.set(level, buffer);
    if (buffer.length === TILE_WIDTH) {
      this.upper.set(level, []);
      await this.checkUpper(level, buffer, size);
    }
  }

  private async flushUpper(size: number): Promise<void> {
    for (let level = 1; (this.upper.get(level)?.length ?? 0) > 0; level++) {
      await this.checkUpper(level, this.upper.get(level)!, size);
      this.upper.set(level, []);
    }
  }

  /** Compares stored tile level/k with the hashes of the stored tiles below it. */
  private async checkUpper(level: number, expected: Array<Uint8Array | undefined>, size: number): Promise<void> {
    const index = this.upperDone.get(level) ?? 0;
    this.upperDone.set(level, index + 1);
    const width = expected.length;
    if (tileWidth(level, index, size) !== width) throw new Error(`internal: tile ${level}/${index} width ${width}`);
    const fetched = await this.http.tile(level, index, width);
    this.report.tilesChecked++;
    const stored = this.storedTile(fetched, level, index, width);
    if (stored !== undefined) {
      expected.forEach((h, j) => {
        if (h !== undefined && !sameBytes(h, hashAt(stored, j))) {
          this.problems.add({ kind: 'tile', message: `tile ${level}/${index} position ${j} does not match the hash of tile ${level - 1}/${index * TILE_WIDTH + j}` });
        }
      });
    }
    if (width === TILE_WIDTH) {
      const complete = expected.every((h) => h !== undefined);
      const source = stored ?? (complete ? concatHashes(expected as Uint8Array[]) : undefined);
      await this.pushUpper(level + 1, source === undefined ? undefined : subtreeFromTile(source, TILE_HEIGHT, 0), size);
    }
  }

  /** Recomputes the previous root from the fetched entries and compares. */
  private consistency(cp: Checkpoint, walk: { entriesRoot?: Uint8Array; rootAtPrevious?: Uint8Array }): void {
    const prev = this.previous;
    if (prev === undefined) return;
    const c: ConsistencyReport = { previousSize: prev.size, previousRoot: b64(prev.root), proof: 'unavailable', ok: true };
    this.report.consistency = c;
    if (prev.size > cp.size) {
      c.ok = false;
      c.detail = 'the log is smaller than the previous checkpoint';
      this.problems.add({ kind: 'consistency', message: `the log shrank: the previous checkpoint had ${prev.size} entries, this one has ${cp.size}` });
      return;
    }
    const recomputed = walk.rootAtPrevious;
    if (recomputed !== undefined) {
      c.recomputedRoot = b64(recomputed);
      if (!sameBytes(recomputed, prev.root)) {
        c.ok = false;
        this.problems.add({
          kind: 'consistency',
          message: `the log's first ${prev.size} entries hash to ${b64(recomputed)}, not to the previous checkpoint's root ${b64(prev.root)}: history was rewritten`,
        });
      }
    } else {
      c.detail = 'the previous root could not be recomputed (entries unavailable)';
    }
    if (prev.size === 0 || prev.size === cp.size) {
      c.proof = 'trivial';
      if (!verifyConsistency(prev.size, cp.size, [], prev.root, cp.rootHash) && c.ok) {
        c.ok = false;
        this.problems.add({ kind: 'consistency', message: `the checkpoint of size ${cp.size} does not extend the previous checkpoint of size ${prev.size}` });
      }
    }
  }

  /** Fetches the log's own consistency proof and checks it with the core. */
  private async consistencyProof(cp: Checkpoint, prev: { size: number; root: Uint8Array }, c: ConsistencyReport): Promise<void> {
    const r = await this.http.text(`api/v1/log/consistency?from=${prev.size}&to=${cp.size}`);
    if (!r.ok) {
      c.proof = 'unavailable';
      c.detail = r.message;
      return;
    }
    let proof: Uint8Array[] | undefined;
    try {
      const body = JSON.parse(r.text) as { from?: unknown; to?: unknown; proof?: unknown };
      if (body.from === prev.size && body.to === cp.size && Array.isArray(body.proof)) {
        const hashes = body.proof.map((p) => (typeof p === 'string' ? fromBase64(p) : undefined));
        if (hashes.every((h): h is Uint8Array => h !== undefined)) proof = hashes;
      }
    } catch {
      proof = undefined;
    }
    if (proof !== undefined && verifyConsistency(prev.size, cp.size, proof, prev.root, cp.rootHash)) {
      c.proof = 'verified';
      return;
    }
    c.proof = 'failed';
    c.ok = false;
    this.problems.add({
      kind: 'consistency',
      message:
        proof === undefined
          ? `the log's consistency proof from ${prev.size} to ${cp.size} is malformed`
          : `the log's consistency proof from ${prev.size} to ${cp.size} does not verify against the previous root ${b64(prev.root)}`,
    });
  }
}
