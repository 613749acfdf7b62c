import { z } from 'zod';
import { EVIDENCE_MEDIA_TYPES, SHA256_HEX } from '../../core/evidence.js';
import { accountIdSchema } from '../common.js';

export const sha256Schema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 as 64 hex digits')
  .transform((h) => h.toLowerCase())
  .pipe(z.string().regex(SHA256_HEX));

export const evidenceParams = z.object({ id: accountIdSchema, sha256: sha256Schema });

/** For the OpenAPI document only: the handler reads the multipart stream itself. */
export const uploadBody = z
  .object({
    file: z.file().describe('One photo (JPEG, PNG, WebP) or PDF. The type is read from the content; the declared type and the file name are ignored and not kept.'),
  })
  .describe('multipart/form-data with exactly one file field named "file"');

export const evidenceFile = z.object({
  sha256: z.string().describe('Hex SHA-256 of the stored bytes: the reference a declaration gives in evidenceFiles'),
  mediaType: z.enum(EVIDENCE_MEDIA_TYPES),
  size: z.number().int().describe('Bytes stored'),
  url: z.string().describe('Where the file is read back (the person, and the certifier of their area once attached to a deed)'),
});

export const uploadResult = evidenceFile.extend({
  metadataRemoved: z
    .boolean()
    .describe('True for photos: they are re-encoded without EXIF (incl. GPS position), XMP and IPTC metadata, turned upright first; the hash is of the stored photo'),
});

const binary = z.file();
export const evidenceContent = {
  description: 'The file as stored, with x-content-type-options: nosniff; PDFs as attachment',
  content: Object.fromEntries(EVIDENCE_MEDIA_TYPES.map((t) => [t, { schema: binary }])),
};
