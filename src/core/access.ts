// Authorisation is by role and scope: an issuer only for its indicators, a certifier or registrar
// only for its areas, a person only for their own account, the committee for the national frame and
// for approving what agencies and partners propose (never what its own agency proposed).
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
export const STAFF_ROLES = ['admin', 'issuer', 'certifier', 'registrar', 'partner', 'committee'] as const;
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

/**
 * An agency's manifest-signing keys are managed by the agency itself: its machine credential, or a
 * signed-in officer who administers it (not every officer who may upload).
 */
export function canManageSigningKeys(p: Principal): p is Extract<Principal, { kind: 'agency' }> {
  return p.kind === 'agency' && (p.officer === undefined || p.officer.agencyAdmin === true);
}
