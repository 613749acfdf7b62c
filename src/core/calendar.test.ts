import { describe, expect, it } from 'vitest';
import { bangkokDay, bangkokDayStart, bangkokYear, bangkokYearBounds, toBuddhistEra } from './calendar.js';

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
      expect(bangkokDayStart(new Date(iso)).toISOString(), iso).toBe(start);
  });

  it('shows 2026 as B.E. 2569', () => {
    expect(toBuddhistEra(2026)).toBe(2569);
  });

  it('bounds a year at Bangkok midnight', () => {
    const { start, end } = bangkokYearBounds(2026);
    expect(start.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });
});
