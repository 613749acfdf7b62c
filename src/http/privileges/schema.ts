import { z } from 'zod';
import { privilegeCodeSchema, privilegeDefinitionSchema } from '../../core/privileges.js';
import { actorView } from '../common.js';

export const privilegeParams = z.object({ code: privilegeCodeSchema });

export const privilegeQuery = z.object({
  partner: z.string().max(40).optional(),
  area: z
    .string()
    .regex(/^\d{2}(\d{2}(\d{2})?)?$/)
    .optional()
    .describe('Only privileges usable in this area (nationwide ones included)'),
});

/** A privilege as published or as its partner and the committee see it, with the committee's decision. */
export const privilegeView = privilegeDefinitionSchema.extend({
  status: z.enum(['proposed', 'approved', 'refused', 'withdrawn']).describe('Only approved privileges are published'),
  remaining: z.number().int().nullable().describe('Units of stock left; null when unlimited'),
  proposedAt: z.string(),
  proposedBy: actorView.nullable().describe('Null for the seed privileges'),
  decidedBy: actorView.nullable(),
  decidedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
});

export const privilegeList = z.object({ items: z.array(privilegeView) });

export const expiryPolicyBody = z
  .object({
    yearsValid: z.number().int().min(0).max(50).nullable().describe('Points of year Y expire on 1 January of Y + 1 + yearsValid; null: they do not expire'),
    effectiveFrom: z.iso.datetime({ offset: true }),
  })
  .strict();

export const expiryPolicyList = z.object({
  items: z.array(z.object({ version: z.number().int(), yearsValid: z.number().int().nullable(), effectiveFrom: z.string() })),
});
