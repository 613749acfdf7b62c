import { z } from 'zod';
import { CONSENT_PURPOSES } from '../../services/enrolment.js';
import { localisedText } from '../common.js';

export const loginQuery = z.object({
  returnTo: z.string().max(500).optional().describe('Where to come back to after signing in: a path of this site'),
});

export const callbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  iss: z.string().max(500).optional(),
});

export const meResponse = z.object({
  signedIn: z.boolean(),
  signInAvailable: z.boolean().describe('Whether a digital-ID provider is configured'),
  csrfToken: z.string().nullable().describe('Send as x-csrf-token with every state-changing request of this session'),
  name: z.string().nullable(),
  nationalIdHint: z.string().nullable().describe('Last four digits of the national ID the person signed in with'),
  account: z
    .object({ id: z.string(), displayName: z.string(), areaCode: z.string(), kind: z.enum(['person', 'community', 'organisation']), status: z.enum(['active', 'left']) })
    .nullable()
    .describe('The good-deed bank account, or null if the person has not enrolled yet'),
  staff: z.array(z.object({ agency: z.string(), agencyName: localisedText, roles: z.array(z.string()), agencyRoles: z.array(z.string()) })),
});

export const selfEnrolBody = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    areaCode: z
      .string()
      .regex(/^\d{6}$/, '6-digit subdistrict code')
      .describe('Home subdistrict (tambon) code'),
    consents: z.array(z.enum(CONSENT_PURPOSES)).min(1).max(CONSENT_PURPOSES.length).describe('Purposes the person consents to; "enrolment" is required'),
  })
  .strict();
