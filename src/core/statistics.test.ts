import { describe, expect, it } from 'vitest';
import { DOMAINS, type Domain } from './catalogue.js';
import { publishYear, type CellCounts, type ProvinceCounts, type PublishedCell, type PublishedYear } from './statistics.js';

const counts = (people: number, credits = people, points = 30 * credits): CellCounts => ({ people, credits, points });
const zeroDomains = (): Record<Domain, CellCounts> => Object.fromEntries(DOMAINS.map((d) => [d, counts(0)])) as Record<Domain, CellCounts>;
function province(code: string, people: number, domains: Partial<Record<Domain, CellCounts>>): ProvinceCounts {
  return { code, people, domains: { ...zeroDomains(), ...domains } };
}
const shown = (c: PublishedCell) => (c.suppressed ? null : c.people);

describe('publishYear', () => {
  it('publishes every province, zeros included, in the given order', () => {
    const out = publishYear(['10', '50', '38'], [province('50', 40, { health: counts(40, 60) })]);
    expect(out.provinces.map((p) => p.code)).toEqual(['10', '50', '38']);
    expect(out.provinces[0]!.total).toEqual({ people: 0, credits: 0, points: 0, suppressed: false });
    expect(out.provinces[1]!.total).toEqual({ people: 40, credits: 60, points: 1800, suppressed: false });
    expect(out.national).toEqual({ people: 40, credits: 60, points: 1800, suppressed: false });
    expect(out.domains.health).toEqual({ people: 40, credits: 60, points: 1800, suppressed: false });
    expect(out.domains.learning).toEqual({ people: 0, credits: 0, points: 0, suppressed: false });
  });

  it('counts a person with deeds in two domains once in the province and the nation, once in each domain', () => {
    const out = publishYear(['10'], [province('10', 30, { health: counts(30, 40), learning: counts(20, 25) })]);
    expect(out.national.people).toBe(30);
    expect(out.national.credits).toBe(65);
    expect(out.domains.health.people).toBe(30);
    expect(out.domains.learning.people).toBe(20);
  });

  it('withholds a 3-person province with its credits and points, and a complement so the nation minus the rest reveals nothing', () => {
    const out = publishYear(
      ['10', '11', '12'],
      [province('10', 3, { health: counts(3, 5) }), province('11', 40, { health: counts(40) }), province('12', 50, { health: counts(50) })],
    );
    expect(out.provinces[0]!.total).toEqual({ people: null, credits: null, points: null, suppressed: true });
    expect(out.provinces[1]!.total.suppressed).toBe(true);
    expect(out.provinces[2]!.total.suppressed).toBe(false);
    expect(out.national.people).toBe(93);
    // The 3-person province's health cell is withheld too, and the health column protects it.
    expect(out.provinces[0]!.domains.health.suppressed).toBe(true);
    expect(out.provinces[1]!.domains.health.suppressed).toBe(true);
  });

  it('withholds the whole year when fewer than 10 people took part', () => {
    const out = publishYear(['10', '11'], [province('10', 4, { health: counts(4) }), province('11', 3, { safety: counts(3) })]);
    expect(out.national.suppressed).toBe(true);
    expect(out.domains.health.suppressed).toBe(true);
    expect(out.domains.safety.suppressed).toBe(true);
    expect(out.domains.learning).toEqual({ people: 0, credits: 0, points: 0, suppressed: false });
  });

  it('protects a small domain against national credits − the other domains', () => {
    const out = publishYear(['10'], [province('10', 50, { health: counts(50, 80), environment: counts(2, 2) })]);
    expect(out.domains.environment.suppressed).toBe(true);
    expect(out.domains.health.suppressed).toBe(true);
    expect(out.national.suppressed).toBe(false);
  });

  it('refuses counts for an unknown or repeated province', () => {
    expect(() => publishYear(['10'], [province('99', 1, {})])).toThrow(/unknown province/);
    expect(() => publishYear(['10'], [province('10', 1, { health: counts(1) }), province('10', 1, { health: counts(1) })])).toThrow(/repeat/);
    expect(() => publishYear(['10', '10'], [])).toThrow(/repeat/);
  });
});

// ── Property test: random people, every subtraction an attacker can make ─────────────────────

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Person {
  id: number;
  province: string;
  /** Credits and points per domain the person has deeds in. */
  deeds: Partial<Record<Domain, { credits: number; points: number }>>;
}

function randomPeople(rand: () => number): { codes: string[]; people: Person[] } {
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const points = () => [10, 20, 30, 50, 70][int(0, 4)]!;
  const codes = Array.from({ length: int(1, 14) }, (_, i) => String(10 + i));
  const people: Person[] = [];
  const add = (province: string, deeds: Person['deeds']) => people.push({ id: people.length, province, deeds });
  // Half the tables: people with deeds in one domain each, cell sizes drawn per cell (many small
  // cells, which is where chains of rows and columns appear). The other half: people with deeds in
  // several domains (health common, the rest rarer), so domain counts overlap.
  const disjoint = rand() < 0.5;
  for (const code of codes) {
    if (disjoint) {
      for (const d of DOMAINS) {
        const r = rand();
        const n = r < 0.2 ? 0 : r < 0.5 ? int(1, 9) : int(10, 60);
        for (let i = 0; i < n; i++) {
          const credits = int(1, 3);
          add(code, { [d]: { credits, points: credits * points() } });
        }
      }
      continue;
    }
    const r = rand();
    const n = r < 0.25 ? 0 : r < 0.6 ? int(1, 9) : r < 0.85 ? int(10, 25) : int(26, 60);
    for (let i = 0; i < n; i++) {
      const deeds: Person['deeds'] = {};
      for (const d of DOMAINS) {
        if (rand() < (d === 'health' ? 0.7 : 0.25)) {
          const credits = int(1, 4);
          deeds[d] = { credits, points: credits * points() };
        }
      }
      if (Object.keys(deeds).length === 0) deeds[DOMAINS[int(0, 4)]!] = { credits: 1, points: 30 };
      add(code, deeds);
    }
  }
  return { codes, people };
}

function countsOf(codes: string[], people: Person[]): ProvinceCounts[] {
  return codes.map((code) => {
    const here = people.filter((p) => p.province === code);
    const domains = zeroDomains();
    for (const p of here)
      for (const [d, v] of Object.entries(p.deeds) as Array<[Domain, { credits: number; points: number }]>) {
        domains[d] = { people: domains[d].people + 1, credits: domains[d].credits + v.credits, points: domains[d].points + v.points };
      }
    return { code, people: here.length, domains };
  });
}

/** A published cell with the people it truly describes. */
interface Slot {
  name: string;
  cell: PublishedCell;
  who: Set<number>;
}

/** Every group of the published year whose total is the sum of its members (credits, points; people where said). */
function groupsOf(out: PublishedYear, people: Person[]): Array<{ total: Slot; members: Slot[]; peopleAdditive: boolean }> {
  const who = (f: (p: Person) => boolean) => new Set(people.filter(f).map((p) => p.id));
  const national: Slot = { name: 'national', cell: out.national, who: who(() => true) };
  const provinces = out.provinces.map((p) => ({ name: `province ${p.code}`, cell: p.total, who: who((x) => x.province === p.code) }));
  const domains = DOMAINS.map((d) => ({ name: `domain ${d}`, cell: out.domains[d], who: who((x) => x.deeds[d] !== undefined) }));
  const cell = (code: string, d: Domain) => ({
    name: `${code}/${d}`,
    cell: out.provinces.find((p) => p.code === code)!.domains[d],
    who: who((x) => x.province === code && x.deeds[d] !== undefined),
  });
  return [
    { total: national, members: provinces, peopleAdditive: true },
    { total: national, members: domains, peopleAdditive: false },
    ...out.provinces.map((p, i) => ({ total: provinces[i]!, members: DOMAINS.map((d) => cell(p.code, d)), peopleAdditive: false })),
    ...DOMAINS.map((d, j) => ({ total: domains[j]!, members: out.provinces.map((p) => cell(p.code, d)), peopleAdditive: true })),
  ];
}

/** Whether the published cells fix a withheld one: float Gauss–Jordan over every group's equation. */
function pinnedCells(groups: ReturnType<typeof groupsOf>): string[] {
  const unknown = [
    ...new Set(
      groups
        .flatMap((g) => [g.total, ...g.members])
        .filter((s) => s.cell.suppressed)
        .map((s) => s.name),
    ),
  ];
  const col = new Map(unknown.map((n, i) => [n, i]));
  const rows = groups.map((g) => {
    const row = new Array<number>(unknown.length).fill(0);
    if (col.has(g.total.name)) row[col.get(g.total.name)!]! += 1;
    for (const m of g.members) if (col.has(m.name)) row[col.get(m.name)!]! -= 1;
    return row;
  });
  const pivots: Array<[number, number[]]> = [];
  let r = 0;
  for (let c = 0; c < unknown.length && r < rows.length; c++) {
    const i = rows.findIndex((row, k) => k >= r && Math.abs(row[c]!) > 1e-9);
    if (i < 0) continue;
    [rows[r], rows[i]] = [rows[i]!, rows[r]!];
    const p = rows[r]!;
    const f = p[c]!;
    for (let j = 0; j < p.length; j++) p[j] = p[j]! / f;
    for (let k = 0; k < rows.length; k++) {
      if (k === r) continue;
      const g = rows[k]![c]!;
      if (g !== 0) for (let j = 0; j < p.length; j++) rows[k]![j] = rows[k]![j]! - g * p[j]!;
    }
    pivots.push([c, p]);
    r++;
  }
  return pivots.filter(([c, p]) => p.every((v, j) => j === c || Math.abs(v) < 1e-9)).map(([c]) => unknown[c]!);
}

describe('publishYear on 500 random tables (seeded)', () => {
  it('publishes no cell under 10, loses no count, and no subtraction reveals 1 to 9 people', () => {
    const rand = mulberry32(20260615);
    let withheld = 0;
    let attacks = 0;
    for (let t = 0; t < 500; t++) {
      const { codes, people } = randomPeople(rand);
      const out = publishYear(codes, countsOf(codes, people));
      const groups = groupsOf(out, people);
      const context = `table ${t}`;
      for (const g of groups) {
        for (const s of [g.total, ...g.members]) {
          if (s.cell.suppressed) {
            withheld++;
            expect([s.cell.people, s.cell.credits, s.cell.points], `${context} ${s.name}`).toEqual([null, null, null]);
            continue;
          }
          // Published cells are exact and never describe 1 to 9 people.
          expect(s.cell.people, `${context} ${s.name}`).toBe(s.who.size);
          expect(s.who.size === 0 || s.who.size >= 10, `${context} ${s.name} = ${s.who.size}`).toBe(true);
        }
        const hidden = g.members.filter((m) => m.cell.suppressed);
        if (g.total.cell.suppressed) {
          // The members would add up to the total.
          expect(hidden.length, `${context} ${g.total.name}: withheld total, all members shown`).toBeGreaterThanOrEqual(1);
          continue;
        }
        // The attack: total − every published member, for each figure that adds up in this group.
        const measures: Array<'people' | 'credits' | 'points'> = g.peopleAdditive ? ['people', 'credits', 'points'] : ['credits', 'points'];
        const described = new Set(hidden.flatMap((m) => [...m.who])).size;
        for (const f of measures) {
          attacks++;
          const residual = g.total.cell[f]! - g.members.filter((m) => !m.cell.suppressed).reduce((s, m) => s + m.cell[f]!, 0);
          if (hidden.length === 0) expect(residual, `${context} ${g.total.name} ${f}`).toBe(0);
          if (f === 'people') expect(residual).toBe(described);
          // The residual is the sum over the withheld members: it must describe nobody or ≥ 10 people,
          // and never a single withheld cell.
          expect(described === 0 || described >= 10, `${context} ${g.total.name} − published ${f} describes ${described}`).toBe(true);
          expect(hidden.length === 0 || hidden.length >= 2, `${context} ${g.total.name}: a single withheld member`).toBe(true);
        }
      }
      // Chains of groups (rows and columns together) fix no withheld cell either.
      expect(pinnedCells(groups), context).toEqual([]);
      // The province and the domain view of the nation agree with each other and with the people.
      if (!out.national.suppressed) expect(out.national.people).toBe(people.length);
    }
    expect(withheld).toBeGreaterThan(1000);
    expect(attacks).toBeGreaterThan(10_000);
  });

  it('is deterministic: the same counts in another order publish the same pattern', () => {
    const rand = mulberry32(7);
    for (let t = 0; t < 50; t++) {
      const { codes, people } = randomPeople(rand);
      const rows = countsOf(codes, people);
      expect(publishYear(codes, [...rows].reverse())).toEqual(publishYear(codes, rows));
    }
  });

  it('suppresses the 77-province table quickly', () => {
    const rand = mulberry32(77);
    const codes = Array.from({ length: 77 }, (_, i) => String(10 + i));
    const people: Person[] = [];
    for (const code of codes) {
      const n = rand() < 0.5 ? Math.floor(rand() * 12) : 10 + Math.floor(rand() * 200);
      for (let i = 0; i < n; i++)
        people.push({ id: people.length, province: code, deeds: { health: { credits: 1, points: 70 }, ...(rand() < 0.1 ? { safety: { credits: 1, points: 30 } } : {}) } });
    }
    const started = performance.now();
    const out = publishYear(codes, countsOf(codes, people));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(pinnedCells(groupsOf(out, people))).toEqual([]);
    expect(shown(out.national)).toBe(people.length);
  });
});
