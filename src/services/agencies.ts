// Agencies and their API keys: keys are created by the committee admin, shown once, stored hashed.
import type { Kysely } from 'kysely';
import { accountResource, canAccess, type Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import type { AgencyRole } from '../core/seed/agencies.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import { hashApiToken, newApiToken, safeEqual } from '../adapters/crypto.js';
import type { Database } from '../store/schema.js';
import { agenciesRepo, apiKeysRepo, type AgencyRow } from '../store/repos/agencies.js';
import { accountsRepo } from '../store/repos/accounts.js';

export interface AgencyView {
  code: string;
  name: { th: string; en: string };
  roles: AgencyRole[];
  indicatorScopes: string[];
  areaScopes: string[];
}

export function presentAgency(row: AgencyRow): AgencyView {
  return {
    code: row.code,
    name: { th: row.name_th, en: row.name_en },
    roles: JSON.parse(row.roles) as AgencyRole[],
    indicatorScopes: JSON.parse(row.indicator_scopes) as string[],
    areaScopes: JSON.parse(row.area_scopes) as string[],
  };
}

export interface AgencyService {
  create(principal: Principal, input: AgencyView): Promise<AgencyView>;
  list(): Promise<AgencyView[]>;
  createKey(principal: Principal, agencyCode: string, label?: string): Promise<{ keyId: string; token: string }>;
  createPersonToken(principal: Principal, accountId: string): Promise<{ keyId: string; token: string }>;
  revokeKey(principal: Principal, keyId: string): Promise<void>;
  /** Resolves a bearer token to who is calling, or undefined. */
  authenticate(token: string): Promise<Principal | undefined>;
  /** The principal of an agency with its current roles and scopes (work done later on its behalf, e.g. an import). */
  principalOf(agencyCode: string): Promise<Principal | undefined>;
}

export function createAgencyService(deps: { db: Kysely<Database>; clock: Clock; ids: IdGenerator; adminToken: string | undefined }): AgencyService {
  const { db, clock, ids, adminToken } = deps;
  async function agencyPrincipal(code: string): Promise<Principal | undefined> {
    const agency = await agenciesRepo.findByCode(db, code);
    if (!agency) return undefined;
    const v = presentAgency(agency);
    return { kind: 'agency', agency: v.code, roles: v.roles, indicatorScopes: v.indicatorScopes, areaScopes: v.areaScopes };
  }
  return {
    async create(principal, input) {
      if (!canAccess(principal, 'agency.register')) throw new AppError('forbidden');
      if (await agenciesRepo.findByCode(db, input.code)) throw new AppError('validation_failed', { issues: [{ path: 'code', message: 'an agency with this code exists' }] });
      await agenciesRepo.insert(db, {
        code: input.code,
        name_th: input.name.th,
        name_en: input.name.en,
        roles: JSON.stringify(input.roles),
        indicator_scopes: JSON.stringify(input.indicatorScopes),
        area_scopes: JSON.stringify(input.areaScopes),
        created_at: clock.now().toISOString(),
      });
      return input;
    },
    async list() {
      return (await agenciesRepo.list(db)).map(presentAgency);
    },
    async createKey(principal, agencyCode, label) {
      if (!canAccess(principal, 'agency.key.create')) throw new AppError('forbidden');
      if (!(await agenciesRepo.findByCode(db, agencyCode))) throw new AppError('agency_not_found');
      const { token, hash } = newApiToken('kda');
      const keyId = ids.next();
      await apiKeysRepo.insert(db, {
        id: keyId,
        token_hash: hash,
        principal_kind: 'agency',
        agency_code: agencyCode,
        account_id: null,
        label: label ?? null,
        created_at: clock.now().toISOString(),
        revoked_at: null,
      });
      return { keyId, token };
    },
    async createPersonToken(principal, accountId) {
      const account = await accountsRepo.findById(db, accountId);
      // The admin, or a registrar of the person's area (the same rule as enrolling there).
      if (!account || !canAccess(principal, 'account.token.issue', accountResource(account))) throw new AppError('account_not_found');
      const { token, hash } = newApiToken('kdp');
      const keyId = ids.next();
      await apiKeysRepo.insert(db, {
        id: keyId,
        token_hash: hash,
        principal_kind: 'person',
        agency_code: null,
        account_id: accountId,
        label: null,
        created_at: clock.now().toISOString(),
        revoked_at: null,
      });
      return { keyId, token };
    },
    async revokeKey(principal, keyId) {
      if (!canAccess(principal, 'key.revoke')) throw new AppError('forbidden');
      const key = await apiKeysRepo.findById(db, keyId);
      if (!key) throw new AppError('not_found');
      await apiKeysRepo.revoke(db, keyId, clock.now().toISOString());
    },
    async authenticate(token) {
      if (adminToken && safeEqual(token, adminToken)) return { kind: 'admin' };
      const key = await apiKeysRepo.findActiveByHash(db, hashApiToken(token));
      if (!key) return undefined;
      if (key.principal_kind === 'person' && key.account_id) return { kind: 'person', accountId: key.account_id };
      if (key.principal_kind === 'agency' && key.agency_code) return agencyPrincipal(key.agency_code);
      return undefined;
    },
    principalOf: agencyPrincipal,
  };
}
