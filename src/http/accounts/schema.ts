import { z } from 'zod';
import { reversalView } from '../reversals/schema.js';
import { ACCOUNT_KINDS, DOMAINS } from '../../core/catalogue.js';
import { CONSENT_PURPOSES } from '../../services/enrolment.js';
import { accountIdSchema, localisedText, nationalIdSchema, passportSchema } from '../common.js';
import { refusalDetails } from '../attestations/schema.js';

export const enrolBody = z
  .object({
    kind: z.enum(ACCOUNT_KINDS),
    nationalId: nationalIdSchema.optional(),
    passport: passportSchema.optional(),
    displayName: z.string().trim().min(1).max(200),
    areaCode: z
      .string()
      .regex(/^\d{6}$/, '6-digit subdistrict code')
      .describe('Home subdistrict (tambon) code'),
    consents: z.array(z.enum(CONSENT_PURPOSES)).min(1).max(CONSENT_PURPOSES.length).describe('Purposes the person consents to; "enrolment" is required'),
  })
  .strict()
  .refine((b) => !(b.nationalId && b.passport), { message: 'give a national ID or a passport, not both', path: ['passport'] });

export const accountParams = z.object({ id: accountIdSchema });

export const memberNumberSchema = z
  .string()
  .regex(/^\d{4} \d{4} \d{4}$/)
  .describe('12 digits printed on the membership card, derived from the account id; for reading out, not a lookup key');

export const accountLinksSchema = z
  .object({
    self: z.string(),
    card: z.string().describe('GET: the current membership card (token + QR); POST: re-issue it'),
    cardPdf: z.string().describe('GET: the printable card (application/pdf); ?layout=card for a card printer'),
    personToken: z.string().describe('POST: a personal access token for the holder'),
    score: z.string(),
  })
  .describe('Paths of what a screen can do next with this account');

export const accountResponse = z.object({
  id: z.string(),
  kind: z.enum(ACCOUNT_KINDS),
  displayName: z.string(),
  areaCode: z.string().describe('Home subdistrict (tambon) code'),
  max: z.number().int().describe('Scale maximum of a yearly score'),
  status: z.enum(['active', 'left']),
  enrolledAt: z.string(),
  enrolledYearBE: z.number().int().describe('Year of enrolment in the Buddhist Era (Bangkok time)'),
  memberNumber: memberNumberSchema,
  links: accountLinksSchema,
});
export const lookupBody = z.object({ nationalId: nationalIdSchema }).strict();

const byDomain = z.object(Object.fromEntries(DOMAINS.map((d) => [d, z.number().int()])) as Record<(typeof DOMAINS)[number], z.ZodNumber>);

export const scoreResponse = z.object({
  accountId: z.string(),
  year: z.number().int(),
  yearBE: z.number().int().describe('The same year in the Buddhist Era (พ.ศ.)'),
  points: z.number().int().describe('Score of the year: earned points clamped to the scale maximum'),
  earned: z.number().int(),
  max: z.number().int(),
  byDomain,
});

export const creditsResponse = z.object({
  accountId: z.string(),
  year: z.number().int(),
  yearBE: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      attestationId: z.string(),
      indicator: z.string(),
      indicatorName: localisedText.nullable(),
      domain: z.string(),
      points: z.number().int(),
      occurredAt: z.string(),
      ruleVersion: z.number().int(),
      issuer: z.string().describe("Agency code, or 'self' for your own declarations"),
      issuerName: localisedText.nullable().describe('Name of the attesting agency (null for your own declarations)'),
      certifier: z.string().nullable(),
      certifierName: localisedText.nullable().describe('Name of the agency that certified it locally'),
      logIndex: z.number().int().nullable(),
      inclusion: z
        .object({
          size: z.number().int(),
          leafHash: z.string().describe('base64 RFC 9162 leaf hash, as stored in the tree'),
          proof: z.array(z.string()),
          entry: z.string().describe('The log entry as /log/tile/entries serves it (JSON text); SHA-256(0x00 || entry) is leafHash unless the row was changed'),
        })
        .nullable()
        .describe('RFC 9162 inclusion proof against the latest checkpoint (GET /log/checkpoint), with the entry it proves'),
      reversal: reversalView.nullable().describe('Set when its issuer or certifier reversed it: it no longer counts'),
    }),
  ),
});

export const yearsResponse = z.object({
  accountId: z.string(),
  items: z
    .array(
      z.object({
        year: z.number().int().describe('Gregorian calendar year (Asia/Bangkok)'),
        yearBE: z.number().int().describe('The same year in the Buddhist Era (พ.ศ.)'),
        points: z.number().int().describe('Score of the year: earned points clamped to the scale maximum'),
        earned: z.number().int(),
        max: z.number().int(),
        byDomain,
      }),
    )
    .describe('Every year from the year of enrolment to this year, oldest first (and any earlier year holding a credit)'),
});

export const attestationsResponse = z.object({
  accountId: z.string(),
  year: z.number().int(),
  areaCertifiers: z.array(z.object({ code: z.string(), name: localisedText })).describe("Agencies that certify deeds of the account's home area: whom a pending deed waits for"),
  items: z.array(
    z.object({
      id: z.string(),
      indicator: z.string(),
      indicatorName: localisedText.nullable(),
      issuer: z.string().describe("Agency code, or 'self' for your own declarations"),
      issuerName: localisedText.nullable(),
      occurredAt: z.string(),
      status: z.enum(['credited', 'pending', 'rejected']),
      reason: z
        .object({
          code: z.string(),
          message: localisedText,
          note: z.string().nullable().describe("The certifier's own words when they rejected it"),
          details: refusalDetails.optional(),
        })
        .nullable(),
      certifier: z.string().nullable(),
      certifierName: localisedText.nullable(),
      meeting: z.object({ id: z.string(), date: z.string(), yearBE: z.number().int(), minutesRef: z.string() }).nullable().describe('The village meeting at which it was decided'),
      evidenceFiles: z.array(z.object({ sha256: z.string(), mediaType: z.string(), size: z.number().int(), url: z.string() })),
      submittedAt: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
});
