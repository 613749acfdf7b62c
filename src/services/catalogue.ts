// The catalogue of indicators: versioned rules with effective dates, read from an in-memory
// snapshot on the hot path and refreshed after every change (and periodically, for other nodes).
import type { Kysely } from 'kysely';
import { validateIndicator, type IndicatorDefinition } from '../core/catalogue.js';
import { AppError } from '../core/errors.js';
import { canAttest, isAdmin, type Principal } from '../core/access.js';
import type { Clock } from '../adapters/clock.js';
import type { Database } from '../store/schema.js';
import { catalogueRepo } from '../store/repos/catalogue.js';

export interface RuleVersion {
  version: number;
  effectiveFrom: string;
  definition: IndicatorDefinition;
}

export interface CatalogueReader {
  /** The rule in force at `at`, or undefined when the indicator did not exist yet. */
  ruleAt(code: string, at: Date): RuleVersion | undefined;
  exists(code: string): boolean;
  /** The version in force now (or the first announced one, if none is in force yet). */
  current(code: string): RuleVersion | undefined;
  versions(code: string): readonly RuleVersion[];
  codes(): string[];
}

class Snapshot implements CatalogueReader {
  constructor(
    private readonly byCode: Map<string, RuleVersion[]>,
    private readonly clock: Clock,
  ) {}
  ruleAt(code: string, at: Date): RuleVersion | undefined {
    const iso = at.toISOString();
    const versions = this.byCode.get(code);
    if (!versions) return undefined;
    for (let i = versions.length - 1; i >= 0; i--) {
      const v = versions[i]!;
      if (v.effectiveFrom <= iso) return v;
    }
    return undefined;
  }
  exists(code: string): boolean {
    return this.byCode.has(code);
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

export interface CatalogueService extends CatalogueReader {
  reload(): Promise<void>;
  define(principal: Principal, input: unknown, effectiveFrom?: string): Promise<RuleVersion>;
  revise(principal: Principal, code: string, input: unknown, effectiveFrom: string): Promise<RuleVersion>;
}

export async function createCatalogueService(deps: { db: Kysely<Database>; clock: Clock; refreshMs?: number }): Promise<CatalogueService> {
  const { db, clock } = deps;
  let snapshot: Snapshot = await load();
  let loadedAt = Date.now();
  const refreshMs = deps.refreshMs ?? 10_000;

  async function load(): Promise<Snapshot> {
    const rows = await catalogueRepo.allVersions(db);
    const byCode = new Map<string, RuleVersion[]>();
    for (const row of rows) {
      // Stored rules were validated on write; a row that fails now means tampering or a bad migration.
      const checked = validateIndicator(JSON.parse(row.definition));
      if (!checked.ok) throw new Error(`stored rule ${row.code} v${row.version} is invalid: ${JSON.stringify(checked.issues)}`);
      const list = byCode.get(row.code) ?? [];
      list.push({ version: row.version, effectiveFrom: row.effective_from, definition: checked.value });
      byCode.set(row.code, list);
    }
    for (const list of byCode.values()) list.sort((a, b) => a.version - b.version);
    return new Snapshot(byCode, clock);
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

  function authoriseWrite(principal: Principal, def: IndicatorDefinition): void {
    if (isAdmin(principal)) return;
    // Agencies write their own indicators within the committee's bounds; the national frame is the committee's.
    if (def.owner.kind === 'national' || principal.kind !== 'agency' || def.owner.agency !== principal.agency || !canAttest(principal, def.code)) throw new AppError('forbidden');
  }

  function checked(input: unknown): IndicatorDefinition {
    const r = validateIndicator(input);
    if (!r.ok) throw new AppError(r.principle ? 'rule_violates_principle' : 'invalid_rule', { issues: r.issues });
    return r.value;
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

  return {
    ruleAt: (code, at) => fresh().ruleAt(code, at),
    exists: (code) => fresh().exists(code),
    current: (code) => fresh().current(code),
    versions: (code) => fresh().versions(code),
    codes: () => fresh().codes(),
    reload,
    async define(principal, input, effectiveFrom) {
      const def = checked(input);
      authoriseWrite(principal, def);
      const from = effectiveDate(effectiveFrom);
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        if (await catalogueRepo.findIndicator(trx, def.code)) throw new AppError('indicator_exists');
        await catalogueRepo.insertIndicator(trx, {
          code: def.code,
          owner_kind: def.owner.kind,
          owner_agency: def.owner.kind === 'national' ? null : def.owner.agency,
          created_at: now,
        });
        await catalogueRepo.insertVersion(trx, { code: def.code, version: 1, effective_from: from, definition: JSON.stringify(def), created_at: now });
      });
      await reload();
      return { version: 1, effectiveFrom: from, definition: def };
    },
    async revise(principal, code, input, effectiveFrom) {
      const def = checked(input);
      if (def.code !== code) throw new AppError('validation_failed', { issues: [{ path: 'code', message: 'must match the indicator being revised' }] });
      const existing = snapshot.versions(code);
      if (existing.length === 0) throw new AppError('unknown_indicator', { indicator: code });
      const first = existing[0]!.definition;
      if (JSON.stringify(first.owner) !== JSON.stringify(def.owner))
        throw new AppError('invalid_rule', { issues: [{ path: 'owner', message: 'the owner of an indicator does not change' }] });
      authoriseWrite(principal, def);
      const from = effectiveDate(effectiveFrom);
      const now = clock.now().toISOString();
      const version = await db.transaction().execute(async (trx) => {
        const v = (await catalogueRepo.latestVersion(trx, code)) + 1;
        await catalogueRepo.insertVersion(trx, { code, version: v, effective_from: from, definition: JSON.stringify(def), created_at: now });
        return v;
      });
      await reload();
      return { version, effectiveFrom: from, definition: def };
    },
  };
}
