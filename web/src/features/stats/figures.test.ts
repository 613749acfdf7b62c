import { describe, expect, it } from 'vitest';
import { classBreaks, classLabels, classOf, figureOf, sortProvinces } from './figures';

const cell = (people: number | null, name: string, suppressed = people === null) => ({
  people,
  credits: people === null ? null : people * 2,
  points: people === null ? null : people * 60,
  suppressed,
  name: { th: name, en: name },
});

describe('published figures', () => {
  it('never turns a withheld cell into a number', () => {
    expect(figureOf(cell(null, 'a'), 'people')).toBeUndefined();
    expect(figureOf({ ...cell(12, 'a'), suppressed: true }, 'people')).toBeUndefined();
    expect(figureOf(cell(0, 'a'), 'people')).toBe(0);
    expect(figureOf(cell(12, 'a'), 'points')).toBe(720);
  });

  it('breaks the colour classes at round numbers from the minimum', () => {
    expect(classBreaks([], 10)).toEqual([]);
    expect(classBreaks([0, 0], 10)).toEqual([]);
    expect(classBreaks([12, 0], 10)).toEqual([10]);
    expect(classBreaks([12, 25], 10)).toEqual([10, 20]);
    expect(classBreaks([12, 60], 10)).toEqual([10, 20, 50]);
    expect(classBreaks([12, 4000], 10)).toEqual([10, 100, 500, 2000]);
    expect(classOf(10, [10, 20, 50])).toBe(0);
    expect(classOf(19, [10, 20, 50])).toBe(0);
    expect(classOf(20, [10, 20, 50])).toBe(1);
    expect(classOf(9000, [10, 20, 50])).toBe(2);
    expect(classLabels([10, 20, 50], 'en', (n) => `${n}+`)).toEqual(['10–19', '20–49', '50+']);
    expect(classLabels([10, 11], 'en', (n) => `${n}+`)).toEqual(['10', '11+']);
  });

  it('sorts withheld provinces after the published ones whichever way', () => {
    const rows = [cell(null, 'ข'), cell(30, 'ค'), cell(0, 'ก'), cell(12, 'ง'), cell(null, 'จ')];
    const names = (key: 'name' | 'people', asc: boolean) => sortProvinces(rows, key, asc, 'th').map((r) => r.name.th);
    expect(names('people', false)).toEqual(['ค', 'ง', 'ก', 'ข', 'จ']);
    expect(names('people', true)).toEqual(['ก', 'ง', 'ค', 'ข', 'จ']);
    expect(names('name', true)).toEqual(['ก', 'ข', 'ค', 'ง', 'จ']);
    expect(names('name', false)).toEqual(['จ', 'ง', 'ค', 'ข', 'ก']);
  });
});
