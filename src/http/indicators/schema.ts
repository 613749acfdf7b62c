import { z } from 'zod';
import { APPROVAL_STATUSES } from '../../core/approvals.js';
import { ACCOUNT_KINDS, DOMAINS, indicatorCodeSchema } from '../../core/catalogue.js';
import type { RuleVersion, VersionRecord } from '../../services/catalogue.js';
import { actorView, localisedText } from '../common.js';

export const listQuery = z.object({
  domain: z.enum(DOMAINS).optional(),
  accountKind: z.enum(ACCOUNT_KINDS).optional(),
  owner: z.string().max(40).optional().describe('"national" or an agency code'),
});

export const codeParams = z.object({ code: indicatorCodeSchema });
export const versionParams = z.object({ code: indicatorCodeSchema, version: z.coerce.number().int().min(1).max(1_000_000) });

// The rule itself is validated by the catalogue (validateIndicator) so that principle violations
// get their own error code; here it only has to be a JSON object.
export const defineBody = z.object({ definition: z.record(z.string(), z.unknown()), effectiveFrom: z.iso.datetime({ offset: true }).optional() }).strict();
export const reviseBody = z.object({ definition: z.record(z.string(), z.unknown()), effectiveFrom: z.iso.datetime({ offset: true }) }).strict();

export const domainList = z.object({ items: z.array(z.object({ code: z.enum(DOMAINS), name: localisedText })) });

export const indicatorView = z.object({
  code: z.string(),
  name: localisedText,
  description: localisedText.nullable(),
  domain: z.enum(DOMAINS),
  accountKinds: z.array(z.enum(ACCOUNT_KINDS)),
  owner: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('national') }),
    z.object({ kind: z.literal('agency'), agency: z.string() }),
    z.object({ kind: z.literal('local'), agency: z.string(), area: z.string().describe('Area code of the residents it is for') }),
  ]),
  points: z.number().int().describe('Points per unit'),
  unit: z.enum(['occurrence', 'hour']),
  caps: z.object({
    maxPerYear: z.number().int().optional(),
    minIntervalDays: z.number().int().optional(),
    oncePerLifetime: z.boolean().optional(),
    maxPointsPerYear: z.number().int().optional(),
  }),
  certification: z.enum(['auto', 'local']),
  evidence: z.enum(['none', 'reference', 'document']),
  sensitive: z.enum(['health']).nullable().describe('Data class that needs its own consent'),
  equivalenceGroup: z.string().describe('Indicators of one group describe the same act, credited once a day'),
  selfDeclarable: z.boolean(),
  volunteering: z.boolean(),
  virtue: z.object({ code: z.string(), name: localisedText }).nullable(),
  sdgs: z.array(z.number().int()),
  version: z.number().int(),
  effectiveFrom: z.string().describe('When this version takes (or took) effect'),
});

export const indicatorList = z.object({ items: z.array(indicatorView) });

export const indicatorVersionView = indicatorView.extend({
  status: z.enum(APPROVAL_STATUSES).describe('Only approved versions are in force; agencies propose, the committee decides'),
  requestedEffectiveFrom: z.string().describe('The date its writer asked for; effectiveFrom is later if the committee approved after it'),
  proposedAt: z.string(),
  proposedBy: actorView.nullable().describe('Null for the seed catalogue'),
  decidedBy: actorView.nullable(),
  decidedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
});

export const indicatorDetail = indicatorVersionView.extend({
  versions: z.array(indicatorVersionView).describe('Every version the caller may see: approved ones for all; proposed and refused ones for the owner and the committee'),
});

export function presentIndicator(v: RuleVersion): z.infer<typeof indicatorView> {
  const d = v.definition;
  return {
    code: d.code,
    name: d.name,
    description: d.description ?? null,
    domain: d.domain,
    accountKinds: d.accountKinds,
    owner: d.owner,
    points: d.points,
    unit: d.unit,
    caps: d.caps,
    certification: d.certification,
    evidence: d.evidence,
    sensitive: d.sensitive ?? null,
    equivalenceGroup: d.equivalenceGroup ?? d.code,
    selfDeclarable: d.selfDeclarable ?? false,
    volunteering: d.volunteering ?? false,
    virtue: d.virtue ?? null,
    sdgs: d.sdgs ?? [],
    version: v.version,
    effectiveFrom: v.effectiveFrom,
  };
}

export function presentVersion(v: VersionRecord): z.infer<typeof indicatorVersionView> {
  return {
    ...presentIndicator(v),
    status: v.status,
    requestedEffectiveFrom: v.requestedEffectiveFrom,
    proposedAt: v.proposedAt,
    proposedBy: v.proposedBy,
    decidedBy: v.decidedBy,
    decidedAt: v.decidedAt,
    refusalReason: v.refusalReason,
  };
}
