// Reversal of one erroneous credit, as the API takes and answers it.
import { z } from 'zod';
import { REVERSAL_REASON_CODES } from '../../core/reversals.js';
import { localisedText } from '../common.js';

export const creditParams = z.object({ id: z.uuid().describe('The credit id (or, for GET, its attestation id)') });
export const reversalParams = z.object({ id: z.uuid() });

export const reversalBody = z
  .object({
    reason: z.enum(REVERSAL_REASON_CODES).describe('Why the credit is wrong'),
    text: z.string().trim().min(5).max(500).describe('The reason in words, for the person (kept out of the public log)'),
  })
  .strict();

export const reversalView = z.object({
  id: z.string(),
  creditId: z.string(),
  creditLogIndex: z.number().int().describe('The reversed credit’s leaf index in the public log'),
  reason: z.object({ code: z.enum(REVERSAL_REASON_CODES), label: localisedText, text: z.string() }),
  by: z.object({ agency: z.string(), name: localisedText, role: z.enum(['issuer', 'certifier']) }),
  points: z.number().int().describe('The credit’s points, which no longer count in the score'),
  debited: z.number().int().describe('Taken from the balance: at most what it held then'),
  waived: z.number().int().describe('Already spent by the person and not taken back (no debt)'),
  explanation: localisedText.describe('What happened, for the person, in Thai and English'),
  reversedAt: z.string(),
  reversedOn: z.object({ day: z.string().describe('YYYY-MM-DD (Bangkok)'), yearBE: z.number().int() }),
  logIndex: z.number().int().nullable().describe('The reversal’s own leaf in the log (null until integrated)'),
});

export const reversalResult = z.object({
  reversal: reversalView,
  revokedCertificates: z.number().int().describe('Certificates revoked by this request (0 on a replay)'),
});

export const creditSummary = z.object({
  id: z.string(),
  attestationId: z.string(),
  indicator: z.string(),
  indicatorName: localisedText.nullable(),
  points: z.number().int(),
  year: z.number().int(),
  occurredAt: z.string(),
  issuer: z.string(),
  certifier: z.string().nullable(),
  logIndex: z.number().int().nullable(),
  canReverseAs: z.enum(['issuer', 'certifier']).nullable().describe('The role in which you may reverse it; null if you may not or it is reversed'),
  reversal: reversalView.nullable(),
});
