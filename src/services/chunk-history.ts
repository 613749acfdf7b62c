// The history of a chunk's people, read once for the whole chunk and kept up to date in memory as
// the chunk's items are decided, so each item is judged as if every earlier item of the chunk had
// already been written. It answers exactly what gatherHistory and creditsRepo.yearEarned answer
// (test/chunk-posting.test.ts holds the two paths to the same answers on both databases).
import type { DeedHistory } from '../core/crediting.js';
import type { CreditFact } from '../store/repos/posting-bulk.js';
import { historyFrom, intervalWindow, needsYearTotals, type HistoryQuery } from './posting.js';

export interface ChunkFacts {
  /** Credited or pending deeds whose credit was not reversed, on the chunk's days. */
  deeds: ReadonlyArray<{ account_id: string | null; equivalence_group: string; bangkok_day: string }>;
  /** Credits not reversed of interval-capped indicators, from the earliest to the latest window of the chunk. */
  nearby: readonly CreditFact[];
  /** Count and points of credits not reversed by `account|indicator|year` (indicators with yearly caps). */
  totals: ReadonlyMap<string, { count: number; points: number }>;
  /** Points of every credit by `account|year`. */
  earned: ReadonlyMap<string, number>;
  /** `account|indicator` that ever had a credit not reversed (once-per-lifetime indicators). */
  ever: ReadonlySet<string>;
}

export class ChunkHistory {
  private readonly deeds = new Set<string>();
  private readonly nearby = new Map<string, Array<{ occurred_at: string }>>();
  private readonly totals: Map<string, { count: number; points: number }>;
  private readonly earned: Map<string, number>;
  private readonly ever: Set<string>;

  constructor(facts: ChunkFacts) {
    for (const d of facts.deeds) if (d.account_id) this.deeds.add(`${d.account_id}|${d.equivalence_group}|${d.bangkok_day}`);
    for (const c of facts.nearby) this.addNearby(c.account_id, c.indicator_code, c.occurred_at);
    this.totals = new Map([...facts.totals].map(([k, v]) => [k, { ...v }]));
    this.earned = new Map(facts.earned);
    this.ever = new Set(facts.ever);
  }

  private addNearby(accountId: string, indicator: string, occurredAt: string): void {
    const key = `${accountId}|${indicator}`;
    let list = this.nearby.get(key);
    if (!list) {
      list = [];
      this.nearby.set(key, list);
    }
    list.push({ occurred_at: occurredAt });
  }

  history(q: HistoryQuery): DeedHistory {
    if (q.exceptAttestationId !== undefined) throw new Error('a chunk judges new deeds only');
    const window = intervalWindow(q.def, q.day);
    let earliest: string | undefined;
    let latest: string | undefined;
    if (window) {
      for (const c of this.nearby.get(`${q.accountId}|${q.def.code}`) ?? []) {
        if (c.occurred_at < window.from || c.occurred_at >= window.to) continue;
        if (earliest === undefined || c.occurred_at < earliest) earliest = c.occurred_at;
        if (latest === undefined || c.occurred_at > latest) latest = c.occurred_at;
      }
    }
    const totals = needsYearTotals(q.def) ? (this.totals.get(`${q.accountId}|${q.def.code}|${q.year}`) ?? { count: 0, points: 0 }) : { count: 0, points: 0 };
    return historyFrom(q, {
      sameAct: this.deeds.has(`${q.accountId}|${q.group}|${q.day}`),
      earliest,
      latest,
      totals: { ...totals },
      everCredited: q.def.caps.oncePerLifetime ? this.ever.has(`${q.accountId}|${q.def.code}`) : false,
    });
  }

  yearEarned(accountId: string, year: number): number {
    return this.earned.get(`${accountId}|${year}`) ?? 0;
  }

  /** An item of the chunk was recorded: credited or pending, and with its credit if credited. */
  record(d: { accountId: string; group: string; day: string }, credit?: Omit<CreditFact, 'account_id'>): void {
    this.deeds.add(`${d.accountId}|${d.group}|${d.day}`);
    if (!credit) return;
    const a = d.accountId;
    this.addNearby(a, credit.indicator_code, credit.occurred_at);
    const tk = `${a}|${credit.indicator_code}|${credit.year}`;
    const t = this.totals.get(tk) ?? { count: 0, points: 0 };
    this.totals.set(tk, { count: t.count + 1, points: t.points + credit.points });
    this.earned.set(`${a}|${credit.year}`, this.yearEarned(a, credit.year) + credit.points);
    this.ever.add(`${a}|${credit.indicator_code}`);
  }
}
