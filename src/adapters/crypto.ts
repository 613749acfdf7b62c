// Keyed hashing and encryption of personal identifiers, and API token hashing.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Secrets } from './secrets.js';

export interface IdentifierVault {
  /** Deterministic keyed hash used to find an account by its identifier. */
  lookupHash(canonicalId: string): string;
  encrypt(plaintext: string | Buffer): string;
  decrypt(ciphertext: string): Buffer;
  newSubjectKey(): Buffer;
  /** A stable pseudonym of an account towards one partner; different partners cannot link them. */
  pairwise(accountId: string, audience: string): string;
  /** A key for one purpose (e.g. signing session cookies), derived from the installation's secret. */
  derivedKey(purpose: string): Buffer;
  /** A person's own key from its stored ciphertext, kept in a bounded cache (names and commitments need it often). */
  subjectKey(subjectKeyEnc: string): Buffer;
  /** Drops a cached subject key (erasure): nothing in this process can use it afterwards. */
  forgetSubjectKey(subjectKeyEnc: string): void;
}

/** How many decrypted subject keys a process keeps (32 bytes each). */
const SUBJECT_KEY_CACHE = 50_000;

export function createVault(secrets: Secrets): IdentifierVault {
  const hashKey = Buffer.from(secrets.identifierHashKey, 'hex');
  const encKey = Buffer.from(secrets.encryptionKey, 'hex');
  const pairwiseKey = Buffer.from(hkdfSync('sha256', encKey, Buffer.alloc(0), 'khwamdee pairwise pseudonyms v1', 32));
  const subjectKeys = new Map<string, Buffer>();
  const vault: IdentifierVault = {
    lookupHash: (id) => createHmac('sha256', hashKey).update(id).digest('base64url'),
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(ciphertext) {
      if (!ciphertext.startsWith('v1.')) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(ciphertext.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    },
    newSubjectKey: () => randomBytes(32),
    derivedKey: (purpose) => Buffer.from(hkdfSync('sha256', encKey, Buffer.alloc(0), `khwamdee ${purpose} v1`, 32)),
    pairwise: (accountId, audience) => createHmac('sha256', pairwiseKey).update(`${audience}\n${accountId}`).digest('base64url').slice(0, 32),
    subjectKey(enc) {
      let key = subjectKeys.get(enc);
      if (!key) {
        key = vault.decrypt(enc);
        if (subjectKeys.size >= SUBJECT_KEY_CACHE) subjectKeys.clear();
        subjectKeys.set(enc, key);
      }
      return key;
    },
    forgetSubjectKey(enc) {
      subjectKeys.get(enc)?.fill(0);
      subjectKeys.delete(enc);
    },
  };
  return vault;
}

const NAME_PREFIX = 'n1.';
const nameAad = (accountId: string) => Buffer.from(`khwamdee display name v1\n${accountId}`);

/** A display name sealed under the person's own key (AES-256-GCM, bound to the account id): erasing the key erases the name. */
export function sealName(subjectKey: Buffer, accountId: string, name: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subjectKey, iv);
  cipher.setAAD(nameAad(accountId));
  const body = Buffer.concat([cipher.update(name, 'utf8'), cipher.final()]);
  return `${NAME_PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function openName(subjectKey: Buffer, accountId: string, sealed: string): string {
  if (!sealed.startsWith(NAME_PREFIX)) throw new Error('unknown sealed name version');
  const raw = Buffer.from(sealed.slice(NAME_PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', subjectKey, raw.subarray(0, 12));
  decipher.setAAD(nameAad(accountId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Commitment to the subject of a log leaf: linkable only while the person's key exists. */
export function subjectCommitment(subjectKey: Buffer, accountId: string, entryId: string): string {
  return createHmac('sha256', subjectKey).update(`${accountId}\n${entryId}`).digest('base64url');
}

/** API tokens are 256-bit random strings, so a fast hash is enough to store them safely. */
export function newApiToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sha256Base64url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

const SHORT_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An 8-character code a person can read out at a counter (no 0/O, 1/I). */
export function newShortCode(): string {
  const bytes = randomBytes(8);
  let out = '';
  for (const b of bytes) out += SHORT_CODE_ALPHABET[b % SHORT_CODE_ALPHABET.length];
  return out;
}
