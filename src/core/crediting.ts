// Decides what one attested deed is worth, given what the person already has. Pure: the caller
// gathers the history from storage inside the same transaction.
import type { AccountKind, IndicatorDefinition, Domain } from './catalogue.js';
import type { RejectionCode } from './errors.js';

export interface DeedHistory {
  /** Credited occurrences of this indicator in the deed's Bangkok year. */
  countThisYear: number;
  /** Points credited for this indicator in the deed's Bangkok year. */
  pointsThisYear: number;
  /**
   * Whole Bangkok calendar days between this deed's day and the closest credited deed of this
   * indicator that is fewer than the minimum interval away, or null. Days, not hours: a deed is
   * possible again from the first minute of the day the interval ends.
   */
  nearestCreditedGapDays: number | null;
  /** The latest Bangkok day of such a credited deed (what a new deed has to wait for), or null. */
  latestCreditedDayWithinInterval: string | null;
  everCredited: boolean;
  /** Another credited or pending deed of the same equivalence group on the same Bangkok day. */
  sameActAlreadyRecorded: boolean;
}

export type Evaluation = { outcome: 'credit'; points: number } | { outcome: 'reject'; reason: RejectionCode };

export function isValidQuantity(def: Pick<IndicatorDefinition, 'unit'>, quantity: number): boolean {
  if (def.unit === 'occurrence') return quantity === 1;
  // Hours in quarter steps, at most one day per attestation.
  return quantity > 0 && quantity <= 24 && Number.isInteger(quantity * 4);
}

export function basePoints(def: Pick<IndicatorDefinition, 'unit' | 'points'>, quantity: number): number {
  return def.unit === 'occurrence' ? def.points : Math.floor(def.points * quantity);
}

export type CapKind = 'oncePerLifetime' | 'maxPerYear' | 'minIntervalDays' | 'maxPointsPerYear';

/** Every cap of the indicator that the history has already reached, in the order they are checked. */
export function reachedCaps(def: Pick<IndicatorDefinition, 'caps'>, history: DeedHistory): CapKind[] {
  const caps = def.caps;
  const reached: CapKind[] = [];
  if (caps.oncePerLifetime && history.everCredited) reached.push('oncePerLifetime');
  if (caps.maxPerYear !== undefined && history.countThisYear >= caps.maxPerYear) reached.push('maxPerYear');
  if (caps.minIntervalDays !== undefined && history.nearestCreditedGapDays !== null && history.nearestCreditedGapDays < caps.minIntervalDays) reached.push('minIntervalDays');
  if (caps.maxPointsPerYear !== undefined && history.pointsThisYear >= caps.maxPointsPerYear) reached.push('maxPointsPerYear');
  return reached;
}

export function evaluateDeed(def: IndicatorDefinition, quantity: number, history: DeedHistory): Evaluation {
  if (history.sameActAlreadyRecorded) return { outcome: 'reject', reason: 'duplicate_deed' };
  if (reachedCaps(def, history).length > 0) return { outcome: 'reject', reason: 'cap_exceeded' };
  let points = basePoints(def, quantity);
  if (def.caps.maxPointsPerYear !== undefined) points = Math.min(points, def.caps.maxPointsPerYear - history.pointsThisYear);
  if (points <= 0) return { outcome: 'reject', reason: 'cap_exceeded' };
  return { outcome: 'credit', points };
}

/** Who the deed is for, as far as the rule cares: kind, home area, and consent to the rule's data class. */
export interface DeedSubject {
  kind: AccountKind;
  areaCode: string;
  /** A live consent for the indicator's sensitive purpose (ignored when it has none). */
  hasConsent: boolean;
}

export type SubjectBarrier = 'not_applicable_kind' | 'not_applicable_area' | 'consent_missing';

/** Why the indicator cannot be credited to this subject at all, whatever their history; undefined if it can. */
export function subjectBarrier(def: Pick<IndicatorDefinition, 'accountKinds' | 'owner' | 'sensitive'>, subject: DeedSubject): SubjectBarrier | undefined {
  if (!def.accountKinds.includes(subject.kind)) return 'not_applicable_kind';
  // A local catalogue is for the residents of its area.
  if (def.owner.kind === 'local' && !subject.areaCode.startsWith(def.owner.area)) return 'not_applicable_area';
  // Sensitive data without its consent is never kept against the person.
  if (def.sensitive && !subject.hasConsent) return 'consent_missing';
  return undefined;
}

export interface ScoredCredit {
  points: number;
  domain: Domain;
}

export interface YearScore {
  points: number;
  earned: number;
  max: number;
  byDomain: Record<Domain, number>;
}

/** A year's score: the sum of its credits, clamped to the account's scale. */
export function scoreYear(credits: readonly ScoredCredit[], max: number): YearScore {
  const byDomain: Record<Domain, number> = { health: 0, learning: 0, community: 0, safety: 0, environment: 0 };
  let earned = 0;
  for (const c of credits) {
    earned += c.points;
    byDomain[c.domain] += c.points;
  }
  return { points: Math.min(earned, max), earned, max, byDomain };
}

/**
 * The score of every year from `from` to `to` (inclusive, ascending), from credits already summed per
 * year and domain. A year with a credit outside the range widens it, so no credited year is hidden.
 */
export function scoreYears(credits: readonly (ScoredCredit & { year: number })[], max: number, from: number, to: number): Array<YearScore & { year: number }> {
  let lo = from;
  let hi = to;
  for (const c of credits) {
    lo = Math.min(lo, c.year);
    hi = Math.max(hi, c.year);
  }
  const byYear = new Map<number, ScoredCredit[]>();
  for (const c of credits) byYear.set(c.year, [...(byYear.get(c.year) ?? []), c]);
  const out: Array<YearScore & { year: number }> = [];
  for (let year = lo; year <= hi; year++) out.push({ year, ...scoreYear(byYear.get(year) ?? [], max) });
  return out;
}
