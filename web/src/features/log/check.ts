// "Check a credit" in the browser, trusting nobody: the checkpoint's signature under the log's key,
// the entry itself from its entry bundle (hashed here, so an entry changed after it was logged is
// caught), and the inclusion proof from that hash to the signed root.
import { ApiError } from '../../api/client';
import { type Checkpoint, checkCredit, leafHashOf, parseVerifierKey, verifyCheckpoint } from '../../lib/log-proof';
import { getBytes, getCheckpoint, getInclusion, getVerifierKey } from './api';
import { type LogEntry, parseEntry } from './entry';
import { toBase64 } from './note';
import { decodeEntryBundle, entryBundleFor } from './tiles';

export type FailReason = 'signature' | 'size' | 'proof' | 'entry';

export type CheckResult =
  | { status: 'verified'; index: number; checkpoint: Checkpoint; keyName: string; leafHash: string; proofSteps: number; entry: LogEntry }
  | { status: 'failed'; index: number; reason: FailReason; entry?: LogEntry }
  /** The index is past the end of the log (as of the latest checkpoint). */
  | { status: 'outside'; index: number; size: number };

export async function checkLogIndex(index: number): Promise<CheckResult> {
  const [verifierKey, published] = await Promise.all([
    getVerifierKey(),
    getCheckpoint().catch((e: unknown) => {
      // No checkpoint yet: the log is empty, so no index is in it.
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }),
  ]);
  if (!published) return { status: 'outside', index, size: 0 };
  const { note } = published;
  let checkpoint: Checkpoint;
  let keyName: string;
  try {
    const key = parseVerifierKey(verifierKey);
    checkpoint = verifyCheckpoint(note, key);
    keyName = key.name;
  } catch {
    return { status: 'failed', index, reason: 'signature' };
  }
  if (index >= checkpoint.size) return { status: 'outside', index, size: checkpoint.size };

  const bundle = entryBundleFor(index, checkpoint.size);
  const [inclusion, bytes] = await Promise.all([getInclusion(index, checkpoint.size), getBytes(bundle.path)]);
  let raw: Uint8Array | undefined;
  try {
    raw = decodeEntryBundle(bytes)[bundle.offset];
  } catch {
    raw = undefined;
  }
  const entry = raw ? parseEntry(raw) : undefined;
  const leafHash = raw ? toBase64(leafHashOf(raw)) : '';
  const input = { note, verifierKey, index, proof: inclusion.proof, size: inclusion.size };
  const mine = raw ? checkCredit({ ...input, leafHash }) : ({ ok: false, reason: 'proof' } as const);
  if (mine.ok && entry) return { status: 'verified', index, checkpoint: mine.checkpoint, keyName, leafHash, proofSteps: inclusion.proof.length, entry };
  if (!mine.ok && (mine.reason === 'signature' || mine.reason === 'size')) return { status: 'failed', index, reason: mine.reason, ...(entry ? { entry } : {}) };
  // The path does not lead from this entry to the root. If it leads there from the hash the log
  // itself reports, the tree is whole and the entry served now is not the one that was logged.
  const theirs = checkCredit({ ...input, leafHash: inclusion.leafHash });
  return { status: 'failed', index, reason: theirs.ok ? 'entry' : 'proof', ...(entry ? { entry } : {}) };
}
