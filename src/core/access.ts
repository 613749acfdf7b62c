// Authorisation is by role and scope: an issuer only for its indicators, a certifier or registrar
// only for its areas, a person only for their own account.
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
  return hasRole(p, 'certifier') && isWithinAreas(p.areaScopes, accountAreaCode);
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
