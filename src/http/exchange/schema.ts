import { z } from 'zod';
import { importView } from '../imports/schema.js';

export const MANIFEST_HEADER = 'x-khwamdee-manifest';

export const signingKeyView = z.object({
  kid: z.string().describe('RFC 7638 thumbprint of the public key: the `kid` a manifest names'),
  jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), alg: z.literal('EdDSA'), use: z.literal('sig') }),
  label: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable().describe('From then on manifests signed with it are refused (manifest_key_revoked)'),
});

export const addKeyBody = z
  .object({
    jwk: z.record(z.string(), z.unknown()).optional().describe('An Ed25519 public JWK {kty:"OKP", crv:"Ed25519", x}'),
    publicKey: z.string().max(100).optional().describe('Or the raw 32-byte public key, base64 or base64url'),
    label: z.string().max(100).optional(),
  })
  .strict();

export const kidParams = z.object({ kid: z.string().max(200) });
export const importParams = z.object({ id: z.string() });

const counts = z.object({
  rowsRead: z.number().int(),
  credited: z.number().int(),
  pending: z.number().int(),
  rejected: z.number().int(),
  failed: z.number().int(),
  alreadyRecorded: z.number().int(),
});

export const receiptClaims = z.object({
  import: z.object({
    id: z.string(),
    agency: z.string(),
    fileName: z.string(),
    format: importView.shape.format,
    sha256: z.string(),
    sizeBytes: z.number().int(),
    status: importView.shape.status,
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  }),
  counts,
  manifest: z.object({ kid: z.string(), sha256: z.string().describe('SHA-256 (hex) of the manifest JWS as sent') }).nullable(),
  checkpoint: z.object({
    origin: z.string(),
    size: z.number().int().describe('Tree size that includes every entry the import appended'),
    rootHash: z.string().describe('Root hash (base64) of that tree'),
    note: z.string().describe('The signed checkpoint (C2SP signed note) of that size'),
  }),
});

export const receiptResponse = z.object({
  importId: z.string(),
  receipt: z.string().describe('Compact JWS (JWT, typ khwamdee-import-receipt+jwt, EdDSA): verify with /.well-known/jwks.json'),
  claims: receiptClaims.describe('The receipt payload, for reading (the signed receipt is what counts)'),
});

export const EXCHANGE_FILES = [
  'README.md',
  'attestation.schema.json',
  'attestations.xsd',
  'attestations.example.csv',
  'attestations.example.jsonl',
  'attestations.example.xml',
  'manifest.example.json',
] as const;

export const docsParams = z.object({ file: z.enum(EXCHANGE_FILES) });
