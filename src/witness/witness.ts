// A C2SP tlog-witness: for each log it is configured with (origin + Ed25519 verifier keys) it
// cosigns a checkpoint only when it is signed by the log and provably extends the latest
// checkpoint it cosigned for that origin, and remembers it durably before answering.
import type { KeyObject } from 'node:crypto';
import {
  cosignatureSigner,
  emptyRoot,
  formatSignatureLine,
  fromBase64,
  noteVerifierFromKey,
  parseCheckpoint,
  parseNote,
  toBase64,
  verifyConsistency,
  verifyNote,
  type Checkpoint,
  type NoteVerifier,
} from '../core/merkle/index.js';
import { loadOrCreateWitnessKey } from './keys.js';
import { TLOG_SIZE_CONTENT_TYPE, WitnessRequestError, parseAddCheckpointBody, type AddCheckpointRequest } from './protocol.js';
import { WitnessStore, type CosignedState } from './store.js';

export interface WitnessedLog {
  origin: string;
  /** The log's Ed25519 note verifier key (`name+hash+base64`). */
  verifierKey: string;
}

export interface WitnessOptions {
  name: string;
  privateKey: KeyObject;
  verifierKey: string;
  logs: readonly WitnessedLog[];
  store: WitnessStore;
  /** Milliseconds since the epoch (default Date.now). */
  now?: () => number;
}

export interface WitnessAnswer {
  status: number;
  contentType: string;
  body: string;
}

const TEXT = 'text/plain; charset=utf-8';
const answer = (status: number, body: string, contentType = TEXT): WitnessAnswer => ({ status, contentType, body });
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Groups the configured logs' verifier keys by origin. Throws on a malformed key. */
function logVerifiers(logs: readonly WitnessedLog[]): Map<string, NoteVerifier[]> {
  const byOrigin = new Map<string, NoteVerifier[]>();
  for (const log of logs) {
    if (log.origin.length === 0 || /[\u0000-\u001f]/.test(log.origin)) throw new Error(`invalid log origin ${JSON.stringify(log.origin)}`);
    let v: NoteVerifier;
    try {
      v = noteVerifierFromKey(log.verifierKey);
    } catch (e) {
      throw new Error(`log ${log.origin}: verifier key ${JSON.stringify(log.verifierKey)}: ${message(e)}`);
    }
    byOrigin.set(log.origin, [...(byOrigin.get(log.origin) ?? []), v]);
  }
  return byOrigin;
}

export class Witness {
  readonly name: string;
  readonly verifierKey: string;
  readonly store: WitnessStore;
  private readonly privateKey: KeyObject;
  private readonly logs: Map<string, NoteVerifier[]>;
  private readonly now: () => number;

  constructor(opts: WitnessOptions) {
    this.name = opts.name;
    this.verifierKey = opts.verifierKey;
    this.privateKey = opts.privateKey;
    this.store = opts.store;
    this.logs = logVerifiers(opts.logs);
    this.now = opts.now ?? Date.now;
  }

  get origins(): string[] {
    return [...this.logs.keys()];
  }

  latest(origin: string): CosignedState | undefined {
    return this.store.latest(origin);
  }

  /** Handles the body of `POST /add-checkpoint` and returns the HTTP answer (status per C2SP tlog-witness). */
  addCheckpoint(body: string | Uint8Array): WitnessAnswer {
    let req: AddCheckpointRequest;
    let text: string;
    let cp: Checkpoint;
    try {
      req = parseAddCheckpointBody(body);
      text = parseNote(req.note).text;
      cp = parseCheckpoint(text);
    } catch (e) {
      return answer(400, `malformed request: ${e instanceof WitnessRequestError ? e.message : message(e)}\n`);
    }
    const verifiers = this.logs.get(cp.origin);
    if (verifiers === undefined) return answer(404, `unknown log origin ${cp.origin}\n`);
    const opened = verifyNote(req.note, verifiers);
    if (!opened.ok) return answer(403, `checkpoint is not signed by a key of ${cp.origin}: ${opened.reason}\n`);
    if (req.oldSize > cp.size) return answer(400, `old size ${req.oldSize} is larger than the checkpoint size ${cp.size}\n`);

    // Everything below is synchronous inside one transaction: the stored size that is checked is
    // the one that is replaced, whatever other requests arrive meanwhile.
    return this.store.transaction(() => {
      const held = this.store.latest(cp.origin);
      const heldSize = held?.size ?? 0;
      const heldRoot = held === undefined ? emptyRoot() : fromBase64(held.rootHash)!;
      const conflict = () => answer(409, `${heldSize}\n`, TLOG_SIZE_CONTENT_TYPE);
      if (req.oldSize !== heldSize) return conflict();
      const evidence = (reason: string) =>
        this.store.recordEvidence({
          origin: cp.origin,
          receivedAt: new Date(this.now()).toISOString(),
          reason,
          request: typeof body === 'string' ? body : new TextDecoder().decode(body),
        });
      if (cp.size === heldSize && toBase64(cp.rootHash) !== toBase64(heldRoot)) {
        evidence(`checkpoint of size ${cp.size} with another root than the one cosigned`);
        return conflict();
      }
      if (!verifyConsistency(heldSize, cp.size, req.proof, heldRoot, cp.rootHash)) {
        if (cp.size !== heldSize) evidence(`consistency proof from ${heldSize} to ${cp.size} does not verify`);
        return answer(422, `consistency proof from ${heldSize} to ${cp.size} does not verify\n`);
      }
      this.store.save({ origin: cp.origin, size: cp.size, rootHash: toBase64(cp.rootHash), note: req.note }, new Date(this.now()));
      return answer(200, this.cosign(text));
    });
  }

  /** The witness's cosignature line over checkpoint text. */
  cosign(checkpointText: string): string {
    const signer = cosignatureSigner(this.name, this.privateKey, Math.floor(this.now() / 1000));
    return formatSignatureLine({ name: signer.name, keyId: signer.keyId, signature: signer.sign(new TextEncoder().encode(checkpointText)) });
  }

  close(): void {
    this.store.close();
  }
}

export interface OpenWitnessOptions {
  dataDir: string;
  name: string;
  logs: readonly WitnessedLog[];
  now?: () => number;
}

/** Opens the witness kept in `dataDir`, generating its key on first start. */
export function openWitness(opts: OpenWitnessOptions): Witness & { keyCreated: boolean } {
  const key = loadOrCreateWitnessKey(opts.dataDir, opts.name);
  const store = WitnessStore.open(opts.dataDir);
  try {
    const witness = new Witness({ name: opts.name, privateKey: key.privateKey, verifierKey: key.verifierKey, logs: opts.logs, store, now: opts.now });
    return Object.assign(witness, { keyCreated: key.created });
  } catch (e) {
    store.close();
    throw e;
  }
}
