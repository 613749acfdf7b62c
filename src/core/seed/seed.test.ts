import { describe, expect, it } from 'vitest';
import { isWithinAreas } from '../access.js';
import { validateIndicator } from '../catalogue.js';
import { SEED_INDICATORS, TRC_INDICATORS } from './indicators.js';
import { SEED_AGENCIES } from './agencies.js';

describe('seed catalogue', () => {
  it.each(SEED_INDICATORS.map((i) => [i.code, i] as const))('%s is a valid indicator', (_code, input) => {
    const r = validateIndicator(input);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('has unique codes', () => {
    const codes = SEED_INDICATORS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('values the Red Cross deeds as DESIGN.md §4 says', () => {
    expect(Object.fromEntries(TRC_INDICATORS.map((i) => [i.code, i.points]))).toEqual({
      'trc.blood.red-cell': 70,
      'trc.blood.plasma': 70,
      'trc.blood.platelets': 70,
      'trc.stem-cell': 300,
      'trc.organ-pledge': 200,
      'trc.body-pledge': 300,
    });
  });

  it('gives every owning agency of an indicator an entry in the seed agencies', () => {
    const agencies = new Set(SEED_AGENCIES.map((a) => a.code));
    for (const i of SEED_INDICATORS) if (i.owner.kind !== 'national') expect(agencies.has(i.owner.agency)).toBe(true);
  });

  it('keeps every local indicator within its owner agency’s own areas', () => {
    for (const i of SEED_INDICATORS)
      if (i.owner.kind === 'local') {
        const { area, agency } = i.owner;
        expect(isWithinAreas(SEED_AGENCIES.find((a) => a.code === agency)?.areaScopes ?? [], area), i.code).toBe(true);
      }
  });

  it('seeds the tripartite national committee as an agency with only the committee role', () => {
    expect(SEED_AGENCIES.find((a) => a.code === 'committee')).toEqual({
      code: 'committee',
      name: { th: 'คณะกรรมการความดีแห่งชาติ (ไตรภาคี: รัฐ เอกชน ประชาสังคม)', en: 'National Good-Deed Committee (state, business, civil society)' },
      roles: ['committee'],
      indicatorScopes: [],
      areaScopes: [],
    });
  });
});

describe('Nong Sarai model', () => {
  it('has 23 virtues and 67 indicators, all self-declarable and locally certified', async () => {
    const { NONG_SARAI_INDICATORS, NONG_SARAI_VIRTUE_COUNT } = await import('./nongsarai.js');
    expect(NONG_SARAI_VIRTUE_COUNT).toBe(23);
    expect(NONG_SARAI_INDICATORS).toHaveLength(67);
    expect(new Set(NONG_SARAI_INDICATORS.map((i) => i.virtue?.code)).size).toBe(23);
    expect(NONG_SARAI_INDICATORS.every((i) => i.selfDeclarable && i.certification === 'local')).toBe(true);
  });
});
