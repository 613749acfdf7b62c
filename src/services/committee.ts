// The committee's queue: indicator versions and privileges waiting for a decision, oldest first, each
// with its owner and what it changes; and the whole catalogue with every version ever written.
// Decisions themselves go through the catalogue and privileges.
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { changedFields, effectiveOnApproval, type Actor } from '../core/approvals.js';
import { versionInForce } from '../core/catalogue.js';
import { AppError } from '../core/errors.js';
import { basicRightMentions, reportingMentions, type BasicRightMention } from '../core/review.js';
import type { Clock } from '../adapters/clock.js';
import type { Database } from '../store/schema.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { catalogueRepo } from '../store/repos/catalogue.js';
import { privilegesRepo } from '../store/repos/privileges.js';
import { ownerAgencyOf, recordOf, type RuleVersion, type VersionRecord } from './catalogue.js';
import { presentPrivilege, type PrivilegeView } from './privileges.js';

export interface ProposalAgency {
  code: string;
  /** Null only if the agency's record is gone. */
  name: { th: string; en: string } | null;
}

interface ProposalBase {
  code: string;
  name: { th: string; en: string };
  proposedAt: string;
  proposedBy: Actor | null;
  /** The agency that owns the indicator or offers the privilege (null for the national frame). */
  ownerAgency: ProposalAgency | null;
}

export interface IndicatorProposal extends ProposalBase {
  type: 'indicator_version';
  version: number;
  requestedEffectiveFrom: string;
  /** When it would take effect if approved now: never before the approval. */
  effectiveIfApprovedNow: string;
  proposed: VersionRecord;
  /** The approved version it revises; null for a new indicator. */
  previous: RuleVersion | null;
  /** Fields that differ from `previous` (`points`, `caps.maxPerYear`, …); empty for a new indicator. */
  changes: string[];
  /** Words that might be about watching or reporting on other people, for the committee to judge (empty: none). */
  reportingOnOthers: string[];
}

export interface PrivilegeProposal extends ProposalBase {
  type: 'privilege';
  privilege: PrivilegeView;
  /** Mentions of healthcare, education, travel or state welfare for the committee to judge (empty: none). */
  basicRights: BasicRightMention[];
}

/** One indicator of the catalogue as the committee sees it: every version in every status. */
export interface CatalogueEntry {
  code: string;
  /** The name of its latest version. */
  name: { th: string; en: string };
  ownerAgency: ProposalAgency | null;
  /** The approved version in force now (or the first approved one, not yet in force); null if none was ever approved. */
  current: VersionRecord | null;
  /** Every version, in version order: approved, proposed and refused (with the refusal reasons). */
  versions: VersionRecord[];
}

export type Proposal = IndicatorProposal | PrivilegeProposal;

export interface CommitteeService {
  /** Everything waiting for the committee, oldest first (committee only). */
  proposals(principal: Principal): Promise<Proposal[]>;
  /** Every indicator with its whole history of versions, ordered by code (committee only). */
  catalogue(principal: Principal): Promise<CatalogueEntry[]>;
}

export function createCommitteeService(deps: { db: Kysely<Database>; clock: Clock }): CommitteeService {
  const { db, clock } = deps;

  async function agencyNames(codes: Array<string | null>): Promise<(code: string | null) => ProposalAgency | null> {
    const wanted = [...new Set(codes)].filter((c) => c !== null);
    const names = new Map((await agenciesRepo.findMany(db, wanted)).map((a) => [a.code, { th: a.name_th, en: a.name_en }]));
    return (code) => (code === null ? null : { code, name: names.get(code) ?? null });
  }

  return {
    async proposals(principal) {
      if (!canAccess(principal, 'committee.read')) throw new AppError('forbidden');
      const now = clock.now();
      const versions = (await catalogueRepo.pending(db)).map(recordOf);
      const privileges = (await privilegesRepo.pending(db)).map(presentPrivilege);
      const approved = (await catalogueRepo.approvedOf(db, [...new Set(versions.map((v) => v.definition.code))])).map(recordOf);
      const agency = await agencyNames([...versions.map((v) => ownerAgencyOf(v.definition)), ...privileges.map((p) => p.partner)]);

      const items: Proposal[] = [
        ...versions.map((v): IndicatorProposal => {
          const def = v.definition;
          const before = approved.filter((a) => a.definition.code === def.code && a.version < v.version).at(-1);
          return {
            type: 'indicator_version',
            code: def.code,
            version: v.version,
            name: def.name,
            proposedAt: v.proposedAt,
            proposedBy: v.proposedBy,
            ownerAgency: agency(ownerAgencyOf(def)),
            requestedEffectiveFrom: v.requestedEffectiveFrom,
            effectiveIfApprovedNow: effectiveOnApproval(v.requestedEffectiveFrom, now),
            proposed: v,
            previous: before ? { version: before.version, effectiveFrom: before.effectiveFrom, definition: before.definition } : null,
            changes: changedFields(before?.definition, def),
            reportingOnOthers: reportingMentions(def),
          };
        }),
        ...privileges.map(
          (p): PrivilegeProposal => ({
            type: 'privilege',
            code: p.code,
            name: p.name,
            proposedAt: p.proposedAt,
            proposedBy: p.proposedBy,
            ownerAgency: agency(p.partner),
            privilege: p,
            basicRights: basicRightMentions(p),
          }),
        ),
      ];
      return items.sort((a, b) => (a.proposedAt < b.proposedAt ? -1 : a.proposedAt > b.proposedAt ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    },

    async catalogue(principal) {
      if (!canAccess(principal, 'committee.read')) throw new AppError('forbidden');
      const now = clock.now().toISOString();
      const byCode = new Map<string, VersionRecord[]>();
      // Rows come ordered by code, then version.
      for (const row of await catalogueRepo.allVersions(db)) {
        const list = byCode.get(row.code) ?? [];
        list.push(recordOf(row));
        byCode.set(row.code, list);
      }
      const agency = await agencyNames([...byCode.values()].map((vs) => ownerAgencyOf(vs[0]!.definition)));
      return [...byCode].map(([code, versions]): CatalogueEntry => {
        const approved = versions.filter((v) => v.status === 'approved');
        return {
          code,
          name: versions.at(-1)!.definition.name,
          ownerAgency: agency(ownerAgencyOf(versions[0]!.definition)),
          current: versionInForce(approved, now) ?? approved[0] ?? null,
          versions,
        };
      });
    },
  };
}
