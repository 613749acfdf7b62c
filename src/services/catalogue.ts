// The catalogue of indicators: versioned rules with effective dates, read from an in-memory
// snapshot on the hot path and refreshed after every change (and periodically, for other nodes).
// A version written by an agency is only proposed; it is in force once the committee approves it.
import type { Kysely } from 'kysely';
import { unassignedGroup, validateIndicator, versionInForce, type IndicatorDefinition } from '../core/catalogue.js';
import { AppError } from '../core/errors.js';
import { canAccess, isWithinAreas, type Principal } from '../core/access.js';
import { actorOf, agencyOfActor, effectiveOnApproval, parseActor, REFUSAL_REASON_MAX, refusalReason, type Actor, type ApprovalStatus, type Decision } from '../core/approvals.js';
import type { Clock } from '../adapters/clock.js';
import type { Database } from '../store/schema.js';
import { isUniqueViolation } from '../store/database.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { catalogueRepo, type IndicatorVersionRow } from '../store/repos/catalogue.js';
import { groupAssignmentsRepo } from '../store/repos/rules.js';

export interface RuleVersion {
  version: number;
  effectiveFrom: string;
  definition: IndicatorDefinition;
}

/** A version with its place in the approval workflow. */
export interface VersionRecord extends RuleVersion {
  status: ApprovalStatus;
  /** The effective date its writer asked for; `effectiveFrom` is the actual one once approved. */
  requestedEffectiveFrom: string;
  proposedAt: string;
  proposedBy: Actor | null;
  decidedBy: Actor | null;
  decidedAt: string | null;
  refusalReason: string | null;
}

export interface CatalogueReader {
  /** The approved rule in force at `at`, or undefined when the indicator did not exist yet. */
  ruleAt(code: string, at: Date): RuleVersion | undefined;
  /** Whether the indicator has an approved version (proposed-only indicators do not exist yet). */
  exists(code: string): boolean;
  /** Whether the indicator exists only as a proposal waiting for the committee. */
  awaitingApproval(code: string): boolean;
  /** The version in force now (or the first approved one, if none is in force yet). */
  current(code: string): RuleVersion | undefined;
  /** The approved versions, in version order. */
  versions(code: string): readonly RuleVersion[];
  codes(): string[];
}

export interface CatalogueService extends CatalogueReader {
  reload(): Promise<void>;
  define(principal: Principal, input: unknown, effectiveFrom?: string): Promise<VersionRecord>;
  revise(principal: Principal, code: string, input: unknown, effectiveFrom: string): Promise<VersionRecord>;
  /** The committee approves or refuses a proposed version. */
  decide(principal: Principal, code: string, version: number, decision: Decision): Promise<VersionRecord>;
  /** One indicator's versions as `viewer` may see them: proposed and refused ones only for its owner and the committee. */
  history(viewer: Principal | undefined, code: string): Promise<{ current: VersionRecord; versions: VersionRecord[] }>;
}

/** A stored version, validated: a row that fails now means tampering or a bad migration. */
export function recordOf(row: IndicatorVersionRow): VersionRecord {
  const checked = validateIndicator(JSON.parse(row.definition));
  if (!checked.ok) throw new Error(`stored rule ${row.code} v${row.version} is invalid: ${JSON.stringify(checked.issues)}`);
  return {
    version: row.version,
    effectiveFrom: row.effective_from,
    definition: checked.value,
    status: row.status,
    requestedEffectiveFrom: row.requested_effective_from,
    proposedAt: row.created_at,
    proposedBy: parseActor(row.proposed_by),
    decidedBy: parseActor(row.decided_by),
    decidedAt: row.decided_at,
    refusalReason: row.refusal_reason,
  };
}

export function ownerAgencyOf(def: IndicatorDefinition): string | null {
  return def.owner.kind === 'national' ? null : def.owner.agency;
}

class Snapshot implements CatalogueReader {
  constructor(
    private readonly byCode: Map<string, RuleVersion[]>,
    private readonly proposedOnly: Set<string>,
    private readonly clock: Clock,
  ) {}
  ruleAt(code: string, at: Date): RuleVersion | undefined {
    return versionInForce(this.byCode.get(code) ?? [], at.toISOString());
  }
  exists(code: string): boolean {
    return this.byCode.has(code);
  }
  awaitingApproval(code: string): boolean {
    return this.proposedOnly.has(code);
  }
  current(code: string): RuleVersion | undefined {
    return this.ruleAt(code, this.clock.now()) ?? this.byCode.get(code)?.[0];
  }
  versions(code: string): readonly RuleVersion[] {
    return this.byCode.get(code) ?? [];
  }
  codes(): string[] {
    return [...this.byCode.keys()].sort();
  }
}

export async function createCatalogueService(deps: { db: Kysely<Database>; clock: Clock; refreshMs?: number }): Promise<CatalogueService> {
  const { db, clock } = deps;
  let snapshot: Snapshot = await load();
  let loadedAt = Date.now();
  const refreshMs = deps.refreshMs ?? 10_000;

  async function load(): Promise<Snapshot> {
    const byCode = new Map<string, RuleVersion[]>();
    const proposed = new Set<string>();
    // Every stored version is validated, in force or not; rows come in version order.
    for (const row of await catalogueRepo.allVersions(db)) {
      const record = recordOf(row);
      if (record.status === 'proposed') proposed.add(row.code);
      if (record.status !== 'approved') continue;
      const list = byCode.get(row.code) ?? [];
      list.push({ version: record.version, effectiveFrom: record.effectiveFrom, definition: record.definition });
      byCode.set(row.code, list);
    }
    for (const code of byCode.keys()) proposed.delete(code);
    return new Snapshot(byCode, proposed, clock);
  }

  async function reload(): Promise<void> {
    snapshot = await load();
    loadedAt = Date.now();
  }

  function fresh(): Snapshot {
    if (Date.now() - loadedAt > refreshMs) {
      loadedAt = Date.now();
      void load().then(
        (s) => (snapshot = s),
        () => undefined,
      );
    }
    return snapshot;
  }

  function checked(input: unknown): IndicatorDefinition {
    const r = validateIndicator(input);
    if (!r.ok) throw new AppError(r.principle ? 'rule_violates_principle' : 'invalid_rule', { issues: r.issues });
    return r.value;
  }

  /** The owner must be a registered agency, and a local indicator's area must lie within that agency's own areas. */
  async function checkOwner(def: IndicatorDefinition): Promise<void> {
    if (def.owner.kind === 'national') return;
    const agency = await agenciesRepo.findByCode(db, def.owner.agency);
    if (!agency) throw new AppError('invalid_rule', { issues: [{ path: 'owner.agency', message: 'no agency has this code' }] });
    if (def.owner.kind !== 'local') return;
    const areaScopes = JSON.parse(agency.area_scopes) as string[];
    if (!isWithinAreas(areaScopes, def.owner.area)) throw new AppError('out_of_scope', { area: def.owner.area, agency: agency.code, areaScopes });
  }

  /**
   * The committee's rules an owner may not set itself: an equivalence group must be one the committee
   * assigned to the owner (or else another issuer could join, and so learn of and block, someone else's
   * deeds), and the deed window is the committee's (an owner keeps what the committee set).
   */
  async function checkCommitteeFields(principal: Principal, def: IndicatorDefinition, previous: IndicatorDefinition | undefined): Promise<void> {
    const owner = ownerAgencyOf(def);
    if (canAccess(principal, 'group.use-any', { owner })) return;
    const group = unassignedGroup(def, owner === null ? new Set() : await groupAssignmentsRepo.groupsOf(db, owner));
    if (group !== undefined) throw new AppError('equivalence_group_not_assigned', { group, agency: owner });
    if (def.maxDeedAgeDays !== previous?.maxDeedAgeDays)
      throw new AppError('invalid_rule', {
        issues: [{ path: 'maxDeedAgeDays', message: `set by the committee; keep ${previous?.maxDeedAgeDays === undefined ? 'it unset' : previous.maxDeedAgeDays}` }],
      });
  }

  function effectiveDate(text: string | undefined): string {
    const now = clock.now();
    if (text === undefined) return now.toISOString();
    const d = new Date(text);
    if (Number.isNaN(d.getTime())) throw new AppError('invalid_date', { field: 'effectiveFrom' });
    // One minute of slack for clocks; anything earlier would rewrite the past.
    if (d.getTime() < now.getTime() - 60_000) throw new AppError('retroactive_change', { effectiveFrom: text, now: now.toISOString() });
    return d.toISOString();
  }

  /** A new version's row: decided at once when the committee writes it for an indicator it does not own. */
  function newVersion(principal: Principal, def: IndicatorDefinition, version: number, from: string): IndicatorVersionRow {
    const at = clock.now().toISOString();
    const actor = actorOf(principal);
    // The committee's own write is its decision, unless its agency owns the indicator.
    const approved = canAccess(principal, 'proposal.decide', { kind: 'proposal', parties: [ownerAgencyOf(def)] });
    return {
      code: def.code,
      version,
      effective_from: from,
      requested_effective_from: from,
      definition: JSON.stringify(def),
      created_at: at,
      status: approved ? 'approved' : 'proposed',
      proposed_by: actor,
      decided_by: approved ? actor : null,
      decided_at: approved ? at : null,
      refusal_reason: null,
    };
  }

  return {
    ruleAt: (code, at) => fresh().ruleAt(code, at),
    exists: (code) => fresh().exists(code),
    awaitingApproval: (code) => fresh().awaitingApproval(code),
    current: (code) => fresh().current(code),
    versions: (code) => fresh().versions(code),
    codes: () => fresh().codes(),
    reload,
    async define(principal, input, effectiveFrom) {
      const def = checked(input);
      if (!canAccess(principal, 'indicator.write', { kind: 'indicator-definition', code: def.code, owner: def.owner })) throw new AppError('forbidden');
      await checkOwner(def);
      await checkCommitteeFields(principal, def, undefined);
      const row = newVersion(principal, def, 1, effectiveDate(effectiveFrom));
      try {
        await db.transaction().execute(async (trx) => {
          if (await catalogueRepo.findIndicator(trx, def.code)) throw new AppError('indicator_exists');
          await catalogueRepo.insertIndicator(trx, { code: def.code, owner_kind: def.owner.kind, owner_agency: ownerAgencyOf(def), created_at: row.created_at });
          await catalogueRepo.insertVersion(trx, row);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('indicator_exists');
        throw err;
      }
      await reload();
      return recordOf(row);
    },
    async revise(principal, code, input, effectiveFrom) {
      const def = checked(input);
      if (def.code !== code) throw new AppError('validation_failed', { issues: [{ path: 'code', message: 'must match the indicator being revised' }] });
      const existing = await catalogueRepo.versionsOf(db, code);
      if (existing.length === 0) throw new AppError('unknown_indicator', { indicator: code });
      const first = recordOf(existing[0]!).definition;
      const writes = (d: IndicatorDefinition) => canAccess(principal, 'indicator.write', { kind: 'indicator-definition', code: d.code, owner: d.owner });
      if (!writes(first) || !writes(def)) throw new AppError('forbidden');
      if (JSON.stringify(first.owner) !== JSON.stringify(def.owner))
        throw new AppError('invalid_rule', { issues: [{ path: 'owner', message: 'the owner of an indicator does not change' }] });
      await checkOwner(def);
      await checkCommitteeFields(principal, def, recordOf(existing.filter((r) => r.status === 'approved').at(-1) ?? existing.at(-1)!).definition);
      const from = effectiveDate(effectiveFrom);
      let row: IndicatorVersionRow | undefined;
      try {
        await db.transaction().execute(async (trx) => {
          const versions = await catalogueRepo.versionsOf(trx, code);
          const last = versions[versions.length - 1];
          // One open proposal per indicator, so that approvals apply in version order.
          if (last?.status === 'proposed') throw new AppError('proposal_pending', { indicator: code, version: last.version });
          row = newVersion(principal, def, (last?.version ?? 0) + 1, from);
          await catalogueRepo.insertVersion(trx, row);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('version_conflict', { indicator: code });
        throw err;
      }
      await reload();
      return recordOf(row!);
    },
    async decide(principal, code, version, decision) {
      if (!canAccess(principal, 'committee.decide')) throw new AppError('forbidden');
      const row = await catalogueRepo.findVersion(db, code, version);
      if (!row) throw new AppError('indicator_not_found', { indicator: code, version });
      const owner = ownerAgencyOf(recordOf(row).definition);
      if (!canAccess(principal, 'proposal.decide', { kind: 'proposal', parties: [owner, agencyOfActor(row.proposed_by)] }))
        throw new AppError('own_proposal', { indicator: code, version });
      if (row.status !== 'proposed') throw new AppError('already_decided', { indicator: code, version, status: row.status });
      const now = clock.now();
      let outcome: Pick<IndicatorVersionRow, 'status' | 'effective_from' | 'decided_by' | 'decided_at' | 'refusal_reason'>;
      const decided = { decided_by: actorOf(principal), decided_at: now.toISOString() };
      if (decision.decision === 'approve') {
        // Never retroactive: approved after the announced date, it takes effect at approval.
        outcome = { status: 'approved', effective_from: effectiveOnApproval(row.requested_effective_from, now), refusal_reason: null, ...decided };
      } else {
        const reason = refusalReason(decision.reason);
        if (reason === undefined) throw new AppError('validation_failed', { issues: [{ path: 'reason', message: `a reason of 1–${REFUSAL_REASON_MAX} characters` }] });
        outcome = { status: 'refused', effective_from: row.effective_from, refusal_reason: reason, ...decided };
      }
      if ((await catalogueRepo.decide(db, code, version, outcome)) === 0) {
        // Another decision won the race.
        const latest = await catalogueRepo.findVersion(db, code, version);
        throw new AppError('already_decided', { indicator: code, version, status: latest?.status ?? row.status });
      }
      await reload();
      return recordOf({ ...row, ...outcome });
    },
    async history(viewer, code) {
      const all = (await catalogueRepo.versionsOf(db, code)).map(recordOf);
      const owner = all[0] ? ownerAgencyOf(all[0].definition) : null;
      const versions = viewer && canAccess(viewer, 'indicator.proposals.read', { kind: 'indicator-proposals', agency: owner }) ? all : all.filter((v) => v.status === 'approved');
      const approved = versions.filter((v) => v.status === 'approved');
      const current = versionInForce(approved, clock.now().toISOString()) ?? approved[0] ?? versions[versions.length - 1];
      if (!current) throw new AppError('indicator_not_found', { indicator: code });
      return { current, versions };
    },
  };
}
