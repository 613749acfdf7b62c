// Checking the public log in the browser, trusting nobody: the checkpoint's Ed25519 signature under
// the log's C2SP verifier key (signed note), then an RFC 9162 inclusion proof of a leaf against the
// checkpoint's root. Pure functions over bytes; the hashes are @noble's, so this also works on a
// plain-http village laptop where the browser withholds WebCrypto.
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

ed.hashes.sha512 = sha512;

const enc = new TextEncoder();

export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export interface VerifierKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
}

/** A C2SP signed-note verifier key `name+hexid+base64(0x01 || key)` with its key id checked. */
export function parseVerifierKey(text: string): VerifierKey {
  // The name has no '+', the key id is 8 hex digits; the base64 key after them may itself hold '+'.
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(text.trim());
  if (!m) throw new Error('not a verifier key');
  const [, name, hexId, b64] = m as unknown as [string, string, string, string];
  const raw = fromBase64(b64);
  if (raw.length !== 33 || raw[0] !== 0x01) throw new Error('not an Ed25519 verifier key');
  const keyId = Number.parseInt(hexId, 16);
  const digest = sha256(concat(enc.encode(name), new Uint8Array([0x0a]), raw));
  const expected = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  if (expected !== keyId) throw new Error('verifier key id does not match its key');
  return { name, keyId, publicKey: raw.subarray(1) };
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
}

/**
 * Verifies a signed-note checkpoint with `key` and returns its contents; throws if no valid signature
 * by that key is present or the body is not a checkpoint of `key.name`'s log.
 */
export function verifyCheckpoint(note: string, key: VerifierKey): Checkpoint {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('not a signed note');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter(Boolean);
  const message = enc.encode(text);
  const signed = signatures.some((line) => {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== key.name) return false;
    const sig = fromBase64(m[2]!);
    if (sig.length !== 68) return false;
    const id = ((sig[0]! << 24) | (sig[1]! << 16) | (sig[2]! << 8) | sig[3]!) >>> 0;
    return id === key.keyId && ed.verify(sig.subarray(4), message, key.publicKey);
  });
  if (!signed) throw new Error('the checkpoint is not signed by the log key');
  const [origin, sizeText, rootB64] = text.split('\n');
  if (origin !== key.name || !sizeText || !/^(0|[1-9]\d*)$/.test(sizeText) || !rootB64) throw new Error('not a checkpoint of this log');
  const root = fromBase64(rootB64);
  if (root.length !== 32) throw new Error('bad checkpoint root');
  return { origin, size: Number(sizeText), root };
}

const node = (l: Uint8Array, r: Uint8Array) => sha256(concat(new Uint8Array([0x01]), l, r));

/** RFC 9162 §2.1.3.2: does `proof` lead from the leaf at `index` to `root` in a tree of `size`? */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (leafHash.length !== 32 || root.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

/** RFC 9162 leaf hash: SHA-256(0x00 || entry). */
export const leafHashOf = (entry: Uint8Array) => sha256(concat(new Uint8Array([0x00]), entry));

export type ProofCheck = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: 'signature' | 'proof' | 'size' };

/** The whole check a person's browser makes for one credit: signed checkpoint, then the path to its root. */
export function checkCredit(input: { note: string; verifierKey: string; index: number; leafHash: string; proof: string[]; size: number }): ProofCheck {
  let checkpoint: Checkpoint;
  try {
    checkpoint = verifyCheckpoint(input.note, parseVerifierKey(input.verifierKey));
  } catch {
    return { ok: false, reason: 'signature' };
  }
  if (checkpoint.size !== input.size) return { ok: false, reason: 'size' };
  const ok = verifyInclusion(fromBase64(input.leafHash), input.index, input.size, input.proof.map(fromBase64), checkpoint.root);
  return ok ? { ok: true, checkpoint } : { ok: false, reason: 'proof' };
}
