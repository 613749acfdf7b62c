import { describe, expect, it } from 'vitest';
import { canAfford, meetsCriteria, validatePrivilege, type PrivilegeInput } from './privileges.js';
import { SEED_PRIVILEGES } from './seed/privileges.js';

const base: PrivilegeInput = {
  code: 'ptt.fuel-3',
  partner: 'ptt',
  name: { th: 'ส่วนลดน้ำมัน 3%', en: '3% fuel discount' },
  category: 'discount',
  kind: 'threshold',
  criteria: { minScore: 150 },
  nationwide: true,
  validFrom: '2026-01-01T00:00:00+07:00',
  validUntil: '2027-01-01T00:00:00+07:00',
};

describe('validatePrivilege', () => {
  it.each(SEED_PRIVILEGES.map((p) => [p.code, p] as const))('accepts the seed privilege %s', (_c, p) => {
    const r = validatePrivilege(p);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it.each([
    ['a code outside the partner', { ...base, code: 'khuangpao.fuel' }, 'code'],
    ['threshold without criteria', { ...base, criteria: undefined }, 'criteria'],
    ['empty criteria', { ...base, criteria: {} }, 'criteria'],
    ['threshold with a cost', { ...base, cost: 10 }, 'cost'],
    ['exchange without a cost', { ...base, kind: 'exchange', criteria: undefined }, 'cost'],
    ['negative cost', { ...base, kind: 'exchange', criteria: undefined, cost: -5 }, 'cost'],
    ['validity ending before it starts', { ...base, validUntil: '2025-01-01T00:00:00+07:00' }, 'validUntil'],
    ['local without areas', { ...base, nationwide: false }, 'areas'],
    ['a welfare category', { ...base, category: 'welfare' }, 'category'],
  ])('refuses %s', (_label, input, path) => {
    const r = validatePrivilege(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.path)).toContain(path);
  });

  it.each([
    ['hospital queue priority', 'Priority hospital queue'],
    ['school admission', 'School admission bonus'],
    ['passport fast track', 'Passport fast track'],
    ['state welfare top-up', 'State welfare top-up'],
    ['Thai treatment rights', 'สิทธิรักษาพยาบาลพิเศษ'],
    ['Thai elderly allowance', 'เพิ่มเบี้ยยังชีพ'],
  ])('refuses a privilege that touches basic rights: %s', (_label, name) => {
    const r = validatePrivilege({ ...base, name: { th: name, en: name } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.basicRight).toBe(true);
  });
});

describe('Nong Sarai loan tiers', () => {
  const tiers = SEED_PRIVILEGES.filter((p) => p.code.startsWith('nongsarai-cfi.loan')).map((p) => [p.code.split('.')[1]!, p.criteria!] as const);
  const eligible = (virtues: number, indicators: number) =>
    tiers
      .filter(([, c]) => meetsCriteria(c, { score: 0, distinctVirtues: virtues, distinctIndicators: indicators }))
      .map(([k]) => k)
      .sort();
  it.each([
    [3, 20, []],
    [4, 10, []],
    [4, 11, ['loan-20k']],
    [8, 30, ['loan-20k']],
    [9, 11, ['loan-20k', 'loan-40k']],
    [9, 10, ['loan-40k']],
    [11, 40, ['loan-20k', 'loan-40k', 'loan-60k']],
    [22, 67, ['loan-20k', 'loan-40k', 'loan-60k']],
    [23, 66, ['loan-20k', 'loan-40k', 'loan-60k']],
    [23, 67, ['loan-20k', 'loan-300k', 'loan-40k', 'loan-60k']],
  ] as const)('%i virtues and %i indicators → %o', (v, i, expected) => {
    expect(eligible(v, i)).toEqual([...expected]);
  });
});

describe('canAfford', () => {
  it.each([
    [100, 50, 0, { ok: true }],
    [49, 50, 0, { ok: false, reason: 'insufficient_balance' }],
    [50, 50, 0, { ok: true }],
    [240, 100, 150, { ok: false, reason: 'minimum_balance' }],
    [250, 100, 150, { ok: true }],
  ] as const)('balance %i, cost %i, floor %i', (balance, cost, floor, expected) => {
    expect(canAfford(balance, cost, floor)).toEqual(expected);
  });
});
