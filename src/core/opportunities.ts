// What an agency may publish as a good-deed opportunity (a blood drive, a volunteer event, a
// course): the shape of the data, checked on write. Whether the indicator exists, is in force and
// is the agency's own is the service's question; this module has no I/O.
import { z } from 'zod';
import { isCalendarDay } from './calendar.js';
import { DOMAINS, indicatorCodeSchema } from './catalogue.js';
import { checkHttpUrl } from './urls.js';

export const OPPORTUNITY_STATUSES = ['published', 'cancelled'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/** A province (2 digits), district (4) or subdistrict (6) code; they nest by prefix. */
export const areaCodeSchema = z
  .string()
  .regex(/^\d{2}(\d{2}(\d{2})?)?$/, 'a province (2 digits), district (4) or subdistrict (6) code')
  .describe('Thai administrative area code: province 50 ⊃ district 5002 ⊃ subdistrict 500204');

/** The longest an opportunity may run: a long course, not a standing offer. */
export const MAX_OPPORTUNITY_DAYS = 366;

const text = (max: number) => z.string().trim().min(1).max(max);

export const opportunityTitleSchema = z
  .object({ th: text(200), en: text(200).optional() })
  .strict()
  .describe('Thai first; English optional');
export const opportunityDescriptionSchema = z.object({ th: text(4000), en: text(4000).optional() }).strict();

export const contactUrlSchema = z
  .string()
  .max(2000)
  .transform((raw, ctx) => {
    const checked = checkHttpUrl(raw);
    if (checked.ok) return checked.url;
    ctx.addIssue({ code: 'custom', message: checked.reason });
    return z.NEVER;
  })
  .describe('An absolute http(s) link without credentials; shown to people, never fetched by the platform');

export const contactSchema = z
  .object({
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{2,24}$/, 'digits, spaces, brackets and dashes, e.g. 053-341 004 or +66 53 341 004')
      .optional(),
    email: z.email().max(254).optional(),
    url: contactUrlSchema.optional(),
  })
  .strict()
  .refine((c) => c.phone !== undefined || c.email !== undefined || c.url !== undefined, 'give at least one of phone, email, url');

export const placeSchema = z
  .object({
    name: text(200).describe('e.g. โรงพยาบาลจอมทอง'),
    areaCode: areaCodeSchema,
    address: text(500).optional(),
  })
  .strict();

const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 with offset, e.g. 2026-12-18T08:30:00+07:00');

export const refSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
  .describe("The agency's own unique reference: a retry with the same ref and content answers the first publication (200)");

const fields = {
  title: opportunityTitleSchema,
  description: opportunityDescriptionSchema,
  indicator: indicatorCodeSchema.describe('The indicator the deed is credited under; it must be in force when the opportunity starts and within the agency’s scope'),
  startsAt: instant,
  endsAt: instant,
  place: placeSchema,
  capacity: z.number().int().min(1).max(1_000_000).describe('How many people can take part'),
  contact: contactSchema,
};

export function scheduleIssues(startsAt: string, endsAt: string): string | undefined {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  if (!(end > start)) return 'endsAt must be after startsAt';
  if (end - start > MAX_OPPORTUNITY_DAYS * 86_400_000) return `an opportunity runs at most ${MAX_OPPORTUNITY_DAYS} days`;
  return undefined;
}

export const opportunityInputSchema = z
  .object({
    ref: refSchema.optional(),
    title: fields.title,
    description: fields.description.optional(),
    indicator: fields.indicator,
    startsAt: fields.startsAt,
    endsAt: fields.endsAt,
    place: fields.place,
    capacity: fields.capacity.optional(),
    contact: fields.contact.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const issue = scheduleIssues(o.startsAt, o.endsAt);
    if (issue) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: issue });
  });

/** A change: only the fields given are replaced; null clears an optional one. */
export const opportunityPatchSchema = z
  .object({
    title: fields.title.optional(),
    description: fields.description.nullable().optional(),
    indicator: fields.indicator.optional(),
    startsAt: fields.startsAt.optional(),
    endsAt: fields.endsAt.optional(),
    place: fields.place.optional(),
    capacity: fields.capacity.nullable().optional(),
    contact: fields.contact.nullable().optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'give at least one field to change');

export type OpportunityInput = z.output<typeof opportunityInputSchema>;
export type OpportunityPatch = z.output<typeof opportunityPatchSchema>;

/**
 * How near an opportunity's place is to a person's subdistrict: 0 the same subdistrict, 1 the same
 * district, 2 the same province, 3 elsewhere. A place given only as a district or province counts
 * at that level. (The list query computes the same rank in SQL.)
 */
export function proximityRank(near: string, areaCode: string): ProximityRank {
  if (areaCode === near) return 0;
  if (areaCode.length >= 4 && areaCode.slice(0, 4) === near.slice(0, 4)) return 1;
  if (areaCode.slice(0, 2) === near.slice(0, 2)) return 2;
  return 3;
}

export type ProximityRank = 0 | 1 | 2 | 3;
export const PROXIMITY_NAMES = ['subdistrict', 'district', 'province', 'elsewhere'] as const;

const dayOrInstant = z
  .union([
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine(isCalendarDay, 'not a calendar day'),
    z.iso.datetime({ offset: true }),
  ])
  .describe('A Bangkok calendar day (YYYY-MM-DD) or an ISO 8601 time with offset');

/** The public list's filters; the same ones serve a person's own list (where `near` defaults to their home). */
export const opportunityListQuerySchema = z.object({
  domain: z.enum(DOMAINS).optional().describe("The indicator's domain"),
  area: areaCodeSchema.optional().describe('Placed in this province, district or subdistrict, or at a level that contains it'),
  indicator: indicatorCodeSchema.optional(),
  agency: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .describe('Published by this agency'),
  q: z.string().trim().min(1).max(100).optional().describe('Words in the Thai or English title'),
  from: dayOrInstant.optional().describe('Still running at or after this (a day means its first minute); default: now, so only ongoing and upcoming ones'),
  to: dayOrInstant.optional().describe('Starting no later than this (a day means up to its end)'),
  status: z.enum(OPPORTUNITY_STATUSES).optional().describe('Default: published'),
  near: z
    .string()
    .regex(/^\d{6}$/, '6-digit subdistrict code')
    .optional()
    .describe('Sort by proximity: the same subdistrict first, then the same district, the same province, then the rest of the country; then by start time'),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('Page size, at most 100 (default 20)'),
  cursor: z.string().max(300).optional().describe('`nextCursor` of the previous page'),
});

export type OpportunityListQuery = z.output<typeof opportunityListQuerySchema>;
