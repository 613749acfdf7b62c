import { describe, expect, it } from 'vitest';
import { canAttest, canCertifyIn, canEnrolIn, canReadAccount, canReadEvidence, canUploadEvidence, isCertifier, officerOf, type Principal } from './access.js';

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

  it('lets the owner read their evidence, and the certifier of their area only once it is attached to a deed', () => {
    const owner = { id: 'a1', areaCode: '500204' };
    expect(canReadEvidence(person, owner, false)).toBe(true);
    expect(canReadEvidence({ kind: 'person', accountId: 'a2' }, owner, true)).toBe(false);
    expect(canReadEvidence(khuangpao, owner, false)).toBe(false);
    expect(canReadEvidence(khuangpao, owner, true)).toBe(true);
    expect(canReadEvidence(chiangMaiProvince, owner, true)).toBe(true);
    expect(canReadEvidence(khuangpao, { id: 'a1', areaCode: '710911' }, true)).toBe(false);
    expect(canReadEvidence(trc, owner, true)).toBe(false);
    expect(canReadEvidence({ kind: 'admin' }, owner, true)).toBe(false);
    const registrarOnly: Principal = { kind: 'agency', agency: 'r', roles: ['registrar'], indicatorScopes: [], areaScopes: ['500204'] };
    expect(canReadEvidence(registrarOnly, owner, true)).toBe(false);
  });

  it('lets only the person upload evidence for their account, and names the officer who decided', () => {
    expect(canUploadEvidence(person, 'a1')).toBe(true);
    expect(canUploadEvidence(person, 'a2')).toBe(false);
    expect(canUploadEvidence({ kind: 'admin' }, 'a1')).toBe(false);
    expect(canUploadEvidence(khuangpao, 'a1')).toBe(false);
    expect(isCertifier(khuangpao)).toBe(true);
    expect(isCertifier(trc)).toBe(false);
    expect(isCertifier({ kind: 'agency', agency: 'c', roles: ['certifier'], indicatorScopes: [], areaScopes: [] })).toBe(false);
    expect(officerOf(khuangpao)).toBeNull();
    const signedIn: Principal = { kind: 'agency', agency: 'khuangpao', roles: ['certifier'], indicatorScopes: [], areaScopes: ['500204'], officer: 'officer-7' };
    expect(officerOf(signedIn)).toBe('officer-7');
    expect(officerOf(person)).toBeNull();
  });
});
