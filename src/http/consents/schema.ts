// The person's rights as the API answers them: consents with signed receipts, the access log, the export.
import { z } from 'zod';
import { ACCESS_PURPOSES, PARTNER_ACCESS_PURPOSES, PURPOSE_NOTE_MAX } from '../../core/consents.js';
import { accountIdSchema, localisedText } from '../common.js';

export const shareWithPartnerSchema = z
  .boolean()
  .optional()
  .describe(
    'Consent to share with this privilege’s partner, given in this act (show the notice beside the button). A first request for a partner records the consent by itself; after a withdrawal only `true` gives it again (else 422 `sharing_consent_withdrawn`).',
  );

export const consentParams = z.object({ id: accountIdSchema });
const purposeText = z.string().min(1).max(60).describe('enrolment | health | privileges | statistics | sharing:<partner code>');
export const purposeParams = consentParams.extend({ purpose: purposeText });
export const receiptParams = consentParams.extend({ receiptId: z.uuid() });
export const giveBody = z.object({ purpose: purposeText }).strict();

export const receiptView = z.object({
  id: z.string(),
  purpose: z.string(),
  action: z.enum(['give', 'withdraw']),
  at: z.string(),
  noticeVersion: z.string(),
  token: z.string().describe('The receipt as a compact JWS (typ khwamdee-consent-receipt+jwt), verifiable with /.well-known/jwks.json'),
});

export const changeResult = z.object({
  receipt: receiptView,
  replayed: z.boolean().describe('true: nothing changed (already in this state); the receipt is the one in force'),
});

export const consentsView = z.object({
  noticeVersion: z.string().describe('Version of the privacy notice a consent given now agrees to'),
  purposes: z.array(
    z.object({
      purpose: z.string(),
      kind: z.enum(['core', 'sharing']),
      partner: z.object({ code: z.string(), name: localisedText.nullable() }).nullable(),
      given: z.boolean(),
      givenAt: z.string().nullable(),
      withdrawnAt: z.string().nullable(),
      noticeVersion: z.string().nullable(),
      notice: localisedText.describe('What the purpose covers'),
      withdrawal: z.enum(['allowed', 'leaving']).describe('leaving: withdrawn only by leaving the platform (/api/v1/me/leave)'),
    }),
  ),
  history: z
    .array(z.object({ purpose: z.string(), noticeVersion: z.string(), givenAt: z.string(), withdrawnAt: z.string().nullable() }))
    .describe('Every consent given, oldest first'),
  receipts: z.array(receiptView).describe('Every change, oldest first'),
});

export const accessLogQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const accessLogPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      who: z.object({
        kind: z.enum(['admin', 'agency']),
        agency: z.object({ code: z.string(), name: localisedText.nullable() }).nullable(),
        officer: z.string().nullable().describe('The officer’s name as their agency registered it, when a signed-in officer read it'),
      }),
      what: z.string().describe('What was read: the route (e.g. `GET /api/v1/accounts/:id/credits`) or `partner:voucher`, `partner:eligibility`'),
      purpose: z.object({
        code: z.string().describe(`Stated purpose: ${ACCESS_PURPOSES.join(', ')}; partners: ${PARTNER_ACCESS_PURPOSES.join(', ')}`),
        note: z.string().nullable(),
      }),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const PURPOSE_DOC = `Staff reading a person's record state why in the header \`x-khwamdee-purpose\` (or query \`purpose\`): one of ${ACCESS_PURPOSES.join(', ')}; an optional note (at most ${PURPOSE_NOTE_MAX} characters, required for \`other\`) in \`x-khwamdee-purpose-note\` (URI-encoded) or query \`purposeNote\`.`;

export const exportResponse = z
  .object({
    format: z.literal('khwamdee-export/1'),
    generatedAt: z.string(),
    accountId: z.string(),
    sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).describe('Every stored row about the person, by table, every column as stored'),
  })
  .describe('Everything held about the person (PDPA s.30–31: access and portability)');

export const pdfResponse = { description: 'The export as a readable PDF in Thai (application/pdf)', content: { 'application/pdf': { schema: z.string() } } };
export const jwtResponse = { description: 'The signed receipt (application/jwt)', content: { 'application/jwt': { schema: z.string() } } };
