// What a person may declare themself and how a chosen day becomes the deed's time: pure functions,
// typed from the API's own indicator shape, so they are tested without a browser.
import type { paths } from '../../api/client';

export type Indicator = paths['/api/v1/indicators']['get']['responses'][200]['content']['application/json']['items'][number];
type Account = { kind: Indicator['accountKinds'][number]; areaCode: string };
type Localised = Indicator['name'];

/** Self-declarable indicators for this account: its kind, and a local catalogue only for its residents. */
export function declarable(items: readonly Indicator[], account: Account): Indicator[] {
  return items.filter((i) => i.selfDeclarable && i.accountKinds.includes(account.kind) && (i.owner.kind !== 'local' || account.areaCode.startsWith(i.owner.area)));
}

export interface DeedGroup {
  /** `virtue:<code>` for a local catalogue's virtue, `domain:<code>` otherwise. */
  key: string;
  virtue: Localised | null;
  domain: Indicator['domain'];
  items: Indicator[];
}

/** Grouped by virtue where the catalogue has them (Nong Sarai), by domain otherwise; groups in first-seen order. */
export function groupDeeds(items: readonly Indicator[]): DeedGroup[] {
  const groups = new Map<string, DeedGroup>();
  for (const i of items) {
    const key = i.virtue ? `virtue:${i.virtue.code}` : `domain:${i.domain}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, virtue: i.virtue?.name ?? null, domain: i.domain, items: [] };
      groups.set(key, g);
    }
    g.items.push(i);
  }
  return [...groups.values()];
}

/** Today's date in Bangkok as YYYY-MM-DD (the latest day a deed may be dated). */
export function bangkokToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00+07:00`).getTime());

/**
 * The deed's time for a chosen day: noon in Bangkok, or the start of the day when noon has not come
 * yet (a deed is never dated after the moment it is declared). Only the day counts for the rules.
 */
export function occurredAtFor(day: string, now = new Date()): string {
  const noon = `${day}T12:00:00+07:00`;
  return new Date(noon).getTime() <= now.getTime() ? noon : `${day}T00:00:00+07:00`;
}

/** Hours in quarter steps, more than zero and at most a day (the API's rule). */
export const isValidHours = (h: number) => Number.isFinite(h) && h > 0 && h <= 24 && Number.isInteger(h * 4);

/** Points the deed earns before caps: per occurrence, or per hour rounded down. */
export const deedPoints = (i: Pick<Indicator, 'unit' | 'points'>, hours: number) => (i.unit === 'occurrence' ? i.points : Math.floor(i.points * hours));

/** A reference for one declaration attempt: random, printable ASCII (works without a secure context). */
export function newRef(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
