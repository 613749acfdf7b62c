// How a published figure is shown. A withheld cell is never a number: the API does not say whether
// it was withheld for being small or to protect another cell (saying so would let a reader work a
// small figure out), so every withheld cell reads the same.
import type { Lang } from '../../i18n';
import { formatNumber } from '../../lib/format';
import type { Cell } from './api';

export type Measure = 'people' | 'credits' | 'points';
export const MEASURES: readonly Measure[] = ['people', 'credits', 'points'];

/** The figure, or undefined when it is withheld. */
export const figureOf = (cell: Cell, measure: Measure): number | undefined => (cell.suppressed ? undefined : (cell[measure] ?? undefined));

/**
 * Colour classes for the map: `minimum` and then up to three nice breaks (1–2–5 steps) below the
 * largest published value, so that classes read as round numbers. Returns the lower bounds.
 */
export function classBreaks(values: readonly number[], minimum: number): number[] {
  const published = values.filter((v) => v >= minimum);
  if (published.length === 0) return [];
  const max = Math.max(...published);
  const nice: number[] = [];
  for (let step = 10 ** Math.floor(Math.log10(Math.max(1, minimum))); step <= max; step *= 10)
    for (const m of [1, 2, 5]) {
      const n = m * step;
      if (n > minimum && n <= max) nice.push(n);
    }
  const inner = nice.length <= 3 ? nice : [0, 1, 2].map((i) => nice[Math.round(((i + 1) * (nice.length - 1)) / 3)]!);
  return [minimum, ...new Set(inner)];
}

/** Which class (0-based) a published value falls in, for breaks from classBreaks. */
export function classOf(value: number, breaks: readonly number[]): number {
  let k = 0;
  for (let i = 0; i < breaks.length; i++) if (value >= breaks[i]!) k = i;
  return k;
}

/** "10–19", "50 ขึ้นไป / 50 or more" for each class. */
export function classLabels(breaks: readonly number[], lang: Lang, orMore: (n: string) => string): string[] {
  return breaks.map((b, i) => {
    const next = breaks[i + 1];
    return next === undefined ? orMore(formatNumber(b, lang)) : b === next - 1 ? formatNumber(b, lang) : `${formatNumber(b, lang)}–${formatNumber(next - 1, lang)}`;
  });
}

export type SortKey = 'name' | Measure;

/**
 * Provinces in table order. Withheld figures sort after every published one in both directions:
 * placing them among the numbers would suggest a value.
 */
export function sortProvinces<T extends Cell & { name: { th: string; en: string } }>(rows: readonly T[], key: SortKey, ascending: boolean, lang: Lang): T[] {
  const collator = new Intl.Collator(lang === 'th' ? 'th' : 'en');
  const name = (r: T) => (lang === 'en' ? r.name.en : r.name.th);
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * collator.compare(name(a), name(b));
    const va = figureOf(a, key);
    const vb = figureOf(b, key);
    if (va === undefined || vb === undefined) return va === vb ? collator.compare(name(a), name(b)) : va === undefined ? 1 : -1;
    return sign * (va - vb) || collator.compare(name(a), name(b));
  });
}
