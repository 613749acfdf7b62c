// Small-count suppression for published statistics: no published cell describes fewer than
// `minimum` people, and no cell that is withheld can be recovered by subtracting published cells.
//
// A table is a set of cells (people, credits, points) and groups: a group says that its total is
// the sum of its members. Credits and points always add up; people add up only when every person of
// the total is in exactly one member (provinces of the nation; the provinces of one domain), not
// when a person can be in several members (the five domains of a province or of the nation).
//
// 1. Primary: a cell describing 1 to minimum−1 people is withheld (0 is published: it describes
//    nobody).
// 2. Complementary, per group, until nothing changes: when a group has withheld cells, the withheld
//    cells of the group must be at least two, and if its total is published, they must together
//    describe at least `minimum` people (total − the published members reveals their sum, and that
//    sum of credits or points describes everyone in them). Cells are added smallest first; if no
//    member is left, the total is withheld.
// 3. Audit: the withheld cells are unknowns of the linear system of every group. Per-group rules
//    cannot see chains of groups (two rows and two columns whose sums pin a fifth cell), so any
//    withheld cell the whole system determines gets a further complement, and steps 2–3 repeat.
//
// Pure: no I/O, deterministic (ties are broken by key), so the same data always publishes the same
// pattern and a pattern never depends on the order of a query's rows.

export const MINIMUM_COUNT = 10;

export interface CellCounts {
  people: number;
  credits: number;
  points: number;
}

export interface Group {
  total: string;
  members: readonly string[];
  /** Every person counted in the total is counted in exactly one member, so people add up. */
  peopleAdditive: boolean;
}

export class InconsistentTableError extends Error {}

/** The keys of the cells to withhold. */
export function suppressCells(cells: ReadonlyMap<string, CellCounts>, groups: readonly Group[], minimum = MINIMUM_COUNT): Set<string> {
  if (!Number.isInteger(minimum) || minimum < 1) throw new RangeError('minimum must be a positive integer');
  checkConsistent(cells, groups);
  const counts = (key: string) => cells.get(key)!;
  const hidden = new Set<string>();
  for (const [key, c] of cells) if (c.people > 0 && c.people < minimum) hidden.add(key);

  const smallestVisible = (keys: Iterable<string>): string | undefined => {
    let best: string | undefined;
    for (const k of keys) {
      if (hidden.has(k) || counts(k).people === 0) continue;
      if (best === undefined || compareCells(k, counts(k), best, counts(best)) < 0) best = k;
    }
    return best;
  };

  /** The cell to withhold next for this group, or undefined if the group is safe. */
  const complementFor = (g: Group): string | undefined => {
    const totalHidden = hidden.has(g.total);
    const withheld = g.members.filter((m) => hidden.has(m));
    if (!totalHidden && withheld.length === 0) return undefined;
    if (totalHidden) return withheld.length >= 1 ? undefined : smallestVisible(g.members);
    if (withheld.length >= 2 && describedAtLeast(g, withheld, counts) >= minimum) return undefined;
    return smallestVisible(g.members) ?? g.total;
  };

  const protectGroups = () => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const g of groups) {
        const next = complementFor(g);
        if (next !== undefined && !hidden.has(next)) {
          hidden.add(next);
          changed = true;
        }
      }
    }
  };

  for (;;) {
    protectGroups();
    const pinned = determinedUnknowns(groups, hidden);
    if (pinned.length === 0) return hidden;
    // Withhold the smallest visible cell that shares a group with a pinned cell; when none has one
    // (its groups are all withheld or zero), the smallest visible cell anywhere. With every non-zero
    // cell withheld nothing is pinned (the only solution of the zero system is zero), so this ends.
    const near = new Set<string>();
    for (const g of groups) if ([g.total, ...g.members].some((k) => pinned.includes(k))) for (const k of [g.total, ...g.members]) near.add(k);
    const next = smallestVisible(near) ?? smallestVisible(cells.keys());
    if (next === undefined) return hidden;
    hidden.add(next);
  }
}

/** How many people the withheld members of a group at least describe together (its total is published). */
function describedAtLeast(g: Group, withheld: readonly string[], counts: (k: string) => CellCounts): number {
  const sum = withheld.reduce((s, k) => s + counts(k).people, 0);
  if (g.peopleAdditive) return sum;
  // People may be in several members: the union is at least the largest member, and at least the
  // people of the total that the published members cannot account for.
  const largest = Math.max(...withheld.map((k) => counts(k).people));
  const published = g.members.filter((m) => !withheld.includes(m)).reduce((s, k) => s + counts(k).people, 0);
  return Math.max(largest, counts(g.total).people - published);
}

function compareCells(ka: string, a: CellCounts, kb: string, b: CellCounts): number {
  return a.people - b.people || a.credits - b.credits || a.points - b.points || (ka < kb ? -1 : ka > kb ? 1 : 0);
}

function checkConsistent(cells: ReadonlyMap<string, CellCounts>, groups: readonly Group[]): void {
  for (const [key, c] of cells) {
    for (const v of [c.people, c.credits, c.points]) if (!Number.isSafeInteger(v) || v < 0) throw new InconsistentTableError(`${key}: counts must be non-negative integers`);
    if (c.people === 0 && c.credits !== 0) throw new InconsistentTableError(`${key}: credits without people`);
    if (c.credits < c.people) throw new InconsistentTableError(`${key}: fewer credits than people`);
  }
  for (const g of groups) {
    const keys = [g.total, ...g.members];
    const missing = keys.find((k) => !cells.has(k));
    if (missing !== undefined) throw new InconsistentTableError(`group ${g.total}: no cell ${missing}`);
    if (new Set(keys).size !== keys.length) throw new InconsistentTableError(`group ${g.total}: a cell appears twice`);
    const t = cells.get(g.total)!;
    const ms = g.members.map((m) => cells.get(m)!);
    const sum = (f: keyof CellCounts) => ms.reduce((s, m) => s + m[f], 0);
    if (sum('credits') !== t.credits || sum('points') !== t.points) throw new InconsistentTableError(`group ${g.total}: credits or points do not add up`);
    const people = sum('people');
    const largest = Math.max(0, ...ms.map((m) => m.people));
    if (g.peopleAdditive ? people !== t.people : t.people > people || t.people < largest) throw new InconsistentTableError(`group ${g.total}: people do not add up`);
  }
}

// A prime below 2^26, so that a product of two residues stays an exact double.
const P = 67_108_859;

function inverse(a: number): number {
  // Fermat: a^(P−2) mod P, by squaring (every intermediate product < 2^52).
  let result = 1;
  let base = a % P;
  for (let e = P - 2; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = (result * base) % P;
    base = (base * base) % P;
  }
  return result;
}

/**
 * The withheld cells whose value the groups' equations (total − Σ members = 0, published cells
 * known) fix uniquely: a cell is fixed when its column is a pivot of the reduced row echelon form
 * whose row has no other unknown. Computed modulo a prime; the statistics groups form a network
 * matrix (each cell is a member of at most one row-like and one column-like group), which is
 * totally unimodular, so the rank modulo any prime equals the rank over the rationals.
 */
export function determinedUnknowns(groups: readonly Group[], unknown: ReadonlySet<string>): string[] {
  const keys = [...unknown].sort();
  const col = new Map(keys.map((k, i) => [k, i]));
  const rows: number[][] = [];
  for (const g of groups) {
    const row = new Array<number>(keys.length).fill(0);
    let any = false;
    const add = (k: string, v: number) => {
      const c = col.get(k);
      if (c === undefined) return;
      row[c] = (row[c]! + v + P) % P;
      any = true;
    };
    add(g.total, 1);
    for (const m of g.members) add(m, -1);
    if (any) rows.push(row);
  }
  const pivotRowOf = new Map<number, number[]>();
  let r = 0;
  for (let c = 0; c < keys.length && r < rows.length; c++) {
    const found = rows.findIndex((row, i) => i >= r && row[c] !== 0);
    if (found < 0) continue;
    [rows[r], rows[found]] = [rows[found]!, rows[r]!];
    const pivot = rows[r]!;
    const inv = inverse(pivot[c]!);
    for (let j = 0; j < keys.length; j++) pivot[j] = (pivot[j]! * inv) % P;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (i === r || row[c] === 0) continue;
      const f = row[c]!;
      for (let j = 0; j < keys.length; j++) row[j] = (((row[j]! - f * pivot[j]!) % P) + P) % P;
    }
    pivotRowOf.set(c, pivot);
    r++;
  }
  const out: string[] = [];
  for (const [c, row] of pivotRowOf) if (row.every((v, j) => j === c || v === 0)) out.push(keys[c]!);
  return out.sort();
}
