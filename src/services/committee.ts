// The committee's queue: indicator versions and privileges waiting for a decision, oldest first, each
// with its owner and what it changes. Decisions themselves go through the catalogue and privileges.
import type { Kysely } from 'kysely';
import { isCommittee, type Principal } from '../core/access.js';
import { changedFields, effectiveOnApproval, type Actor } from '../core/approvals.js';
import { AppError } from '../core/errors.js';
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
}

export interface PrivilegeProposal extends ProposalBase {
  type: 'privilege';
  privilege: PrivilegeView;
}

export type Proposal = IndicatorProposal | PrivilegeProposal;

export interface CommitteeService {
  /** Everything waiting for the committee, oldest first (committee only). */
  proposals(principal: Principal): Promise<Proposal[]>;
}

export function createCommitteeService(deps: { db: Kysely<Database>; clock: Clock }): CommitteeService {
  const { db, clock } = deps;
  return {
    async proposals(principal) {
      if (!isCommittee(principal)) throw new AppError('forbidden');
      const now = clock.now();
      const versions = (await catalogueRepo.pending(db)).map(recordOf);
      const privileges = (await privilegesRepo.pending(db)).map(presentPrivilege);
      const approved = (await catalogueRepo.approvedOf(db, [...new Set(versions.map((v) => v.definition.code))])).map(recordOf);
      const owners = new Map(
        (
          await agenciesRepo.findMany(
            db,
            [...new Set([...versions.map((v) => ownerAgencyOf(v.definition)), ...privileges.map((p) => p.partner)])].filter((c) => c !== null),
          )
        ).map((a) => [a.code, { th: a.name_th, en: a.name_en }]),
      );
      const agency = (code: string | null): ProposalAgency | null => (code === null ? null : { code, name: owners.get(code) ?? null });

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
          }),
        ),
      ];
      return items.sort((a, b) => (a.proposedAt < b.proposedAt ? -1 : a.proposedAt > b.proposedAt ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    },
  };
}
