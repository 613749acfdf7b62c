import { describe, expect, it } from 'vitest';
import { canAttest, canCertifyIn, canEnrolIn, canImport, canReadAccount, canReadImport, type Principal } from './access.js';

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

  it('lets any issuer upload imports, and only the uploading agency read one', () => {
    const ptt: Principal = { kind: 'agency', agency: 'ptt', roles: ['partner'], indicatorScopes: [], areaScopes: [] };
    expect(canImport(trc)).toBe(true);
    expect(canImport(ptt)).toBe(false);
    expect(canImport(person)).toBe(false);
    expect(canImport({ kind: 'admin' })).toBe(false);
    expect(canReadImport(trc, { agency: 'trc' })).toBe(true);
    expect(canReadImport(khuangpao, { agency: 'trc' })).toBe(false);
    expect(canReadImport({ kind: 'admin' }, { agency: 'trc' })).toBe(false);
    expect(canReadImport(person, { agency: 'trc' })).toBe(false);
  });
});
