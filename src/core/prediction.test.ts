import { describe, expect, it } from 'vitest';
import { indicatorDefinitionSchema, type IndicatorInput } from './catalogue.js';
import type { DeedHistory, DeedSubject } from './crediting.js';
import { explainPrediction, nextEligibleDay, predictDeed, scoreGainOf, type PredictionInput } from './prediction.js';
import { SEED_INDICATORS } from './seed/indicators.js';

const seed = (code: string) => indicatorDefinitionSchema.parse(SEED_INDICATORS.find((i) => i.code === code));
const redCell = seed('trc.blood.red-cell'); // 70, min interval 84 days, health
const organ = seed('trc.organ-pledge'); // 200, once per lifetime
const stemCell = seed('trc.stem-cell'); // 300, max 1 per year
const trainingHours = seed('dsd.skills.training-hours'); // 2 per hour, max 120 points a year
const kpConservation = seed('khuangpao.conservation'); // local to 500204
const volunteer = seed('nat.person.volunteer'); // 30, max 12 a year

const fresh: DeedHistory = {
  countThisYear: 0,
  pointsThisYear: 0,
  nearestCreditedGapDays: null,
  latestCreditedDayWithinInterval: null,
  everCredited: false,
  sameActAlreadyRecorded: false,
};
const resident: DeedSubject = { kind: 'person', areaCode: '500204', hasConsent: true };
const input = (over: Partial<PredictionInput>): PredictionInput => ({
  def: redCell,
  quantity: 1,
  day: '2027-03-12',
  subject: resident,
  history: fresh,
  year: { earned: 0, max: 1000 },
  // Attested at noon (Bangkok) on the deed's own day unless a case says otherwise.
  submittedAt: new Date(`${over.day ?? '2027-03-12'}T05:00:00Z`),
  graceDays: 60,
  ...over,
});

describe('predictDeed: what a deed would earn', () => {
  it.each([
    ['a first red-cell donation', {}, { points: 70, scoreGain: 70, nominalPoints: 70 }],
    ['a first organ pledge', { def: organ }, { points: 200, scoreGain: 200, nominalPoints: 200 }],
    ['six hours of skills training', { def: trainingHours, quantity: 6 }, { points: 12, scoreGain: 12, nominalPoints: 12 }],
    ['2.25 hours round down to whole points', { def: trainingHours, quantity: 2.25 }, { points: 4, scoreGain: 4, nominalPoints: 4 }],
    ['the 12th volunteering of the year', { def: volunteer, history: { ...fresh, countThisYear: 11 } }, { points: 30, scoreGain: 30, nominalPoints: 30 }],
    [
      'training hours near the yearly points cap earn the rest',
      { def: trainingHours, quantity: 8, history: { ...fresh, pointsThisYear: 110 } },
      { points: 10, scoreGain: 10, nominalPoints: 16 },
    ],
    ['exactly 84 days after the last donation', { history: { ...fresh, nearestCreditedGapDays: 84 } }, { points: 70, scoreGain: 70, nominalPoints: 70 }],
  ] as const)('%s', (_label, over, expected) => {
    expect(predictDeed(input(over as Partial<PredictionInput>))).toEqual(expected);
  });
});

describe('predictDeed: a credit is cut to the yearly ceiling, as crediting cuts it', () => {
  it.each([
    [0, 70],
    [929, 70],
    [930, 70],
    [931, 69],
    [980, 20],
    [999, 1],
  ])('earned %i this year, a 70-point deed earns (and raises the score by) %i', (earned, points) => {
    const p = predictDeed(input({ year: { earned, max: 1000 } }));
    expect(p.points).toBe(points);
    expect(p.scoreGain).toBe(points);
    expect(p.reason).toBeUndefined();
    expect(p.nominalPoints).toBe(70);
  });

  it.each([1000, 1400])('earned %i this year: nothing more, yearly_ceiling_reached', (earned) => {
    const p = predictDeed(input({ year: { earned, max: 1000 } }));
    expect(p).toMatchObject({ points: 0, scoreGain: 0, nominalPoints: 70, reason: 'yearly_ceiling_reached' });
  });

  it('uses the account scale, 5,000 for a community', () => {
    expect(scoreGainOf(300, { earned: 4900, max: 5000 })).toBe(100);
    expect(scoreGainOf(300, { earned: 4900, max: 1000 })).toBe(0);
  });
});

describe('predictDeed: refusals and the first day it is possible again', () => {
  it.each([
    [
      'red cells 10 days after the last donation',
      { day: '2027-03-12', history: { ...fresh, nearestCreditedGapDays: 10, latestCreditedDayWithinInterval: '2027-03-02' } },
      { reason: 'cap_exceeded', caps: ['minIntervalDays'], nextEligibleOn: '2027-05-25' },
    ],
    [
      'red cells given on 18 Dec, asked for 11 Mar: possible from 12 Mar next year',
      { day: '2027-03-11', history: { ...fresh, nearestCreditedGapDays: 83, latestCreditedDayWithinInterval: '2026-12-18' } },
      { reason: 'cap_exceeded', caps: ['minIntervalDays'], nextEligibleOn: '2027-03-12' },
    ],
    [
      'red cells the day after, across new year',
      { day: '2027-01-01', history: { ...fresh, nearestCreditedGapDays: 1, latestCreditedDayWithinInterval: '2026-12-31' } },
      { reason: 'cap_exceeded', caps: ['minIntervalDays'], nextEligibleOn: '2027-03-25' },
    ],
    [
      'interval across a leap day',
      { day: '2028-02-01', history: { ...fresh, nearestCreditedGapDays: 1, latestCreditedDayWithinInterval: '2028-01-31' } },
      { reason: 'cap_exceeded', caps: ['minIntervalDays'], nextEligibleOn: '2028-04-24' },
    ],
    [
      'asked for a past day, blocked by a later donation: wait for that one',
      { day: '2027-03-01', history: { ...fresh, nearestCreditedGapDays: 20, latestCreditedDayWithinInterval: '2027-03-21' } },
      { reason: 'cap_exceeded', caps: ['minIntervalDays'], nextEligibleOn: '2027-06-13' },
    ],
    [
      'a second stem-cell donation in one year',
      { def: stemCell, day: '2027-06-15', history: { ...fresh, countThisYear: 1 } },
      { reason: 'cap_exceeded', caps: ['maxPerYear'], nextEligibleOn: '2028-01-01' },
    ],
    [
      'a stem-cell donation on 31 Dec after one that year',
      { def: stemCell, day: '2027-12-31', history: { ...fresh, countThisYear: 1 } },
      { reason: 'cap_exceeded', caps: ['maxPerYear'], nextEligibleOn: '2028-01-01' },
    ],
    [
      'the 13th volunteering of the year',
      { def: volunteer, day: '2026-11-20', history: { ...fresh, countThisYear: 12 } },
      { reason: 'cap_exceeded', caps: ['maxPerYear'], nextEligibleOn: '2027-01-01' },
    ],
    [
      'training hours with the yearly points cap reached',
      { def: trainingHours, quantity: 3, day: '2026-09-01', history: { ...fresh, pointsThisYear: 120 } },
      { reason: 'cap_exceeded', caps: ['maxPointsPerYear'], nextEligibleOn: '2027-01-01' },
    ],
    ['a second organ pledge, ever', { def: organ, history: { ...fresh, everCredited: true } }, { reason: 'cap_exceeded', caps: ['oncePerLifetime'] }],
    ['a second blood donation the same day', { history: { ...fresh, sameActAlreadyRecorded: true } }, { reason: 'duplicate_deed' }],
    [
      'the same day counts before the interval',
      { history: { ...fresh, sameActAlreadyRecorded: true, nearestCreditedGapDays: 0, latestCreditedDayWithinInterval: '2027-03-12' } },
      { reason: 'duplicate_deed' },
    ],
    ['blood without the health consent', { subject: { ...resident, hasConsent: false } }, { reason: 'consent_missing' }],
    ['consent is checked before caps', { subject: { ...resident, hasConsent: false }, history: { ...fresh, sameActAlreadyRecorded: true } }, { reason: 'consent_missing' }],
    ['a Khuang Pao indicator for a resident of the next subdistrict', { def: kpConservation, subject: { ...resident, areaCode: '500203' } }, { reason: 'not_applicable_area' }],
    ['a person indicator for an organisation', { def: volunteer, subject: { ...resident, kind: 'organisation' } }, { reason: 'not_applicable_kind' }],
  ] as const)('%s', (_label, over, expected) => {
    const p = predictDeed(input(over as Partial<PredictionInput>));
    expect(p).toMatchObject({ points: 0, scoreGain: 0, ...expected });
    if (!('nextEligibleOn' in expected)) expect(p.nextEligibleOn).toBeUndefined();
  });

  it('waits for the later of an interval and a yearly cap', () => {
    const def = indicatorDefinitionSchema.parse({ ...(SEED_INDICATORS.find((i) => i.code === 'trc.stem-cell') as IndicatorInput), caps: { maxPerYear: 1, minIntervalDays: 120 } });
    const history = { ...fresh, countThisYear: 1, nearestCreditedGapDays: 14, latestCreditedDayWithinInterval: '2027-11-20' };
    expect(nextEligibleDay(def, '2027-12-04', history, ['maxPerYear', 'minIntervalDays'])).toBe('2028-03-19');
    expect(nextEligibleDay(def, '2027-12-04', { ...history, latestCreditedDayWithinInterval: '2027-06-01' }, ['maxPerYear', 'minIntervalDays'])).toBe('2028-01-01');
  });

  it('refuses, before anything about the person, a deed older than the window or in a closed year', () => {
    // Submitted 12 Mar 2027: the 365-day window starts 12 Mar 2026; 2026 closed on 2 Mar 2027 (60 days' grace).
    const at = new Date('2027-03-12T05:00:00Z');
    const old = predictDeed(input({ day: '2026-03-11', submittedAt: at, subject: { ...resident, hasConsent: false } }));
    expect(old).toEqual({
      points: 0,
      scoreGain: 0,
      nominalPoints: 70,
      reason: 'deed_too_old',
      late: { code: 'deed_too_old', details: { windowDays: 365, earliestAccepted: '2026-03-12', deedDay: '2026-03-11' } },
    });
    expect(predictDeed(input({ day: '2026-12-20', submittedAt: at }))).toMatchObject({
      points: 0,
      reason: 'year_closed',
      late: { details: { year: 2026, closedOn: '2027-03-02' } },
    });
    // Within the grace period the old year still takes the deed.
    expect(predictDeed(input({ day: '2026-12-20', submittedAt: new Date('2027-02-20T05:00:00Z') }))).toMatchObject({ points: 70 });
  });

  it('names no day for a refusal no cap explains', () => {
    expect(nextEligibleDay(redCell, '2027-03-12', fresh, [])).toBeUndefined();
  });
});

describe('explainPrediction', () => {
  const explain = (over: Partial<PredictionInput>) => {
    const i = input(over);
    return explainPrediction(predictDeed(i), i.def, i.year);
  };

  it('gives the day it is possible again in the Buddhist Era', () => {
    const e = explain({ day: '2027-03-11', history: { ...fresh, nearestCreditedGapDays: 83, latestCreditedDayWithinInterval: '2026-12-18' } });
    expect(e.th).toBe('ต้องเว้นระยะอย่างน้อย 84 วันจากครั้งก่อน ทำได้อีกครั้งตั้งแต่ 12 มี.ค. 2570');
    expect(e.en).toBe('At least 84 days must pass since the last time. It is possible again from 12 Mar 2027.');
  });

  it('says when the score ceiling takes part of the points', () => {
    expect(explain({ year: { earned: 980, max: 1000 } }).th).toBe('ได้ 20 คะแนน (จาก 70 คะแนน เพราะคะแนนปีนี้เหลือได้อีกเท่านี้ก่อนถึงเพดาน 1000)');
    expect(explain({ year: { earned: 1000, max: 1000 } }).en).toBe("This year's points have reached the ceiling of 1000: the deed would be recorded without more points.");
  });

  it('says, in B.E., from which day deeds are accepted and when the year closed', () => {
    const at = new Date('2027-03-12T05:00:00Z');
    expect(explain({ day: '2026-03-11', submittedAt: at }).th).toBe('ความดีนี้เก่าเกินกว่าที่ตัวชี้วัดนี้รับบันทึกได้ (ภายใน 365 วัน) รับเฉพาะความดีตั้งแต่วันที่ 12 มีนาคม พ.ศ. 2569');
    expect(explain({ day: '2026-12-20', submittedAt: at }).en).toBe('The year 2026 closed for new credits on 2 March 2027 (the committee’s grace period has passed).');
  });

  it('says how to earn points when the health consent is missing', () => {
    expect(explain({ subject: { ...resident, hasConsent: false } }).en).toMatch(/"health" consent/);
  });
});
