import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrivilegeService } from '../../services/privileges.js';
import type { RedemptionService } from '../../services/redemptions.js';
import type { EligibilityService } from '../../services/eligibility.js';
import { requirePrincipal } from '../auth.js';
import { errorOf, errorResponse } from '../common.js';
import { privilegeList } from '../privileges/schema.js';

const confirmBody = z
  .object({
    shortCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{8}$/)
      .optional(),
    token: z.string().max(4000).optional(),
  })
  .strict()
  .refine((b) => (b.shortCode ? 1 : 0) + (b.token ? 1 : 0) === 1, 'give either shortCode or token');

const voucherView = z.object({
  id: z.string(),
  privilege: z.string(),
  partner: z.string(),
  points: z.number().int(),
  shortCode: z.string(),
  status: z.enum(['issued', 'confirmed', 'expired']),
  issuedAt: z.string(),
  expiresAt: z.string(),
  confirmedAt: z.string().nullable(),
});
const confirmConflict = z.union([
  errorOf(
    'voucher_already_used',
    z.object({
      voucherId: z.string(),
      privilege: z.string(),
      confirmedAt: z.string().describe('When the voucher was confirmed (ISO 8601 UTC); the message states it in Bangkok time'),
    }),
  ),
  errorOf('voucher_expired', z.object({ expiresAt: z.string() })),
]);
const verifyRefused = z.union([errorOf('token_expired', z.object({ expiredAt: z.string().describe('When the token expired (ISO 8601 UTC)') })), errorResponse]);
const verified = z.object({
  valid: z.literal(true),
  privilege: z.string(),
  subject: z.string().describe('Pairwise pseudonym: stable for this partner only'),
  expiresAt: z.string(),
});

export function partnerRoutes(app: FastifyInstance, deps: { privileges: PrivilegeService; redemptions: RedemptionService; eligibility: EligibilityService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['partners'];

  r.get('/api/v1/partner/privileges', {
    schema: {
      tags,
      summary: "The partner's own privileges in every status, with the committee's decision (the committee sees all)",
      response: { 200: privilegeList, 401: errorResponse, 403: errorResponse },
    },
    handler: async (req) => ({ items: await deps.privileges.owned(requirePrincipal(req)) }),
  });

  r.get('/api/v1/partner/stats', {
    schema: {
      tags,
      summary: 'Redemption counts and points by privilege and status',
      response: { 200: z.object({ items: z.array(z.object({ privilege: z.string(), status: z.string(), count: z.number().int(), points: z.number().int() })) }) },
    },
    handler: async (req) => ({ items: await deps.redemptions.stats(requirePrincipal(req)) }),
  });

  r.post('/api/v1/partner/vouchers/confirm', {
    schema: {
      tags,
      summary: 'Confirm a voucher at the counter (short code or scanned QR token); deliberately not idempotent',
      description:
        'The first confirm answers 200: hand over the goods. Any later confirm of the same voucher, a retry included, answers 409 `voucher_already_used` ' +
        'with `details.confirmedAt` and `details.privilege`, so the counter shows "already used on <date>" instead of handing the goods out twice. ' +
        'A retry after a lost answer gets the 409 too: a `confirmedAt` of moments ago means the first attempt went through; never treat the 409 as a new confirmation. ' +
        "A voucher's token expires with the voucher, and a scan of it afterwards still names it: 409 `voucher_expired` or `voucher_already_used`, not 422.",
      body: confirmBody,
      response: { 200: voucherView, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: confirmConflict, 422: errorResponse },
    },
    handler: async (req) => deps.redemptions.confirm(requirePrincipal(req), req.body),
  });

  r.post('/api/v1/partner/eligibility/verify', {
    schema: {
      tags,
      summary: 'Check an eligibility token online and use it up (it also verifies offline with /.well-known/jwks.json)',
      description:
        'Each token is accepted once: a second check answers 409 `token_already_used`. A genuine token past its five minutes answers 422 `token_expired` ' +
        "(`details.expiredAt`), so the counter asks for a new QR; a forged, altered or another partner's token answers 422 `invalid_token`.",
      body: z.object({ token: z.string().min(20).max(4000) }).strict(),
      response: { 200: verified, 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse, 422: verifyRefused },
    },
    handler: async (req) => ({ valid: true as const, ...(await deps.eligibility.redeemToken(requirePrincipal(req), req.body.token)) }),
  });
}
