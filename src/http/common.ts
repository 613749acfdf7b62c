// Schemas shared by several resources.
import { z } from 'zod';

export { accountIdSchema, nationalIdSchema, passportSchema } from '../core/attestation-input.js';

export const yearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2200).optional().describe('Gregorian calendar year (Asia/Bangkok); defaults to the current year'),
});

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messages: z.object({ th: z.string(), en: z.string() }),
    correlationId: z.string(),
    details: z.unknown().optional(),
  }),
});

export const localisedText = z.object({ th: z.string(), en: z.string() });
