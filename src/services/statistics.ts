// Public statistics (no sign-in): aggregates only, with small-count suppression.
//
// - Counted: persons with a live `statistics` consent (an erased person's tombstone keeps the credits
//   and the consent as they were, so erasure changes no published total); communities and
//   organisations are not counted (they earn on another scale, and a count of a handful of
//   organisations would need a suppression rule of its own).
// - Credits recorded before the start of the current Bangkok day (`asOf`): what is published changes
//   once a day, not with each deed, so comparing two answers a minute apart does not reveal one
//   person's new credit. (A withdrawn consent takes effect at once: platform.ts has the consent service clear the cache.)
// - Both endpoints read one snapshot (every year, computed by one grouped pass and suppressed per
//   year), so the national totals of /stats/years and /stats?year are the same cells and comparing
//   them reveals nothing new. The snapshot is cached for a short time.
import type { Kysely } from 'kysely';
import type { Clock } from '../adapters/clock.js';
import type { TtlCache } from '../adapters/ttl-cache.js';
import { bangkokDay, bangkokDayStart, bangkokYear, toBuddhistEra } from '../core/calendar.js';
import { DOMAIN_NAMES, DOMAINS, type Domain } from '../core/catalogue.js';
import { publishYear, type PublishedCell, type PublishedYear } from '../core/statistics.js';
import { MINIMUM_COUNT } from '../core/suppression.js';
import type { Database } from '../store/schema.js';
import { areasRepo } from '../store/repos/areas.js';
import { statisticsRepo, type YearProvinceCounts } from '../store/repos/statistics.js';

type LocalisedName = { th: string; en: string };

export interface YearStatistics {
  year: number;
  yearBE: number;
  /** Credits recorded before this instant are counted. */
  asOf: string;
  minimumCount: number;
  national: PublishedCell;
  domains: Array<PublishedCell & { code: Domain; name: LocalisedName }>;
  provinces: Array<PublishedCell & { code: string; name: LocalisedName; domains: Record<Domain, PublishedCell> }>;
}

export interface YearsStatistics {
  asOf: string;
  minimumCount: number;
  items: Array<PublishedCell & { year: number; yearBE: number }>;
}

export interface StatisticsService {
  /** One year (default: the current Bangkok year); a year without data is all zeros. */
  year(year?: number): Promise<YearStatistics>;
  /** The national totals of every year that has data, oldest first. */
  years(): Promise<YearsStatistics>;
}

export interface StatisticsSnapshot {
  asOf: string;
  provinces: Array<{ code: string; name: LocalisedName }>;
  codes: string[];
  years: Map<number, PublishedYear>;
}

export function createStatisticsService(deps: { db: Kysely<Database>; clock: Clock; cache: TtlCache<StatisticsSnapshot> }): StatisticsService {
  const { db, clock, cache } = deps;

  const compute = async (asOf: string): Promise<StatisticsSnapshot> => {
    const provinces = (await areasRepo.provinces(db)).map((p) => ({ code: p.code, name: { th: p.name_th, en: p.name_en } }));
    const codes = provinces.map((p) => p.code);
    const byYear = new Map<number, YearProvinceCounts[]>();
    for (const row of await statisticsRepo.countsByYearAndProvince(db, asOf)) {
      const list = byYear.get(row.year) ?? [];
      list.push(row);
      byYear.set(row.year, list);
    }
    return { asOf, provinces, codes, years: new Map([...byYear].map(([year, rows]) => [year, publishYear(codes, rows)])) };
  };

  // The cut-off is the cache key too, so a new day is computed at once rather than after the TTL.
  const snapshot = () => {
    const asOf = bangkokDayStart(bangkokDay(clock.now())).toISOString();
    return cache.get(asOf, () => compute(asOf));
  };

  return {
    async year(y) {
      const s = await snapshot();
      const year = y ?? bangkokYear(clock.now());
      const published = s.years.get(year) ?? publishYear(s.codes, []);
      const names = new Map(s.provinces.map((p) => [p.code, p.name]));
      return {
        year,
        yearBE: toBuddhistEra(year),
        asOf: s.asOf,
        minimumCount: MINIMUM_COUNT,
        national: published.national,
        domains: DOMAINS.map((d) => ({ code: d, name: DOMAIN_NAMES[d], ...published.domains[d] })),
        provinces: published.provinces.map((p) => ({ code: p.code, name: names.get(p.code)!, ...p.total, domains: p.domains })),
      };
    },

    async years() {
      const s = await snapshot();
      const items = [...s.years].sort(([a], [b]) => a - b).map(([year, published]) => ({ year, yearBE: toBuddhistEra(year), ...published.national }));
      return { asOf: s.asOf, minimumCount: MINIMUM_COUNT, items };
    },
  };
}
