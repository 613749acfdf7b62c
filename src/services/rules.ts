// The committee's rules that are not one indicator's: which agency may put its indicators into which
// equivalence group, and the platform-wide settings (the grace period after 31 December during which
// a year still takes credits). Settings are read on the hot path from an in-memory snapshot, refreshed
// after every change here and periodically (for other nodes), like the catalogue.
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { actorOf, parseActor, type Actor } from '../core/approvals.js';
import { equivalenceGroupOf } from '../core/catalogue.js';
import { DEFAULT_YEAR_GRACE_DAYS } from '../core/crediting.js';
import { AppError } from '../core/errors.js';
import type { Clock } from '../adapters/clock.js';
import type { Database } from '../store/schema.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { groupAssignmentsRepo, ruleSettingsRepo } from '../store/repos/rules.js';
import type { Queryable } from '../store/repos/types.js';
import type { CatalogueReader } from './catalogue.js';

/** Upper bound of the grace period: a year can stay open at most until the end of the next one. */
export const MAX_YEAR_GRACE_DAYS = 365;

export interface RuleSettings {
  /** Days after 31 December (Bangkok) during which the year still takes new credits. */
  yearGraceDays: number;
  updatedAt: string | null;
  updatedBy: Actor | null;
}

export interface RulesReader {
  yearGraceDays(): number;
  /** The equivalence groups assigned to an agency (read in the caller's transaction). */
  groupsOf(db: Queryable, agency: string): Promise<Set<string>>;
}

export interface GroupView {
  group: string;
  agencies: Array<{ code: string; name: { th: string; en: string } | null; assignedAt: string; assignedBy: Actor | null }>;
  /** Indicators (approved versions in force now) that use the group. */
  indicators: string[];
}

export interface RulesService extends RulesReader {
  reload(): Promise<void>;
  settings(principal: Principal): Promise<RuleSettings>;
  updateSettings(principal: Principal, input: { yearGraceDays: number }): Promise<RuleSettings>;
  groups(principal: Principal): Promise<GroupView[]>;
  assign(principal: Principal, group: string, agency: string): Promise<{ group: GroupView; changed: boolean }>;
  unassign(principal: Principal, group: string, agency: string): Promise<{ group: GroupView; changed: boolean }>;
}

const GRACE_KEY = 'year_grace_days';

export async function createRulesService(deps: { db: Kysely<Database>; clock: Clock; catalogue: CatalogueReader; refreshMs?: number }): Promise<RulesService> {
  const { db, clock, catalogue } = deps;
  const refreshMs = deps.refreshMs ?? 10_000;
  let current: RuleSettings = await load();
  let loadedAt = Date.now();

  async function load(): Promise<RuleSettings> {
    const row = (await ruleSettingsRepo.all(db)).find((r) => r.key === GRACE_KEY);
    const value = row ? Number(JSON.parse(row.value)) : DEFAULT_YEAR_GRACE_DAYS;
    return { yearGraceDays: Number.isInteger(value) ? value : DEFAULT_YEAR_GRACE_DAYS, updatedAt: row?.updated_at ?? null, updatedBy: parseActor(row?.updated_by ?? null) };
  }

  function fresh(): RuleSettings {
    if (Date.now() - loadedAt > refreshMs) {
      loadedAt = Date.now();
      void load().then(
        (s) => (current = s),
        () => undefined,
      );
    }
    return current;
  }

  async function reload(): Promise<void> {
    current = await load();
    loadedAt = Date.now();
  }

  function guard(principal: Principal): void {
    if (!canAccess(principal, 'rules.manage')) throw new AppError('forbidden');
  }

  async function groupViews(only?: string): Promise<GroupView[]> {
    const rows = (await groupAssignmentsRepo.all(db)).filter((r) => only === undefined || r.group_code === only);
    const names = new Map((await agenciesRepo.findMany(db, [...new Set(rows.map((r) => r.agency_code))])).map((a) => [a.code, { th: a.name_th, en: a.name_en }]));
    const byGroup = new Map<string, GroupView>();
    const view = (group: string): GroupView => {
      const found = byGroup.get(group);
      if (found) return found;
      const v: GroupView = { group, agencies: [], indicators: [] };
      byGroup.set(group, v);
      return v;
    };
    for (const r of rows)
      view(r.group_code).agencies.push({ code: r.agency_code, name: names.get(r.agency_code) ?? null, assignedAt: r.assigned_at, assignedBy: parseActor(r.assigned_by) });
    // Groups the catalogue uses explicitly, assigned or not, so the committee sees every one.
    for (const code of catalogue.codes()) {
      const def = catalogue.current(code)?.definition;
      if (!def?.equivalenceGroup) continue;
      const group = equivalenceGroupOf(def);
      if (only === undefined || group === only) view(group).indicators.push(code);
    }
    if (only !== undefined) view(only);
    return [...byGroup.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  }

  async function checkedAgency(agency: string): Promise<void> {
    if (!(await agenciesRepo.findByCode(db, agency))) throw new AppError('agency_not_found', { agency });
  }

  return {
    yearGraceDays: () => fresh().yearGraceDays,
    groupsOf: (q, agency) => groupAssignmentsRepo.groupsOf(q, agency),
    reload,
    async settings(principal) {
      guard(principal);
      return load();
    },
    async updateSettings(principal, input) {
      guard(principal);
      await ruleSettingsRepo.put(db, { key: GRACE_KEY, value: JSON.stringify(input.yearGraceDays), updated_by: actorOf(principal), updated_at: clock.now().toISOString() });
      await reload();
      return current;
    },
    async groups(principal) {
      guard(principal);
      return groupViews();
    },
    async assign(principal, group, agency) {
      guard(principal);
      await checkedAgency(agency);
      const changed = await groupAssignmentsRepo.assign(db, { group_code: group, agency_code: agency, assigned_by: actorOf(principal), assigned_at: clock.now().toISOString() });
      return { group: (await groupViews(group))[0]!, changed };
    },
    async unassign(principal, group, agency) {
      guard(principal);
      await checkedAgency(agency);
      const changed = await groupAssignmentsRepo.unassign(db, group, agency);
      return { group: (await groupViews(group))[0]!, changed };
    },
  };
}
