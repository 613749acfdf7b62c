// The person's side of privileges as the API answers it: balance, achievements, vouchers and
// eligibility tokens. The web client's types are generated from these, so they are exact.
import { z } from 'zod';
import { accountIdSchema, localisedText } from '../common.js';

export const walletParams = z.object({ id: accountIdSchema });
export const voucherParams = walletParams.extend({ voucherId: z.uuid() });

export const voucherView = z.object({
  id: z.string(),
  privilege: z.string(),
  partner: z.string(),
  points: z.number().int().describe('Points this voucher took from the balance (returned if it expires unused)'),
  shortCode: z.string().describe('8 characters to read out at the counter'),
  status: z.enum(['issued', 'confirmed', 'expired']).describe('expired: nobody confirmed it in time and its points were refunded'),
  issuedAt: z.string(),
  expiresAt: z.string(),
  confirmedAt: z.string().nullable(),
});

export const voucherWithToken = voucherView.extend({
  token: z.string().describe('Signed voucher (JWT) the partner can verify with /.well-known/jwks.json'),
  qrSvg: z.string().describe('The token as a QR code (SVG markup)'),
});

export const voucherList = z.object({ items: z.array(voucherView).describe('Newest first') });

export const eligibilityToken = z.object({
  token: z.string(),
  privilege: z.string(),
  partner: z.string(),
  expiresAt: z.string(),
  expiresIn: z.number().int().min(0).describe('Seconds the token stays valid from this answer (a countdown that needs no clock agreement)'),
  qrSvg: z.string().describe('The token as a QR code (SVG markup)'),
});

export const balanceView = z.object({
  accountId: z.string(),
  earned: z.number().int().describe('All points ever credited'),
  redeemed: z.number().int(),
  refunded: z.number().int().describe('Points of vouchers that expired unused, given back'),
  expired: z.number().int().describe('Points that expired under the committee’s policy'),
  reversed: z.number().int().describe('Points reversed credits took back: at most what the balance held then, the rest was waived (no debt)'),
  balance: z.number().int().describe('Exchangeable now: earned − redeemed + refunded − reversed − expired'),
  policy: z.object({ yearsValid: z.number().int(), effectiveFrom: z.string() }).nullable().describe('The expiry policy in force, if any'),
  reminders: z
    .array(z.object({ points: z.number().int(), expiresAt: z.string(), message: localisedText.describe('Thai (Buddhist Era) and English') }))
    .describe('Unused points that expire within the next 90 days, soonest first'),
});

export const achievementsView = z.object({
  accountId: z.string(),
  year: z.number().int().describe('Gregorian calendar year (Asia/Bangkok)'),
  score: z.number().int().describe('The year’s score, clamped to the scale; redemptions never lower it'),
  distinctVirtues: z.number().int(),
  distinctIndicators: z.number().int(),
});

/** The QR route answers SVG markup, not JSON. */
export const qrSvgResponse = {
  description: 'The voucher as a QR code (image/svg+xml)',
  content: { 'image/svg+xml': { schema: z.string() } },
};
