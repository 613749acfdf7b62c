import { describe, expect, it } from 'vitest';
import { indicatorDefinitionSchema, type IndicatorInput } from './catalogue.js';
import { evaluateDeed, isValidQuantity, scoreYear, type DeedHistory } from './crediting.js';

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
const fresh: DeedHistory = { countThisYear: 0, pointsThisYear: 0, nearestCreditedGapDays: null, everCredited: false, sameActAlreadyRecorded: false };

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
