import { describe, expect, it } from 'vitest';
import { computeBalance, type ExpiryPolicy } from './balance.js';

const at = (iso: string) => new Date(iso);
const policy = (yearsValid: number, from = '2020-01-01T00:00:00Z'): ExpiryPolicy => ({ yearsValid, effectiveFrom: at(from) });

describe('computeBalance', () => {
  it('is earned − redeemed + refunded without a policy', () => {
    const r = computeBalance({
      earnedByYear: [
        { year: 2025, points: 100 },
        { year: 2026, points: 70 },
      ],
      debits: [
        { at: at('2026-03-01T00:00:00Z'), points: 50 },
        { at: at('2026-03-02T00:00:00Z'), points: -50 },
        { at: at('2026-03-03T00:00:00Z'), points: 50 },
      ],
      policy: undefined,
      now: at('2030-01-01T00:00:00Z'),
    });
    expect(r).toEqual({ earned: 170, redeemed: 100, refunded: 50, expired: 0, reversed: 0, balance: 120, expiring: [] });
  });

  it('counts what a reversal took back apart from redemptions', () => {
    const r = computeBalance({
      earnedByYear: [{ year: 2026, points: 140 }],
      debits: [
        { at: at('2026-03-01T00:00:00Z'), points: 50, kind: 'redeem' },
        { at: at('2026-04-01T00:00:00Z'), points: 70, kind: 'reversal' },
      ],
      policy: undefined,
      now: at('2026-05-01T00:00:00Z'),
    });
    expect(r).toMatchObject({ earned: 140, redeemed: 50, reversed: 70, balance: 20 });
  });

  it('expires what was left of a year at the start of year Y + 1 + yearsValid (Bangkok)', () => {
    const input = { earnedByYear: [{ year: 2026, points: 100 }], debits: [], policy: policy(0) };
    expect(computeBalance({ ...input, now: at('2026-12-31T16:59:59Z') }).expired).toBe(0);
    expect(computeBalance({ ...input, now: at('2026-12-31T17:00:00Z') }).expired).toBe(100);
  });

  it('spends the oldest points first, so a redemption saves them from expiry', () => {
    const r = computeBalance({
      earnedByYear: [
        { year: 2025, points: 100 },
        { year: 2026, points: 100 },
      ],
      debits: [{ at: at('2026-06-01T00:00:00Z'), points: 80 }],
      policy: policy(0),
      now: at('2027-02-01T00:00:00Z'),
    });
    // 2025's points expired on 1 Jan 2026, before the redemption, which therefore spent 2026 points.
    expect(r.expired).toBe(100 + 20);
    expect(r.balance).toBe(0);
  });

  it('takes from a year not yet expired when redeeming', () => {
    const r = computeBalance({
      earnedByYear: [
        { year: 2025, points: 100 },
        { year: 2026, points: 100 },
      ],
      debits: [{ at: at('2025-11-01T00:00:00Z'), points: 80 }],
      policy: policy(1),
      now: at('2027-06-01T00:00:00Z'),
    });
    expect(r).toMatchObject({ expired: 20, balance: 100 });
  });

  it('never expires points whose date came before the policy took effect', () => {
    const r = computeBalance({ earnedByYear: [{ year: 2024, points: 100 }], debits: [], policy: policy(0, '2026-06-01T00:00:00Z'), now: at('2027-01-01T00:00:00Z') });
    expect(r.expired).toBe(0);
  });

  it('reminds of points expiring within the window', () => {
    const r = computeBalance({ earnedByYear: [{ year: 2026, points: 70 }], debits: [], policy: policy(0), now: at('2026-11-15T00:00:00Z'), remindDays: 90 });
    expect(r.expiring).toEqual([{ points: 70, expiresAt: '2026-12-31T17:00:00.000Z' }]);
    expect(computeBalance({ earnedByYear: [{ year: 2026, points: 70 }], debits: [], policy: policy(0), now: at('2026-06-01T00:00:00Z') }).expiring).toEqual([]);
  });

  it('gives refunds back as points of the refund year', () => {
    const r = computeBalance({
      earnedByYear: [{ year: 2025, points: 50 }],
      debits: [
        { at: at('2025-12-20T00:00:00Z'), points: 50 },
        { at: at('2026-01-05T00:00:00Z'), points: -50 },
      ],
      policy: policy(0),
      now: at('2026-06-01T00:00:00Z'),
    });
    expect(r).toMatchObject({ expired: 0, balance: 50 });
  });
});
