// Non-repudiation of file exchange. An agency registers Ed25519 public keys (its own; revoked,
// never deleted); an upload may carry a manifest, a compact JWS over {sha256, fileName?, rows?,
// createdAt} signed with one of them, and once an agency has registered any key every upload must.
// The manifest is checked before the file is read (key, signature, content) and its SHA-256 once
// the file is spooled (services/imports.ts), before anything is queued. When the import has ended
// and the log has integrated every entry its rows appended, the platform signs a receipt (a JWT
// with its JOSE key, published at /.well-known/jwks.json) naming the import, the file's hash, the
// counts and the checkpoint (size + root hash) that includes every credited row; it is stored, so
// asking again gives the same receipt.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { canAccess, type Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import type { ImportFormat, ImportStatus } from '../core/imports.js';
import { coveringSize, ed25519PublicJwk, manifestClaims, RECEIPT_TYP, rawKeyToX, type ManifestClaims, type ReceiptCounts } from '../core/exchange.js';
import type { Clock } from '../adapters/clock.js';
import type { JwtSigner } from '../adapters/signing-keys.js';
import type { LogService } from '../log/service.js';
import type { Database } from '../store/schema.js';
import { importExchangeRepo, logCoverageRepo, signingKeysRepo, type SigningKeyRow } from '../store/repos/exchange.js';
import { importsRepo } from '../store/repos/imports.js';

export interface SigningKeyView {
  kid: string;
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface AddKeyInput {
  jwk?: Record<string, unknown> | undefined;
  publicKey?: string | undefined;
  label?: string | undefined;
}

/** A manifest whose key and signature are good; its hash is compared with the file once it is read. */
export interface CheckedManifest {
  kid: string;
  jws: string;
  claims: ManifestClaims;
}

export interface ReceiptView {
  importId: string;
  receipt: string;
  claims: ReceiptClaims;
}

export interface ReceiptClaims {
  import: {
    id: string;
    agency: string;
    fileName: string;
    format: ImportFormat;
    sha256: string;
    sizeBytes: number;
    status: ImportStatus;
    createdAt: string;
    finishedAt: string | null;
  };
  counts: ReceiptCounts;
  manifest: { kid: string; sha256: string } | null;
  checkpoint: { origin: string; size: number; rootHash: string; note: string };
}

export interface ExchangeService {
  addKey(principal: Principal, input: AddKeyInput): Promise<SigningKeyView>;
  listKeys(principal: Principal): Promise<SigningKeyView[]>;
  revokeKey(principal: Principal, kid: string): Promise<SigningKeyView>;
  /** Checks an upload's manifest header (undefined: none sent) before the file is read; undefined when none is needed. */
  checkManifest(principal: Principal & { kind: 'agency' }, jws: string | undefined): Promise<CheckedManifest | undefined>;
  receipt(principal: Principal, importId: string): Promise<ReceiptView>;
}

function present(row: SigningKeyRow): SigningKeyView {
  const jwk = JSON.parse(row.jwk) as { x: string };
  return {
    kid: row.kid,
    jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: row.kid, alg: 'EdDSA', use: 'sig' },
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export function createExchangeService(deps: { db: Kysely<Database>; clock: Clock; signer: JwtSigner; log: Pick<LogService, 'origin' | 'latestCheckpoint'> }): ExchangeService {
  const { db, clock, signer, log } = deps;

  function ownAgency(principal: Principal): string {
    if (!canAccess(principal, 'signing-keys.manage')) throw new AppError('forbidden');
    return principal.agency;
  }

  async function publicJwkOf(input: AddKeyInput): Promise<{ kty: 'OKP'; crv: 'Ed25519'; x: string }> {
    let x: string | undefined;
    if (input.jwk !== undefined) {
      const parsed = ed25519PublicJwk.safeParse(input.jwk);
      if (!parsed.success) throw new AppError('signing_key_invalid', { reason: parsed.error.issues[0]?.message ?? 'not an Ed25519 public JWK' });
      x = parsed.data.x;
    } else if (input.publicKey !== undefined) x = rawKeyToX(input.publicKey);
    if (!x) throw new AppError('signing_key_invalid', { reason: 'give jwk or publicKey' });
    const jwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x };
    // jose refuses what is not a usable Ed25519 key.
    await importJWK(jwk, 'EdDSA').catch(() => {
      throw new AppError('signing_key_invalid', { reason: 'not a usable Ed25519 key' });
    });
    return jwk;
  }

  return {
    async addKey(principal, input) {
      const agency = ownAgency(principal);
      if ((input.jwk === undefined) === (input.publicKey === undefined)) throw new AppError('signing_key_invalid', { reason: 'give exactly one of jwk, publicKey' });
      const jwk = await publicJwkOf(input);
      const kid = await calculateJwkThumbprint(jwk);
      const row: SigningKeyRow = { agency_code: agency, kid, jwk: JSON.stringify(jwk), label: input.label ?? null, created_at: clock.now().toISOString(), revoked_at: null };
      const r = await signingKeysRepo.insert(db, row);
      if (Number(r?.numInsertedOrUpdatedRows ?? 0) === 0) throw new AppError('signing_key_exists', { kid });
      return present(row);
    },

    async listKeys(principal) {
      return (await signingKeysRepo.list(db, ownAgency(principal))).map(present);
    },

    async revokeKey(principal, kid) {
      const agency = ownAgency(principal);
      await signingKeysRepo.revoke(db, agency, kid, clock.now().toISOString());
      const row = await signingKeysRepo.find(db, agency, kid);
      if (!row) throw new AppError('signing_key_not_found');
      return present(row);
    },

    async checkManifest(principal, jws) {
      if (jws === undefined || jws.trim() === '') {
        if (await signingKeysRepo.any(db, principal.agency)) throw new AppError('manifest_required');
        return undefined;
      }
      const token = jws.trim();
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        throw new AppError('manifest_invalid', { reason: 'not a compact JWS' });
      }
      if ((header.alg !== 'EdDSA' && header.alg !== 'Ed25519') || typeof header.kid !== 'string' || header.kid.length > 200)
        throw new AppError('manifest_invalid', { reason: 'the protected header needs alg EdDSA and kid' });
      // Only the uploading agency's own keys: another agency's key is unknown here.
      const key = await signingKeysRepo.find(db, principal.agency, header.kid);
      if (!key) throw new AppError('manifest_unknown_key', { kid: header.kid });
      if (key.revoked_at !== null && key.revoked_at <= clock.now().toISOString()) throw new AppError('manifest_key_revoked', { kid: key.kid, revokedAt: key.revoked_at });
      let payload: Uint8Array;
      try {
        const publicKey = await importJWK(JSON.parse(key.jwk) as JWK, 'EdDSA');
        ({ payload } = await compactVerify(token, publicKey, { algorithms: ['EdDSA', 'Ed25519'] }));
      } catch {
        throw new AppError('manifest_invalid', { reason: 'the signature does not verify' });
      }
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(payload));
      } catch {
        throw new AppError('manifest_invalid', { reason: 'the payload is not JSON' });
      }
      const claims = manifestClaims.safeParse(json);
      if (!claims.success)
        throw new AppError('manifest_invalid', {
          reason: claims.error.issues
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ')
            .slice(0, 300),
        });
      return { kid: key.kid, jws: token, claims: claims.data };
    },

    async receipt(principal, importId) {
      const row = await importsRepo.findById(db, importId);
      if (!row || !canAccess(principal, 'import.read', { kind: 'import', agency: row.agency_code })) throw new AppError('import_not_found');
      const exchange = await importExchangeRepo.find(db, row.id);
      if (exchange?.receipt) return { importId: row.id, receipt: exchange.receipt, claims: claimsOf(exchange.receipt) };
      if ((row.status !== 'done' && row.status !== 'failed') || exchange?.log_seq === null || exchange?.log_seq === undefined)
        throw new AppError('receipt_not_ready', { status: row.status, waitingFor: 'import' });
      const latest = await log.latestCheckpoint();
      const size = coveringSize(await logCoverageRepo.coverage(db, Number(exchange.log_seq)), latest?.size);
      if (size === undefined || !latest) throw new AppError('receipt_not_ready', { status: row.status, waitingFor: 'log' });
      const claims: ReceiptClaims = {
        import: {
          id: row.id,
          agency: row.agency_code,
          fileName: row.file_name,
          format: row.format,
          sha256: row.sha256,
          sizeBytes: Number(row.size_bytes),
          status: row.status,
          createdAt: row.created_at,
          finishedAt: row.finished_at,
        },
        counts: {
          rowsRead: Number(row.rows_read),
          credited: Number(row.credited),
          pending: Number(row.pending),
          rejected: Number(row.rejected),
          failed: Number(row.failed),
          alreadyRecorded: Number(row.already_recorded),
        },
        manifest: exchange.manifest_kid && exchange.manifest ? { kid: exchange.manifest_kid, sha256: createHash('sha256').update(exchange.manifest).digest('hex') } : null,
        checkpoint: { origin: log.origin, size: latest.size, rootHash: Buffer.from(latest.root).toString('base64'), note: latest.note },
      };
      const jws = await signer.sign({ ...claims }, { typ: RECEIPT_TYP, subject: row.id, audience: row.agency_code, jti: row.id, now: clock.now() });
      const stored = await importExchangeRepo.setReceipt(db, row.id, jws);
      return { importId: row.id, receipt: stored, claims: claimsOf(stored) };
    },
  };
}

/** The claims of a stored receipt (signed by us; read without verifying again). */
function claimsOf(jws: string): ReceiptClaims {
  const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as ReceiptClaims;
  return { import: payload.import, counts: payload.counts, manifest: payload.manifest, checkpoint: payload.checkpoint };
}
