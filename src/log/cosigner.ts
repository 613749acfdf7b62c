// Collects witness cosignatures for the latest checkpoint (C2SP tlog-witness) and decides which
// checkpoint is published: with witnesses configured, the newest one that at least `quorum` of
// them cosigned, so no single operator can show a history the witnesses did not see.
import type { Kysely } from 'kysely';
import { fromBase64, parseNote } from '../core/merkle/index.js';
import { logTreeRepo, type StoredCheckpoint } from '../store/repos/log.js';
import type { Database } from '../store/schema.js';
import type { LogService } from './service.js';
import { parseWitnessKeys, requestCosignature } from './witness-client.js';

export interface WitnessEndpoint {
  /** Submission prefix of the witness; `/add-checkpoint` is appended. */
  url: string;
  /** The witness's cosignature verifier key. */
  key: string;
}

export interface Cosigner {
  /** Asks every witness that has not yet cosigned the latest checkpoint; returns how many signed now. */
  cosignLatest(): Promise<number>;
  /** The checkpoint to publish (the latest, when no witnesses are configured). */
  published(): Promise<StoredCheckpoint | undefined>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

const decode = (proof: readonly string[]): Uint8Array[] =>
  proof.map((p) => {
    const bytes = fromBase64(p);
    if (!bytes) throw new Error('malformed proof hash');
    return bytes;
  });

export function createCosigner(deps: {
  db: Kysely<Database>;
  /** Where published() reads (the replica the public log is served from); default `db`. */
  read?: Kysely<Database>;
  log: Pick<LogService, 'consistency'>;
  witnesses: readonly WitnessEndpoint[];
  quorum: number;
  fetch?: typeof fetch;
  onError?: (witness: string, err: unknown) => void;
}): Cosigner {
  const { db, log, witnesses, quorum } = deps;
  const names = parseWitnessKeys(witnesses.map((w) => w.key)).map((w) => w.verifier.name);
  const nameOf = new Map(witnesses.map((w, i) => [w.url, names[i] ?? w.key]));
  /** Size each witness is known to hold, learnt from its answers (0 = nothing yet). */
  const held = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const signers = (note: string): Set<string> => new Set(parseNote(note).signatures.map((s) => s.name));
  const proofBetween = async (from: number, to: number) => (from === 0 || from === to ? [] : decode((await log.consistency(from, to)).proof));

  async function cosignLatest(): Promise<number> {
    const latest = await logTreeRepo.latestCheckpoint(db);
    if (!latest || latest.size === 0 || witnesses.length === 0) return 0;
    const already = signers(latest.note);
    let note = latest.note;
    let added = 0;
    for (const w of witnesses) {
      if (already.has(nameOf.get(w.url) ?? '')) continue;
      const old = Math.min(held.get(w.url) ?? 0, latest.size);
      try {
        const lines = await requestCosignature({
          witnessUrl: w.url,
          oldSize: old,
          proof: await proofBetween(old, latest.size),
          checkpointNote: latest.note,
          proofFor: (size) => proofBetween(size, latest.size),
          witnessKey: w.key,
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
        });
        note += lines.join('');
        held.set(w.url, latest.size);
        added += 1;
      } catch (err) {
        deps.onError?.(w.url, err);
      }
    }
    // Conditional on the note read: of two processes adding cosignatures at once, the later one changes
    // nothing and its witnesses are asked again at the next round, so no cosignature overwrites another.
    if (added > 0 && Number((await logTreeRepo.replaceCheckpointNote(db, latest.size, note, latest.note)).numUpdatedRows) === 0) return 0;
    return added;
  }

  return {
    cosignLatest,
    async published() {
      const source = deps.read ?? db;
      const latest = await logTreeRepo.latestCheckpoint(source);
      if (!latest || witnesses.length === 0) return latest;
      const enough = (cp: StoredCheckpoint) => names.filter((n) => signers(cp.note).has(n)).length >= quorum;
      if (enough(latest)) return latest;
      for (const cp of await logTreeRepo.recentCheckpoints(source, 200)) if (enough(cp)) return cp;
      return undefined;
    },
    start(intervalMs = 1000) {
      if (timer || witnesses.length === 0) return;
      timer = setInterval(() => {
        running = running.then(cosignLatest).catch(() => undefined);
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
