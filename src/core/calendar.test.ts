import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  bangkokDay,
  bangkokDayStart,
  bangkokTime,
  bangkokYear,
  bangkokYearBounds,
  daysBetween,
  englishDateTime,
  formatDay,
  isCalendarDay,
  thaiDateTime,
  toBuddhistEra,
} from './calendar.js';

describe('Bangkok calendar', () => {
  it.each([
    ['2026-12-31T23:30:00+07:00', 2026, '2026-12-31'],
    ['2027-01-01T00:10:00+07:00', 2027, '2027-01-01'],
    ['2026-12-31T16:59:59Z', 2026, '2026-12-31'],
    ['2026-12-31T17:00:00Z', 2027, '2027-01-01'],
    ['2027-01-01T02:00:00+09:00', 2027, '2027-01-01'], // 00:00 in Bangkok
    ['2027-01-01T01:59:00+09:00', 2026, '2026-12-31'],
  ])('%s is in %i (%s)', (iso, year, day) => {
    expect(bangkokYear(new Date(iso))).toBe(year);
    expect(bangkokDay(new Date(iso))).toBe(day);
  });

  it('starts a day at Bangkok midnight', () => {
    for (const [iso, start] of [
      ['2026-06-15T03:00:00Z', '2026-06-14T17:00:00.000Z'],
      ['2026-06-14T17:00:00Z', '2026-06-14T17:00:00.000Z'],
      ['2026-06-14T16:59:59.999Z', '2026-06-13T17:00:00.000Z'],
      ['2025-12-31T17:30:00Z', '2025-12-31T17:00:00.000Z'],
      ['1960-03-01T00:00:00Z', '1960-02-29T17:00:00.000Z'],
    ] as const)
      expect(bangkokDayStart(bangkokDay(new Date(iso))).toISOString(), iso).toBe(start);
  });

  it('shows 2026 as B.E. 2569', () => {
    expect(toBuddhistEra(2026)).toBe(2569);
  });

  it('bounds a year at Bangkok midnight', () => {
    const { start, end } = bangkokYearBounds(2026);
    expect(start.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('writes an instant in Bangkok wall-clock time, Thai in the Buddhist Era', () => {
    const at = new Date('2026-12-31T17:05:00Z'); // 00:05 on 1 January 2027 in Bangkok
    expect(bangkokTime(at)).toBe('00:05');
    expect(thaiDateTime(at)).toBe('1 มกราคม พ.ศ. 2570 เวลา 00:05 น.');
    expect(englishDateTime(at)).toBe('1 January 2027 at 00:05 (Bangkok time)');
  });
});

describe('calendar days', () => {
  it.each([
    ['2026-12-18', 84, '2027-03-12'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-06-15', 0, '2026-06-15'],
  ])('%s + %i days is %s', (day, n, expected) => {
    expect(addCalendarDays(day, n)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(n);
  });

  it('starts a Bangkok day at 00:00 +07:00', () => {
    expect(bangkokDayStart('2027-01-01').toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(bangkokDay(bangkokDayStart('2027-01-01'))).toBe('2027-01-01');
    expect(bangkokDay(new Date(bangkokDayStart('2027-01-01').getTime() - 1))).toBe('2026-12-31');
  });

  it.each([
    ['2027-03-12', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2027-13-01', false],
    ['2027-3-12', false],
    ['12/03/2027', false],
  ])('%s is a calendar day: %s', (text, ok) => {
    expect(isCalendarDay(text)).toBe(ok);
  });

  it('refuses to count from something that is not a day', () => {
    expect(() => addCalendarDays('2027-02-30', 1)).toThrow(/not a calendar day/);
  });

  it.each([
    ['2027-03-12', '12 มี.ค. 2570', '12 Mar 2027'],
    ['2027-01-01', '1 ม.ค. 2570', '1 Jan 2027'],
    ['2026-12-31', '31 ธ.ค. 2569', '31 Dec 2026'],
  ])('renders %s as %s (B.E.) and %s', (day, th, en) => {
    expect(formatDay(day)).toEqual({ th, en });
  });

  it.each([
    ['2026-07-18T20:00:00Z', '2026-07-18T17:00:00.000Z'],
    ['2026-07-18T16:59:59Z', '2026-07-17T17:00:00.000Z'],
    ['2026-07-18T17:00:00Z', '2026-07-18T17:00:00.000Z'],
  ])('starts the Bangkok day of %s at %s', (iso, start) => {
    expect(bangkokDayStart(bangkokDay(new Date(iso))).toISOString()).toBe(start);
  });
});
