import { describe, expect, it } from 'vitest';
import { bangkokDay, bangkokTime, bangkokYear, bangkokYearBounds, englishDateTime, thaiDateTime, toBuddhistEra } from './calendar.js';

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
