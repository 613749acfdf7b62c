import { describe, expect, it } from 'vitest';
import { validateIndicator, versionInForce, type IndicatorInput } from './catalogue.js';

const redCell: IndicatorInput = {
  code: 'trc.blood.red-cell',
  name: { th: 'บริจาคโลหิต', en: 'Red-cell blood donation' },
  domain: 'health',
  accountKinds: ['person'],
  owner: { kind: 'agency', agency: 'trc' },
  unit: 'occurrence',
  points: 70,
  caps: { minIntervalDays: 84 },
  certification: 'auto',
  sensitive: 'health',
  equivalenceGroup: 'blood-donation',
};

function issuesOf(input: unknown): string[] {
  const r = validateIndicator(input);
  return r.ok ? [] : r.issues.map((i) => i.path);
}

describe('validateIndicator', () => {
  it('accepts the Red Cross red-cell indicator', () => {
    expect(validateIndicator(redCell).ok).toBe(true);
  });

  it.each([
    ['negative points', { ...redCell, points: -10 }, 'points'],
    ['fractional points', { ...redCell, points: 2.5 }, 'points'],
    ['points above the committee bound', { ...redCell, points: 5000 }, 'points'],
    ['unknown domain', { ...redCell, domain: 'obedience' }, 'domain'],
    ['no account kinds', { ...redCell, accountKinds: [] }, 'accountKinds'],
    ['bad code', { ...redCell, code: 'Blood Donation' }, 'code'],
    ['unknown certification', { ...redCell, certification: 'police' }, 'certification'],
    ['an unknown field such as a negative-record condition', { ...redCell, requiresNoFines: true }, ''],
    ['a deduction field', { ...redCell, caps: { deduct: 50 } }, 'caps'],
    ['zero interval', { ...redCell, caps: { minIntervalDays: 0 } }, 'caps.minIntervalDays'],
    ['national indicator not worth 30', { ...redCell, code: 'nat.person.volunteer', owner: { kind: 'national' }, points: 40, sensitive: undefined }, 'points'],
    ['health data outside the health domain', { ...redCell, domain: 'community' }, 'sensitive'],
    ['lifetime plus yearly caps', { ...redCell, caps: { oncePerLifetime: true, maxPerYear: 2 } }, 'caps'],
  ])('refuses %s', (_label, input, path) => {
    expect(issuesOf(input)).toContain(path);
  });

  it.each([
    ['reporting illegal behaviour', 'Reporting illegal behaviour'],
    ['an informant reward', 'Informant reward'],
    ['no unpaid fines', 'No unpaid fines this year'],
    ['Thai whistle-blowing on others', 'แจ้งเบาะแสผู้กระทำผิด'],
  ])('refuses an indicator that breaks principle 1: %s', (_label, text) => {
    const r = validateIndicator({ ...redCell, name: { th: text, en: text } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.principle).toBe(true);
  });
});

describe('versionInForce', () => {
  const versions = [
    { version: 1, effectiveFrom: '2020-01-01T00:00:00.000Z' },
    { version: 2, effectiveFrom: '2027-03-01T00:00:00.000Z' },
    { version: 3, effectiveFrom: '2027-06-01T00:00:00.000Z' },
  ];
  it.each([
    ['before the first version', '2019-12-31T23:59:59.999Z', undefined],
    ['the first version', '2026-06-15T00:00:00.000Z', 1],
    ['the moment a version takes effect', '2027-03-01T00:00:00.000Z', 2],
    ['the latest version', '2028-01-01T00:00:00.000Z', 3],
  ])('%s', (_name, at, version) => {
    expect(versionInForce(versions, at)?.version).toBe(version);
  });
  it('is undefined with no approved version', () => {
    expect(versionInForce([], '2027-01-01T00:00:00.000Z')).toBeUndefined();
  });
});
