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

export function isAdmin(p: Principal): boolean {
  return p.kind === 'admin';
}
