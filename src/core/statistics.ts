// The public statistics of one year: national totals, provinces, domains and the province × domain
// table, built from per-province counts and published through small-count suppression.
//
// How the parts relate (what an attacker can subtract):
// - people: the provinces add up to the nation (a person has one home province), and the provinces of
//   one domain add up to that domain's national count; the domains of a province or of the nation do
//   not add up (a person with deeds in two domains is in both), so they are no people total there.
// - credits and points add up everywhere: provinces → nation, domains → nation, the domains of a
//   province → the province, the provinces of a domain → the domain.
import { DOMAINS, type Domain } from './catalogue.js';
import { MINIMUM_COUNT, suppressCells, type CellCounts, type Group } from './suppression.js';

export type { CellCounts } from './suppression.js';

/** What the database counted for one province: people with at least one credit, and per domain. */
export interface ProvinceCounts {
  code: string;
  people: number;
  domains: Record<Domain, CellCounts>;
}

export interface PublishedCell {
  people: number | null;
  credits: number | null;
  points: number | null;
  /** Withheld so that no published figure describes fewer than the minimum number of people. */
  suppressed: boolean;
}

export interface PublishedYear {
  national: PublishedCell;
  domains: Record<Domain, PublishedCell>;
  provinces: Array<{ code: string; total: PublishedCell; domains: Record<Domain, PublishedCell> }>;
}

const ZERO: CellCounts = { people: 0, credits: 0, points: 0 };

const key = {
  national: 'national',
  province: (p: string) => `province:${p}`,
  domain: (d: Domain) => `domain:${d}`,
  cell: (p: string, d: Domain) => `province:${p}/${d}`,
};

const plus = (a: CellCounts, b: CellCounts): CellCounts => ({ people: a.people + b.people, credits: a.credits + b.credits, points: a.points + b.points });

/** Every province appears (zeros included), in the order of `provinceCodes`; counts for a code not listed are refused. */
export function publishYear(provinceCodes: readonly string[], counts: readonly ProvinceCounts[], minimum = MINIMUM_COUNT): PublishedYear {
  const known = new Set(provinceCodes);
  if (known.size !== provinceCodes.length) throw new RangeError('province codes repeat');
  const byCode = new Map<string, ProvinceCounts>();
  for (const c of counts) {
    if (!known.has(c.code)) throw new RangeError(`counts for unknown province ${c.code}`);
    if (byCode.has(c.code)) throw new RangeError(`counts for province ${c.code} repeat`);
    byCode.set(c.code, c);
  }

  const cells = new Map<string, CellCounts>();
  const groups: Group[] = [];
  let national = ZERO;
  const domainTotals = Object.fromEntries(DOMAINS.map((d) => [d, ZERO])) as Record<Domain, CellCounts>;
  for (const p of provinceCodes) {
    const c = byCode.get(p);
    let province = { people: c?.people ?? 0, credits: 0, points: 0 };
    for (const d of DOMAINS) {
      const cell = c?.domains[d] ?? ZERO;
      cells.set(key.cell(p, d), cell);
      province = { ...province, credits: province.credits + cell.credits, points: province.points + cell.points };
      domainTotals[d] = plus(domainTotals[d], cell);
    }
    cells.set(key.province(p), province);
    national = plus(national, province);
    groups.push({ total: key.province(p), members: DOMAINS.map((d) => key.cell(p, d)), peopleAdditive: false });
  }
  for (const d of DOMAINS) {
    cells.set(key.domain(d), domainTotals[d]);
    groups.push({ total: key.domain(d), members: provinceCodes.map((p) => key.cell(p, d)), peopleAdditive: true });
  }
  cells.set(key.national, national);
  groups.push({ total: key.national, members: provinceCodes.map(key.province), peopleAdditive: true });
  groups.push({ total: key.national, members: DOMAINS.map(key.domain), peopleAdditive: false });

  const hidden = suppressCells(cells, groups, minimum);
  const publish = (k: string): PublishedCell => {
    const c = cells.get(k)!;
    return hidden.has(k) ? { people: null, credits: null, points: null, suppressed: true } : { ...c, suppressed: false };
  };
  const byDomain = (f: (d: Domain) => string) => Object.fromEntries(DOMAINS.map((d) => [d, publish(f(d))])) as Record<Domain, PublishedCell>;
  return {
    national: publish(key.national),
    domains: byDomain(key.domain),
    provinces: provinceCodes.map((p) => ({ code: p, total: publish(key.province(p)), domains: byDomain((d) => key.cell(p, d)) })),
  };
}
