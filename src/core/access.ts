// Authorisation is by role and scope: an issuer only for its indicators, a certifier or registrar
// only for its areas, a person only for their own account.
import type { AgencyRole } from './seed/agencies.js';

export type Principal =
  | { kind: 'admin' }
  | { kind: 'agency'; agency: string; roles: readonly AgencyRole[]; indicatorScopes: readonly string[]; areaScopes: readonly string[] }
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

export function canEnrolIn(p: Principal, areaCode: string): boolean {
  return p.kind === 'admin' || (hasRole(p, 'registrar') && isWithinAreas(p.areaScopes, areaCode));
}

export function canReadAccount(p: Principal, account: { id: string; areaCode: string }): boolean {
  if (p.kind === 'admin') return true;
  if (p.kind === 'person') return p.accountId === account.id;
  return (hasRole(p, 'certifier') || hasRole(p, 'registrar')) && isWithinAreas(p.areaScopes, account.areaCode);
}

/** File imports of attestations: any issuer may upload; each row is still checked against its indicator scopes. */
export function canImport(p: Principal): boolean {
  return hasRole(p, 'issuer');
}

/** An import (its status, error report and file details) is seen only by the agency that uploaded it. */
export function canReadImport(p: Principal, imp: { agency: string }): boolean {
  return p.kind === 'agency' && p.agency === imp.agency;
}

export function isAdmin(p: Principal): boolean {
  return p.kind === 'admin';
}
