import { z } from 'zod';
import { RATING_COMMENT_MAX, RATING_MAX, RATING_MIN } from '../../core/disputes.js';
import { accountIdSchema, localisedText } from '../common.js';

const interaction = z
  .object({
    kind: z.enum(['attestation', 'redemption']).describe('attestation: a deed a certifier decided (certification or declaration); redemption: a confirmed redemption'),
    id: z.uuid(),
  })
  .strict();
const context = z.enum(['certification', 'declaration', 'redemption']);
const agencyRef = z.object({ code: z.string(), name: localisedText.nullable() });

export const rateBody = z
  .object({
    interaction,
    stars: z.number().int().min(RATING_MIN).max(RATING_MAX),
    comment: z.string().max(RATING_COMMENT_MAX).optional().describe('Read by the rated agency alone: not published, not shown to the committee'),
  })
  .strict();

export const accountParams = z.object({ id: accountIdSchema });
export const agencyParams = z.object({ code: z.string().min(1).max(64) });

export const ownRating = z.object({ id: z.string(), interaction, context, agency: agencyRef, stars: z.number().int(), comment: z.string().nullable(), createdAt: z.string() });

export const accountRatings = z.object({
  items: z.array(ownRating).describe('Latest first'),
  due: z.array(z.object({ interaction, context, agency: agencyRef, at: z.string() })).describe('Interactions of the last 90 days not rated yet, latest first'),
});

export const agencyRatings = z.object({
  agency: z.string(),
  items: z.array(z.object({ stars: z.number().int(), comment: z.string().nullable(), context, month: z.string().describe('YYYY-MM: never who wrote it, nor the day') })),
});

const published = z.number().nullable();
export const agencyStats = z.object({
  asOf: z.string(),
  minimumCount: z.number().int(),
  items: z.array(
    z.object({
      code: z.string(),
      name: localisedText,
      roles: z.array(z.string()),
      disputes: z.object({
        answered: z.number().int().nullable().describe('Disputes answered (null: withheld, fewer than minimumCount people)'),
        medianAnswerDays: published.describe('Median whole days from filing to the answer'),
        onTimeShare: published.describe('Share answered by the deadline, 0–1 (null when withheld)'),
        reversalRate: published.describe('Share of the credits it issued that were later reversed, 0–1; null when withheld (fewer than 10 people)'),
      }),
      ratings: z.object({
        count: z.number().int().nullable(),
        mean: published.describe('Mean stars, 1–5'),
        distribution: z.array(z.object({ stars: z.number().int(), count: z.number().int().nullable() })),
      }),
    }),
  ),
});
