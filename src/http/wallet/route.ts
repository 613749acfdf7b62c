// A person's side of privileges: balance, redemptions with vouchers, eligibility tokens.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import QRCode from 'qrcode';
import { bangkokYear } from '../../core/calendar.js';
import { privilegeCodeSchema } from '../../core/privileges.js';
import type { EnrolmentService } from '../../services/enrolment.js';
import type { PrivilegeService } from '../../services/privileges.js';
import type { RedemptionService } from '../../services/redemptions.js';
import type { EligibilityService } from '../../services/eligibility.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse, yearQuery } from '../common.js';
import { shareWithPartnerSchema } from '../consents/schema.js';
import { achievementsView, balanceView, eligibilityToken, qrSvgResponse, voucherList, voucherParams, voucherWithToken, walletParams as params } from './schema.js';

export function walletRoutes(
  app: FastifyInstance,
  deps: { enrolment: EnrolmentService; privileges: PrivilegeService; redemptions: RedemptionService; eligibility: EligibilityService; now: () => Date },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['wallet'];
  const qr = (text: string) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

  r.get('/api/v1/accounts/:id/balance', {
    schema: {
      tags,
      summary: 'Exchangeable points: earned − redeemed (+ refunds); redemptions never lower the yearly score',
      params,
      response: { 200: balanceView, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req) => deps.privileges.balance((await deps.enrolment.readable(requirePrincipal(req), req.params.id, 'account.balance')).id),
  });

  r.get('/api/v1/accounts/:id/achievements', {
    schema: {
      tags,
      summary: 'Score, distinct virtues and distinct indicators achieved in a year (what threshold privileges read)',
      params,
      querystring: yearQuery,
      response: { 200: achievementsView, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req) => {
      const account = await deps.enrolment.readable(requirePrincipal(req), req.params.id, 'account.achievements');
      const year = req.query.year ?? bangkokYear(deps.now());
      return { accountId: account.id, year, ...(await deps.eligibility.achievements(account.id, year)) };
    },
  });

  r.post('/api/v1/accounts/:id/redemptions', {
    schema: {
      tags,
      summary: 'Redeem an exchange privilege: debits the balance and returns a signed voucher (QR + short code)',
      params,
      body: z
        .object({
          privilege: privilegeCodeSchema,
          requestKey: z.string().min(8).max(100).describe('Client-chosen key; a retry with the same key returns the same voucher'),
          shareWithPartner: shareWithPartnerSchema,
        })
        .strict(),
      response: { 200: voucherWithToken, 201: voucherWithToken, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
    },
    handler: async (req, reply) => {
      const { voucher, token, replayed } = await deps.redemptions.redeem(requirePrincipal(req), req.params.id, req.body);
      return reply.code(replayed ? 200 : 201).send({ ...voucher, token, qrSvg: await qr(token) });
    },
  });

  r.get('/api/v1/accounts/:id/redemptions', {
    schema: { tags, summary: 'My vouchers and their status', params, response: { 200: voucherList, 400: errorResponse, 401: errorResponse, 404: errorResponse } },
    handler: async (req) => ({ items: await deps.redemptions.vouchers(requirePrincipal(req), req.params.id) }),
  });

  r.get('/api/v1/accounts/:id/redemptions/:voucherId/qr.svg', {
    schema: {
      tags,
      summary: 'The voucher as a QR code to show at the counter',
      params: voucherParams,
      response: { 200: qrSvgResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse },
    },
    handler: async (req, reply) => {
      const { token } = await deps.redemptions.voucherToken(requirePrincipal(req), req.params.id, req.params.voucherId);
      return reply.type('image/svg+xml').send(await qr(token));
    },
  });

  r.post('/api/v1/accounts/:id/eligibility-tokens', {
    schema: {
      tags,
      summary: 'A short-lived token (and QR) proving eligibility for one threshold privilege to its partner only; names no one',
      params,
      body: z.object({ privilege: privilegeCodeSchema, shareWithPartner: shareWithPartnerSchema }).strict(),
      response: { 201: eligibilityToken, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
    },
    handler: async (req, reply) => {
      const t = await deps.eligibility.issue(requirePrincipal(req), req.params.id, req.body.privilege, req.body.shareWithPartner);
      const expiresIn = Math.max(0, Math.round((Date.parse(t.expiresAt) - deps.now().getTime()) / 1000));
      return reply.code(201).send({ ...t, expiresIn, qrSvg: await qr(t.token) });
    },
  });
}
