import { describe, expect, it } from 'vitest';
import { determinedUnknowns, InconsistentTableError, suppressCells, type CellCounts, type Group } from './suppression.js';

/** Cells from `key: people` (credits = 2 × people, points = 30 × credits unless given). */
function table(people: Record<string, number | CellCounts>): Map<string, CellCounts> {
  return new Map(Object.entries(people).map(([k, v]) => [k, typeof v === 'number' ? { people: v, credits: 2 * v, points: 60 * v } : v]));
}
const additive = (total: string, members: string[]): Group => ({ total, members, peopleAdditive: true });
const overlapping = (total: string, members: string[]): Group => ({ total, members, peopleAdditive: false });
const sorted = (s: Set<string>) => [...s].sort();

describe('suppressCells: one additive group', () => {
  it('publishes everything when no cell is small', () => {
    expect(sorted(suppressCells(table({ T: 30, a: 10, b: 20 }), [additive('T', ['a', 'b'])]))).toEqual([]);
  });

  it('publishes zeros: a zero describes nobody', () => {
    expect(sorted(suppressCells(table({ T: 25, a: 25, b: 0 }), [additive('T', ['a', 'b'])]))).toEqual([]);
  });

  it('withholds a cell of 1 to 9 people', () => {
    for (const n of [1, 5, 9]) expect(suppressCells(table({ T: 40 + n, a: n, b: 20, c: 20 }), [additive('T', ['a', 'b', 'c'])]).has('a')).toBe(true);
  });

  it('publishes a cell of exactly 10', () => {
    expect(sorted(suppressCells(table({ T: 30, a: 10, b: 20 }), [additive('T', ['a', 'b'])]))).toEqual([]);
  });

  it('adds the smallest other cell as a complement, so total − the rest reveals no small number', () => {
    expect(sorted(suppressCells(table({ T: 40, a: 3, b: 12, c: 25 }), [additive('T', ['a', 'b', 'c'])]))).toEqual(['a', 'b']);
  });

  it('takes complements smallest first', () => {
    expect(sorted(suppressCells(table({ T: 100, a: 2, b: 50, c: 15, d: 33 }), [additive('T', ['a', 'b', 'c', 'd'])]))).toEqual(['a', 'c']);
  });

  it('is satisfied by two small cells that together describe 10 people', () => {
    expect(sorted(suppressCells(table({ T: 40, a: 4, b: 6, c: 30 }), [additive('T', ['a', 'b', 'c'])]))).toEqual(['a', 'b']);
  });

  it('adds a third cell when two small cells together describe fewer than 10 people', () => {
    expect(sorted(suppressCells(table({ T: 40, a: 3, b: 4, c: 33 }), [additive('T', ['a', 'b', 'c'])]))).toEqual(['a', 'b', 'c']);
  });

  it('adds more than one complement when needed', () => {
    expect(sorted(suppressCells(table({ T: 60, a: 1, b: 2, c: 3, d: 54 }), [additive('T', ['a', 'b', 'c', 'd'])]))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('never takes a zero cell as a complement (it would protect nothing)', () => {
    expect(sorted(suppressCells(table({ T: 30, a: 5, z: 0, b: 25 }), [additive('T', ['a', 'z', 'b'])]))).toEqual(['a', 'b']);
  });

  it('breaks ties by credits, then points, then key', () => {
    const cells = table({ T: { people: 27, credits: 56, points: 1680 }, a: 3, b: { people: 12, credits: 30, points: 900 }, c: { people: 12, credits: 20, points: 600 } });
    expect(sorted(suppressCells(cells, [additive('T', ['a', 'b', 'c'])]))).toEqual(['a', 'c']);
    const same = table({ T: 3 + 12 + 12, a: 3, c: 12, b: 12 });
    expect(sorted(suppressCells(same, [additive('T', ['a', 'b', 'c'])]))).toEqual(['a', 'b']);
  });

  it('withholds a small total and its small members alike', () => {
    expect(sorted(suppressCells(table({ T: 8, a: 3, b: 5 }), [additive('T', ['a', 'b'])]))).toEqual(['T', 'a', 'b']);
  });

  it('is content with a withheld total and one withheld member (their difference is the published rest)', () => {
    expect(sorted(suppressCells(table({ T: 5, a: 5, z: 0 }), [additive('T', ['a', 'z'])]))).toEqual(['T', 'a']);
  });

  it('withholds the total when a withheld member has no other non-zero member beside it', () => {
    // a (15) is withheld to protect b in G2; in G1 it is the only non-zero member, so T1 = a would give it away.
    const cells = table({ T1: 15, a: 15, z: 0, T2: 20, b: 5 });
    const groups = [additive('T1', ['a', 'z']), additive('T2', ['a', 'b'])];
    expect(sorted(suppressCells(cells, groups))).toEqual(['T1', 'a', 'b']);
  });

  it('withholds a member when only the total is withheld (else the members add up to it)', () => {
    // x is small; N = T + x, so T is withheld beside it; T's own members would then give T away.
    const groups = [additive('N', ['T', 'x']), additive('T', ['u', 'v'])];
    expect(sorted(suppressCells(table({ N: 25, T: 20, x: 5, u: 10, v: 10 }), groups))).toEqual(['T', 'u', 'x']);
  });

  it('stops when a withheld total and a withheld member protect each other', () => {
    // u (2) is withheld; T − u = v is published, so T and u stay unknown (as does T + x = N − y).
    const groups = [additive('N', ['T', 'x', 'y']), additive('T', ['u', 'v'])];
    expect(sorted(suppressCells(table({ N: 40, T: 12, x: 5, y: 23, u: 2, v: 10 }), groups))).toEqual(['T', 'u', 'x']);
    expect(sorted(suppressCells(table({ N: 30, T: 15, x: 5, y: 10, u: 7, v: 8 }), groups))).toEqual(['u', 'v', 'x', 'y']);
  });

  it('honours another minimum', () => {
    expect(sorted(suppressCells(table({ T: 40, a: 4, b: 6, c: 30 }), [additive('T', ['a', 'b', 'c'])], 5))).toEqual(['a', 'b']);
    expect(sorted(suppressCells(table({ T: 40, a: 4, b: 6, c: 30 }), [additive('T', ['a', 'b', 'c'])], 3))).toEqual([]);
    expect(() => suppressCells(table({ T: 1, a: 1 }), [additive('T', ['a'])], 0)).toThrow(RangeError);
  });
});

describe('suppressCells: people in several members', () => {
  it('counts withheld members of an overlapping group by their largest, not their sum', () => {
    // 6 + 5 people may be the same 6 people: withholding only a and b could describe 6.
    const members = ['a', 'b', 'c'];
    const overlap = table({ T: { people: 20, credits: 52, points: 1560 }, a: 6, b: 5, c: 15 });
    expect(sorted(suppressCells(overlap, [overlapping('T', members)]))).toEqual(['a', 'b', 'c']);
    const disjoint = table({ T: 26, a: 6, b: 5, c: 15 });
    expect(sorted(suppressCells(disjoint, [additive('T', members)]))).toEqual(['a', 'b']);
  });

  it('uses the people of the total the published members cannot account for', () => {
    // a and b are withheld; c (5) published: at least 30 − 5 = 25 people are in a or b.
    const cells = table({ T: { people: 30, credits: 2 * (4 + 26 + 5), points: 60 * (4 + 26 + 5) }, a: 4, b: 26, c: 5 });
    expect(sorted(suppressCells(cells, [overlapping('T', ['a', 'b', 'c'])]))).toEqual(['a', 'b', 'c']);
    const wide = table({ T: { people: 30, credits: 2 * (4 + 26 + 12), points: 60 * (4 + 26 + 12) }, a: 4, b: 26, c: 12 });
    expect(sorted(suppressCells(wide, [overlapping('T', ['a', 'b', 'c'])]))).toEqual(['a', 'c']);
  });
});

describe('suppressCells: tables', () => {
  /** An r × c table with additive rows, columns and a grand total; cells from the matrix. */
  function grid(m: number[][]) {
    const cells = new Map<string, CellCounts>();
    const groups: Group[] = [];
    const put = (k: string, people: number): void => {
      cells.set(k, { people, credits: 2 * people, points: 60 * people });
    };
    const rows = m.length;
    const cols = m[0]!.length;
    const at = (i: number, j: number) => m[i]![j]!;
    const keys = (n: number, f: (x: number) => string) => Array.from({ length: n }, (_, x) => f(x));
    let grand = 0;
    for (let i = 0; i < rows; i++) {
      let row = 0;
      for (let j = 0; j < cols; j++) {
        put(`c${i}${j}`, at(i, j));
        row += at(i, j);
      }
      put(`r${i}`, row);
      grand += row;
      groups.push(
        additive(
          `r${i}`,
          keys(cols, (j) => `c${i}${j}`),
        ),
      );
    }
    for (let j = 0; j < cols; j++) {
      let col = 0;
      for (let i = 0; i < rows; i++) col += at(i, j);
      put(`k${j}`, col);
      groups.push(
        additive(
          `k${j}`,
          keys(rows, (i) => `c${i}${j}`),
        ),
      );
    }
    put('G', grand);
    groups.push(
      additive(
        'G',
        keys(rows, (i) => `r${i}`),
      ),
      additive(
        'G',
        keys(cols, (j) => `k${j}`),
      ),
    );
    return { cells, groups };
  }

  it('iterates over rows and columns: a complement in a row needs its own complement in its column', () => {
    const { cells, groups } = grid([
      [3, 20, 30],
      [40, 50, 60],
      [70, 80, 90],
    ]);
    // c00 small → row 0 takes c01 (20) and column 0 takes c10 (40); column 1 then needs c11 (50), and row 1 is satisfied.
    expect(sorted(suppressCells(cells, groups))).toEqual(['c00', 'c01', 'c10', 'c11']);
  });

  it('finds a cell pinned by a chain of groups and protects it', () => {
    // Two 2 × 2 blocks of small cells and c02 between them: every row and column has two or more
    // withheld cells describing ≥ 10 people, yet c02 = r0 − (k0 + k1 − r1) + … is fixed.
    const { cells, groups } = grid([
      [5, 5, 5, 50],
      [5, 5, 50, 50],
      [50, 50, 5, 5],
      [50, 50, 5, 5],
    ]);
    const primaries = ['c00', 'c01', 'c02', 'c10', 'c11', 'c22', 'c23', 'c32', 'c33'];
    expect(determinedUnknowns(groups, new Set(primaries))).toEqual(['c02']);
    const hidden = suppressCells(cells, groups);
    for (const k of primaries) expect(hidden.has(k)).toBe(true);
    expect(determinedUnknowns(groups, hidden)).toEqual([]);
    expect(sorted(hidden)).toEqual([...primaries, 'c03'].sort());
  });
});

describe('determinedUnknowns', () => {
  const g = [additive('T', ['a', 'b'])];
  it('fixes the only unknown of a group', () => expect(determinedUnknowns(g, new Set(['a']))).toEqual(['a']));
  it('fixes nothing with two unknowns in a group', () => {
    expect(determinedUnknowns(g, new Set(['a', 'b']))).toEqual([]);
    expect(determinedUnknowns(g, new Set(['T', 'a']))).toEqual([]);
  });
  it('follows chains of groups', () => {
    const chain = [additive('T1', ['a', 'b']), additive('T2', ['a', 'c'])];
    expect(determinedUnknowns(chain, new Set(['a', 'b']))).toEqual(['a', 'b']);
    expect(determinedUnknowns(chain, new Set(['a', 'b', 'c']))).toEqual([]);
  });
  it('ignores groups without unknowns', () => expect(determinedUnknowns(g, new Set())).toEqual([]));
});

describe('suppressCells refuses a table that does not add up', () => {
  it('credits or points', () => {
    const cells = table({ T: 30, a: 10, b: 20 });
    cells.set('T', { people: 30, credits: 61, points: 1800 });
    expect(() => suppressCells(cells, [additive('T', ['a', 'b'])])).toThrow(InconsistentTableError);
  });
  it('people of an additive group', () => {
    expect(() => suppressCells(table({ T: { people: 31, credits: 60, points: 1800 }, a: 10, b: 20 }), [additive('T', ['a', 'b'])])).toThrow(/people/);
  });
  it('people of an overlapping group outside [largest member, sum]', () => {
    const c = (people: number) => ({ people, credits: 60, points: 1800 });
    const members = table({ a: { people: 10, credits: 20, points: 600 }, b: { people: 20, credits: 40, points: 1200 } });
    expect(() => suppressCells(new Map([...members, ['T', c(31)]]), [overlapping('T', ['a', 'b'])])).toThrow(/people/);
    expect(() => suppressCells(new Map([...members, ['T', c(19)]]), [overlapping('T', ['a', 'b'])])).toThrow(/people/);
    expect(suppressCells(new Map([...members, ['T', c(25)]]), [overlapping('T', ['a', 'b'])]).size).toBe(0);
  });
  it('a missing cell, a repeated cell, negative or fractional counts, credits without people', () => {
    expect(() => suppressCells(table({ T: 10, a: 10 }), [additive('T', ['a', 'x'])])).toThrow(/no cell x/);
    expect(() => suppressCells(table({ T: 20, a: 10 }), [additive('T', ['a', 'a'])])).toThrow(/twice/);
    expect(() => suppressCells(table({ a: { people: -1, credits: 0, points: 0 } }), [])).toThrow(InconsistentTableError);
    expect(() => suppressCells(table({ a: { people: 1.5, credits: 2, points: 0 } }), [])).toThrow(InconsistentTableError);
    expect(() => suppressCells(table({ a: { people: 0, credits: 2, points: 60 } }), [])).toThrow(/credits without people/);
    expect(() => suppressCells(table({ a: { people: 3, credits: 2, points: 60 } }), [])).toThrow(/fewer credits/);
  });
});
