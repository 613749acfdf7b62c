import { describe, expect, it } from 'vitest';
import { bangkokToday, declarable, deedPoints, groupDeeds, type Indicator, isDay, isValidHours, newRef, occurredAtFor } from './deeds';
import { fileProblem, MAX_BYTES, needsShrinking, scaledSize } from './evidence-file';

const indicator = (code: string, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  name: { th: code, en: code },
  description: null,
  domain: 'community',
  accountKinds: ['person'],
  owner: { kind: 'national' },
  points: 10,
  unit: 'occurrence',
  caps: {},
  certification: 'local',
  evidence: 'none',
  sensitive: null,
  equivalenceGroup: code,
  selfDeclarable: true,
  volunteering: false,
  virtue: null,
  sdgs: [],
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('declarable deeds', () => {
  const person = { kind: 'person' as const, areaCode: '500204' };
  it('keeps self-declarable indicators for the account kind', () => {
    const items = [indicator('a'), indicator('b', { selfDeclarable: false }), indicator('c', { accountKinds: ['community'] })];
    expect(declarable(items, person).map((i) => i.code)).toEqual(['a']);
  });
  it('offers a local catalogue only to residents of its area (subdistrict, district or province)', () => {
    const items = [
      indicator('here', { owner: { kind: 'local', agency: 'khuangpao', area: '500204' } }),
      indicator('district', { owner: { kind: 'local', agency: 'x', area: '5002' } }),
      indicator('elsewhere', { owner: { kind: 'local', agency: 'nongsarai', area: '710911' } }),
      indicator('agency', { owner: { kind: 'agency', agency: 'trc' } }),
    ];
    expect(declarable(items, person).map((i) => i.code)).toEqual(['here', 'district', 'agency']);
  });
  it('groups by virtue where there is one, by domain otherwise, in catalogue order', () => {
    const unity = { code: 'unity', name: { th: 'ความสามัคคี', en: 'Unity' } };
    const groups = groupDeeds([indicator('v1', { virtue: unity }), indicator('h', { domain: 'health' }), indicator('v2', { virtue: unity }), indicator('c')]);
    expect(groups.map((g) => [g.key, g.items.map((i) => i.code)])).toEqual([
      ['virtue:unity', ['v1', 'v2']],
      ['domain:health', ['h']],
      ['domain:community', ['c']],
    ]);
    expect(groups[0]!.virtue).toEqual(unity.name);
  });
});

describe('the day of a deed', () => {
  it('is today in Bangkok, which is a day ahead of UTC in the evening', () => {
    expect(bangkokToday(new Date('2026-03-11T18:30:00Z'))).toBe('2026-03-12');
    expect(bangkokToday(new Date('2026-03-11T16:59:00Z'))).toBe('2026-03-11');
  });
  it('is sent at noon in Bangkok, or the start of the day while noon is still ahead', () => {
    expect(occurredAtFor('2026-03-10', new Date('2026-03-12T01:00:00Z'))).toBe('2026-03-10T12:00:00+07:00');
    expect(occurredAtFor('2026-03-12', new Date('2026-03-12T01:00:00Z'))).toBe('2026-03-12T00:00:00+07:00');
    expect(occurredAtFor('2026-03-12', new Date('2026-03-12T05:00:00Z'))).toBe('2026-03-12T12:00:00+07:00');
  });
  it('must be a calendar date', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('12/03/2569')).toBe(false);
    expect(isDay('')).toBe(false);
  });
});

describe('hours and points', () => {
  it('accepts hours in quarter steps up to a day', () => {
    expect([0.25, 1.5, 2, 24].map(isValidHours)).toEqual([true, true, true, true]);
    expect([0, -1, 0.2, 24.25, Number.NaN].map(isValidHours)).toEqual([false, false, false, false, false]);
  });
  it('counts points per occurrence, or per hour rounded down', () => {
    expect(deedPoints({ unit: 'occurrence', points: 20 }, 3)).toBe(20);
    expect(deedPoints({ unit: 'hour', points: 5 }, 2)).toBe(10);
    expect(deedPoints({ unit: 'hour', points: 5 }, 1.25)).toBe(6);
  });
  it('makes a fresh printable reference for each attempt', () => {
    const a = newRef();
    expect(a).toMatch(/^web-[0-9a-f]{24}$/);
    expect(newRef()).not.toBe(a);
  });
});

describe('the first look at an evidence file', () => {
  it('takes photos and PDFs, leaves an unknown type to the server, refuses the rest', () => {
    expect(fileProblem({ type: 'image/jpeg', size: 10 })).toBeUndefined();
    expect(fileProblem({ type: 'application/pdf', size: 10 })).toBeUndefined();
    expect(fileProblem({ type: '', size: 10 })).toBeUndefined();
    expect(fileProblem({ type: 'image/svg+xml', size: 10 })).toBe('type');
    expect(fileProblem({ type: 'text/html', size: 10 })).toBe('type');
    expect(fileProblem({ type: 'image/heic', size: 10 }, true)).toBeUndefined();
    expect(fileProblem({ type: 'image/png', size: 0 })).toBe('empty');
  });
  it('refuses a PDF over the limit; a large photo is made smaller instead', () => {
    expect(fileProblem({ type: 'application/pdf', size: MAX_BYTES + 1 })).toBe('size');
    expect(fileProblem({ type: 'image/jpeg', size: MAX_BYTES * 3 })).toBeUndefined();
    expect(needsShrinking({ type: 'image/jpeg', size: MAX_BYTES * 3 })).toBe(true);
    expect(needsShrinking({ type: 'image/jpeg', size: 200_000 })).toBe(false);
    expect(needsShrinking({ type: 'image/heic', size: 200_000 })).toBe(true);
    expect(needsShrinking({ type: 'application/pdf', size: MAX_BYTES * 3 })).toBe(false);
  });
  it('scales the longer side down to 2048 pixels, never up', () => {
    expect(scaledSize(4000, 3000)).toEqual({ width: 2048, height: 1536 });
    expect(scaledSize(3000, 4000)).toEqual({ width: 1536, height: 2048 });
    expect(scaledSize(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
