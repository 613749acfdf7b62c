// C2SP signed-note keys: key IDs, the text forms of verifier keys
// (`name+hexid+base64(type || key)`) and Ed25519 signer keys
// (`PRIVATE+KEY+name+hexid+base64(0x01 || seed)`, as golang.org/x/mod/sumdb/note
// writes them), and Ed25519 note signers/verifiers over node:crypto KeyObjects.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { concatBytes, fromBase64, readUint32BE, toBase64, utf8 } from './bytes.js';

/** Signature type byte of plain Ed25519 note signatures. */
export const SIG_TYPE_ED25519 = 0x01;

/** Signs note text. `keyId` is the uint32 written before the signature. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: Uint8Array): Uint8Array;
}

/** Verifies the signature (without the key ID prefix) over note text. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** A parsed verifier key of any signature type. */
export interface VerifierKey {
  name: string;
  keyId: number;
  type: number;
  /** Public key material, without the type byte. */
  key: Uint8Array;
}

/** Key names are non-empty and contain no Unicode spaces and no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !/[\u0000-\u001f]/.test(name);
}

/** SHA-256(name || 0x0A || type || key)[:4] as a big-endian uint32. */
export function noteKeyId(name: string, type: number, key: Uint8Array): number {
  const digest = createHash('sha256')
    .update(utf8(name))
    .update(new Uint8Array([0x0a, type]))
    .update(key)
    .digest();
  return readUint32BE(new Uint8Array(digest));
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

function ed25519Key(key: KeyObject, kind: 'public' | 'private'): void {
  if (key.asymmetricKeyType !== 'ed25519' || key.type !== kind) {
    throw new TypeError(`expected an Ed25519 ${kind} KeyObject`);
  }
}

/** The 32-byte RFC 8032 encoding of an Ed25519 public key (or of a private key's public half). */
export function ed25519PublicKeyBytes(key: KeyObject): Uint8Array {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  ed25519Key(pub, 'public');
  const x = pub.export({ format: 'jwk' }).x;
  if (x === undefined) throw new TypeError('Ed25519 public key without x');
  return new Uint8Array(Buffer.from(x, 'base64url'));
}

function ed25519Seed(key: KeyObject): Uint8Array {
  ed25519Key(key, 'private');
  const d = key.export({ format: 'jwk' }).d;
  if (d === undefined) throw new TypeError('Ed25519 private key without d');
  return new Uint8Array(Buffer.from(d, 'base64url'));
}

// PKCS#8 wrapping of a 32-byte Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const SPKI_ED25519_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new TypeError('Ed25519 seed must be 32 bytes');
  return createPrivateKey({ key: Buffer.from(concatBytes(PKCS8_ED25519_PREFIX, seed)), format: 'der', type: 'pkcs8' });
}

export function ed25519PublicKeyFromBytes(key: Uint8Array): KeyObject {
  if (key.length !== 32) throw new TypeError('Ed25519 public key must be 32 bytes');
  return createPublicKey({ key: Buffer.from(concatBytes(SPKI_ED25519_PREFIX, key)), format: 'der', type: 'spki' });
}

/** Ed25519 signature over `message`; false instead of throwing on bad input. */
export function ed25519Verify(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return cryptoVerify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

export function ed25519Sign(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(cryptoSign(null, message, privateKey));
}

/** `name+hexid+base64(type || key)`, the key ID derived as signed-note recommends. */
export function formatVerifierKey(name: string, type: number, key: Uint8Array): string {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name: ${JSON.stringify(name)}`);
  return `${name}+${hex8(noteKeyId(name, type, key))}+${toBase64(concatBytes(new Uint8Array([type]), key))}`;
}

/**
 * Parses `name+hexid+base64(type || key)`. For the key types whose ID
 * derivation is fixed (Ed25519 0x01, cosignature/v1 0x04) the ID must match.
 */
export function parseVerifierKey(vkey: string): VerifierKey {
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new TypeError('malformed verifier key');
  const name = vkey.slice(0, first);
  const id = vkey.slice(first + 1, second);
  const material = fromBase64(vkey.slice(second + 1));
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(id) || material === undefined || material.length < 2) {
    throw new TypeError('malformed verifier key');
  }
  const type = material[0]!;
  const key = material.slice(1);
  const keyId = parseInt(id, 16);
  if ((type === SIG_TYPE_ED25519 || type === 0x04) && key.length !== 32) {
    throw new TypeError('verifier key has the wrong length for its type');
  }
  if ((type === SIG_TYPE_ED25519 || type === 0x04) && noteKeyId(name, type, key) !== keyId) {
    throw new TypeError('verifier key ID does not match its name and key');
  }
  return { name, keyId, type, key };
}

export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  ed25519Key(privateKey, 'private');
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name: ${JSON.stringify(name)}`);
  const keyId = noteKeyId(name, SIG_TYPE_ED25519, ed25519PublicKeyBytes(privateKey));
  return { name, keyId, sign: (text) => ed25519Sign(privateKey, text) };
}

export function ed25519NoteVerifier(name: string, publicKey: KeyObject): NoteVerifier {
  const pub = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  ed25519Key(pub, 'public');
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name: ${JSON.stringify(name)}`);
  const keyId = noteKeyId(name, SIG_TYPE_ED25519, ed25519PublicKeyBytes(pub));
  return { name, keyId, verify: (text, signature) => ed25519Verify(pub, text, signature) };
}

/** A fresh Ed25519 key pair in the standard text forms. */
export function generateNoteKey(name: string): { signerKey: string; verifierKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { signerKey: formatSignerKey(name, privateKey), verifierKey: formatEd25519VerifierKey(name, privateKey) };
}

/** `PRIVATE+KEY+name+hexid+base64(0x01 || seed)`. */
export function formatSignerKey(name: string, privateKey: KeyObject): string {
  const id = noteKeyId(name, SIG_TYPE_ED25519, ed25519PublicKeyBytes(privateKey));
  const material = concatBytes(new Uint8Array([SIG_TYPE_ED25519]), ed25519Seed(privateKey));
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name: ${JSON.stringify(name)}`);
  return `PRIVATE+KEY+${name}+${hex8(id)}+${toBase64(material)}`;
}

/** The Ed25519 (type 0x01) verifier key of a public or private KeyObject. */
export function formatEd25519VerifierKey(name: string, key: KeyObject): string {
  return formatVerifierKey(name, SIG_TYPE_ED25519, ed25519PublicKeyBytes(key));
}

export interface ParsedSignerKey {
  name: string;
  keyId: number;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function parseSignerKey(skey: string): ParsedSignerKey {
  const prefix = 'PRIVATE+KEY+';
  if (!skey.startsWith(prefix)) throw new TypeError('malformed signer key');
  const rest = skey.slice(prefix.length);
  const first = rest.indexOf('+');
  const second = rest.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new TypeError('malformed signer key');
  const name = rest.slice(0, first);
  const id = rest.slice(first + 1, second);
  const material = fromBase64(rest.slice(second + 1));
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(id) || material === undefined || material.length !== 33 || material[0] !== SIG_TYPE_ED25519) {
    throw new TypeError('malformed signer key');
  }
  const privateKey = ed25519PrivateKeyFromSeed(material.slice(1));
  const publicKey = createPublicKey(privateKey);
  const keyId = parseInt(id, 16);
  if (noteKeyId(name, SIG_TYPE_ED25519, ed25519PublicKeyBytes(publicKey)) !== keyId) {
    throw new TypeError('signer key ID does not match its name and key');
  }
  return { name, keyId, privateKey, publicKey };
}

export function noteSignerFromKey(skey: string): NoteSigner {
  const { name, privateKey } = parseSignerKey(skey);
  return ed25519NoteSigner(name, privateKey);
}

/** A verifier for an Ed25519 (type 0x01) verifier key. */
export function noteVerifierFromKey(vkey: string): NoteVerifier {
  const { name, type, key } = parseVerifierKey(vkey);
  if (type !== SIG_TYPE_ED25519) throw new TypeError(`not an Ed25519 verifier key (type 0x${type.toString(16)})`);
  return ed25519NoteVerifier(name, ed25519PublicKeyFromBytes(key));
}
