// Aggregates for the public statistics: one grouped pass over the credits. Each counted person's
// credits are first summed per (year, person) with one column pair per domain, then the people are
// grouped by (year, home province), so a province's people, its domains' people and their credits
// and points come out of the same pass without counting anyone twice.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../schema.js';
import { DOMAINS, type Domain } from '../../core/catalogue.js';
import type { CellCounts, ProvinceCounts } from '../../core/statistics.js';
import type { Queryable } from './types.js';
import { notReversedBefore } from './reversals.js';

export interface YearProvinceCounts extends ProvinceCounts {
  year: number;
}

/** The consent purpose without which a person is not counted at all. */
export const STATISTICS_PURPOSE = 'statistics';

/** The joined `accounts` row has a live (not withdrawn) consent to `purpose`: who the public figures count. */
export function holdsLiveConsent(eb: ExpressionBuilder<Database, 'accounts'>, purpose: string) {
  return eb.exists(
    eb
      .selectFrom('consents')
      .select('consents.purpose')
      .whereRef('consents.account_id', '=', 'accounts.id')
      .where('consents.purpose', '=', purpose)
      .where('consents.withdrawn_at', 'is', null),
  );
}

const num = (v: unknown) => Number(v ?? 0);

function countsQuery(db: Queryable, before: string) {
  const perPerson = db
    .selectFrom('credits')
    .select(['credits.account_id', 'credits.year'])
    .select(
      DOMAINS.flatMap((d, i) => [
        sql<number>`sum(case when credits.domain = ${d} then 1 else 0 end)`.as(`n${i}`),
        sql<number>`sum(case when credits.domain = ${d} then credits.points else 0 end)`.as(`p${i}`),
      ]),
    )
    .where('credits.created_at', '<', before)
    .where(notReversedBefore(before))
    .groupBy(['credits.account_id', 'credits.year']);
  const province = sql<string>`substr(accounts.area_code, 1, 2)`;
  return (
    db
      .selectFrom(perPerson.as('pp'))
      .innerJoin('accounts', 'accounts.id', 'pp.account_id')
      .select(['pp.year', province.as('province'), sql<number>`count(*)`.as('people')])
      .select(
        DOMAINS.flatMap((_, i) => [
          sql<number>`sum(case when ${sql.ref(`pp.n${i}`)} > 0 then 1 else 0 end)`.as(`people${i}`),
          sql<number>`sum(${sql.ref(`pp.n${i}`)})`.as(`credits${i}`),
          sql<number>`sum(${sql.ref(`pp.p${i}`)})`.as(`points${i}`),
        ]),
      )
      .where('accounts.kind', '=', 'person')
      // An erased account is a tombstone that keeps its past credits in the totals (migration 0012).
      .where((eb) => eb.or([eb('accounts.status', '=', 'active'), eb('accounts.erased_at', 'is not', null)]))
      .where((eb) => holdsLiveConsent(eb, STATISTICS_PURPOSE))
      .groupBy(['pp.year', province])
      .orderBy('pp.year')
      .orderBy(province)
  );
}

export const statisticsRepo = {
  /** The grouped pass as SQL and parameters (for EXPLAIN in the benchmark). */
  compiledCounts: (db: Queryable, before: string) => countsQuery(db, before).compile(),
  /**
   * Per year and province: people with at least one credit recorded before `before`, and per
   * domain their people, credits and points. Only active persons with a live `statistics` consent
   * are counted; communities and organisations are not.
   */
  async countsByYearAndProvince(db: Queryable, before: string): Promise<YearProvinceCounts[]> {
    const rows = await countsQuery(db, before).execute();
    return rows.map((r) => {
      const row = r as unknown as Record<string, unknown>;
      const domains = Object.fromEntries(
        DOMAINS.map((d, i): [Domain, CellCounts] => [d, { people: num(row[`people${i}`]), credits: num(row[`credits${i}`]), points: num(row[`points${i}`]) }]),
      ) as Record<Domain, CellCounts>;
      return { year: num(r.year), code: String(r.province), people: num(r.people), domains };
    });
  },
};
