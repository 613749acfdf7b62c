import { z } from 'zod';
import type { Proposal } from '../../services/committee.js';
import { actorView, localisedText } from '../common.js';
import { indicatorView, indicatorVersionView, presentIndicator, presentVersion } from '../indicators/schema.js';
import { privilegeView } from '../privileges/schema.js';

const ownerAgency = z.object({ code: z.string(), name: localisedText.nullable() }).nullable().describe('The agency that owns the indicator or offers the privilege');

const base = {
  code: z.string(),
  name: localisedText,
  proposedAt: z.string(),
  proposedBy: actorView.nullable(),
  ownerAgency,
};

export const proposalView = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('indicator_version'),
    ...base,
    version: z.number().int(),
    requestedEffectiveFrom: z.string(),
    effectiveIfApprovedNow: z.string().describe('When it would take effect if approved now: the requested date, or now if that has passed'),
    proposed: indicatorVersionView,
    previous: indicatorView.nullable().describe('The approved version it revises (points, caps, … to compare); null for a new indicator'),
    changes: z.array(z.string()).describe('Fields that differ from the previous version, e.g. points, caps.maxPerYear; empty for a new indicator'),
  }),
  z.object({ type: z.literal('privilege'), ...base, privilege: privilegeView }),
]);

export const proposalList = z.object({ items: z.array(proposalView) });

export function presentProposal(p: Proposal): z.infer<typeof proposalView> {
  if (p.type === 'privilege') return p;
  return { ...p, proposed: presentVersion(p.proposed), previous: p.previous ? presentIndicator(p.previous) : null };
}
