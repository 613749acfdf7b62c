// Talking to C2SP tlog-witnesses from the log's side (request a cosignature on a new checkpoint)
// and checking a cosigned checkpoint against a k-of-n witness policy from anyone's side.
import {
  cosignatureTimestamp,
  cosignatureVerifierFromKey,
  noteVerifierFromKey,
  parseCheckpoint,
  parseNote,
  verifyNote,
  type Checkpoint,
  type NoteSignature,
  type NoteVerifier,
} from '../core/merkle/index.js';
import { formatAddCheckpointBody, parseDecimalSize } from '../witness/protocol.js';

/** A witness answered something other than a cosignature. */
export class WitnessError extends Error {
  override readonly name = 'WitnessError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
    /** On 409: the size of the latest checkpoint the witness cosigned. */
    readonly witnessSize?: number,
  ) {
    super(message);
  }
}

export interface CosignatureRequest {
  /** The witness's submission prefix; `/add-checkpoint` is appended. */
  witnessUrl: string;
  /** Size of the checkpoint the witness is believed to hold (0 if none). */
  oldSize: number;
  /** Consistency proof from oldSize to the checkpoint's size (empty when oldSize is 0). */
  proof: readonly Uint8Array[];
  /** The log-signed checkpoint note. */
  checkpointNote: string;
  fetch?: typeof fetch;
  /**
   * On 409 the witness says which size it holds; with this callback the request is retried once
   * from that size with the consistency proof it returns.
   */
  proofFor?: (oldSize: number) => Promise<readonly Uint8Array[]> | readonly Uint8Array[];
  /** When given, only cosignatures that verify under this key are returned (and one must). */
  witnessKey?: string;
  timeoutMs?: number;
}

/**
 * Submits a checkpoint to a witness and returns its cosignature lines, each ending in a newline,
 * ready to append to the note (`checkpointNote + lines.join('')`). Throws WitnessError.
 */
export async function requestCosignature(req: CosignatureRequest): Promise<string[]> {
  const fetchFn = req.fetch ?? globalThis.fetch;
  const url = `${req.witnessUrl.replace(/\/+$/, '')}/add-checkpoint`;
  const checkpointText = parseNote(req.checkpointNote).text;
  const size = parseCheckpoint(checkpointText).size;

  const post = async (oldSize: number, proof: readonly Uint8Array[]): Promise<{ status: number; body: string }> => {
    let res: Response;
    try {
      res = await fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: formatAddCheckpointBody(oldSize, proof, req.checkpointNote),
        signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
      });
      return { status: res.status, body: await res.text() };
    } catch (e) {
      throw new WitnessError(`POST ${url}: ${e instanceof Error ? e.message : String(e)}`, 0, '');
    }
  };

  let answer = await post(req.oldSize, req.proof);
  if (answer.status === 409) {
    // The body is the witness's size (served as text/x.tlog.size; read leniently whatever the type).
    const witnessSize = parseDecimalSize(answer.body.replace(/\n$/, ''));
    const conflict = (why: string) => new WitnessError(`${url}: 409 Conflict: ${why}`, 409, answer.body, witnessSize);
    if (witnessSize === undefined) throw conflict('no witness size in the answer');
    if (witnessSize === req.oldSize) throw conflict(`the witness holds a different checkpoint of size ${witnessSize}`);
    if (witnessSize > size) throw conflict(`the witness already holds size ${witnessSize}, beyond this checkpoint's ${size}`);
    if (req.proofFor === undefined) throw conflict(`the witness holds size ${witnessSize}`);
    answer = await post(witnessSize, await req.proofFor(witnessSize));
    if (answer.status === 409) throw new WitnessError(`${url}: 409 Conflict again after retrying from size ${witnessSize}`, 409, answer.body);
  }
  if (answer.status !== 200) {
    throw new WitnessError(`${url}: HTTP ${answer.status}: ${answer.body.trim().slice(0, 200)}`, answer.status, answer.body);
  }
  return cosignatureLines(checkpointText, answer.body, req.witnessKey, url);
}

const utf8Text = (text: string): Uint8Array => new TextEncoder().encode(text);

function cosignatureLines(checkpointText: string, body: string, witnessKey: string | undefined, url: string): string[] {
  let sigs: NoteSignature[];
  try {
    sigs = parseNote(`${checkpointText}\n${body}`).signatures;
  } catch (e) {
    throw new WitnessError(`${url}: malformed cosignature answer: ${e instanceof Error ? e.message : String(e)}`, 200, body);
  }
  const lines = body
    .slice(0, -1)
    .split('\n')
    .map((l) => `${l}\n`);
  if (witnessKey === undefined) return lines;
  const v = cosignatureVerifierFromKey(witnessKey);
  const message = utf8Text(checkpointText);
  const good = lines.filter((_, i) => {
    const s = sigs[i]!;
    return s.name === v.name && s.keyId === v.keyId && v.verify(message, s.signature);
  });
  if (good.length === 0) throw new WitnessError(`${url}: no valid cosignature from ${v.name}`, 200, body);
  return good;
}

export interface WitnessSignature {
  /** The witness's verifier key, as configured. */
  key: string;
  name: string;
  /** POSIX seconds the witness put in its cosignature. */
  timestamp: number;
}

export interface CosignedCheckpointResult {
  /** The log signature verifies and at least `quorum` witnesses cosigned. */
  ok: boolean;
  logSigned: boolean;
  reason?: string;
  checkpoint?: Checkpoint;
  quorum: number;
  /** Distinct witnesses in the policy. */
  total: number;
  signed: WitnessSignature[];
  /** Witness keys with no cosignature on the note. */
  missing: string[];
  /** Witness keys whose cosignature line does not verify. */
  invalid: string[];
  quorumMet: boolean;
}

/** Parses witness verifier keys (cosignature/v1, type 0x04), dropping repeats. Throws TypeError. */
export function parseWitnessKeys(keys: readonly string[]): Array<{ key: string; verifier: NoteVerifier }> {
  const out: Array<{ key: string; verifier: NoteVerifier }> = [];
  for (const key of keys) {
    let verifier: NoteVerifier;
    try {
      verifier = cosignatureVerifierFromKey(key);
    } catch (e) {
      throw new TypeError(`witness key ${JSON.stringify(key)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!out.some((w) => w.verifier.name === verifier.name && w.verifier.keyId === verifier.keyId)) out.push({ key, verifier });
  }
  return out;
}

/**
 * Checks a checkpoint note against the log's key and a k-of-n witness policy: which witnesses
 * cosigned it and whether `quorum` (default: all of them) is met. Throws TypeError on a malformed
 * key or quorum.
 */
export function verifyCosignedCheckpoint(note: string, logKey: string, witnessKeys: readonly string[], quorum?: number): CosignedCheckpointResult {
  const witnesses = parseWitnessKeys(witnessKeys);
  const k = quorum ?? witnesses.length;
  if (!Number.isSafeInteger(k) || k < 0 || k > witnesses.length) {
    throw new TypeError(`quorum must be 0..${witnesses.length} (the number of distinct witness keys), got ${quorum}`);
  }
  let logVerifier: NoteVerifier;
  try {
    logVerifier = noteVerifierFromKey(logKey);
  } catch (e) {
    throw new TypeError(`log key: ${e instanceof Error ? e.message : String(e)}`);
  }
  const result: CosignedCheckpointResult = {
    ok: false,
    logSigned: false,
    quorum: k,
    total: witnesses.length,
    signed: [],
    missing: [],
    invalid: [],
    quorumMet: false,
  };
  const opened = verifyNote(note, [logVerifier]);
  if (!opened.ok) return { ...result, reason: `checkpoint signature: ${opened.reason}` };
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(opened.text);
  } catch (e) {
    return { ...result, reason: `checkpoint: ${e instanceof Error ? e.message : String(e)}` };
  }
  result.logSigned = true;
  result.checkpoint = checkpoint;
  const message = utf8Text(opened.text);
  for (const { key, verifier } of witnesses) {
    const lines = opened.unverified.filter((s) => s.name === verifier.name && s.keyId === verifier.keyId);
    const good = lines.find((s) => verifier.verify(message, s.signature));
    if (good !== undefined) {
      result.signed.push({ key, name: verifier.name, timestamp: cosignatureTimestamp(good.signature) ?? 0 });
    } else if (lines.length > 0) {
      result.invalid.push(key);
    } else {
      result.missing.push(key);
    }
  }
  result.quorumMet = result.signed.length >= k;
  result.ok = result.quorumMet;
  if (!result.quorumMet) result.reason = `${result.signed.length} of ${witnesses.length} witnesses cosigned, ${k} required`;
  return result;
}
