import { describe, expect, it } from 'vitest';
import {
  ACCESS_RULES,
  type Action,
  canAccess,
  type ResourceOf,
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

describe('the gate: canAccess(principal, action, resource)', () => {
  const ptt: Principal = { kind: 'agency', agency: 'ptt', roles: ['partner'], indicatorScopes: [], areaScopes: [] };
  const registrar: Principal = { kind: 'agency', agency: 'reg', roles: ['registrar'], indicatorScopes: [], areaScopes: ['500204'] };
  const noAreaCertifier: Principal = { kind: 'agency', agency: 'c0', roles: ['certifier'], indicatorScopes: [], areaScopes: [] };
  const staffAdmin: Principal = { ...trc, officer: { id: 'o1', agencyAdmin: true } } as Principal;
  const other: Principal = { kind: 'person', accountId: 'a2' };
  const reviewer: Principal = { kind: 'agency', agency: 'ombudsman', roles: ['reviewer'], indicatorScopes: [], areaScopes: [] };
  const a1 = { kind: 'account', id: 'a1', areaCode: '500204' } as const;
  const a1Elsewhere = { kind: 'account', id: 'a1', areaCode: '710911' } as const;
  const evidence = (attachedToDeed: boolean, areaCode = '500204') => ({ kind: 'evidence', owner: { id: 'a1', areaCode }, attachedToDeed }) as const;

  type Row = { [A in Action]: [string, Principal, A, ...([ResourceOf<A>] | []), boolean] }[Action];
  const row = <A extends Action>(name: string, p: Principal, action: A, ...rest: [...(ResourceOf<A> extends void ? [] : [ResourceOf<A>]), boolean]): Row =>
    [name, p, action, ...rest] as unknown as Row;

  const READS = ['account.read', 'account.score', 'account.credits', 'account.history', 'account.balance', 'account.achievements', 'account.card', 'account.certificates'] as const;
  const table: Row[] = [
    ...READS.flatMap((read) => [
      row(`the holder: ${read}`, person, read, a1, true),
      row(`another person: ${read}`, other, read, a1, false),
      row(`an issuer: ${read}`, trc, read, a1, false),
      row(`a partner: ${read}`, ptt, read, a1, false),
      row(`the certifier of the area: ${read}`, khuangpao, read, a1, true),
      row(`a provincial certifier: ${read}`, chiangMaiProvince, read, a1, true),
      row(`a certifier elsewhere: ${read}`, khuangpao, read, a1Elsewhere, false),
      row(`the registrar of the area: ${read}`, registrar, read, a1, true),
      row(`a registrar elsewhere: ${read}`, registrar, read, a1Elsewhere, false),
      row(`the committee agency: ${read}`, committee, read, a1, false),
      row(`the admin: ${read}`, admin, read, a1, true),
    ]),
    ...(['declaration.submit', 'redemption.create', 'redemption.read', 'eligibility.issue', 'account.predictions', 'evidence.upload'] as const).flatMap((own) => [
      row(`the holder: ${own}`, person, own, a1, true),
      row(`another person: ${own}`, other, own, a1, false),
      row(`the certifier of the area: ${own}`, khuangpao, own, a1, false),
      row(`the admin: ${own}`, admin, own, a1, false),
    ]),
    row('the holder reads an unattached file', person, 'evidence.read', evidence(false), true),
    row('another person reads an attached file', other, 'evidence.read', evidence(true), false),
    row('the certifier reads an attached file', khuangpao, 'evidence.read', evidence(true), true),
    row('the certifier reads an unattached file', khuangpao, 'evidence.read', evidence(false), false),
    row('a certifier elsewhere reads an attached file', khuangpao, 'evidence.read', evidence(true, '710911'), false),
    row('a registrar reads an attached file', registrar, 'evidence.read', evidence(true), false),
    row('the admin reads an attached file', admin, 'evidence.read', evidence(true), false),
    row('a registrar enrols in its area', registrar, 'account.enrol', { kind: 'area', areaCode: '500204' }, true),
    row('a registrar enrols elsewhere', registrar, 'account.enrol', { kind: 'area', areaCode: '710911' }, false),
    row('a certifier enrols', chiangMaiProvince, 'account.enrol', { kind: 'area', areaCode: '500204' }, false),
    row('the admin enrols anywhere', admin, 'account.enrol', { kind: 'area', areaCode: '710911' }, true),
    row('a registrar issues a token in its area', registrar, 'account.token.issue', a1, true),
    row('a certifier issues a token', khuangpao, 'account.token.issue', a1Elsewhere, false),
    row('a person issues a token', person, 'account.token.issue', a1, false),
    row('the holder re-issues their card', person, 'card.reissue', a1, true),
    row('a certifier re-issues a card', chiangMaiProvince, 'card.reissue', a1, false),
    row('an issuer attests', trc, 'attestation.submit', true),
    row('a partner attests', ptt, 'attestation.submit', false),
    row('a person attests', person, 'attestation.submit', false),
    row('the admin attests', admin, 'attestation.submit', false),
    row('an issuer attests its indicator', trc, 'indicator.attest', { kind: 'indicator', code: 'trc.blood.plasma' }, true),
    row('an issuer attests another’s indicator', trc, 'indicator.attest', { kind: 'indicator', code: 'dsd.course' }, false),
    row('a certifier decides', chiangMaiProvince, 'certification.decide', true),
    row('a certifier without areas decides (then is out of scope)', noAreaCertifier, 'certification.decide', true),
    row('an issuer decides', trc, 'certification.decide', false),
    row('a certifier certifies in its area', khuangpao, 'attestation.certify', a1, true),
    row('a certifier certifies elsewhere', khuangpao, 'attestation.certify', a1Elsewhere, false),
    row('a registrar certifies', registrar, 'attestation.certify', a1, false),
    row('a certifier has a queue', khuangpao, 'certification.work', true),
    row('a certifier without areas has no queue', noAreaCertifier, 'certification.work', false),
    row('the admin has no queue', admin, 'certification.work', false),
    row('a certifier filters on its subdistrict', chiangMaiProvince, 'certification.area', { kind: 'area', areaCode: '500204' }, true),
    row('a certifier filters on another province', chiangMaiProvince, 'certification.area', { kind: 'area', areaCode: '710911' }, false),
    row('a certifier reads its meeting', khuangpao, 'meeting.read', { kind: 'meeting', agency: 'khuangpao' }, true),
    row('a certifier reads another’s meeting', chiangMaiProvince, 'meeting.read', { kind: 'meeting', agency: 'khuangpao' }, false),
    row('an issuer uploads an import', trc, 'import.upload', true),
    row('a partner uploads an import', ptt, 'import.upload', false),
    row('an agency lists its imports', ptt, 'import.list', true),
    row('a person lists imports', person, 'import.list', false),
    row('the admin lists imports', admin, 'import.list', false),
    row('an agency reads its import', trc, 'import.read', { kind: 'import', agency: 'trc' }, true),
    row('an agency reads another’s import', khuangpao, 'import.read', { kind: 'import', agency: 'trc' }, false),
    row('the admin reads an import', admin, 'import.read', { kind: 'import', agency: 'trc' }, false),
    row('an issuer writes opportunities', trc, 'opportunity.write', true),
    row('a partner writes opportunities', ptt, 'opportunity.write', false),
    row('an issuer publishes for its indicator', trc, 'opportunity.publish', { kind: 'indicator', code: 'trc.blood.plasma' }, true),
    row('an issuer publishes for another’s', trc, 'opportunity.publish', { kind: 'indicator', code: 'khuangpao.x' }, false),
    row('an issuer manages its opportunity', trc, 'opportunity.manage', { kind: 'opportunity', agency: 'trc' }, true),
    row('an issuer manages another’s opportunity', khuangpao, 'opportunity.manage', { kind: 'opportunity', agency: 'trc' }, false),
    row('a partner acts', ptt, 'partner.act', true),
    row('an issuer acts as a partner', trc, 'partner.act', false),
    row('a person acts as a partner', person, 'partner.act', false),
    row('a partner proposes its privilege', ptt, 'privilege.propose', { kind: 'privilege', partner: 'ptt' }, true),
    row('a partner proposes another’s privilege', ptt, 'privilege.propose', { kind: 'privilege', partner: 'khuangpao' }, false),
    row('the committee proposes any privilege', committee, 'privilege.propose', { kind: 'privilege', partner: 'ptt' }, true),
    row('a partner confirms its voucher', ptt, 'voucher.confirm', { kind: 'voucher', agency: 'ptt' }, true),
    row('a partner confirms another’s voucher', ptt, 'voucher.confirm', { kind: 'voucher', agency: 'khuangpao' }, false),
    row('the committee lists every privilege', member, 'privilege.list-all', true),
    row('a partner lists every privilege', ptt, 'privilege.list-all', false),
    row('the committee reads its queue', committee, 'committee.read', true),
    row('an issuer reads the committee queue', trc, 'committee.read', false),
    row('the committee decides', committee, 'committee.decide', true),
    row('a member decides on another’s proposal', member, 'proposal.decide', { kind: 'proposal', parties: ['ptt', 'ptt'] }, true),
    row('a member decides on its own proposal', member, 'proposal.decide', { kind: 'proposal', parties: ['biz', 'ptt'] }, false),
    row('an issuer decides on a proposal', trc, 'proposal.decide', { kind: 'proposal', parties: ['dsd', 'dsd'] }, false),
    row('the committee sets the balance policy', admin, 'policy.write', true),
    row('a partner sets the balance policy', ptt, 'policy.write', false),
    row('an issuer writes its own indicator', trc, 'indicator.write', { kind: 'indicator-definition', code: 'trc.x', owner: { kind: 'agency', agency: 'trc' } }, true),
    row('an issuer writes a national indicator', trc, 'indicator.write', { kind: 'indicator-definition', code: 'nat.x', owner: { kind: 'national' } }, false),
    row('the owner sees proposals', trc, 'indicator.proposals.read', { kind: 'indicator-proposals', agency: 'trc' }, true),
    row('another agency sees proposals', khuangpao, 'indicator.proposals.read', { kind: 'indicator-proposals', agency: 'trc' }, false),
    row('the admin registers agencies', admin, 'agency.register', true),
    row('the committee agency registers agencies', committee, 'agency.register', false),
    row('the admin creates keys', admin, 'agency.key.create', true),
    row('an agency creates keys', trc, 'agency.key.create', false),
    row('the admin revokes keys', admin, 'key.revoke', true),
    row('a person revokes keys', person, 'key.revoke', false),
    row('an agency administrator manages its staff', staffAdmin, 'staff.manage', { kind: 'agency', code: 'trc' }, true),
    row('an agency administrator manages another’s staff', staffAdmin, 'staff.manage', { kind: 'agency', code: 'dsd' }, false),
    row('an agency key manages its staff', trc, 'staff.manage', { kind: 'agency', code: 'trc' }, false),
    row('the admin manages any staff', admin, 'staff.manage', { kind: 'agency', code: 'dsd' }, true),
    // Restriction and erasure: the holder, or the admin on the person's request; a restricted record only its holder reads.
    row('the holder reads a restricted record', person, 'account.restricted.read', { kind: 'account', id: 'a1' }, true),
    row('the area’s registrar reads a restricted record', registrar, 'account.restricted.read', { kind: 'account', id: 'a1' }, false),
    row('the admin reads a restricted record', admin, 'account.restricted.read', { kind: 'account', id: 'a1' }, false),
    row('the holder restricts', person, 'account.restrict', { kind: 'account', id: 'a1' }, true),
    row('another person restricts', other, 'account.restrict', { kind: 'account', id: 'a1' }, false),
    row('the admin restricts on request', admin, 'account.restrict', { kind: 'account', id: 'a1' }, true),
    row('the holder erases', person, 'account.erase', { kind: 'account', id: 'a1' }, true),
    row('the area’s registrar erases', registrar, 'account.erase', { kind: 'account', id: 'a1' }, false),
    row('another person erases', other, 'account.erase', { kind: 'account', id: 'a1' }, false),
    // Reversals: only the credit's issuer or certifier.
    row('the issuer reverses its credit', trc, 'credit.reverse', { issuer: 'trc', certifier: null }, true),
    row('another issuer reverses it', khuangpao, 'credit.reverse', { issuer: 'trc', certifier: null }, false),
    row('the certifier reverses what it certified', khuangpao, 'credit.reverse', { issuer: 'self', certifier: 'khuangpao' }, true),
    row('the admin reverses', admin, 'credit.reverse', { issuer: 'trc', certifier: null }, false),
    row('the person reverses', person, 'credit.reverse', { issuer: 'trc', certifier: null }, false),
    row('the person reads their credit', person, 'credit.read', { issuer: 'trc', certifier: null, account: { id: 'a1', areaCode: '500204' } }, true),
    row('another person reads it', other, 'credit.read', { issuer: 'trc', certifier: null, account: { id: 'a1', areaCode: '500204' } }, false),
    row('its issuer reads it', trc, 'credit.read', { issuer: 'trc', certifier: null, account: { id: 'a1', areaCode: '710911' } }, true),
    row('another area’s certifier reads it', chiangMaiProvince, 'credit.read', { issuer: 'trc', certifier: null, account: { id: 'a1', areaCode: '710911' } }, false),
    // The committee's rules.
    row('the committee manages the rules', committee, 'rules.manage', true),
    row('an issuer manages the rules', trc, 'rules.manage', false),
    row('the committee puts another agency’s indicator in any group', committee, 'group.use-any', { owner: 'trc' }, true),
    row('an issuer puts its own indicator in any group', trc, 'group.use-any', { owner: 'trc' }, false),
    row('a member agency puts its own indicator in any group', member, 'group.use-any', { owner: 'biz' }, false),
    // A person's own record: consents, access log, export, disputes, ratings.
    row('the holder acts on their own record', person, 'account.own', { kind: 'account', id: 'a1' }, true),
    row('another person acts on it', other, 'account.own', { kind: 'account', id: 'a1' }, false),
    row('the admin acts on it', admin, 'account.own', { kind: 'account', id: 'a1' }, false),
    row('the area’s registrar acts on it', registrar, 'account.own', { kind: 'account', id: 'a1' }, false),
    // Disputes.
    row('the respondent answers in its role', trc, 'dispute.answer', { respondentCode: 'trc', respondentRole: 'issuer' }, true),
    row('another agency answers', khuangpao, 'dispute.answer', { respondentCode: 'trc', respondentRole: 'issuer' }, false),
    row('a reviewer decides another agency’s dispute', reviewer, 'dispute.review', { respondentCode: 'trc' }, true),
    row('a reviewer decides its own agency’s dispute', reviewer, 'dispute.review', { respondentCode: 'ombudsman' }, false),
    row('an issuer decides a dispute', trc, 'dispute.review', { respondentCode: 'khuangpao' }, false),
    row('the person reads their dispute', person, 'dispute.read', { accountId: 'a1', respondentCode: 'trc', respondentRole: 'issuer', escalated: false }, true),
    row('another person reads it', other, 'dispute.read', { accountId: 'a1', respondentCode: 'trc', respondentRole: 'issuer', escalated: false }, false),
    row('a reviewer reads it before escalation', reviewer, 'dispute.read', { accountId: 'a1', respondentCode: 'trc', respondentRole: 'issuer', escalated: false }, false),
    row('a reviewer reads it once escalated', reviewer, 'dispute.read', { accountId: 'a1', respondentCode: 'trc', respondentRole: 'issuer', escalated: true }, true),
    row('an agency reads its own queue', trc, 'dispute.queue', { kind: 'agency', code: 'trc' }, true),
    row('an agency reads another’s queue', trc, 'dispute.queue', { kind: 'agency', code: 'khuangpao' }, false),
    row('the committee sets the answer deadline', committee, 'dispute.deadline.set', true),
    row('an issuer sets it', trc, 'dispute.deadline.set', false),
    row('an agency reads the comments on itself', trc, 'rating.comments.read', { kind: 'agency', code: 'trc' }, true),
    row('the committee reads an agency’s comments', committee, 'rating.comments.read', { kind: 'agency', code: 'trc' }, false),
    row('the admin reads an agency’s comments', admin, 'rating.comments.read', { kind: 'agency', code: 'trc' }, false),
    // Manifest-signing keys.
    row('an agency key manages its signing keys', trc, 'signing-keys.manage', true),
    row('a person manages signing keys', person, 'signing-keys.manage', false),
  ];

  it.each(table)('%s', (...r) => {
    const [, p, action, ...rest] = r as unknown as [string, Principal, Action, ...unknown[]];
    const allowed = rest.pop();
    const gate = canAccess as (p: Principal, a: Action, r?: unknown) => boolean;
    expect(gate(p, action, rest[0])).toBe(allowed);
  });

  it('has a row for every action', () => {
    const tested = new Set(table.map((r) => r[2]));
    expect(Object.keys(ACCESS_RULES).filter((a) => !tested.has(a as Action))).toEqual([]);
  });
});
