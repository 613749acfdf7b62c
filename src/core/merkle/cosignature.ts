// C2SP tlog-cosignature, Ed25519 "cosignature/v1" (signature type 0x04):
// the cosigner signs "cosignature/v1\ntime <T>\n" followed by the checkpoint
// note text, and the note signature is u64 big-endian T || Ed25519 signature.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { concatBytes, readUint64BE, uint64BE, utf8 } from './bytes.js';
import { parseCheckpoint } from './checkpoint.js';
import {
  ed25519PublicKeyBytes,
  ed25519PublicKeyFromBytes,
  ed25519Sign,
  ed25519Verify,
  formatVerifierKey,
  isValidKeyName,
  noteKeyId,
  parseVerifierKey,
  type NoteSigner,
  type NoteVerifier,
} from './note-keys.js';

/** Signature type byte of Ed25519 cosignature/v1 (signed-note registry). */
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;
/** u64 timestamp + 64-byte Ed25519 signature. */
export const COSIGNATURE_SIZE = 72;

function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`timestamp must be a non-negative safe integer of POSIX seconds, got ${timestamp}`);
  }
}

function isCheckpoint(body: string): boolean {
  try {
    parseCheckpoint(body);
    return true;
  } catch {
    return false;
  }
}

const publicOf = (key: KeyObject): KeyObject => (key.type === 'private' ? createPublicKey(key) : key);

/** SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4]. */
export function cosignatureKeyId(name: string, publicKey: KeyObject): number {
  return noteKeyId(name, SIG_TYPE_COSIGNATURE_V1, ed25519PublicKeyBytes(publicKey));
}

/** The signed message: header line, time line, then the checkpoint text. */
export function cosignedMessage(checkpointText: string, timestamp: number): Uint8Array {
  checkTimestamp(timestamp);
  return utf8(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

/** The 72-byte timestamped_signature over a checkpoint. */
export function signCosignature(checkpointText: string, privateKey: KeyObject, timestamp: number): Uint8Array {
  if (!isCheckpoint(checkpointText)) throw new TypeError('cosignatures are only made over checkpoint text');
  const sig = ed25519Sign(privateKey, cosignedMessage(checkpointText, timestamp));
  return concatBytes(uint64BE(BigInt(timestamp)), sig);
}

/** Checks a timestamped_signature and returns its timestamp. */
export function verifyCosignature(checkpointText: string, publicKey: KeyObject, signature: Uint8Array): { ok: true; timestamp: number } | { ok: false } {
  const timestamp = cosignatureTimestamp(signature);
  if (timestamp === undefined || !isCheckpoint(checkpointText)) return { ok: false };
  const ok = ed25519Verify(publicOf(publicKey), cosignedMessage(checkpointText, timestamp), signature.slice(8));
  return ok ? { ok: true, timestamp } : { ok: false };
}

/** The timestamp of a timestamped_signature, if well-formed and representable. */
export function cosignatureTimestamp(signature: Uint8Array): number | undefined {
  if (signature.length !== COSIGNATURE_SIZE) return undefined;
  const t = readUint64BE(signature);
  return t <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : undefined;
}

/** A note signer producing a cosignature/v1 line at the given time. */
export function cosignatureSigner(name: string, privateKey: KeyObject, timestamp: number): NoteSigner {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name: ${JSON.stringify(name)}`);
  checkTimestamp(timestamp);
  const keyId = cosignatureKeyId(name, privateKey);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return { name, keyId, sign: (text) => signCosignature(decoder.decode(text), privateKey, timestamp) };
}

/** A note verifier accepting cosignature/v1 lines from this cosigner. */
export function cosignatureVerifier(name: string, publicKey: KeyObject): NoteVerifier {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name: ${JSON.stringify(name)}`);
  const pub = publicOf(publicKey);
  const keyId = cosignatureKeyId(name, pub);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return {
    name,
    keyId,
    verify: (text, signature) => {
      try {
        return verifyCosignature(decoder.decode(text), pub, signature).ok;
      } catch {
        return false;
      }
    },
  };
}

/** `name+hexid+base64(0x04 || key)`. */
export function formatCosignatureVerifierKey(name: string, publicKey: KeyObject): string {
  return formatVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, ed25519PublicKeyBytes(publicKey));
}

/** A verifier for a type 0x04 verifier key. */
export function cosignatureVerifierFromKey(vkey: string): NoteVerifier {
  const { name, type, key } = parseVerifierKey(vkey);
  if (type !== SIG_TYPE_COSIGNATURE_V1) {
    throw new TypeError(`not a cosignature/v1 verifier key (type 0x${type.toString(16)})`);
  }
  return cosignatureVerifier(name, ed25519PublicKeyFromBytes(key));
}
