// The exchangeable balance: points earned minus points redeemed, minus points that expired under
// the committee's policy. Redemptions spend the oldest points first, so expiry takes only what was
// never used. Pure: the caller passes the history, the policy and the time.
import { bangkokYear, bangkokYearBounds } from './calendar.js';

export interface ExpiryPolicy {
  /** Points earned in year Y expire at the start of year Y + 1 + yearsValid (Asia/Bangkok). */
  yearsValid: number;
  /** When the policy took effect: nothing whose expiry date is earlier ever expires (no retroactivity). */
  effectiveFrom: Date;
}

export interface BalanceInput {
  earnedByYear: ReadonlyArray<{ year: number; points: number }>;
  /** Chronological; a redemption is positive, a refund negative; `reversal`: what a reversed credit took back. */
  debits: ReadonlyArray<{ at: Date; points: number; kind?: string }>;
  policy: ExpiryPolicy | undefined;
  now: Date;
  /** How far ahead to remind the person of coming expiries. */
  remindDays?: number;
}

export interface BalanceResult {
  earned: number;
  redeemed: number;
  refunded: number;
  expired: number;
  /** Points reversed credits took back (never more than the balance held then: no debt). */
  reversed: number;
  balance: number;
  /** Unused points that will expire within the reminder window, soonest first. */
  expiring: Array<{ points: number; expiresAt: string }>;
}

interface Bucket {
  points: number;
  expiresAt: Date | undefined;
}

function expiryOf(year: number, policy: ExpiryPolicy | undefined): Date | undefined {
  if (!policy) return undefined;
  const at = bangkokYearBounds(year + 1 + policy.yearsValid).start;
  return at.getTime() < policy.effectiveFrom.getTime() ? undefined : at;
}

export function computeBalance(input: BalanceInput): BalanceResult {
  const { policy, now } = input;
  const buckets: Bucket[] = [...input.earnedByYear].sort((a, b) => a.year - b.year).map((e) => ({ points: e.points, expiresAt: expiryOf(e.year, policy) }));
  let redeemed = 0;
  let refunded = 0;
  let reversed = 0;
  for (const d of input.debits) {
    if (d.points < 0) {
      // A refund comes back as points of the year it is refunded in (the person never loses time by it).
      refunded += -d.points;
      buckets.push({ points: -d.points, expiresAt: expiryOf(bangkokYear(d.at), policy) });
      buckets.sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity));
      continue;
    }
    if (d.kind === 'reversal') reversed += d.points;
    else redeemed += d.points;
    let left = d.points;
    for (const b of buckets) {
      if (left === 0) break;
      if (b.points === 0 || (b.expiresAt && b.expiresAt.getTime() <= d.at.getTime())) continue;
      const take = Math.min(b.points, left);
      b.points -= take;
      left -= take;
    }
  }
  const earned = input.earnedByYear.reduce((s, e) => s + e.points, 0);
  let expired = 0;
  const expiring: BalanceResult['expiring'] = [];
  const horizon = now.getTime() + (input.remindDays ?? 90) * 86_400_000;
  for (const b of buckets) {
    if (!b.expiresAt || b.points === 0) continue;
    if (b.expiresAt.getTime() <= now.getTime()) expired += b.points;
    else if (b.expiresAt.getTime() <= horizon) expiring.push({ points: b.points, expiresAt: b.expiresAt.toISOString() });
  }
  return { earned, redeemed, refunded, expired, reversed, balance: earned - redeemed + refunded - reversed - expired, expiring };
}
