// Authorisation is by role and scope: an issuer only for its indicators, a certifier or registrar
// only for its areas, a person only for their own account.
import type { AgencyRole } from './seed/agencies.js';

export type Principal =
  | { kind: 'admin' }
  | {
      kind: 'agency';
      agency: string;
      roles: readonly AgencyRole[];
      indicatorScopes: readonly string[];
      areaScopes: readonly string[];
      /** The signed-in staff member acting for the agency; API keys have none. */
      officer?: string | undefined;
    }
  | { kind: 'person'; accountId: string };

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
  return hasRole(p, 'certifier') && isWithinAreas(p.areaScopes, accountAreaCode);
}

/** A certifier with at least one area: the only principal with a queue and meetings. */
export function isCertifier(p: Principal): p is Extract<Principal, { kind: 'agency' }> {
  return hasRole(p, 'certifier') && p.areaScopes.length > 0;
}

/** Who decided, for the record: the signed-in officer if sign-in named one. */
export function officerOf(p: Principal): string | null {
  return p.kind === 'agency' ? (p.officer ?? null) : null;
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

export function isAdmin(p: Principal): boolean {
  return p.kind === 'admin';
}
