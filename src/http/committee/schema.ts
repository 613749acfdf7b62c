import { z } from 'zod';
import { BASIC_RIGHT_AREAS } from '../../core/review.js';
import type { CatalogueEntry, Proposal } from '../../services/committee.js';
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
    reportingOnOthers: z
      .array(z.string())
      .describe(
        'Words that might be about watching or reporting on other people (police, monitor, เฝ้าระวัง, รายงาน…) for the committee to judge: rewarding reports on others breaks principle 1. Empty when none',
      ),
  }),
  z.object({
    type: z.literal('privilege'),
    ...base,
    privilege: privilegeView,
    basicRights: z
      .array(z.object({ area: z.enum(BASIC_RIGHT_AREAS), terms: z.array(z.string()).describe('The words found in its name or description') }))
      .describe('Mentions of healthcare, education, travel or state welfare for the committee to judge: an extra, or access to the right itself? Empty when none'),
  }),
]);

export const proposalList = z.object({ items: z.array(proposalView) });

export const catalogueEntryView = z.object({
  code: z.string(),
  name: localisedText.describe('The name of its latest version'),
  ownerAgency,
  current: indicatorVersionView.nullable().describe('The approved version in force now (or the first approved one, not yet in force); null if none was ever approved'),
  versions: z.array(indicatorVersionView).describe('Every version in version order: approved, proposed and refused (with the reason)'),
});

export const committeeCatalogue = z.object({ items: z.array(catalogueEntryView) });

export function presentCatalogueEntry(e: CatalogueEntry): z.infer<typeof catalogueEntryView> {
  return { ...e, current: e.current ? presentVersion(e.current) : null, versions: e.versions.map(presentVersion) };
}

export function presentProposal(p: Proposal): z.infer<typeof proposalView> {
  if (p.type === 'privilege') return p;
  return { ...p, proposed: presentVersion(p.proposed), previous: p.previous ? presentIndicator(p.previous) : null };
}
