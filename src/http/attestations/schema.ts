import { z } from 'zod';
import { errorResponse, localisedText } from '../common.js';
import { attestationBody } from '../../core/attestation-input.js';
import type { AttestationResult } from '../../services/attestations.js';

export { attestationBody, type AttestationBody } from '../../core/attestation-input.js';

/** What a client sees of a result: whether it was a replay shows in the status code (200 vs 201). */
export const presentResult = ({ replayed: _replayed, ...r }: AttestationResult) => r;

const capName = z.enum(['lifetime', 'per_year', 'min_interval', 'points_per_year']);

/** The facts of a refusal, as far as its code has any; its message already says them in words. */
export const refusalDetails = z
  .object({
    cap: capName.optional().describe('cap_exceeded: the cap that decides when the deed is possible again'),
    caps: z.array(capName).optional().describe('cap_exceeded: every cap reached'),
    nextEligibleOn: z.string().nullable().optional().describe('cap_exceeded: first Bangkok day (YYYY-MM-DD) the deed is possible again; null: never'),
    year: z.number().int().optional().describe('yearly_ceiling_reached, year_closed: the Bangkok year'),
    max: z.number().int().optional().describe("yearly_ceiling_reached: the account's scale maximum"),
    pointsRequested: z.number().int().optional().describe('yearly_ceiling_reached: what the rule would have given'),
    windowDays: z.number().int().optional().describe("deed_too_old: the indicator's window in days"),
    earliestAccepted: z.string().optional().describe('deed_too_old: the earliest deed day accepted at submission'),
    deedDay: z.string().optional(),
    closedOn: z.string().optional().describe('year_closed: the Bangkok day the year closed'),
    graceDays: z.number().int().optional(),
  })
  .describe('Facts of the refusal: which cap and when possible again (cap_exceeded), the ceiling (yearly_ceiling_reached), the window (deed_too_old, year_closed)');

export const attestationResult = z.object({
  id: z.string(),
  ref: z.string(),
  status: z.enum(['credited', 'pending', 'rejected']),
  reason: z.object({ code: z.string(), message: localisedText, details: refusalDetails.optional() }).optional(),
  credit: z
    .object({
      points: z.number().int().describe('Points credited (after any cut)'),
      year: z.number().int(),
      pointsRequested: z.number().int().nullable().optional().describe('What the rule gave before a cut; null for credits recorded before cuts were recorded'),
      cutReason: z
        .enum(['yearly_ceiling', 'indicator_points_cap'])
        .nullable()
        .optional()
        .describe("Why points < pointsRequested: the account's yearly ceiling (1,000 / 5,000) or the indicator's own points per year; null: not cut"),
    })
    .optional(),
});

export const batchBody = z.object({ items: z.array(attestationBody).min(1).max(1000) }).strict();

export const batchResult = z.object({
  items: z.array(
    z.object({
      ref: z.string(),
      ok: z.boolean(),
      result: attestationResult.optional(),
      error: errorResponse.shape.error.optional().describe("The error catalogue's shape, as a whole request's error would be"),
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
  points: z.number().int().nullable().describe('Points an approval credits under the recorded rule version, before any cap the person reaches by then (null: rule unknown)'),
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
