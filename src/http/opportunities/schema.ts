import { z } from 'zod';
import { DOMAINS } from '../../core/catalogue.js';
import { OPPORTUNITY_STATUSES, PROXIMITY_NAMES, opportunityInputSchema, opportunityListQuerySchema, opportunityPatchSchema } from '../../core/opportunities.js';
import { localisedText } from '../common.js';

export const createBody = opportunityInputSchema;
export const patchBody = opportunityPatchSchema;
export const listQuery = opportunityListQuerySchema;
export const opportunityParams = z.object({ id: z.string().min(1).max(100) });

/** A calendar day as stored and as people read it. */
export const dayView = z.object({
  date: z.string().describe('YYYY-MM-DD, Asia/Bangkok'),
  th: z.string().describe('Thai, Buddhist Era, e.g. 12 มี.ค. 2570'),
  en: z.string().describe('English, e.g. 12 Mar 2027'),
});

export const opportunityResponse = z.object({
  id: z.string(),
  status: z.enum(OPPORTUNITY_STATUSES),
  agency: z.object({ code: z.string(), name: localisedText }),
  title: z.object({ th: z.string(), en: z.string().nullable() }),
  description: z.object({ th: z.string(), en: z.string().nullable() }).nullable(),
  indicator: z.object({
    code: z.string(),
    name: localisedText,
    domain: z.enum(DOMAINS),
    domainName: localisedText,
    points: z.number().int().describe('Nominal points per unit under the rule in force when the opportunity starts'),
    unit: z.enum(['occurrence', 'hour']),
    certification: z.enum(['auto', 'local']).describe('local: credited after the local authority certifies it'),
    sensitive: z.enum(['health']).nullable().describe('health: counts only with the person’s health consent'),
    ruleVersion: z.number().int(),
  }),
  startsAt: z.string().describe('ISO 8601, UTC'),
  endsAt: z.string().describe('ISO 8601, UTC'),
  startsOn: dayView,
  place: z.object({
    name: z.string(),
    address: z.string().nullable(),
    areaCode: z.string(),
    areas: z
      .array(z.object({ code: z.string(), level: z.enum(['province', 'district', 'subdistrict']), name: localisedText }))
      .describe('The place’s area and the areas containing it, province first'),
  }),
  capacity: z.number().int().nullable(),
  contact: z.object({ phone: z.string().nullable(), email: z.string().nullable(), url: z.string().nullable() }).nullable(),
  proximity: z.enum(PROXIMITY_NAMES).nullable().describe('How near the place is to the `near` subdistrict; null when the list has none'),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
});

export const opportunityPage = z.object({
  items: z.array(opportunityResponse),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
});
