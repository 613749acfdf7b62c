import { z } from 'zod';
import { isCalendarDay } from '../../core/calendar.js';
import { DOMAINS, indicatorCodeSchema } from '../../core/catalogue.js';
import { PREDICTION_REASONS } from '../../core/errors.js';
import { localisedText } from '../common.js';
import { dayView, opportunityResponse } from '../opportunities/schema.js';

export const predictionQuery = z
  .object({
    opportunity: z.string().min(1).max(100).optional().describe('Predict for this opportunity, on its start day'),
    indicator: indicatorCodeSchema.optional().describe('Or predict for a deed of this indicator…'),
    on: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine(isCalendarDay, 'not a calendar day')
      .optional()
      .describe('…on this Bangkok day (default today), under the rule in force at 12:00 that day'),
    quantity: z.coerce.number().positive().max(24).optional().describe('Hours, for hourly indicators (default: the opportunity’s length up to 24, or 1); 1 for occurrences'),
  })
  .refine((q) => (q.opportunity === undefined) !== (q.indicator === undefined), 'give either opportunity or indicator')
  .refine((q) => q.on === undefined || q.indicator !== undefined, { message: 'on goes with indicator; an opportunity is predicted for its start day', path: ['on'] });

const CAP_KINDS = ['oncePerLifetime', 'maxPerYear', 'minIntervalDays', 'maxPointsPerYear'] as const;
const REASON_CODES = Object.keys(PREDICTION_REASONS) as [keyof typeof PREDICTION_REASONS, ...(keyof typeof PREDICTION_REASONS)[]];

export const predictionResponse = z.object({
  accountId: z.string(),
  indicator: z.object({ code: z.string(), name: localisedText, domain: z.enum(DOMAINS), ruleVersion: z.number().int() }),
  opportunity: z.object({ id: z.string(), title: z.object({ th: z.string(), en: z.string().nullable() }) }).nullable(),
  on: dayView.describe('The day of the deed'),
  year: z.number().int(),
  yearBE: z.number().int(),
  quantity: z.number(),
  points: z.number().int().describe('Points the deed would earn'),
  scoreGain: z.number().int().describe('How much the year’s score would rise: the score stops at the scale maximum (1,000 for a person)'),
  nominalPoints: z.number().int().describe('Points per unit × quantity, before caps'),
  outcome: z.enum(['credited', 'pending', 'rejected']).describe('What the attestation would become; pending = credited once the local authority certifies it'),
  reason: z.object({ code: z.enum(REASON_CODES), message: localisedText }).nullable(),
  caps: z.array(z.enum(CAP_KINDS)).describe('The caps already reached, when the reason is cap_exceeded'),
  nextEligibleOn: dayView.nullable().describe('First day the caps allow it again; null when never (once per lifetime) or not a cap'),
  explanation: localisedText,
  score: z.object({ earned: z.number().int(), points: z.number().int(), max: z.number().int() }).describe('The year’s score as it stands now'),
  consent: z
    .object({ purpose: z.enum(['health']), given: z.boolean(), howTo: localisedText })
    .nullable()
    .describe('For a deed that is health data: whether the consent is given and how to give it'),
});

export const personalOpportunityPage = z.object({
  items: z.array(opportunityResponse.extend({ prediction: predictionResponse })),
  nextCursor: z.string().nullable(),
});
