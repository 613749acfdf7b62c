import { describe, expect, it } from 'vitest';
import { actorOf, agencyOfActor, changedFields, effectiveOnApproval, parseActor, refusalReason, REFUSAL_REASON_MAX } from './approvals.js';
import { validateIndicator, type IndicatorDefinition, type IndicatorInput } from './catalogue.js';

const plasma: IndicatorInput = {
  code: 'trc.blood.plasma',
  name: { th: 'บริจาคพลาสมา', en: 'Plasma donation' },
  domain: 'health',
  accountKinds: ['person'],
  owner: { kind: 'agency', agency: 'trc' },
  unit: 'occurrence',
  points: 70,
  caps: { minIntervalDays: 14 },
  certification: 'auto',
  evidence: 'reference',
  sensitive: 'health',
  equivalenceGroup: 'blood-donation',
};

function def(over: Partial<IndicatorInput> = {}): IndicatorDefinition {
  const r = validateIndicator({ ...plasma, ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('effectiveOnApproval', () => {
  it.each([
    ['an announced date still ahead stays', '2027-03-01T00:00:00.000Z', '2027-02-01T03:00:00.000Z', '2027-03-01T00:00:00.000Z'],
    ['an announced date already passed moves to the approval', '2027-03-01T00:00:00.000Z', '2027-03-10T08:30:00.000Z', '2027-03-10T08:30:00.000Z'],
    ['an approval at the announced moment takes that moment', '2027-03-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z'],
    ['an offset date is normalised to UTC', '2027-03-01T07:00:00+07:00', '2027-02-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z'],
  ])('%s', (_name, requested, decidedAt, expected) => {
    expect(effectiveOnApproval(requested, new Date(decidedAt))).toBe(expected);
  });
});

describe('changedFields', () => {
  it('is empty for a new indicator (nothing to compare with)', () => {
    expect(changedFields(undefined, def())).toEqual([]);
  });
  it('is empty for an identical rule, whatever the key order', () => {
    const reordered = def({ caps: { minIntervalDays: 14 }, name: { en: 'Plasma donation', th: 'บริจาคพลาสมา' } });
    expect(changedFields(def(), reordered)).toEqual([]);
  });
  it.each([
    ['points', { points: 90 }, ['points']],
    ['a cap changed', { caps: { minIntervalDays: 28 } }, ['caps.minIntervalDays']],
    ['a cap added', { caps: { minIntervalDays: 14, maxPerYear: 12 } }, ['caps.maxPerYear']],
    ['a cap removed', { caps: {} }, ['caps.minIntervalDays']],
    ['points and a cap', { points: 80, caps: { minIntervalDays: 28 } }, ['points', 'caps.minIntervalDays']],
    ['the English name', { name: { th: 'บริจาคพลาสมา', en: 'Plasma donation (apheresis)' } }, ['name']],
    ['certification', { certification: 'local' }, ['certification']],
    ['an SDG tag added', { sdgs: [3] }, ['sdgs']],
    ['an optional flag set', { volunteering: true }, ['volunteering']],
  ] as const)('names %s', (_name, over, expected) => {
    expect(changedFields(def(), def(over as Partial<IndicatorInput>))).toEqual(expected);
  });
});

describe('actors', () => {
  it('stores the administrator and agencies, and reads them back', () => {
    expect(actorOf({ kind: 'admin' })).toBe('admin');
    const committee = actorOf({ kind: 'agency', agency: 'committee', roles: ['committee'], indicatorScopes: [], areaScopes: [] });
    expect(committee).toBe('agency:committee');
    expect(parseActor(committee)).toEqual({ kind: 'agency', agency: 'committee' });
    expect(parseActor('admin')).toEqual({ kind: 'admin' });
    expect(parseActor(null)).toBeNull();
    expect(agencyOfActor('agency:trc')).toBe('trc');
    expect(agencyOfActor('admin')).toBeNull();
    expect(agencyOfActor(null)).toBeNull();
  });
  it('refuses a person as a proposer or decider, and a malformed stored actor', () => {
    expect(() => actorOf({ kind: 'person', accountId: 'a1' })).toThrow();
    expect(() => parseActor('agency:')).toThrow();
    expect(() => parseActor('someone')).toThrow();
  });
});

describe('refusalReason', () => {
  it.each([
    ['a Thai reason', 'คะแนนสูงเกินกว่าความดีที่ทำ', 'คะแนนสูงเกินกว่าความดีที่ทำ'],
    ['surrounding spaces trimmed', '  points too high  ', 'points too high'],
    ['exactly the maximum', 'ก'.repeat(REFUSAL_REASON_MAX), 'ก'.repeat(REFUSAL_REASON_MAX)],
    ['empty', '', undefined],
    ['only spaces', '   ', undefined],
    ['one character too long', 'x'.repeat(REFUSAL_REASON_MAX + 1), undefined],
  ])('%s', (_name, text, expected) => {
    expect(refusalReason(text)).toBe(expected);
  });
});
