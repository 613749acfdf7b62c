// Public figures per agency (no sign-in): how it answers disputes (median answer time in days, share
// answered by the deadline) and how citizens rate it (count, mean, distribution). Counted: persons
// with a live `statistics` consent, as of the start of the Bangkok day (as the other statistics), and
// published through core/suppression: no figure about fewer than 10 people. The reversal rate is the
// share of the credits the agency issued that were reversed since (withheld as the other figures).
import type { Kysely } from 'kysely';
import type { Clock } from '../adapters/clock.js';
import type { TtlCache } from '../adapters/ttl-cache.js';
import { bangkokDay, bangkokDayStart } from '../core/calendar.js';
import {
  publishAnswerFigures,
  publishRatings,
  publishReversalRate,
  type AnsweredDispute,
  type GivenRating,
  type PublishedAnswerFigures,
  type PublishedRatings,
} from '../core/disputes.js';
import { MINIMUM_COUNT } from '../core/suppression.js';
import type { Database } from '../store/schema.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { disputesRepo } from '../store/repos/disputes.js';
import { ratingsRepo } from '../store/repos/ratings.js';
import { STATISTICS_PURPOSE } from '../store/repos/statistics.js';

export interface AgencyFigures {
  code: string;
  name: { th: string; en: string };
  roles: string[];
  disputes: PublishedAnswerFigures & { reversalRate: number | null };
  ratings: PublishedRatings;
}

export interface AgencyStatistics {
  asOf: string;
  minimumCount: number;
  items: AgencyFigures[];
}

export interface AgencyStatisticsService {
  agencies(): Promise<AgencyStatistics>;
}

const groupBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const out = new Map<string, T[]>();
  for (const i of items) out.set(key(i), [...(out.get(key(i)) ?? []), i]);
  return out;
};

export function createAgencyStatisticsService(deps: { db: Kysely<Database>; clock: Clock; cache: TtlCache<AgencyStatistics> }): AgencyStatisticsService {
  const { db, clock, cache } = deps;
  const compute = async (asOf: string): Promise<AgencyStatistics> => {
    const [agencies, answered, ratings, issued] = await Promise.all([
      agenciesRepo.list(db),
      disputesRepo.answeredBefore(db, asOf, STATISTICS_PURPOSE),
      ratingsRepo.countedBefore(db, asOf, STATISTICS_PURPOSE),
      disputesRepo.issuedBefore(db, asOf, STATISTICS_PURPOSE),
    ]);
    const issuedBy = groupBy(issued, (c) => c.issuer_code);
    const answersBy = groupBy(answered, (a) => a.respondent_code);
    const ratingsBy = groupBy(ratings, (r) => r.agency_code);
    return {
      asOf,
      minimumCount: MINIMUM_COUNT,
      items: agencies.map((a) => {
        const answers: AnsweredDispute[] = (answersBy.get(a.code) ?? []).map((d) => ({
          accountId: d.account_id,
          filedAt: d.filed_at,
          answeredAt: d.answered_at!,
          dueAt: d.due_at,
        }));
        const given: GivenRating[] = (ratingsBy.get(a.code) ?? []).map((r) => ({ accountId: r.account_id, stars: r.stars }));
        return {
          code: a.code,
          name: { th: a.name_th, en: a.name_en },
          roles: JSON.parse(a.roles) as string[],
          disputes: {
            ...publishAnswerFigures(answers),
            reversalRate: publishReversalRate((issuedBy.get(a.code) ?? []).map((c) => ({ accountId: c.account_id, reversed: c.reversal_id !== null }))),
          },
          ratings: publishRatings(given),
        };
      }),
    };
  };
  return {
    agencies() {
      const asOf = bangkokDayStart(bangkokDay(clock.now())).toISOString();
      return cache.get(asOf, () => compute(asOf));
    },
  };
}
