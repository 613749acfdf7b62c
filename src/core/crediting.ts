// Decides what one attested deed is worth, given what the person already has. Pure: the caller
// gathers the history from storage inside the same transaction.
import type { IndicatorDefinition, Domain } from './catalogue.js';
import type { RejectionCode } from './errors.js';

export interface DeedHistory {
  /** Credited occurrences of this indicator in the deed's Bangkok year. */
  countThisYear: number;
  /** Points credited for this indicator in the deed's Bangkok year. */
  pointsThisYear: number;
  /** Whole days between this deed and the closest credited deed of this indicator, or null. */
  nearestCreditedGapDays: number | null;
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

export function evaluateDeed(def: IndicatorDefinition, quantity: number, history: DeedHistory): Evaluation {
  if (history.sameActAlreadyRecorded) return { outcome: 'reject', reason: 'duplicate_deed' };
  const caps = def.caps;
  if (caps.oncePerLifetime && history.everCredited) return { outcome: 'reject', reason: 'cap_exceeded' };
  if (caps.maxPerYear !== undefined && history.countThisYear >= caps.maxPerYear) return { outcome: 'reject', reason: 'cap_exceeded' };
  if (caps.minIntervalDays !== undefined && history.nearestCreditedGapDays !== null && history.nearestCreditedGapDays < caps.minIntervalDays)
    return { outcome: 'reject', reason: 'cap_exceeded' };
  let points = basePoints(def, quantity);
  if (caps.maxPointsPerYear !== undefined) points = Math.min(points, caps.maxPointsPerYear - history.pointsThisYear);
  if (points <= 0) return { outcome: 'reject', reason: 'cap_exceeded' };
  return { outcome: 'credit', points };
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
