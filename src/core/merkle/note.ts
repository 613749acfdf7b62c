// C2SP signed-note: text ending in a newline, a blank line, then signature
// lines `— <key name> base64(uint32 key ID || signature)`.
import { concatBytes, fromBase64, readUint32BE, toBase64, uint32BE, utf8 } from './bytes.js';
import { isValidKeyName, type NoteSigner, type NoteVerifier } from './note-keys.js';

/** Em dash U+2014 and a space. */
const SIG_PREFIX = '\u2014 ';
/** Parsing limit: the spec requires accepting at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

export interface NoteSignature {
  name: string;
  keyId: number;
  /** Signature bytes after the 4-byte key ID. */
  signature: Uint8Array;
}

export interface Note {
  /** The signed text, including its final newline. */
  text: string;
  signatures: NoteSignature[];
}

export type VerifyNoteResult = { ok: true; text: string; verified: NoteSignature[]; unverified: NoteSignature[] } | { ok: false; reason: string };

export class NoteFormatError extends Error {
  override readonly name = 'NoteFormatError';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u0009\u000B-\u001F]/;

function checkText(s: string): void {
  if (LONE_SURROGATE.test(s)) throw new NoteFormatError('note is not valid UTF-8');
  if (CONTROL.test(s)) throw new NoteFormatError('note contains a control character other than newline');
}

function decode(note: string | Uint8Array): string {
  if (typeof note === 'string') return note;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
  } catch {
    throw new NoteFormatError('note is not valid UTF-8');
  }
}

/** Checks text that is about to be signed: non-empty lines ending in a newline. */
export function assertNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteFormatError('note text must end with a newline');
  checkText(text);
}

/** Parses a signed note without verifying it. Throws NoteFormatError. */
export function parseNote(note: string | Uint8Array): Note {
  const msg = decode(note);
  checkText(msg);
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw new NoteFormatError('note has no signature block');
  const text = msg.slice(0, split + 1);
  const block = msg.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw new NoteFormatError('malformed signature block');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new NoteFormatError('too many signatures');
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(SIG_PREFIX)) throw new NoteFormatError('malformed signature line');
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = rest.slice(0, space);
    const raw = space < 0 ? undefined : fromBase64(rest.slice(space + 1));
    if (!isValidKeyName(name) || raw === undefined || raw.length < 5) {
      throw new NoteFormatError('malformed signature line');
    }
    return { name, keyId: readUint32BE(raw), signature: raw.slice(4) };
  });
  return { text, signatures };
}

export function formatSignatureLine(sig: NoteSignature): string {
  if (!isValidKeyName(sig.name)) throw new NoteFormatError(`invalid key name: ${JSON.stringify(sig.name)}`);
  return `${SIG_PREFIX}${sig.name} ${toBase64(concatBytes(uint32BE(sig.keyId), sig.signature))}\n`;
}

/** Serializes text and signatures (at least one) as a signed note. */
export function formatNote(note: Note): string {
  assertNoteText(note.text);
  if (note.signatures.length === 0) throw new NoteFormatError('a signed note needs a signature');
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

/**
 * Signs `text` with each signer. `existing` signatures (from parseNote of
 * an already-signed note over the same text) are kept, ahead of the new ones.
 */
export function signNote(text: string, signers: NoteSigner | readonly NoteSigner[], existing: readonly NoteSignature[] = []): string {
  assertNoteText(text);
  const message = utf8(text);
  const list = Array.isArray(signers) ? (signers as readonly NoteSigner[]) : [signers as NoteSigner];
  const fresh = list.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(message) }));
  return formatNote({ text, signatures: [...existing, ...fresh] });
}

/**
 * Opens a signed note. Signatures whose (name, key ID) match no verifier are
 * ignored (reported as `unverified`); a signature that matches a verifier
 * but fails to verify rejects the whole note; at least one signature must
 * verify. A repeated (name, key ID) is only checked once.
 */
export function verifyNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): VerifyNoteResult {
  let parsed: Note;
  try {
    parsed = parseNote(note);
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  const message = utf8(parsed.text);
  const seen = new Set<string>();
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const sig of parsed.signatures) {
    const v = verifiers.find((x) => x.name === sig.name && x.keyId === sig.keyId);
    if (v === undefined) {
      unverified.push(sig);
      continue;
    }
    const key = `${sig.name}\u0000${sig.keyId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!v.verify(message, sig.signature)) {
      return { ok: false, reason: `invalid signature from ${sig.name}` };
    }
    verified.push(sig);
  }
  if (verified.length === 0) return { ok: false, reason: 'no signature from a known key' };
  return { ok: true, text: parsed.text, verified, unverified };
}
