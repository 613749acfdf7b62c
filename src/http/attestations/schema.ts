import { z } from 'zod';
import { localisedText } from '../common.js';
import { attestationBody } from '../../core/attestation-input.js';
import type { AttestationResult } from '../../services/attestations.js';

export { attestationBody, type AttestationBody } from '../../core/attestation-input.js';

/** What a client sees of a result: whether it was a replay shows in the status code (200 vs 201). */
export const presentResult = ({ replayed: _replayed, ...r }: AttestationResult) => r;

export const attestationResult = z.object({
  id: z.string(),
  ref: z.string(),
  status: z.enum(['credited', 'pending', 'rejected']),
  reason: z.object({ code: z.string(), message: localisedText }).optional(),
  credit: z.object({ points: z.number().int(), year: z.number().int() }).optional(),
});

export const batchBody = z.object({ items: z.array(attestationBody).min(1).max(1000) }).strict();

export const batchResult = z.object({
  items: z.array(
    z.object({
      ref: z.string(),
      ok: z.boolean(),
      result: attestationResult.optional(),
      error: z.object({ code: z.string(), message: localisedText, details: z.unknown().optional() }).optional(),
    }),
  ),
});

export const certifyParams = z.object({ id: z.uuid() });
export const certifyBody = z
  .object({ decision: z.enum(['approve', 'reject']), reason: z.string().max(500).optional().describe('Shown to the person; required wording is up to the certifier') })
  .strict();

export const pendingQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
