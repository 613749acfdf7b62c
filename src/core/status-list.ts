// W3C Bitstring Status List v1.0: a certificate's status is one bit in a published list. The list
// is at least 131,072 bits (16 KB, the spec's minimum, for herd privacy), bit 0 is the most
// significant bit of the first byte, and it is published GZIP-compressed, base64url without
// padding, with the multibase prefix `u`.
import { gunzipSync, gzipSync } from 'node:zlib';

/** Entries per list: the minimum size the spec allows. */
export const STATUS_LIST_SIZE = 131_072;
export const STATUS_ENTRY_TYPE = 'BitstringStatusListEntry';
export const STATUS_LIST_CREDENTIAL_TYPE = 'BitstringStatusListCredential';

export function encodeStatusList(setBits: Iterable<number>, size = STATUS_LIST_SIZE): string {
  const bytes = new Uint8Array(Math.ceil(size / 8));
  for (const i of setBits) {
    if (!Number.isInteger(i) || i < 0 || i >= size) throw new RangeError(`status index ${i} is outside the list`);
    bytes[i >> 3]! |= 0x80 >> (i & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** The bitstring of an `encodedList`; throws on anything that is not one. */
export function decodeStatusList(encoded: string, maxBytes = 16 * 1024 * 1024): Uint8Array {
  if (!encoded.startsWith('u')) throw new Error('encodedList must start with the multibase prefix "u"');
  const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'), { maxOutputLength: maxBytes });
  if (bytes.length * 8 < STATUS_LIST_SIZE) throw new Error(`the bitstring holds ${bytes.length * 8} entries, fewer than the minimum ${STATUS_LIST_SIZE}`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function statusBit(bits: Uint8Array, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8) throw new RangeError(`status index ${index} is outside the list`);
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/** A certificate's entry in a status list (`credentialStatus`). */
export interface StatusEntry {
  id: string;
  type: typeof STATUS_ENTRY_TYPE;
  statusPurpose: 'revocation';
  /** A decimal string, as the spec requires. */
  statusListIndex: string;
  statusListCredential: string;
}

export const statusListUrl = (issuer: string, list: number): string => `${issuer.replace(/\/+$/, '')}/api/v1/certificates/status/${list}`;

export function statusEntry(issuer: string, list: number, index: number): StatusEntry {
  const url = statusListUrl(issuer, list);
  return { id: `${url}#${index}`, type: STATUS_ENTRY_TYPE, statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: url };
}

export interface StatusListCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: string;
  validFrom: string;
  validUntil: string;
  credentialSubject: { id: string; type: 'BitstringStatusList'; statusPurpose: 'revocation'; encodedList: string; ttl: number };
}

/** The status list credential of list `list` with the revoked indices set; valid for `ttlMs` (what a verifier may cache). */
export function statusListCredential(issuer: string, list: number, revoked: Iterable<number>, at: Date, ttlMs: number): StatusListCredential {
  const url = statusListUrl(issuer, list);
  const seconds = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', STATUS_LIST_CREDENTIAL_TYPE],
    issuer: issuer.replace(/\/+$/, ''),
    validFrom: seconds(at),
    validUntil: seconds(new Date(at.getTime() + ttlMs)),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodeStatusList(revoked), ttl: ttlMs },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The revocation entry of a credential, if it has one (else undefined; malformed entries throw). */
export function revocationEntryOf(credential: unknown): { url: string; index: number } | undefined {
  if (!isObject(credential) || credential.credentialStatus === undefined) return undefined;
  const entries = Array.isArray(credential.credentialStatus) ? credential.credentialStatus : [credential.credentialStatus];
  for (const e of entries) {
    if (!isObject(e) || e.type !== STATUS_ENTRY_TYPE || e.statusPurpose !== 'revocation') continue;
    const index = typeof e.statusListIndex === 'string' && /^\d{1,10}$/.test(e.statusListIndex) ? Number(e.statusListIndex) : Number.NaN;
    if (typeof e.statusListCredential !== 'string' || Number.isNaN(index)) throw new Error('credentialStatus is not a valid BitstringStatusListEntry');
    return { url: e.statusListCredential, index };
  }
  return undefined;
}

/**
 * Whether entry `index` is set in a verified status list credential's payload, after checking it is
 * the list the entry names, for revocation, from the same issuer and not expired.
 */
export function revokedIn(payload: unknown, entry: { url: string; index: number }, issuer: string, now: Date): boolean {
  if (!isObject(payload)) throw new Error('the status list is not a JSON object');
  const types = payload.type;
  if (!Array.isArray(types) || !types.includes(STATUS_LIST_CREDENTIAL_TYPE)) throw new Error(`the status list is not a ${STATUS_LIST_CREDENTIAL_TYPE}`);
  if (payload.id !== entry.url) throw new Error('the status list is not the one the certificate names');
  const listIssuer = isObject(payload.issuer) ? payload.issuer.id : payload.issuer;
  if (listIssuer !== issuer) throw new Error('the status list has another issuer than the certificate');
  if (typeof payload.validUntil === 'string' && Date.parse(payload.validUntil) < now.getTime()) throw new Error('the status list has expired');
  const subject = payload.credentialSubject;
  if (!isObject(subject) || subject.statusPurpose !== 'revocation' || typeof subject.encodedList !== 'string') throw new Error('the status list has no revocation bitstring');
  return statusBit(decodeStatusList(subject.encodedList), entry.index);
}
