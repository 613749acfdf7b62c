import { z } from 'zod';
import { DOMAINS, type Domain } from '../../core/catalogue.js';
import { localisedText } from '../common.js';

export const statsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2200).optional().describe('Gregorian calendar year (Asia/Bangkok); defaults to the current year'),
});

const count = (what: string) => z.number().int().min(0).nullable().describe(`${what}; null when the cell is suppressed`);

/** One published figure set; a suppressed cell has all three figures null. */
export const statsCell = z.object({
  people: count('People with at least one credit (each person once, however many credits)'),
  credits: count('Credits'),
  points: count('Points of those credits'),
  suppressed: z.boolean().describe('Withheld so that no published figure describes fewer than minimumCount people, directly or by subtraction'),
});

const byDomain = z.object(Object.fromEntries(DOMAINS.map((d) => [d, statsCell])) as Record<Domain, typeof statsCell>);

const asOf = z.string().describe('Credits recorded before this instant (the start of the current Bangkok day, ISO 8601 UTC) are counted');
const minimumCount = z.number().int().describe('No published figure describes fewer people than this');

export const yearStatsResponse = z.object({
  year: z.number().int(),
  yearBE: z.number().int().describe('The same year in the Buddhist Era (พ.ศ.)'),
  asOf,
  minimumCount,
  national: statsCell.describe('The whole country'),
  domains: z
    .array(statsCell.extend({ code: z.enum(DOMAINS), name: localisedText }))
    .describe('The five domains nationally; a person with credits in two domains is counted in both, so people do not add up to the national figure (credits and points do)'),
  provinces: z
    .array(
      statsCell.extend({
        code: z.string().describe('DOPA 2-digit province code'),
        name: localisedText,
        domains: byDomain.describe('The province × domain table: this province in each domain'),
      }),
    )
    .describe('All 77 provinces by code; people add up to the national figure'),
});

export const yearsStatsResponse = z.object({
  asOf,
  minimumCount,
  items: z
    .array(statsCell.extend({ year: z.number().int(), yearBE: z.number().int() }))
    .describe('National figures of every year with data, oldest first (the same cells as /stats?year)'),
});
