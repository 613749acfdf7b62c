import { describe, expect, it } from 'vitest';
import { indicatorDefinitionSchema, type IndicatorInput } from './catalogue.js';
import {
  capDetails,
  evaluateDeed,
  fitToCeiling,
  isValidQuantity,
  reachedCaps,
  scoreYear,
  scoreYears,
  subjectBarrier,
  timelinessRefusal,
  yearClosesOn,
  type DeedHistory,
} from './crediting.js';

const base: IndicatorInput = {
  code: 'trc.blood.red-cell',
  name: { th: 'บริจาคโลหิต', en: 'Red-cell donation' },
  domain: 'health',
  accountKinds: ['person'],
  owner: { kind: 'agency', agency: 'trc' },
  unit: 'occurrence',
  points: 70,
  certification: 'auto',
};
const def = (over: Partial<IndicatorInput>) => indicatorDefinitionSchema.parse({ ...base, ...over });
const fresh: DeedHistory = {
  countThisYear: 0,
  pointsThisYear: 0,
  nearestCreditedGapDays: null,
  latestCreditedDayWithinInterval: null,
  everCredited: false,
  sameActAlreadyRecorded: false,
};

describe('evaluateDeed', () => {
  it.each([
    ['first deed', {}, fresh, { outcome: 'credit', points: 70 }],
    [
      '84-day interval, 10 days later',
      { caps: { minIntervalDays: 84 } },
      { ...fresh, nearestCreditedGapDays: 10, countThisYear: 1 },
      { outcome: 'reject', reason: 'cap_exceeded' },
    ],
    ['84-day interval, 84 days later', { caps: { minIntervalDays: 84 } }, { ...fresh, nearestCreditedGapDays: 84, countThisYear: 1 }, { outcome: 'credit', points: 70 }],
    ['once per lifetime, already credited', { caps: { oncePerLifetime: true } }, { ...fresh, everCredited: true }, { outcome: 'reject', reason: 'cap_exceeded' }],
    ['max 2 per year, third', { caps: { maxPerYear: 2 } }, { ...fresh, countThisYear: 2 }, { outcome: 'reject', reason: 'cap_exceeded' }],
    ['max 2 per year, second', { caps: { maxPerYear: 2 } }, { ...fresh, countThisYear: 1 }, { outcome: 'credit', points: 70 }],
    ['max 100 points, 70 already', { caps: { maxPointsPerYear: 100 } }, { ...fresh, pointsThisYear: 70 }, { outcome: 'credit', points: 30 }],
    ['max 100 points, 100 already', { caps: { maxPointsPerYear: 100 } }, { ...fresh, pointsThisYear: 100 }, { outcome: 'reject', reason: 'cap_exceeded' }],
    ['same act already recorded that day', {}, { ...fresh, sameActAlreadyRecorded: true }, { outcome: 'reject', reason: 'duplicate_deed' }],
  ] as const)('%s', (_label, over, history, expected) => {
    expect(evaluateDeed(def(over as Partial<IndicatorInput>), 1, history)).toEqual(expected);
  });

  it('credits hours as whole points, rounding down', () => {
    expect(evaluateDeed(def({ unit: 'hour', points: 10 }), 2.25, fresh)).toEqual({ outcome: 'credit', points: 22 });
  });
});

describe('reachedCaps', () => {
  it.each([
    ['nothing yet', { maxPerYear: 2, minIntervalDays: 84, maxPointsPerYear: 200 }, fresh, []],
    ['count and interval together', { maxPerYear: 1, minIntervalDays: 84 }, { ...fresh, countThisYear: 1, nearestCreditedGapDays: 3 }, ['maxPerYear', 'minIntervalDays']],
    ['points cap reached exactly', { maxPointsPerYear: 120 }, { ...fresh, pointsThisYear: 120 }, ['maxPointsPerYear']],
    ['points cap not yet reached', { maxPointsPerYear: 120 }, { ...fresh, pointsThisYear: 119 }, []],
    ['lifetime', { oncePerLifetime: true }, { ...fresh, everCredited: true }, ['oncePerLifetime']],
    ['interval met on the day it ends', { minIntervalDays: 84 }, { ...fresh, nearestCreditedGapDays: 84 }, []],
  ] as const)('%s', (_label, caps, history, expected) => {
    expect(reachedCaps(def({ caps }), history)).toEqual(expected);
  });
});

describe('subjectBarrier', () => {
  const local = def({ code: 'khuangpao.blood-donation', owner: { kind: 'local', agency: 'khuangpao', area: '500204' }, sensitive: 'health' });
  it.each([
    ['a resident with consent', local, { kind: 'person', areaCode: '500204', hasConsent: true }, undefined],
    ['a resident without the health consent', local, { kind: 'person', areaCode: '500204', hasConsent: false }, 'consent_missing'],
    ['someone from the next subdistrict', local, { kind: 'person', areaCode: '500203', hasConsent: true }, 'not_applicable_area'],
    ['an organisation', def({}), { kind: 'organisation', areaCode: '500204', hasConsent: true }, 'not_applicable_kind'],
    ['anyone, for a nationwide non-sensitive rule', def({ sensitive: undefined }), { kind: 'person', areaCode: '100101', hasConsent: false }, undefined],
  ] as const)('%s → %s', (_label, rule, subject, expected) => {
    expect(subjectBarrier(rule, subject)).toBe(expected);
  });
});

describe('isValidQuantity', () => {
  it.each([
    ['occurrence', 1, true],
    ['occurrence', 2, false],
    ['hour', 1.5, true],
    ['hour', 0, false],
    ['hour', 25, false],
    ['hour', 1.1, false],
  ] as const)('%s × %d → %s', (unit, q, ok) => {
    expect(isValidQuantity({ unit }, q)).toBe(ok);
  });
});

describe('scoreYear', () => {
  it('sums credits per domain and clamps the total to the scale', () => {
    const credits = Array.from({ length: 20 }, (_, i) => ({ points: 70, domain: i % 2 ? ('health' as const) : ('learning' as const) }));
    const s = scoreYear(credits, 1000);
    expect(s).toMatchObject({ points: 1000, earned: 1400, max: 1000 });
    expect(s.byDomain.health).toBe(700);
    expect(s.byDomain.learning).toBe(700);
  });

  it('never goes below zero: an empty year is 0', () => {
    expect(scoreYear([], 5000).points).toBe(0);
  });
});

describe('scoreYears', () => {
  it('gives every year from enrolment to now, empty years as 0, each clamped on its own', () => {
    const years = scoreYears(
      [
        { year: 2024, domain: 'health', points: 70 },
        { year: 2024, domain: 'learning', points: 30 },
        { year: 2026, domain: 'community', points: 1200 },
      ],
      1000,
      2024,
      2026,
    );
    expect(years.map((y) => [y.year, y.points, y.earned])).toEqual([
      [2024, 100, 100],
      [2025, 0, 0],
      [2026, 1000, 1200],
    ]);
    expect(years[0]!.byDomain).toEqual({ health: 70, learning: 30, community: 0, safety: 0, environment: 0 });
    expect(years[2]!.max).toBe(1000);
  });

  it('widens the range to a credited year outside it, so no points are hidden', () => {
    expect(scoreYears([{ year: 2023, domain: 'health', points: 70 }], 1000, 2025, 2026).map((y) => y.year)).toEqual([2023, 2024, 2025, 2026]);
  });

  it('is one empty year for someone enrolled this year', () => {
    expect(scoreYears([], 1000, 2026, 2026)).toEqual([
      { year: 2026, points: 0, earned: 0, max: 1000, byDomain: { health: 0, learning: 0, community: 0, safety: 0, environment: 0 } },
    ]);
  });
});

describe('fitToCeiling: the year never holds more than the scale maximum', () => {
  it('keeps a credit that fits, cuts one that does not, refuses when nothing is left', () => {
    expect(fitToCeiling({ nominal: 70, points: 70, earnedThisYear: 930, max: 1000 })).toEqual({ outcome: 'credit', points: 70, pointsRequested: 70, cutReason: null });
    expect(fitToCeiling({ nominal: 70, points: 70, earnedThisYear: 980, max: 1000 })).toEqual({ outcome: 'credit', points: 20, pointsRequested: 70, cutReason: 'yearly_ceiling' });
    expect(fitToCeiling({ nominal: 70, points: 70, earnedThisYear: 1000, max: 1000 })).toEqual({ outcome: 'reject', reason: 'yearly_ceiling_reached', pointsRequested: 70 });
    // Records from before the ceiling was enforced may already exceed it: still nothing more.
    expect(fitToCeiling({ nominal: 70, points: 70, earnedThisYear: 1130, max: 1000 }).outcome).toBe('reject');
    expect(fitToCeiling({ nominal: 300, points: 300, earnedThisYear: 4900, max: 5000 })).toMatchObject({ points: 100, cutReason: 'yearly_ceiling' });
    expect(fitToCeiling({ nominal: 70, points: 40, earnedThisYear: 0, max: 1000 })).toMatchObject({ points: 40, cutReason: 'indicator_points_cap' });
  });
});

describe('capDetails: which cap, and when possible again', () => {
  it('names the minimum interval and its end', () => {
    const d = def({ caps: { minIntervalDays: 84 } });
    const h = { ...fresh, nearestCreditedGapDays: 10, latestCreditedDayWithinInterval: '2026-03-01' };
    expect(capDetails(d, '2026-03-11', h)).toEqual({ cap: 'min_interval', caps: ['min_interval'], nextEligibleOn: '2026-05-24' });
  });
  it('names the yearly count and 1 January', () => {
    expect(capDetails(def({ caps: { maxPerYear: 1 } }), '2026-03-11', { ...fresh, countThisYear: 1 })).toEqual({
      cap: 'per_year',
      caps: ['per_year'],
      nextEligibleOn: '2027-01-01',
    });
  });
  it('once in a lifetime is never again', () => {
    expect(capDetails(def({ caps: { oncePerLifetime: true } }), '2026-03-11', { ...fresh, everCredited: true })).toEqual({
      cap: 'lifetime',
      caps: ['lifetime'],
      nextEligibleOn: null,
    });
  });
  it('of two caps, the one that ends last decides', () => {
    const d = def({ caps: { maxPerYear: 2, minIntervalDays: 84 } });
    const h = { ...fresh, countThisYear: 2, nearestCreditedGapDays: 5, latestCreditedDayWithinInterval: '2026-12-20' };
    expect(capDetails(d, '2026-12-25', h)).toEqual({ cap: 'min_interval', caps: ['per_year', 'min_interval'], nextEligibleOn: '2027-03-14' });
    const h2 = { ...h, latestCreditedDayWithinInterval: '2026-03-01', nearestCreditedGapDays: 10 };
    expect(capDetails(d, '2026-03-11', h2)).toMatchObject({ cap: 'per_year', nextEligibleOn: '2027-01-01' });
  });
});

describe('timelinessRefusal: backdating and closed years', () => {
  const d = def({});
  const at = (iso: string) => new Date(iso);
  it('accepts a deed within the window, refuses one older, naming the earliest day', () => {
    // A grace of a whole year keeps 2025 open until 1 January 2027, so only the window decides here.
    expect(timelinessRefusal(d, '2025-12-02', at('2026-12-01T10:00:00+07:00'), 365)).toBeUndefined();
    expect(timelinessRefusal(d, '2025-12-01', at('2026-12-01T10:00:00+07:00'), 365)).toBeUndefined();
    expect(timelinessRefusal(d, '2025-12-01', at('2026-12-01T10:00:00+07:00'), 60)?.code).toBe('year_closed');
    expect(timelinessRefusal(d, '2025-11-30', at('2026-12-01T10:00:00+07:00'), 60)).toEqual({
      code: 'deed_too_old',
      details: { windowDays: 365, earliestAccepted: '2025-12-01', deedDay: '2025-11-30' },
    });
    expect(timelinessRefusal(def({ maxDeedAgeDays: 30 }), '2026-10-31', at('2026-12-01T10:00:00+07:00'), 60)?.code).toBe('deed_too_old');
  });
  it('closes a year after the grace period, Bangkok time', () => {
    expect(yearClosesOn(2026, 60)).toBe('2027-03-02');
    expect(timelinessRefusal(d, '2026-12-31', at('2027-03-01T23:59:00+07:00'), 60)).toBeUndefined();
    expect(timelinessRefusal(d, '2026-12-31', at('2027-03-02T00:00:00+07:00'), 60)).toEqual({
      code: 'year_closed',
      details: { year: 2026, closedOn: '2027-03-02', graceDays: 60 },
    });
    // 17:00 UTC on 1 March is already 2 March in Bangkok.
    expect(timelinessRefusal(d, '2026-12-31', at('2027-03-01T17:00:00Z'), 60)?.code).toBe('year_closed');
    expect(timelinessRefusal(d, '2026-12-31', at('2027-01-01T00:00:00+07:00'), 0)?.code).toBe('year_closed');
  });
});
