// C2SP tlog-checkpoint note text: origin, tree size, base64 root hash, then
// optional extension lines, each ending in a newline.
import { fromBase64, toBase64 } from './bytes.js';
import { HASH_SIZE } from './hash.js';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions: string[];
}

export interface CheckpointInput {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}

export class CheckpointFormatError extends Error {
  override readonly name = 'CheckpointFormatError';
}

const CONTROL = /[\u0000-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkLine(what: string, line: string): void {
  if (line.length === 0) throw new CheckpointFormatError(`${what} must be non-empty`);
  if (CONTROL.test(line) || LONE_SURROGATE.test(line)) {
    throw new CheckpointFormatError(`${what} contains a control character or invalid UTF-16`);
  }
}

export function formatCheckpoint(cp: CheckpointInput): string {
  checkLine('origin', cp.origin);
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) {
    throw new CheckpointFormatError(`tree size must be a non-negative safe integer, got ${cp.size}`);
  }
  if (!(cp.rootHash instanceof Uint8Array) || cp.rootHash.length !== HASH_SIZE) {
    throw new CheckpointFormatError(`root hash must be ${HASH_SIZE} bytes`);
  }
  const extensions = cp.extensions ?? [];
  for (const line of extensions) checkLine('extension line', line);
  return [cp.origin, String(cp.size), toBase64(cp.rootHash), ...extensions].map((l) => `${l}\n`).join('');
}

/** Parses and strictly validates checkpoint note text (no signatures). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointFormatError('checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointFormatError('checkpoint needs origin, size and root hash lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  checkLine('origin', origin);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw new CheckpointFormatError('malformed tree size');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new CheckpointFormatError('tree size too large');
  const rootHash = fromBase64(rootLine);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE) {
    throw new CheckpointFormatError('malformed root hash');
  }
  for (const line of extensions) checkLine('extension line', line);
  return { origin, size, rootHash, extensions };
}
