// `khwamdee cert verify <file> --jwks <file|url> [--issuer <url>]`: check a downloaded certificate
// offline with a standard JOSE library and the platform's published keys. The file may hold the
// compact `vc+jwt` alone or the {credential, jwt} JSON the API returns. Exit codes: 0 valid,
// 1 invalid (altered, wrong key, wrong shape, revoked), 2 the check could not be made (usage, files,
// network). A certificate with a credentialStatus is checked against its W3C Bitstring Status List:
// the list credential is verified with the same keys and issuer, then its bit is read.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { CERTIFICATE_JWT_TYPE, CERTIFICATE_MEDIA_TYPE, checkCredential, summarise } from '../core/certificates.js';
import { revocationEntryOf, revokedIn } from '../core/status-list.js';

export interface CertVerifyOptions {
  /** Path or http(s) URL of a JWKS (e.g. https://…/.well-known/jwks.json), fetched once. */
  jwks?: string;
  /** Expected issuer (the platform's public URL); when given, any other `iss` is refused. */
  issuer?: string;
  out: (line: string) => void;
  fetch?: typeof fetch;
  /** The time validity is judged at (default now). */
  now?: Date;
  /** Path or URL of the status list to use instead of the URL the certificate names. */
  status?: string;
  /** false: skip the revocation check (e.g. offline without a saved list). */
  statusCheck?: boolean;
}

async function loadText(source: string, fetchImpl: typeof fetch): Promise<string> {
  if (!/^https?:\/\//i.test(source)) return readFileSync(source, 'utf8');
  const res = await fetchImpl(source, { headers: { accept: CERTIFICATE_MEDIA_TYPE } });
  if (!res.ok) throw new Error(`GET ${source}: HTTP ${res.status}`);
  return res.text();
}

export const CERT_OK = 0;
export const CERT_INVALID = 1;
export const CERT_ERROR = 2;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function loadJwks(source: string, fetchImpl: typeof fetch): Promise<JSONWebKeySet> {
  let raw: unknown;
  if (/^https?:\/\//i.test(source)) {
    const res = await fetchImpl(source, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${source}: HTTP ${res.status}`);
    raw = await res.json();
  } else {
    raw = JSON.parse(readFileSync(source, 'utf8'));
  }
  const keys = (raw as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${source} is not a JWKS with keys`);
  return raw as JSONWebKeySet;
}

/** The JWT in a certificate file, and the credential JSON beside it if the file is an API response. */
function readCertificate(text: string): { jwt: string; claimed?: unknown } | undefined {
  const t = text.trim();
  if (t.startsWith('{')) {
    try {
      const doc = JSON.parse(t) as { jwt?: unknown; credential?: unknown };
      return typeof doc.jwt === 'string' ? { jwt: doc.jwt.trim(), claimed: doc.credential } : undefined;
    } catch {
      return undefined;
    }
  }
  return t.length > 0 ? { jwt: t } : undefined;
}

export async function runCertVerify(file: string, opts: CertVerifyOptions): Promise<number> {
  const { out } = opts;
  if (!file) {
    out('error: give the certificate file to check');
    return CERT_ERROR;
  }
  if (!opts.jwks) {
    out('error: --jwks <file|url> is required: the public keys of the issuing platform (its /.well-known/jwks.json)');
    return CERT_ERROR;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    out(`error: cannot read ${file}: ${message(e)}`);
    return CERT_ERROR;
  }
  let jwks: JSONWebKeySet;
  try {
    jwks = await loadJwks(opts.jwks, opts.fetch ?? fetch);
  } catch (e) {
    out(`error: cannot load the keys: ${message(e)}`);
    return CERT_ERROR;
  }

  const cert = readCertificate(text);
  if (!cert) {
    out(`INVALID: ${file} holds no certificate (a vc+jwt or the {credential, jwt} JSON)`);
    return CERT_INVALID;
  }
  const now = opts.now ?? new Date();
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(cert.jwt);
    ({ payload } = await jwtVerify(cert.jwt, createLocalJWKSet(jwks), {
      algorithms: ['EdDSA'],
      typ: CERTIFICATE_JWT_TYPE,
      currentDate: now,
      ...(opts.issuer ? { issuer: opts.issuer } : {}),
    }));
  } catch (e) {
    out(`INVALID: ${message(e)}`);
    return CERT_INVALID;
  }
  const checked = checkCredential(header, payload, now);
  if (!checked.ok) {
    out('INVALID: the signature holds but the content is not a valid certificate:');
    for (const p of checked.problems) out(`  - ${p}`);
    return CERT_INVALID;
  }
  if (cert.claimed !== undefined && !isDeepStrictEqual(cert.claimed, payload)) {
    out('INVALID: the credential JSON in the file differs from the signed one');
    return CERT_INVALID;
  }
  let statusLine = 'status: no status entry';
  if (opts.statusCheck !== false) {
    let entry: ReturnType<typeof revocationEntryOf>;
    try {
      entry = revocationEntryOf(payload);
    } catch (e) {
      out(`INVALID: ${message(e)}`);
      return CERT_INVALID;
    }
    if (entry) {
      let listJwt: string;
      try {
        listJwt = (await loadText(opts.status ?? entry.url, opts.fetch ?? fetch)).trim();
      } catch (e) {
        out(`error: cannot load the status list ${opts.status ?? entry.url}: ${message(e)}`);
        return CERT_ERROR;
      }
      let revoked: boolean;
      try {
        const iss = (payload as { iss?: unknown }).iss;
        const { payload: list } = await jwtVerify(listJwt, createLocalJWKSet(jwks), {
          algorithms: ['EdDSA'],
          typ: CERTIFICATE_JWT_TYPE,
          currentDate: now,
          ...(typeof iss === 'string' ? { issuer: iss } : {}),
        });
        revoked = revokedIn(list, entry, String(iss), now);
      } catch (e) {
        out(`error: the status list does not check: ${message(e)}`);
        return CERT_ERROR;
      }
      if (revoked) {
        out(`REVOKED: the issuer revoked this certificate (a credit it states was reversed); status list ${entry.url}, index ${entry.index}`);
        return CERT_INVALID;
      }
      statusLine = `status: not revoked (${entry.url} index ${entry.index})`;
    }
  }
  const s = summarise(checked.credential);
  out(`VALID: signed by key ${header.kid ?? '(no kid)'} (${header.alg}), ${header.typ}`);
  out(`achievement: ${s.achievement}`);
  out(`subject: ${s.subject}`);
  out(`issuer: ${s.issuer}`);
  out(`validFrom: ${s.validFrom}`);
  out(statusLine);
  return CERT_OK;
}
