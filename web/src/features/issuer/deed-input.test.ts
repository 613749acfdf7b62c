import { describe, expect, it } from 'vitest';
import { bangkokInputToIso, bangkokInputValue, checkNationalId, generateRef, isQuarterHours, isValidRef, nationalIdHint } from './deed-input';

describe('checkNationalId', () => {
  it.each([
    ['1101700230708', { digits: '1101700230708' }],
    ['1-1017-00230-70-8', { digits: '1101700230708' }],
    [' 1101 70023 0708 ', { digits: '1101700230708' }],
    ['', { problem: 'empty' }],
    ['  - ', { problem: 'empty' }],
    ['11017002307O8', { problem: 'digits' }],
    ['110170023070', { problem: 'length', count: 12 }],
    ['11017002307081', { problem: 'length', count: 14 }],
    ['1101700230709', { problem: 'check' }],
    ['9101700230708', { problem: 'check' }],
  ])('%j → %j', (typed, expected) => {
    expect(checkNationalId(typed)).toEqual(expected);
  });

  it('keeps only the last four digits to show', () => {
    expect(nationalIdHint('1101700230708')).toBe('0708');
  });
});

describe('isQuarterHours', () => {
  it.each([
    [0.25, true],
    [1.5, true],
    [24, true],
    [0, false],
    [-1, false],
    [24.25, false],
    [1.1, false],
    [Number.NaN, false],
  ])('%d → %s', (n, ok) => expect(isQuarterHours(n)).toBe(ok));
});

describe('isValidRef', () => {
  it.each([
    ['TRC-2569-000101', true],
    ['a', true],
    ['with space', false],
    ['', false],
    ['ไทย', false],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
  ])('%s → %s', (ref, ok) => expect(isValidRef(ref)).toBe(ok));
});

describe('Bangkok date and time', () => {
  it('reads the moment in Bangkok (UTC+7), whatever the device zone', () => {
    expect(bangkokInputValue(new Date('2026-06-14T17:30:00Z'))).toBe('2026-06-15T00:30');
    expect(bangkokInputValue(new Date('2026-12-31T23:59:00Z'))).toBe('2027-01-01T06:59');
  });

  it('turns an input value into ISO 8601 with the Bangkok offset', () => {
    expect(bangkokInputToIso('2026-06-15T00:30')).toBe('2026-06-15T00:30:00+07:00');
    expect(new Date(bangkokInputToIso('2026-06-15T00:30')!).toISOString()).toBe('2026-06-14T17:30:00.000Z');
    expect(bangkokInputToIso('')).toBeUndefined();
    expect(bangkokInputToIso('2026-13-45T99:99')).toBeUndefined();
  });
});

describe('generateRef', () => {
  it('names the agency and the Bangkok day, with random letters the API accepts', () => {
    const ref = generateRef('trc', new Date('2026-06-14T17:30:00Z'), (n) => new Uint8Array(n).fill(7));
    expect(ref).toBe('TRC-WEB-20260615-99999999');
    expect(isValidRef(ref)).toBe(true);
  });

  it('differs between two calls', () => {
    const at = new Date();
    expect(generateRef('dsd', at)).not.toBe(generateRef('dsd', at));
  });
});
