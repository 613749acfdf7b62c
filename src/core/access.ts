// Authorisation is by role and scope: an issuer only for its indicators, a certifier or registrar
// only for its areas, a person only for their own account, the committee for the national frame and
// for approving what agencies and partners propose (never what its own agency proposed).
// Services ask one question, canAccess(principal, action, resource) at the end of this file; the named
// functions below are its rules (internals of the gate, kept exported for their tests and older callers).
import type { AgencyRole } from './seed/agencies.js';

/** A signed-in staff member acting for an agency: who they are (by national-ID hash) and whether they administer its staff. */
export interface Officer {
  id: string;
  agencyAdmin: boolean;
}

export type Principal =
  | { kind: 'admin' }
  | { kind: 'agency'; agency: string; roles: readonly AgencyRole[]; indicatorScopes: readonly string[]; areaScopes: readonly string[]; officer?: Officer }
  | { kind: 'person'; accountId: string };

/** Roles a person can be granted in an agency; `admin` manages the agency's staff, the others act for it. */
export const STAFF_ROLES = ['admin', 'issuer', 'certifier', 'registrar', 'partner', 'committee', 'reviewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * What a staff member may do for an agency: the roles granted to them that the agency itself holds,
 * within the agency's scopes. Nothing comes from the sign-in provider's claims.
 */
export function staffPrincipal(
  agency: { code: string; roles: readonly AgencyRole[]; indicatorScopes: readonly string[]; areaScopes: readonly string[] },
  granted: readonly StaffRole[],
  officerId: string,
): Extract<Principal, { kind: 'agency' }> | undefined {
  const roles = agency.roles.filter((r) => (granted as readonly string[]).includes(r));
  const agencyAdmin = granted.includes('admin');
  if (roles.length === 0 && !agencyAdmin) return undefined;
  return { kind: 'agency', agency: agency.code, roles, indicatorScopes: agency.indicatorScopes, areaScopes: agency.areaScopes, officer: { id: officerId, agencyAdmin } };
}

/** The platform admin manages every agency's staff; an agency administrator only their own agency's. */
export function canManageStaff(p: Principal, agencyCode: string): boolean {
  if (p.kind === 'admin') return true;
  return p.kind === 'agency' && p.agency === agencyCode && p.officer?.agencyAdmin === true;
}

export function matchesIndicatorScope(scopes: readonly string[], code: string): boolean {
  return scopes.some((s) => (s.endsWith('.*') ? code.startsWith(s.slice(0, -1)) : s === code));
}

/** Area codes nest by prefix: province 50 ⊃ district 5002 ⊃ subdistrict 500204. */
export function isWithinAreas(scopes: readonly string[], areaCode: string): boolean {
  return scopes.some((s) => areaCode.startsWith(s));
}

function hasRole(p: Principal, role: AgencyRole): p is Extract<Principal, { kind: 'agency' }> {
  return p.kind === 'agency' && p.roles.includes(role);
}

export function canAttest(p: Principal, indicatorCode: string): boolean {
  return hasRole(p, 'issuer') && matchesIndicatorScope(p.indicatorScopes, indicatorCode);
}

export function canCertifyIn(p: Principal, accountAreaCode: string): boolean {
  return p.kind === 'agency' && certifiesArea(p, accountAreaCode);
}

/** Whether an agency certifies deeds of people living in `areaCode` (whoever acts for it). */
export function certifiesArea(agency: { roles: readonly AgencyRole[]; areaScopes: readonly string[] }, areaCode: string): boolean {
  return agency.roles.includes('certifier') && isWithinAreas(agency.areaScopes, areaCode);
}

/** A certifier with at least one area: the only principal with a queue and meetings. */
export function isCertifier(p: Principal): p is Extract<Principal, { kind: 'agency' }> {
  return hasRole(p, 'certifier') && p.areaScopes.length > 0;
}

/** Who decided, for the record: the signed-in officer if sign-in named one. */
export function officerOf(p: Principal): string | null {
  return p.kind === 'agency' ? (p.officer?.id ?? null) : null;
}

/** Evidence is uploaded by the person themselves, for their own declarations. */
export function canUploadEvidence(p: Principal, accountId: string): boolean {
  return p.kind === 'person' && p.accountId === accountId;
}

/**
 * An evidence file is read by its owner, and by the certifier of the owner's area once the person
 * attached it to a deed (an upload not yet declared is nobody else's business). Nobody else:
 * not the admin, a registrar, an issuer, or another area's certifier.
 */
export function canReadEvidence(p: Principal, owner: { id: string; areaCode: string }, attachedToDeed: boolean): boolean {
  if (p.kind === 'person') return p.accountId === owner.id;
  return attachedToDeed && canCertifyIn(p, owner.areaCode);
}

export function canEnrolIn(p: Principal, areaCode: string): boolean {
  return p.kind === 'admin' || (hasRole(p, 'registrar') && isWithinAreas(p.areaScopes, areaCode));
}

export function canReadAccount(p: Principal, account: { id: string; areaCode: string }): boolean {
  if (p.kind === 'admin') return true;
  if (p.kind === 'person') return p.accountId === account.id;
  return (hasRole(p, 'certifier') || hasRole(p, 'registrar')) && isWithinAreas(p.areaScopes, account.areaCode);
}

/** A new membership card (retiring the old one): the admin, a registrar of the area, or the holder who lost it. */
export function canReissueCard(p: Principal, account: { id: string; areaCode: string }): boolean {
  if (p.kind === 'person') return p.accountId === account.id;
  return canEnrolIn(p, account.areaCode);
}

/** An issuer publishes opportunities for the deeds it may attest. */
export function canPublishOpportunity(p: Principal, indicatorCode: string): boolean {
  return canAttest(p, indicatorCode);
}

/** Only the issuer that published an opportunity changes or cancels it. */
export function canManageOpportunity(p: Principal, opportunity: { agency: string }): boolean {
  return hasRole(p, 'issuer') && p.agency === opportunity.agency;
}

/** What a deed would earn someone is theirs alone to ask. */
export function canSeePredictions(p: Principal, accountId: string): boolean {
  return p.kind === 'person' && p.accountId === accountId;
}

/** File imports of attestations: any issuer may upload; each row is still checked against its indicator scopes. */
export function canImport(p: Principal): boolean {
  return hasRole(p, 'issuer');
}

/** An import (its status, error report and file details) is seen only by the agency that uploaded it. */
export function canReadImport(p: Principal, imp: { agency: string }): boolean {
  return p.kind === 'agency' && p.agency === imp.agency;
}

/** The platform's bootstrap administrator: registers agencies and issues their API keys. */
export function isAdmin(p: Principal): boolean {
  return p.kind === 'admin';
}

/** The national committee: the bootstrap administrator, or a member agency holding the `committee` role. */
export function isCommittee(p: Principal): boolean {
  return p.kind === 'admin' || hasRole(p, 'committee');
}

/** Whether `p` acts for one of these agencies (the owner or the proposer of something under decision). */
export function actsFor(p: Principal, agencies: readonly (string | null)[]): boolean {
  return p.kind === 'agency' && agencies.includes(p.agency);
}

/**
 * Who may write (define or revise) an indicator: the committee any; an issuer only its own agency or
 * local indicators within its indicator scopes. The national frame is the committee's alone.
 */
export function canWriteIndicator(p: Principal, indicator: { code: string; owner: { kind: 'national' } | { kind: 'agency' | 'local'; agency: string } }): boolean {
  if (isCommittee(p)) return true;
  const { owner } = indicator;
  return owner.kind !== 'national' && actsFor(p, [owner.agency]) && canAttest(p, indicator.code);
}

/** A version the committee writes for an indicator its own agency does not own is decided as it is written. */
export function decidesOnWrite(p: Principal, ownerAgency: string | null): boolean {
  return isCommittee(p) && !actsFor(p, [ownerAgency]);
}

/**
 * Why `p` may not decide on a proposal owned or proposed by these agencies, or undefined when it may:
 * only the committee decides, and a member agency never on its own proposal.
 */
export function decisionRefusal(p: Principal, parties: readonly (string | null)[]): 'forbidden' | 'own_proposal' | undefined {
  if (!isCommittee(p)) return 'forbidden';
  return actsFor(p, parties) ? 'own_proposal' : undefined;
}

/** Proposed and refused versions are seen by the committee and by the agency that owns the indicator. */
export function canSeeProposals(p: Principal | undefined, ownerAgency: string | null): boolean {
  return p !== undefined && (isCommittee(p) || actsFor(p, [ownerAgency]));
}

// ---------------------------------------------------------------------------------------------
// The gate: the one question services ask. `canAccess(principal, action, resource)` looks the action up
// in ACCESS_RULES and answers yes or no; the named functions above are its rules (exported for their
// unit tests and for code written before the gate — new service code asks canAccess, not them).
// A rule made with `agencyOnly` or `personOnly` also narrows the principal's type once allowed, so a
// service reads `principal.agency` after the gate without a role check of its own.
// ---------------------------------------------------------------------------------------------

export type AgencyPrincipal = Extract<Principal, { kind: 'agency' }>;
export type PersonPrincipal = Extract<Principal, { kind: 'person' }>;

/** A member's account by its id (enough for what only the holder does). */
export interface AccountIdResource {
  kind: 'account';
  id: string;
}
/** A member's account, by its id and home subdistrict (area rules nest by prefix). */
export interface AccountResource extends AccountIdResource {
  areaCode: string;
}
/** An area, e.g. where someone is enrolled or which subdistrict a queue is filtered on. */
export interface AreaResource {
  kind: 'area';
  areaCode: string;
}
/** An indicator by its code (issuer scopes). */
export interface IndicatorResource {
  kind: 'indicator';
  code: string;
}
/** An indicator definition being written: its code and owner. */
export interface IndicatorDefinitionResource {
  kind: 'indicator-definition';
  code: string;
  owner: { kind: 'national' } | { kind: 'agency' | 'local'; agency: string };
}
/** Versions of an indicator not (yet) in force, owned by `agency` (null: the national frame). */
export interface IndicatorProposalsResource {
  kind: 'indicator-proposals';
  agency: string | null;
}
/** Something an agency made and only it acts on: an import, an opportunity, a meeting decision, a voucher. */
export interface AgencyObjectResource<K extends 'import' | 'opportunity' | 'meeting' | 'voucher'> {
  kind: K;
  agency: string;
}
/** An evidence file: whose it is, and whether its owner attached it to a deed. */
export interface EvidenceResource {
  kind: 'evidence';
  owner: { id: string; areaCode: string };
  attachedToDeed: boolean;
}
/** A privilege by the partner that offers it. */
export interface PrivilegeResource {
  kind: 'privilege';
  partner: string;
}
/** A proposal under decision: the agencies that own and that proposed it (null: none). */
export interface ProposalResource {
  kind: 'proposal';
  parties: readonly (string | null)[];
}
/** A dispute, by the agency that must answer it and the role it is asked in. */
export interface DisputeResource {
  respondentCode: string;
  respondentRole: 'issuer' | 'certifier';
}
/** A credit, by who attested and who certified it. */
export interface CreditResource {
  issuer: string;
  certifier: string | null;
}
/** An agency (its staff, its keys). */
export interface AgencyResource {
  kind: 'agency';
  code: string;
}

interface Rule<R, Actor extends Principal> {
  readonly test: (p: Principal, r: R) => boolean;
  /** Phantom: the principal type an allowed caller has. */
  readonly actor?: Actor;
}
const anyone = <R = void>(test: (p: Principal, r: R) => boolean): Rule<R, Principal> => ({ test });
const agencyOnly = <R = void>(test: (p: AgencyPrincipal, r: R) => boolean): Rule<R, AgencyPrincipal> => ({ test: (p, r) => p.kind === 'agency' && test(p, r) });
const personOnly = <R = void>(test: (p: PersonPrincipal, r: R) => boolean): Rule<R, PersonPrincipal> => ({ test: (p, r) => p.kind === 'person' && test(p, r) });

const readAccount = anyone((p, a: AccountResource) => canReadAccount(p, a));
const holderOnly = personOnly((p, a: AccountIdResource) => p.accountId === a.id);
const committeeOnly = anyone((p) => isCommittee(p));
const adminOnly = anyone((p) => isAdmin(p));

/**
 * Every action and who may take it. Add an action here (and a row in access.test.ts) rather than a
 * role check in a service or a route. Reading a person's record is one rule under several names, so
 * that each read says what it reads (for the person's access log and for tests).
 */
export const ACCESS_RULES = {
  // A person's record: the holder, the admin, and the certifiers and registrars of their area.
  'account.read': readAccount,
  'account.score': readAccount,
  'account.credits': readAccount,
  'account.history': readAccount,
  'account.balance': readAccount,
  'account.achievements': readAccount,
  'account.card': readAccount,
  'account.certificates': readAccount,
  // What only the person does or sees.
  'account.predictions': personOnly((p, a: AccountIdResource) => canSeePredictions(p, a.id)),
  'evidence.upload': personOnly((p, a: AccountIdResource) => canUploadEvidence(p, a.id)),
  'declaration.submit': holderOnly,
  'redemption.create': holderOnly,
  'redemption.read': holderOnly,
  'eligibility.issue': holderOnly,
  'evidence.read': anyone((p, e: EvidenceResource) => canReadEvidence(p, e.owner, e.attachedToDeed)),
  // Enrolment and cards.
  'account.enrol': anyone((p, a: AreaResource) => canEnrolIn(p, a.areaCode)),
  'account.token.issue': anyone((p, a: AccountResource) => canEnrolIn(p, a.areaCode)),
  'card.reissue': anyone((p, a: AccountResource) => canReissueCard(p, a)),
  // Deeds: issuers attest within their indicator scopes; certifiers decide within their areas.
  'attestation.submit': agencyOnly((p) => p.roles.includes('issuer')),
  'indicator.attest': agencyOnly((p, i: IndicatorResource) => canAttest(p, i.code)),
  'certification.decide': agencyOnly((p) => p.roles.includes('certifier')),
  'attestation.certify': agencyOnly((p, a: AccountResource) => canCertifyIn(p, a.areaCode)),
  'certification.work': agencyOnly((p) => isCertifier(p)),
  'certification.area': agencyOnly((p, a: AreaResource) => isCertifier(p) && isWithinAreas(p.areaScopes, a.areaCode)),
  'meeting.read': agencyOnly((p, m: AgencyObjectResource<'meeting'>) => isCertifier(p) && p.agency === m.agency),
  // File imports.
  'import.upload': agencyOnly((p) => canImport(p)),
  'import.list': agencyOnly(() => true),
  'import.read': agencyOnly((p, i: AgencyObjectResource<'import'>) => canReadImport(p, i)),
  // Opportunities.
  'opportunity.write': agencyOnly((p) => p.roles.includes('issuer')),
  'opportunity.publish': agencyOnly((p, i: IndicatorResource) => canPublishOpportunity(p, i.code)),
  'opportunity.manage': agencyOnly((p, o: AgencyObjectResource<'opportunity'>) => canManageOpportunity(p, o)),
  // Partners: their privileges, vouchers, eligibility checks, statistics and webhook.
  'partner.act': agencyOnly((p) => p.roles.includes('partner')),
  'privilege.propose': anyone((p, x: PrivilegeResource) => isCommittee(p) || (hasRole(p, 'partner') && p.agency === x.partner)),
  'privilege.list-all': committeeOnly,
  'voucher.confirm': agencyOnly((p, v: AgencyObjectResource<'voucher'>) => p.roles.includes('partner') && p.agency === v.agency),
  // The committee.
  'committee.read': committeeOnly,
  'committee.decide': committeeOnly,
  'proposal.decide': anyone((p, x: ProposalResource) => decisionRefusal(p, x.parties) === undefined),
  'policy.write': committeeOnly,
  'indicator.write': anyone((p, i: IndicatorDefinitionResource) => canWriteIndicator(p, i)),
  'indicator.proposals.read': anyone((p, i: IndicatorProposalsResource) => canSeeProposals(p, i.agency)),
  // Agencies, their keys and their staff.
  'agency.register': adminOnly,
  'agency.key.create': adminOnly,
  'key.revoke': adminOnly,
  'staff.manage': anyone((p, a: AgencyResource) => canManageStaff(p, a.code)),
  // Restriction and erasure (PDPA s.33–34): the holder, or the admin on the person's verified request.
  'account.restricted.read': anyone((p, a: AccountIdResource) => canReadRestricted(p, a.id)),
  'account.restrict': anyone((p, a: AccountIdResource) => canRestrictAccount(p, a.id)),
  'account.erase': anyone((p, a: AccountIdResource) => canEraseAccount(p, a.id)),
  // Reversals: only the agency that attested or certified the credit; reading it also staff who read the account.
  'credit.reverse': agencyOnly((p, c: CreditResource) => reversalRole(p, c) !== undefined),
  // A person's own record: consents, the access log, the export, disputes and ratings (not even the admin).
  'account.own': anyone((p, a: AccountIdResource) => canActOnOwnRecord(p, a.id)),
  // Disputes: the respondent answers; an independent reviewer (never the respondent) decides escalated ones.
  'dispute.read': anyone((p, d: DisputeResource & { accountId: string; escalated: boolean }) => canReadDispute(p, d)),
  'dispute.answer': anyone((p, d: DisputeResource) => canAnswerDispute(p, d)),
  'dispute.review': anyone((p, d: { respondentCode: string }) => reviewRefusal(p, d) === undefined),
  'dispute.queue': anyone((p, a: AgencyResource) => canReadAgencyQueue(p, a.code)),
  'dispute.deadline.set': anyone((p) => canSetDisputeDeadline(p)),
  'rating.comments.read': anyone((p, a: AgencyResource) => canReadRatingComments(p, a.code)),
  // An agency's manifest-signing keys: its machine credential or its administrators.
  'signing-keys.manage': agencyOnly((p) => canManageSigningKeys(p)),
  // The committee's rules: equivalence groups and the year's grace period.
  'rules.manage': committeeOnly,
  'group.use-any': anyone((p, x: { owner: string | null }) => usesAnyGroup(p, x.owner)),
  'credit.read': anyone((p, c: CreditResource & { account: { id: string; areaCode: string } }) => canReadCredit(p, c)),
} as const;

type Rules = typeof ACCESS_RULES;
export type Action = keyof Rules;
/** The resource an action is about (none for actions that depend on the role alone). */
export type ResourceOf<A extends Action> = Rules[A] extends Rule<infer R, Principal> ? R : never;
type ActorOf<A extends Action> = Rules[A] extends Rule<never, infer X> ? X : never;
declare const granted: unique symbol;
/** A principal the gate allowed (the mark is type-only, so a refused one is not narrowed). */
export type Granted<P extends Principal> = P & { readonly [granted]?: true };
/** The actions that read a person's record (all one rule; named for what they read). */
export type AccountReadAction =
  | 'account.read'
  | 'account.score'
  | 'account.credits'
  | 'account.history'
  | 'account.balance'
  | 'account.achievements'
  | 'account.card'
  | 'account.certificates';

/** The access gate: may `p` take `action` on `resource`? Services throw their refusal (403 or a 404 that hides existence) on false. */
export function canAccess<A extends Action>(p: Principal, action: A, ...resource: ResourceOf<A> extends void ? [] : [ResourceOf<A>]): p is Granted<ActorOf<A>> {
  const rule = ACCESS_RULES[action] as Rule<unknown, Principal>;
  return rule.test(p, resource[0]);
}

/** The resource of an account row (id and home subdistrict). */
export const accountResource = (a: { id: string; area_code: string }): AccountResource => ({ kind: 'account', id: a.id, areaCode: a.area_code });

/** While processing is restricted (PDPA s.34) only the holder reads the record; staff learn only that it is restricted. */
export function canReadRestricted(p: Principal, accountId: string): boolean {
  return p.kind === 'person' && p.accountId === accountId;
}

/** Restricting and lifting: the holder, or the admin acting on the person's verified request. */
export function canRestrictAccount(p: Principal, accountId: string): boolean {
  return p.kind === 'admin' || (p.kind === 'person' && p.accountId === accountId);
}

/** Erasure (irreversible): the holder, or the admin acting on the person's verified request. */
export function canEraseAccount(p: Principal, accountId: string): boolean {
  return p.kind === 'admin' || (p.kind === 'person' && p.accountId === accountId);
}

/**
 * Who may reverse a credit: the agency that attested it (as issuer) or the agency that certified it
 * (as certifier), and nobody else — not another issuer, not another area's certifier, not the
 * admin, not the person. Answers the role it acts in, or undefined.
 */
export function reversalRole(p: Principal, credit: { issuer: string; certifier: string | null }): 'issuer' | 'certifier' | undefined {
  if (p.kind !== 'agency') return undefined;
  if (hasRole(p, 'issuer') && p.agency === credit.issuer) return 'issuer';
  if (hasRole(p, 'certifier') && credit.certifier !== null && p.agency === credit.certifier) return 'certifier';
  return undefined;
}

/** A credit's details and its reversal are read by the person, by who could reverse it, and by staff who may read the account. */
export function canReadCredit(p: Principal, credit: { issuer: string; certifier: string | null; account: { id: string; areaCode: string } }): boolean {
  return reversalRole(p, credit) !== undefined || canReadAccount(p, credit.account);
}

/** The committee's own rules (equivalence groups assigned to agencies, the year's grace period) are changed by the committee alone. */
export function canManageRules(p: Principal): boolean {
  return isCommittee(p);
}

/**
 * Whether a write of an indicator owned by `ownerAgency` may put it into any equivalence group: only
 * the committee writing for an agency other than its own (the same writes it decides as it makes them).
 */
export function usesAnyGroup(p: Principal, ownerAgency: string | null): boolean {
  return decidesOnWrite(p, ownerAgency);
}

/**
 * A person's consents, the log of who read their record and the export of everything held about them
 * are theirs alone: not a registrar (who could otherwise give a health consent the person never gave),
 * not the admin. Someone without a phone gets a personal token from the registrar and acts as themselves.
 */
export function canActOnOwnRecord(p: Principal, accountId: string): boolean {
  return p.kind === 'person' && p.accountId === accountId;
}

/** Reads of a person's record by anyone but the person are recorded in their access log (with a purpose). */
export function isRecordedRead(p: Principal): p is Exclude<Principal, { kind: 'person' }> {
  return p.kind !== 'person';
}

/** A person files, follows and answers back on their own disputes, and rates their own interactions. */
export function isAccountHolder(p: Principal, accountId: string): boolean {
  return p.kind === 'person' && p.accountId === accountId;
}

/** The respondent answers a dispute: the agency it names, acting in the role the dispute concerns. */
export function canAnswerDispute(p: Principal, d: { respondentCode: string; respondentRole: 'issuer' | 'certifier' }): boolean {
  return hasRole(p, d.respondentRole) && p.agency === d.respondentCode;
}

/** Why `p` may not review a dispute, or undefined when it may: an independent reviewer, never the respondent itself. */
export function reviewRefusal(p: Principal, d: { respondentCode: string }): 'forbidden' | 'dispute_own_review' | undefined {
  if (!hasRole(p, 'reviewer')) return 'forbidden';
  return p.agency === d.respondentCode ? 'dispute_own_review' : undefined;
}

/** A dispute is read by its person, its respondent, and (once escalated) an independent reviewer; by nobody else. */
export function canReadDispute(p: Principal, d: { accountId: string; respondentCode: string; respondentRole: 'issuer' | 'certifier'; escalated: boolean }): boolean {
  if (p.kind === 'person') return p.accountId === d.accountId;
  if (p.kind === 'agency' && p.agency === d.respondentCode) return canAnswerDispute(p, d);
  return d.escalated && reviewRefusal(p, d) === undefined;
}

/** An agency's queue of disputes (as respondent or reviewer) is read by those acting for it. */
export function canReadAgencyQueue(p: Principal, agencyCode: string): boolean {
  return p.kind === 'agency' && p.agency === agencyCode;
}

/** The committee sets how long respondents have to answer a dispute. */
export function canSetDisputeDeadline(p: Principal): boolean {
  return isCommittee(p);
}

/** Ratings' comments belong to the rated agency alone: not the committee, not the platform admin. */
export function canReadRatingComments(p: Principal, agencyCode: string): boolean {
  return p.kind === 'agency' && p.agency === agencyCode;
}

/**
 * An agency's manifest-signing keys are managed by the agency itself: its machine credential, or a
 * signed-in officer who administers it (not every officer who may upload).
 */
export function canManageSigningKeys(p: Principal): p is Extract<Principal, { kind: 'agency' }> {
  return p.kind === 'agency' && (p.officer === undefined || p.officer.agencyAdmin === true);
}
