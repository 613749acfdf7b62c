import { describe, expect, it } from 'vitest';
import { canonicalIdentifier, isValidThaiNationalId, normaliseThaiNationalId, withThaiCheckDigit } from './ids.js';

describe('Thai national ID', () => {
  it.each([
    ['1101700230708', true],
    ['3100600445414', true],
    ['3100600445411', false],
    ['1101700230707', false], // wrong check digit
    ['110170023070', false], // 12 digits
    ['11017002307088', false],
    ['11017OO230708', false],
    ['', false],
  ])('%s → %s', (id, ok) => {
    expect(isValidThaiNationalId(id)).toBe(ok);
  });

  it('accepts foreign-resident types 0, 6, 7, 8 with a correct check digit and refuses type 9', () => {
    for (const type of ['0', '6', '7', '8']) expect(isValidThaiNationalId(withThaiCheckDigit(`${type}12345678901`))).toBe(true);
    expect(isValidThaiNationalId(withThaiCheckDigit('912345678901'))).toBe(false);
  });

  it('normalises the dashes people type', () => {
    expect(normaliseThaiNationalId('1-1017-00230-70-8')).toBe('1101700230708');
  });

  it('gives passports and Thai IDs distinct canonical forms', () => {
    expect(canonicalIdentifier({ kind: 'thai_id', value: '1101700230708' })).not.toBe(canonicalIdentifier({ kind: 'passport', country: 'TH', number: '1101700230708' }));
  });
});
