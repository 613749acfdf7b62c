// Schemas shared by several resources.
import { z } from 'zod';
import { REFUSAL_REASON_MAX } from '../core/approvals.js';

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

/** Who wrote or decided a catalogue change: the bootstrap administrator or an agency. */
export const actorView = z.discriminatedUnion('kind', [z.object({ kind: z.literal('admin') }), z.object({ kind: z.literal('agency'), agency: z.string() })]);

/** A committee refusal: the reason is required and shown to the proposing agency. */
export const refuseBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(REFUSAL_REASON_MAX)
      .describe(`Why the committee refuses, in Thai or English (at most ${REFUSAL_REASON_MAX} characters); shown to the proposing agency`),
  })
  .strict();
/** The error shape of one catalogue code with its details typed, for answers a client acts on. */
export const errorOf = <C extends string, D extends z.ZodType>(code: C, details: D) =>
  z.object({
    error: z.object({ code: z.literal(code), message: z.string(), messages: localisedText, correlationId: z.string(), details }),
  });
