import { z } from 'zod';
import { accountIdSchema, localisedText, nationalIdSchema, passportSchema } from '../common.js';
import type { AttestationResult, Subject } from '../../services/attestations.js';

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
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().max(500).optional().describe('Required to reject (400 reason_required otherwise): the person sees it in their deed history'),
  })
  .strict();

export const pendingQuery = z.object({
  kind: z.enum(['declarations', 'attestations']).optional().describe("declarations: the person's own records; attestations: from issuers"),
  indicator: z.string().min(1).max(80).optional(),
  subdistrict: z
    .string()
    .regex(/^\d{6}$/, '6-digit subdistrict code')
    .optional()
    .describe("One subdistrict within the certifier's areas (403 out_of_scope otherwise)"),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const evidenceFileLink = z.object({ sha256: z.string(), mediaType: z.string(), size: z.number().int(), url: z.string() });

export const pendingItem = z.object({
  id: z.string(),
  kind: z.enum(['declaration', 'attestation']),
  ageDays: z.number().int().describe('Whole days since it was submitted'),
  submittedAt: z.string(),
  occurredAt: z.string(),
  quantity: z.number(),
  hours: z.number().nullable(),
  ruleVersion: z.number().int().nullable(),
  account: z.object({
    id: z.string(),
    displayName: z.string(),
    subdistrict: z.object({ code: z.string(), name: localisedText.nullable() }).describe('Home subdistrict (tambon)'),
  }),
  indicator: z.object({
    code: z.string(),
    name: localisedText.nullable(),
    domain: z.string().nullable(),
    virtue: z.object({ code: z.string(), name: localisedText }).nullable(),
  }),
  issuer: z.object({ kind: z.enum(['self', 'agency']), code: z.string(), name: localisedText.nullable() }).describe("kind 'self': the person's own declaration"),
  evidence: z.object({
    fields: z.record(z.string(), z.string()).nullable().describe('Reference fields given with the deed'),
    files: z.array(evidenceFileLink).describe('Uploaded files; follow url to read one'),
  }),
});

export const pendingPage = z.object({
  items: z.array(pendingItem).describe('Oldest first'),
  total: z.number().int().describe('Pending items matching the filters, all pages'),
  nextCursor: z.string().nullable(),
});
