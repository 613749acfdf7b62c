import { describe, expect, it } from 'vitest';
import { filtersToQuery, filtersToSearch, readFilters } from './filters';

describe('the catalogue search in the address', () => {
  it('reads what it wrote', () => {
    const f = { q: 'บริจาคโลหิต', domain: 'health' as const, province: '50', district: '5002' };
    const search = filtersToSearch(f);
    expect(readFilters(Object.fromEntries(new URLSearchParams(search)))).toEqual(f);
    expect(filtersToQuery(f)).toEqual({ q: 'บริจาคโลหิต', domain: 'health', area: '5002' });
  });

  it.each([
    [{ domain: 'punishment' }, { domain: '' }],
    [{ province: '5' }, { province: '' }],
    [
      { province: '50', district: '1001' },
      { province: '50', district: '' },
    ],
    [{ district: '5002' }, { province: '', district: '' }],
    [{ q: `  ${'ก'.repeat(150)}  ` }, { q: 'ก'.repeat(100) }],
  ])('drops what the API would refuse: %j', (query, expected) => {
    expect(readFilters(query)).toMatchObject(expected);
  });

  it('asks for everything when nothing is chosen', () => {
    const none = readFilters({});
    expect(filtersToSearch(none)).toBe('');
    expect(filtersToQuery(none)).toEqual({});
  });
});
