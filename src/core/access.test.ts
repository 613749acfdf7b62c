import { describe, expect, it } from 'vitest';
import { canAttest, canCertifyIn, canEnrolIn, canManageOpportunity, canPublishOpportunity, canReadAccount, canSeePredictions, type Principal } from './access.js';

const trc: Principal = { kind: 'agency', agency: 'trc', roles: ['issuer'], indicatorScopes: ['trc.*'], areaScopes: [] };
const khuangpao: Principal = { kind: 'agency', agency: 'khuangpao', roles: ['issuer', 'certifier', 'registrar'], indicatorScopes: ['khuangpao.*'], areaScopes: ['500204'] };
const chiangMaiProvince: Principal = { kind: 'agency', agency: 'cm', roles: ['certifier'], indicatorScopes: [], areaScopes: ['50'] };
const person: Principal = { kind: 'person', accountId: 'a1' };

describe('access', () => {
  it.each([
    [trc, 'trc.blood.red-cell', true],
    [trc, 'trcx.fake', false],
    [trc, 'khuangpao.village-meeting', false],
    [khuangpao, 'khuangpao.village-meeting', true],
    [chiangMaiProvince, 'khuangpao.village-meeting', false],
    [person, 'trc.blood.red-cell', false],
  ] as const)('attest: %o %s → %s', (p, code, ok) => {
    expect(canAttest(p, code)).toBe(ok);
  });

  it.each([
    [khuangpao, '500204', true],
    [khuangpao, '710911', false],
    [chiangMaiProvince, '500204', true],
    [trc, '500204', false],
  ] as const)('certify in %s', (p, area, ok) => {
    expect(canCertifyIn(p, area)).toBe(ok);
  });

  it('lets a person read only their own account, and an issuer nobody', () => {
    expect(canReadAccount(person, { id: 'a1', areaCode: '500204' })).toBe(true);
    expect(canReadAccount(person, { id: 'a2', areaCode: '500204' })).toBe(false);
    expect(canReadAccount(trc, { id: 'a1', areaCode: '500204' })).toBe(false);
    expect(canReadAccount(khuangpao, { id: 'a1', areaCode: '500204' })).toBe(true);
    expect(canReadAccount(khuangpao, { id: 'a1', areaCode: '710911' })).toBe(false);
  });

  it('lets registrars enrol only in their area', () => {
    expect(canEnrolIn(khuangpao, '500204')).toBe(true);
    expect(canEnrolIn(khuangpao, '100101')).toBe(false);
    expect(canEnrolIn({ kind: 'admin' }, '100101')).toBe(true);
  });

  it.each([
    [trc, 'trc.blood.red-cell', true],
    [trc, 'khuangpao.conservation', false],
    [khuangpao, 'khuangpao.conservation', true],
    [chiangMaiProvince, 'khuangpao.conservation', false],
    [person, 'trc.blood.red-cell', false],
    [{ kind: 'admin' }, 'trc.blood.red-cell', false],
  ] as const)('publish an opportunity: %o %s → %s', (p, code, ok) => {
    expect(canPublishOpportunity(p, code)).toBe(ok);
  });

  it('lets only the publishing issuer manage its opportunity', () => {
    expect(canManageOpportunity(trc, { agency: 'trc' })).toBe(true);
    expect(canManageOpportunity(khuangpao, { agency: 'trc' })).toBe(false);
    expect(canManageOpportunity({ ...chiangMaiProvince, agency: 'trc' }, { agency: 'trc' })).toBe(false);
    expect(canManageOpportunity({ kind: 'admin' }, { agency: 'trc' })).toBe(false);
    expect(canManageOpportunity(person, { agency: 'trc' })).toBe(false);
  });

  it('shows predictions to the person only', () => {
    expect(canSeePredictions(person, 'a1')).toBe(true);
    expect(canSeePredictions(person, 'a2')).toBe(false);
    expect(canSeePredictions({ kind: 'admin' }, 'a1')).toBe(false);
    expect(canSeePredictions(khuangpao, 'a1')).toBe(false);
  });
});
