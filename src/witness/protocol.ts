// C2SP tlog-witness wire format of `POST <prefix>/add-checkpoint`: the request body is
// `old <size>\n`, up to 63 base64 consistency-proof lines, an empty line, then the signed
// checkpoint note; a 409 answer carries the witness's size as `text/x.tlog.size`.
import { HASH_SIZE, fromBase64, toBase64 } from '../core/merkle/index.js';

/** Most consistency proof lines a request may carry. */
export const MAX_PROOF_LINES = 63;
/** Content type of the 409 Conflict body. */
export const TLOG_SIZE_CONTENT_TYPE = 'text/x.tlog.size';

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  /** The signed checkpoint note, as sent. */
  note: string;
}

export class WitnessRequestError extends Error {
  override readonly name = 'WitnessRequestError';
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

export function parseDecimalSize(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function formatAddCheckpointBody(oldSize: number, proof: readonly Uint8Array[], note: string): string {
  if (!Number.isSafeInteger(oldSize) || oldSize < 0) throw new RangeError(`old size must be a non-negative integer, got ${oldSize}`);
  if (proof.length > MAX_PROOF_LINES) throw new RangeError(`a consistency proof has at most ${MAX_PROOF_LINES} hashes`);
  return `old ${oldSize}\n${proof.map((h) => `${toBase64(h)}\n`).join('')}\n${note}`;
}

/** Parses a request body; throws WitnessRequestError when it is malformed (a 400 answer). */
export function parseAddCheckpointBody(body: string | Uint8Array): AddCheckpointRequest {
  let text: string;
  try {
    text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new WitnessRequestError('request body is not UTF-8');
  }
  const firstEnd = text.indexOf('\n');
  if (firstEnd < 0) throw new WitnessRequestError('missing old size line');
  const oldLine = text.slice(0, firstEnd);
  const oldSize = oldLine.startsWith('old ') ? parseDecimalSize(oldLine.slice(4)) : undefined;
  if (oldSize === undefined) throw new WitnessRequestError('malformed old size line');
  const proof: Uint8Array[] = [];
  let pos = firstEnd + 1;
  for (;;) {
    const end = text.indexOf('\n', pos);
    if (end < 0) throw new WitnessRequestError('missing empty line before the checkpoint');
    const line = text.slice(pos, end);
    pos = end + 1;
    if (line === '') break;
    if (proof.length === MAX_PROOF_LINES) throw new WitnessRequestError(`more than ${MAX_PROOF_LINES} proof lines`);
    const hash = fromBase64(line);
    if (hash === undefined || hash.length !== HASH_SIZE) throw new WitnessRequestError('malformed consistency proof line');
    proof.push(hash);
  }
  const note = text.slice(pos);
  if (note.length === 0) throw new WitnessRequestError('missing checkpoint');
  return { oldSize, proof, note };
}
