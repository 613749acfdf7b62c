// Staff roles: the platform admin or an agency's administrator grants a person (by national ID) a role
// in the agency. A signed-in staff member then acts for the agency within what was granted.
import type { Kysely } from 'kysely';
import { canAccess, staffPrincipal, type Principal, type StaffRole } from '../core/access.js';
import { AppError } from '../core/errors.js';
import { canonicalIdentifier } from '../core/ids.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import type { IdentifierVault } from '../adapters/crypto.js';
import type { Database } from '../store/schema.js';
import { agenciesRepo } from '../store/repos/agencies.js';
import { staffRepo, type StaffRoleRow } from '../store/repos/staff.js';
import { presentAgency, type AgencyView } from './agencies.js';
import { identifierOf } from './enrolment.js';

export interface StaffGrantInput {
  nationalId: string;
  role: StaffRole;
  label: string;
}

export interface StaffGrantView {
  id: string;
  agency: string;
  role: StaffRole;
  label: string;
  grantedAt: string;
  grantedBy: string;
}

export interface Membership {
  agency: AgencyView;
  roles: StaffRole[];
}

export interface StaffService {
  grant(principal: Principal, agencyCode: string, input: StaffGrantInput): Promise<StaffGrantView>;
  list(principal: Principal, agencyCode: string): Promise<StaffGrantView[]>;
  revoke(principal: Principal, agencyCode: string, grantId: string): Promise<void>;
  /** Every agency the person holds a live role in. */
  memberships(subjectHash: string): Promise<Membership[]>;
  /** The principal of a signed-in person acting for `agencyCode`, or undefined if they hold no role there. */
  principalFor(subjectHash: string, agencyCode: string): Promise<Extract<Principal, { kind: 'agency' }> | undefined>;
}

const present = (r: StaffRoleRow): StaffGrantView => ({ id: r.id, agency: r.agency_code, role: r.role, label: r.label, grantedAt: r.granted_at, grantedBy: r.granted_by });

function grantorOf(p: Principal): string {
  if (p.kind === 'admin') return 'admin';
  if (p.kind === 'agency') return p.officer ? `officer:${p.agency}:${p.officer.id.slice(0, 12)}` : `key:${p.agency}`;
  return 'person';
}

export function createStaffService(deps: { db: Kysely<Database>; clock: Clock; ids: IdGenerator; vault: IdentifierVault }): StaffService {
  const { db, clock, ids, vault } = deps;

  async function agencyFor(principal: Principal, agencyCode: string) {
    const agency = await agenciesRepo.findByCode(db, agencyCode);
    // Another agency's staff list is not even confirmed to exist.
    if (!agency || !canAccess(principal, 'staff.manage', { kind: 'agency', code: agencyCode })) throw new AppError('agency_not_found');
    return presentAgency(agency);
  }

  return {
    async grant(principal, agencyCode, input) {
      const agency = await agencyFor(principal, agencyCode);
      if (input.role !== 'admin' && !(agency.roles as string[]).includes(input.role))
        throw new AppError('role_not_held', { agency: agencyCode, role: input.role, agencyRoles: agency.roles });
      const identifier = identifierOf({ nationalId: input.nationalId });
      if (!identifier) throw new AppError('invalid_national_id');
      const subjectHash = vault.lookupHash(canonicalIdentifier(identifier));
      const existing = (await staffRepo.activeForSubject(db, subjectHash)).find((g) => g.agency_code === agencyCode && g.role === input.role);
      if (existing) return present(existing);
      const row: StaffRoleRow = {
        id: ids.next(),
        agency_code: agencyCode,
        subject_hash: subjectHash,
        role: input.role,
        label: input.label,
        granted_by: grantorOf(principal),
        granted_at: clock.now().toISOString(),
        revoked_at: null,
      };
      await staffRepo.insert(db, row);
      return present(row);
    },

    async list(principal, agencyCode) {
      await agencyFor(principal, agencyCode);
      return (await staffRepo.activeInAgency(db, agencyCode)).map(present);
    },

    async revoke(principal, agencyCode, grantId) {
      await agencyFor(principal, agencyCode);
      const row = await staffRepo.find(db, grantId);
      if (!row || row.agency_code !== agencyCode || row.revoked_at) throw new AppError('not_found');
      await staffRepo.revoke(db, grantId, clock.now().toISOString());
    },

    async memberships(subjectHash) {
      const grants = await staffRepo.activeForSubject(db, subjectHash);
      const codes = [...new Set(grants.map((g) => g.agency_code))];
      const agencies = await agenciesRepo.findMany(db, codes);
      return agencies
        .map(presentAgency)
        .map((agency) => ({ agency, roles: grants.filter((g) => g.agency_code === agency.code).map((g) => g.role) }))
        .filter((m) => staffPrincipal(m.agency, m.roles, subjectHash) !== undefined);
    },

    async principalFor(subjectHash, agencyCode) {
      const grants = (await staffRepo.activeForSubject(db, subjectHash)).filter((g) => g.agency_code === agencyCode);
      if (grants.length === 0) return undefined;
      const agency = await agenciesRepo.findByCode(db, agencyCode);
      return agency
        ? staffPrincipal(
            presentAgency(agency),
            grants.map((g) => g.role),
            subjectHash,
          )
        : undefined;
    },
  };
}
