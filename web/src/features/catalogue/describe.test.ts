import { describe, expect, it } from 'vitest';
import { bangkokDayOf, capsInWords, clockTime, dayWithWeekday, matchesScope, safeHttpUrl, schedule, telHref } from './describe';

describe('links shown with an opportunity', () => {
  it.each([
    ['https://redcross.or.th/donate', 'https://redcross.or.th/donate'],
    ['http://example.org', 'http://example.org/'],
    ['javascript:alert(1)', null],
    ['JAVASCRIPT:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox(1)', null],
    ['//evil.example/x', null],
    ['/relative/path', null],
    ['https://user:pass@example.org/', null],
    ['ftp://example.org/', null],
    ['', null],
    [null, null],
  ])('%s → %s', (raw, href) => {
    expect(safeHttpUrl(raw)).toBe(href);
  });

  it.each([
    ['053-341 004', 'tel:053341004'],
    ['+66 53 341 004', 'tel:+6653341004'],
    ['(02) 256-4300', 'tel:022564300'],
    ['abc', null],
    [null, null],
  ])('phone %s → %s', (phone, href) => {
    expect(telHref(phone)).toBe(href);
  });
});

describe('indicator scopes', () => {
  it.each([
    [['trc.*'], 'trc.blood.red-cell', true],
    [['trc.*'], 'trcx.blood', false],
    [['trc.*'], 'dsd.skills.standard-test', false],
    [['dsd.*', 'nat.person.skills-course'], 'nat.person.skills-course', true],
    [['dsd.*', 'nat.person.skills-course'], 'nat.person.volunteer', false],
    [[], 'nat.person.volunteer', false],
  ] as const)('%j covers %s: %s', (scopes, code, covered) => {
    expect(matchesScope(scopes, code)).toBe(covered);
  });
});

describe('caps in words', () => {
  it('names every cap with its number, once-per-lifetime first', () => {
    expect(capsInWords({ maxPerYear: 4, minIntervalDays: 84, oncePerLifetime: true, maxPointsPerYear: 120 })).toEqual([
      { key: 'caps.oncePerLifetime' },
      { key: 'caps.maxPerYear', count: 4 },
      { key: 'caps.minIntervalDays', count: 84 },
      { key: 'caps.maxPointsPerYear', count: 120 },
    ]);
    expect(capsInWords({})).toEqual([]);
  });
});

describe('times in Bangkok', () => {
  it('takes the Bangkok day, not the UTC one', () => {
    expect(bangkokDayOf('2026-12-17T18:30:00Z')).toBe('2026-12-18');
    expect(bangkokDayOf('2026-12-18T16:59:59Z')).toBe('2026-12-18');
    expect(bangkokDayOf('2026-12-18T17:00:00Z')).toBe('2026-12-19');
  });

  it('reads a day in the Buddhist Era in Thai and a 24-hour time', () => {
    expect(dayWithWeekday('2026-12-18T01:30:00Z', 'th')).toContain('18 ธ.ค. 2569');
    expect(dayWithWeekday('2026-12-18T01:30:00Z', 'en')).toContain('18 Dec 2026');
    expect(clockTime('2026-12-18T01:30:00Z', 'th')).toBe('08:30');
    expect(clockTime('2026-12-18T08:30:00Z', 'en')).toBe('15:30');
  });

  it('tells a one-day opportunity from one over several days', () => {
    expect(schedule('2026-12-18T01:30:00Z', '2026-12-18T08:30:00Z', 'th')).toMatchObject({ sameDay: true, from: '08:30', to: '15:30' });
    const long = schedule('2026-12-18T01:30:00Z', '2026-12-20T09:00:00Z', 'th');
    expect(long.sameDay).toBe(false);
    expect(long.endDate).toContain('20 ธ.ค. 2569');
  });
});
