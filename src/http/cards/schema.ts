import { z } from 'zod';
import { CARD_LAYOUTS } from '../../adapters/card-pdf.js';
import { CARD_TOKEN_TYPE } from '../../core/cards.js';
import { errorOf } from '../common.js';
import { accountLinksSchema, memberNumberSchema } from '../accounts/schema.js';

export const cardResponse = z.object({
  accountId: z.string(),
  memberNumber: memberNumberSchema,
  serial: z.number().int().min(1).describe('1 for the first card; a re-issue counts up and retires the older cards'),
  issuedAt: z.string(),
  token: z.string().describe(`The QR code's text: a JWT (EdDSA, typ ${CARD_TOKEN_TYPE}, sub = account id, claim card = serial, no expiry) verifiable with /.well-known/jwks.json`),
  qrSvg: z.string().describe('The same token as a QR code (SVG), to show on a screen'),
  links: z.object({ pdf: z.string(), pdfCardSize: z.string() }),
});

export const cardPdfQuery = z.object({
  layout: z
    .enum(CARD_LAYOUTS)
    .default('a4')
    .describe('a4 (default): front and back at true size on an A4 sheet, to cut out, fold and laminate; card: two 85.6 × 54 mm pages for a card printer'),
});

export const cardPdfResponse = {
  description: 'The membership card (application/pdf)',
  content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
};

export const reissueBody = z
  .object({
    replaces: z.number().int().min(1).describe('Serial of the card being replaced (the current one); a retry with the same value answers the card it made instead of another'),
  })
  .strict();

export const scanBody = z.object({ token: z.string().trim().min(1).max(2000).describe('The text read from the QR code of a membership card') }).strict();

export const scanResponse = z.object({
  id: z.string(),
  displayName: z.string(),
  areaCode: z.string(),
  enrolledAt: z.string(),
  status: z.enum(['active', 'left']),
  memberNumber: memberNumberSchema.describe('Compare with the number printed on the card'),
  links: accountLinksSchema,
});

export const cardReplacedResponse = errorOf('card_replaced', z.object({ serial: z.number().int(), currentSerial: z.number().int(), replacedAt: z.string() }));
