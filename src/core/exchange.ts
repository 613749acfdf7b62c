// The exchange standard's signed documents, the pure part: what an agency's manifest says (the
// SHA-256 of the file it vouches for, and a little about it) and what the platform's receipt says
// (the import, its counts and the log checkpoint covering every row it credited). Signing and
// verifying are done with jose in services/exchange.ts.
import { z } from 'zod';

/** The protected header's `typ` of a manifest, and of a receipt (a JWT the platform signs). */
export const MANIFEST_TYP = 'khwamdee-manifest+json';
export const RECEIPT_TYP = 'khwamdee-import-receipt+jwt';

/** The claims of a manifest: a small JSON object, the payload of a compact JWS (EdDSA, the agency's key id as `kid`). */
export const manifestClaims = z
  .object({
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the file, 64 hex digits')
      .transform((h) => h.toLowerCase()),
    fileName: z.string().min(1).max(200).optional(),
    rows: z.number().int().min(0).optional(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .strict();

export type ManifestClaims = z.output<typeof manifestClaims>;

/** An Ed25519 public key as a JWK (the members RFC 8037 defines; `kid`, `alg`, `use` are allowed and ignored). */
export const ed25519PublicJwk = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 bytes, base64url'),
    kid: z.string().max(200).optional(),
    alg: z.enum(['EdDSA', 'Ed25519']).optional(),
    use: z.literal('sig').optional(),
  })
  .strict();

/** A raw 32-byte Ed25519 public key in base64 or base64url → its `x` (base64url), or undefined. */
export function rawKeyToX(text: string): string | undefined {
  const clean = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(clean)) return undefined;
  const bytes = Buffer.from(clean.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes.toString('base64url') : undefined;
}

export interface ReceiptCounts {
  rowsRead: number;
  credited: number;
  pending: number;
  rejected: number;
  failed: number;
  alreadyRecorded: number;
}

/**
 * Whether the log covers an import: every entry up to the sequence noted when it finished is
 * integrated, and the latest checkpoint's tree includes the highest leaf among them.
 */
export function coveringSize(coverage: { unintegrated: number; maxLeafIndex: number | null }, latestSize: number | undefined): number | undefined {
  if (coverage.unintegrated > 0 || latestSize === undefined) return undefined;
  const needed = coverage.maxLeafIndex === null ? 0 : coverage.maxLeafIndex + 1;
  return latestSize >= needed ? latestSize : undefined;
}
