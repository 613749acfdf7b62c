// Decides what one attested deed is worth, given what the person already has. Pure: the caller
// gathers the history from storage inside the same transaction.
import { addCalendarDays, bangkokDay, bangkokDayStart } from './calendar.js';
import { deedWindowDays, type AccountKind, type IndicatorDefinition, type Domain } from './catalogue.js';
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

/** The cap named to people and clients in `cap_exceeded` details. */
export type CapName = 'lifetime' | 'per_year' | 'min_interval' | 'points_per_year';

const CAP_NAMES: Record<CapKind, CapName> = { oncePerLifetime: 'lifetime', maxPerYear: 'per_year', minIntervalDays: 'min_interval', maxPointsPerYear: 'points_per_year' };

/**
 * The first day on or after which every reached cap allows the deed again: the interval ends
 * `minIntervalDays` after the latest credited deed within it; yearly caps reset on 1 January.
 */
export function nextEligibleDay(def: Pick<IndicatorDefinition, 'caps'>, day: string, history: DeedHistory, caps: readonly CapKind[]): string | undefined {
  if (caps.length === 0 || caps.includes('oncePerLifetime')) return undefined;
  const candidates: string[] = [];
  if (caps.includes('minIntervalDays') && def.caps.minIntervalDays !== undefined && history.latestCreditedDayWithinInterval)
    candidates.push(addCalendarDays(history.latestCreditedDayWithinInterval, def.caps.minIntervalDays));
  if (caps.includes('maxPerYear') || caps.includes('maxPointsPerYear')) candidates.push(`${Number(day.slice(0, 4)) + 1}-01-01`);
  return candidates.sort().at(-1);
}

export interface CapDetails {
  /** The cap that decides when the deed is possible again (lifetime wins: never). */
  cap: CapName;
  /** Every cap reached, in the order they are checked. */
  caps: CapName[];
  /** First Bangkok day the deed is possible again; null when never (once in a lifetime). */
  nextEligibleOn: string | null;
}

/** Why a deed on `day` met a cap: which one, and from when it is possible again. */
export function capDetails(def: Pick<IndicatorDefinition, 'caps'>, day: string, history: DeedHistory): CapDetails {
  const reached = reachedCaps(def, history);
  // Reached only through the points left being zero: the indicator's yearly points cap.
  const kinds: CapKind[] = reached.length > 0 ? reached : ['maxPointsPerYear'];
  const next = nextEligibleDay(def, day, history, kinds) ?? null;
  // The cap whose own end comes last is the one the person waits for; once in a lifetime is never.
  const endOf = (k: CapKind): string => nextEligibleDay(def, day, history, [k]) ?? '9999-12-31';
  const decisive = kinds.includes('oncePerLifetime') ? 'oncePerLifetime' : kinds.reduce((best, k) => (endOf(k) > endOf(best) ? k : best));
  return { cap: CAP_NAMES[decisive], caps: kinds.map((k) => CAP_NAMES[k]), nextEligibleOn: next };
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

/** Why a credit is smaller than the rule's points: the account's yearly ceiling or the indicator's own yearly points cap. */
export type CutReason = 'yearly_ceiling' | 'indicator_points_cap';

export type CeilingFit =
  | { outcome: 'credit'; points: number; pointsRequested: number; cutReason: CutReason | null }
  | { outcome: 'reject'; reason: 'yearly_ceiling_reached'; pointsRequested: number };

/**
 * A credit cut to what the year still holds under the account's scale maximum (1,000 for a person,
 * 5,000 for a community or organisation), so the year's credits never sum past it: the score is the
 * sum of its credits, the domains add up to it, and the exchangeable balance never holds more.
 * `nominal` is what the rule gives before any cap; `points` what the indicator's caps leave of it.
 */
export function fitToCeiling(c: { nominal: number; points: number; earnedThisYear: number; max: number }): CeilingFit {
  const room = Math.max(0, c.max - c.earnedThisYear);
  if (room === 0) return { outcome: 'reject', reason: 'yearly_ceiling_reached', pointsRequested: c.nominal };
  if (c.points > room) return { outcome: 'credit', points: room, pointsRequested: c.nominal, cutReason: 'yearly_ceiling' };
  return { outcome: 'credit', points: c.points, pointsRequested: c.nominal, cutReason: c.points < c.nominal ? 'indicator_points_cap' : null };
}

/** Default grace period after 31 December (Bangkok) during which a year still takes credits. */
export const DEFAULT_YEAR_GRACE_DAYS = 60;

/** The Bangkok day from which year `year` takes no new credits: 1 January of the next year plus the grace days. */
export function yearClosesOn(year: number, graceDays: number): string {
  return addCalendarDays(`${year + 1}-01-01`, graceDays);
}

export type TimelinessRefusal =
  | { code: 'deed_too_old'; details: { windowDays: number; earliestAccepted: string; deedDay: string } }
  | { code: 'year_closed'; details: { year: number; closedOn: string; graceDays: number } };

/**
 * Whether a deed of Bangkok day `deedDay` is still accepted when declared or attested at `submittedAt`:
 * not older than the indicator's window (committee-set, default 365 days) and not in a year closed
 * after the committee's grace period. Judged by the submission, not the decision: a deed declared in
 * time and waiting for its certifier is not lost when its year closes meanwhile.
 */
export function timelinessRefusal(def: Pick<IndicatorDefinition, 'maxDeedAgeDays'>, deedDay: string, submittedAt: Date, graceDays: number): TimelinessRefusal | undefined {
  const today = bangkokDay(submittedAt);
  const windowDays = deedWindowDays(def);
  const earliestAccepted = addCalendarDays(today, -windowDays);
  if (deedDay < earliestAccepted) return { code: 'deed_too_old', details: { windowDays, earliestAccepted, deedDay } };
  const year = Number(deedDay.slice(0, 4));
  const closedOn = yearClosesOn(year, graceDays);
  if (submittedAt.getTime() >= bangkokDayStart(closedOn).getTime()) return { code: 'year_closed', details: { year, closedOn, graceDays } };
  return undefined;
}
