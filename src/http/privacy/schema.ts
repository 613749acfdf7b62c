import { z } from 'zod';
import { localisedText } from '../common.js';

export const restrictBody = z.object({ reason: z.string().max(500).optional().describe('Why, in the person’s words (optional; kept only while the account exists)') }).strict();

export const eraseBody = z
  .object({
    confirm: z.string().min(1).max(100).describe('The confirmation phrase, typed: "ลบข้อมูลของฉัน" or "erase my data" (erasure cannot be undone)'),
  })
  .strict();

const restriction = z.object({
  restrictedAt: z.string(),
  restrictedBy: z.enum(['holder', 'admin']),
  reason: z.string().nullable(),
  liftedAt: z.string().nullable(),
  liftedBy: z.enum(['holder', 'admin']).nullable(),
});

export const privacyStatusResponse = z.object({
  accountId: z.string(),
  restricted: z.boolean(),
  restrictedAt: z.string().nullable(),
  restrictions: z.array(restriction),
  erasure: z.object({ phrase: localisedText }),
});

export const erasureResponse = z.object({
  accountId: z.string(),
  erasedAt: z.string(),
  evidenceFilesDeleted: z.number().int(),
  sessionsEnded: z.number().int(),
});
