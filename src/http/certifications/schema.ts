import { z } from 'zod';
import { MAX_MEETING_ITEMS } from '../../core/certification.js';
import { localisedText } from '../common.js';
import { refusalDetails } from '../attestations/schema.js';

export const meetingBody = z
  .object({
    meetingDate: z.iso.date().describe('Day of the meeting, YYYY-MM-DD (Gregorian); not in the future'),
    minutesRef: z.string().trim().min(1).max(100).describe("The minutes' reference number; a retry with the same minutes and content replays the decision"),
    note: z.string().max(1000).optional(),
    approve: z.array(z.uuid()).max(MAX_MEETING_ITEMS).describe('Pending attestations approved at the meeting'),
    reject: z
      .array(z.object({ id: z.uuid(), reason: z.string().max(500).describe('Required: the person sees it') }).strict())
      .max(MAX_MEETING_ITEMS)
      .optional(),
  })
  .strict()
  .refine((b) => b.approve.length + (b.reject?.length ?? 0) <= MAX_MEETING_ITEMS, `at most ${MAX_MEETING_ITEMS} attestations per decision`);

export const meetingParams = z.object({ id: z.uuid() });

export const meetingsQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const meetingSummary = z.object({
  id: z.string(),
  certifier: z.object({ code: z.string(), name: localisedText.nullable() }),
  officer: z.string().nullable().describe('The signed-in officer who recorded it, if any'),
  meetingDate: z.string(),
  meetingYearBE: z.number().int().describe('Year of the meeting in the Buddhist Era (พ.ศ.)'),
  minutesRef: z.string(),
  note: z.string().nullable(),
  counts: z.object({
    approved: z.number().int(),
    rejected: z.number().int(),
    credited: z.number().int().describe('Approved deeds that became credits (an approval can still meet a cap)'),
  }),
  createdAt: z.string(),
});

export const meetingView = meetingSummary.extend({
  items: z.array(
    z.object({
      attestationId: z.string(),
      decision: z.enum(['approve', 'reject']),
      status: z.enum(['credited', 'pending', 'rejected']),
      reason: z.object({ code: z.string(), message: localisedText, note: z.string().nullable(), details: refusalDetails.optional() }).nullable(),
      credit: z.object({ points: z.number().int(), year: z.number().int() }).nullable(),
      indicator: z.object({ code: z.string(), name: localisedText.nullable() }),
      issuer: z.string(),
      occurredAt: z.string(),
      account: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    }),
  ),
});

export const meetingsPage = z.object({ items: z.array(meetingSummary).describe('Latest meeting first'), nextCursor: z.string().nullable() });
