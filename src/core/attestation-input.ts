// What a valid attestation is, in one place: the HTTP API (POST /api/v1/attestations, the batch and
// the self-declarations) and the file imports validate every deed against these same schemas.
import { z } from 'zod';
import { isValidThaiNationalId, normaliseThaiNationalId } from './ids.js';

export const nationalIdSchema = z
  .string()
  .max(20)
  .transform(normaliseThaiNationalId)
  .refine(isValidThaiNationalId, 'not a valid 13-digit Thai national ID (check digit)')
  .describe('13-digit Thai national ID; types 0/6/7/8 for foreign residents');

export const passportSchema = z
  .object({
    country: z.string().regex(/^[A-Za-z]{3}$/, 'ISO 3166-1 alpha-3 code'),
    number: z
      .string()
      .min(5)
      .max(20)
      .regex(/^[A-Za-z0-9 ]+$/),
  })
  .strict();

export const accountIdSchema = z.uuid();

export type Subject = { nationalId: string } | { accountId: string } | { passport: { country: string; number: string } };

const subjectSchema = z
  .object({ nationalId: nationalIdSchema.optional(), accountId: accountIdSchema.optional(), passport: passportSchema.optional() })
  .strict()
  .refine((s) => [s.nationalId, s.accountId, s.passport].filter((v) => v !== undefined).length === 1, 'give exactly one of nationalId, accountId, passport')
  .transform((s): Subject => (s.nationalId ? { nationalId: s.nationalId } : s.accountId ? { accountId: s.accountId } : { passport: s.passport! }));

export const attestationBody = z
  .object({
    ref: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
      .describe("The issuer's own unique reference; replays with the same ref are idempotent"),
    subject: subjectSchema,
    indicator: z.string().min(1).max(80),
    occurredAt: z.iso.datetime({ offset: true }).describe('When the deed happened, ISO 8601 with offset, e.g. 2026-05-01T09:00:00+07:00'),
    quantity: z.number().positive().max(24).optional().describe('1 for occurrences; hours (quarter steps) for hourly indicators'),
    hours: z
      .number()
      .positive()
      .max(24)
      .refine((h) => Number.isInteger(h * 4), 'quarter hours')
      .optional()
      .describe('How long the deed took, for volunteer-hours statements; does not change the points of an occurrence'),
    evidence: z
      .record(z.string().min(1).max(64), z.string().max(500))
      .refine((r) => Object.keys(r).length <= 10, 'at most 10 evidence fields')
      .optional()
      .describe('Issuer references such as {"donationNo":"…"}; no personal data beyond what the deed needs'),
  })
  .strict();

export type AttestationBody = z.output<typeof attestationBody>;
