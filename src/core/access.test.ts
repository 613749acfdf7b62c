import { describe, expect, it } from 'vitest';
import {
  canAttest,
  canCertifyIn,
  canEnrolIn,
  canImport,
  canManageOpportunity,
  canPublishOpportunity,
  canReadAccount,
  canReadEvidence,
  canReadImport,
  canReissueCard,
  canSeePredictions,
  canSeeProposals,
  canUploadEvidence,
  canWriteIndicator,
  certifiesArea,
  decidesOnWrite,
  decisionRefusal,
  isAdmin,
  isCertifier,
  isCommittee,
  officerOf,
  type Principal,
} from './access.js';

const trc: Principal = { kind: 'agency', agency: 'trc', roles: ['issuer'], indicatorScopes: ['trc.*'], areaScopes: [] };
const khuangpao: Principal = { kind: 'agency', agency: 'khuangpao', roles: ['issuer', 'certifier', 'registrar'], indicatorScopes: ['khuangpao.*'], areaScopes: ['500204'] };
const chiangMaiProvince: Principal = { kind: 'agency', agency: 'cm', roles: ['certifier'], indicatorScopes: [], areaScopes: ['50'] };
const person: Principal = { kind: 'person', accountId: 'a1' };
const admin: Principal = { kind: 'admin' };
const committee: Principal = { kind: 'agency', agency: 'committee', roles: ['committee'], indicatorScopes: [], areaScopes: [] };
/** A business member of the tripartite committee that is also a partner. */
const member: Principal = { kind: 'agency', agency: 'biz', roles: ['partner', 'committee'], indicatorScopes: [], areaScopes: [] };

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

  it('names the agencies that certify an area, by role and area prefix', () => {
    expect(certifiesArea({ roles: ['issuer', 'certifier'], areaScopes: ['500204'] }, '500204')).toBe(true);
    expect(certifiesArea({ roles: ['certifier'], areaScopes: ['50'] }, '500204')).toBe(true);
    expect(certifiesArea({ roles: ['certifier'], areaScopes: ['71'] }, '500204')).toBe(false);
    expect(certifiesArea({ roles: ['issuer', 'registrar'], areaScopes: ['500204'] }, '500204')).toBe(false);
    expect(certifiesArea({ roles: ['certifier'], areaScopes: [] }, '500204')).toBe(false);
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
    ['the administrator', admin, true],
    ['the committee agency', committee, true],
    ['a committee member that is also a partner', member, true],
    ['an issuer', trc, false],
    ['a local authority with every other role', khuangpao, false],
    ['a person', person, false],
  ] as const)('committee: %s → %s (registering agencies stays the administrator’s)', (_name, p, ok) => {
    expect(isCommittee(p)).toBe(ok);
    expect(isAdmin(p)).toBe(p === admin);
  });

  it.each([
    ['TRC its own agency indicator', trc, { code: 'trc.x', owner: { kind: 'agency', agency: 'trc' } }, true],
    ['TRC an indicator owned by DSD', trc, { code: 'trc.x', owner: { kind: 'agency', agency: 'dsd' } }, false],
    ['TRC its own indicator outside its scopes', trc, { code: 'dsd.x', owner: { kind: 'agency', agency: 'trc' } }, false],
    ['TRC a national indicator', trc, { code: 'nat.person.x', owner: { kind: 'national' } }, false],
    ['Khuang Pao its own local indicator', khuangpao, { code: 'khuangpao.x', owner: { kind: 'local', agency: 'khuangpao' } }, true],
    ['the committee agency a national indicator', committee, { code: 'nat.person.x', owner: { kind: 'national' } }, true],
    ['the committee agency an agency’s indicator', committee, { code: 'trc.x', owner: { kind: 'agency', agency: 'trc' } }, true],
    ['a person anything', person, { code: 'trc.x', owner: { kind: 'agency', agency: 'trc' } }, false],
  ] as const)('write indicator: %s → %s', (_name, p, indicator, ok) => {
    expect(canWriteIndicator(p, indicator)).toBe(ok);
  });

  it('decides on write only for the committee, and never for its own agency’s indicator', () => {
    expect(decidesOnWrite(admin, 'trc')).toBe(true);
    expect(decidesOnWrite(committee, null)).toBe(true);
    expect(decidesOnWrite(committee, 'trc')).toBe(true);
    expect(decidesOnWrite(committee, 'committee')).toBe(false);
    expect(decidesOnWrite(trc, 'trc')).toBe(false);
  });

  it.each([
    ['the administrator on an agency proposal', admin, ['trc', 'trc'], undefined],
    ['the committee agency on an agency proposal', committee, ['trc', 'trc'], undefined],
    ['a member on its own privilege', member, ['biz', 'biz'], 'own_proposal'],
    ['a member on a proposal it wrote for another partner', member, ['ptt', 'biz'], 'own_proposal'],
    ['a member on another partner’s privilege', member, ['ptt', 'ptt'], undefined],
    ['the owner issuer on its own proposal', trc, ['trc', 'trc'], 'forbidden'],
    ['another issuer', trc, ['dsd', 'dsd'], 'forbidden'],
    ['a person', person, ['trc', 'trc'], 'forbidden'],
  ] as const)('decision by %s → %s', (_name, p, parties, refusal) => {
    expect(decisionRefusal(p, parties)).toBe(refusal);
  });

  it('shows proposals only to the committee and the owner agency', () => {
    expect(canSeeProposals(undefined, 'trc')).toBe(false);
    expect(canSeeProposals(person, 'trc')).toBe(false);
    expect(canSeeProposals(khuangpao, 'trc')).toBe(false);
    expect(canSeeProposals(trc, 'trc')).toBe(true);
    expect(canSeeProposals(committee, 'trc')).toBe(true);
    expect(canSeeProposals(admin, null)).toBe(true);
  });

  it('lets a card be re-issued by the admin, a registrar of the area or the holder, not by a certifier', () => {
    const account = { id: 'a1', areaCode: '500204' };
    expect(canReissueCard({ kind: 'admin' }, account)).toBe(true);
    expect(canReissueCard(khuangpao, account)).toBe(true);
    expect(canReissueCard(khuangpao, { id: 'a1', areaCode: '710911' })).toBe(false);
    expect(canReissueCard(chiangMaiProvince, account)).toBe(false);
    expect(canReissueCard(person, account)).toBe(true);
    expect(canReissueCard(person, { id: 'a2', areaCode: '500204' })).toBe(false);
    expect(canReissueCard(trc, account)).toBe(false);
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
    const signedIn: Principal = {
      kind: 'agency',
      agency: 'khuangpao',
      roles: ['certifier'],
      indicatorScopes: [],
      areaScopes: ['500204'],
      officer: { id: 'officer-7', agencyAdmin: false },
    };
    expect(officerOf(signedIn)).toBe('officer-7');
    expect(officerOf(person)).toBeNull();
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
