// What "proved in the public log" means for one credit, checked by the person's own browser: the log
// entry the server sends hashes to the leaf in the tree, says what the screen shows (the same credit,
// deed, rule version, points, day, attesting and certifying agency), and the leaf is in the tree whose
// root the log's key signed (web/src/lib/log-proof.ts). Pure: the worker feeds it what it fetched.
import { checkCredit, fromBase64, leafHashOf, parseVerifierKey, verifyCheckpoint } from '../../lib/log-proof.js';

/** The credit as the screen shows it, and the proof the credits API sent with it. */
export interface CreditToCheck {
  id: string;
  indicator: string;
  ruleVersion: number;
  points: number;
  occurredAt: string;
  year: number;
  issuer: string;
  certifier: string | null;
  logIndex: number | null;
  inclusion: { size: number; leafHash: string; proof: string[]; entry: string } | null;
}

export type FailReason = 'signature' | 'proof' | 'size' | 'entry';

export type ProofState =
  | { state: 'checking' }
  | { state: 'verified'; size: number; index: number }
  /** Recorded, but not yet in a published checkpoint. */
  | { state: 'pending' }
  | { state: 'failed'; reason: FailReason }
  /** The log could not be reached: nothing is known either way. */
  | { state: 'unavailable' };

/** Main thread → worker: check these credits. */
export interface CheckRequest {
  requestId: number;
  credits: CreditToCheck[];
}
/** Worker → main thread: one credit's answer. */
export interface CheckResult {
  requestId: number;
  id: string;
  result: ProofState;
}

const BANGKOK_MS = 7 * 3_600_000;
/** The Bangkok calendar day of an instant, as the log writes it (YYYY-MM-DD). */
export const bangkokDay = (iso: string) => new Date(Date.parse(iso) + BANGKOK_MS).toISOString().slice(0, 10);

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether `entry` is this credit's log entry and hashes to `leafHash`. */
export function entryMatches(credit: CreditToCheck, entry: string, leafHash: string): boolean {
  let fields: Record<string, unknown>;
  let day: string;
  try {
    if (!equalBytes(leafHashOf(new TextEncoder().encode(entry)), fromBase64(leafHash))) return false;
    fields = JSON.parse(entry) as Record<string, unknown>;
    day = bangkokDay(credit.occurredAt);
  } catch {
    // Not base64, not JSON, or not a date: nothing here can match.
    return false;
  }
  return (
    fields !== null &&
    fields.kind === 'credit' &&
    fields.id === credit.id &&
    fields.indicator === credit.indicator &&
    fields.ruleVersion === credit.ruleVersion &&
    fields.points === credit.points &&
    fields.year === credit.year &&
    fields.day === day &&
    fields.issuer === credit.issuer &&
    fields.certifier === credit.certifier
  );
}

/**
 * The whole check of one credit against a published checkpoint. `proofAt` gives the inclusion proof
 * for the checkpoint's size when the credits API answered for another size (the log grew in between).
 */
export async function checkOne(
  credit: CreditToCheck,
  published: { note: string; verifierKey: string; size: number | undefined },
  proofAt: (index: number, size: number) => Promise<{ leafHash: string; proof: string[] }>,
): Promise<ProofState> {
  const inc = credit.inclusion;
  if (credit.logIndex === null || !inc) return { state: 'pending' };
  // A checkpoint the log's key did not sign proves nothing, whatever size it claims.
  if (published.size === undefined) return { state: 'failed', reason: 'signature' };
  if (credit.logIndex >= published.size) return { state: 'pending' };
  if (!entryMatches(credit, inc.entry, inc.leafHash)) return { state: 'failed', reason: 'entry' };
  let proof = inc.proof;
  if (inc.size !== published.size) {
    const other = await proofAt(credit.logIndex, published.size);
    if (other.leafHash !== inc.leafHash) return { state: 'failed', reason: 'proof' };
    proof = other.proof;
  }
  const r = checkCredit({ note: published.note, verifierKey: published.verifierKey, index: credit.logIndex, leafHash: inc.leafHash, proof, size: published.size });
  return r.ok ? { state: 'verified', size: r.checkpoint.size, index: credit.logIndex } : { state: 'failed', reason: r.reason };
}

/** The size of a published checkpoint, or undefined if the log's key did not sign it. */
export function publishedSize(note: string, verifierKey: string): number | undefined {
  try {
    return verifyCheckpoint(note, parseVerifierKey(verifierKey)).size;
  } catch {
    return undefined;
  }
}
