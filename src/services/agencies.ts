// Agencies and their API keys: keys are created by the committee admin, shown once, stored hashed.
import type { Kysely } from 'kysely';
import { accountResource, canAccess, type Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import type { AgencyRole } from '../core/seed/agencies.js';
import { systemClock, type Clock } from '../adapters/clock.js';
import { createTtlCache } from '../adapters/ttl-cache.js';
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
  /**
   * Resolves a bearer token to who is calling, or undefined. A token that resolved is trusted for up
   * to TOKEN_CACHE_TTL_MS without asking the database again (it is still hashed on every request).
   */
  authenticate(token: string): Promise<Principal | undefined>;
  /** Forgets every resolved token: keys were revoked or deleted in this process, so they stop working at once. */
  forgetTokens(): void;
  /** The principal of an agency with its current roles and scopes (work done later on its behalf, e.g. an import). */
  principalOf(agencyCode: string): Promise<Principal | undefined>;
}

/**
 * How long a resolved token is kept: the bound within which a key revoked or deleted by another
 * process (the CLI, a second server on the same database) stops working, and within which an
 * agency's changed roles apply. Revocation and erasure through this process apply at once.
 */
export const TOKEN_CACHE_TTL_MS = 5_000;
/** Resolved tokens kept at most (oldest dropped first): bounded memory, whatever callers send. */
const TOKEN_CACHE_MAX = 10_000;

/** Thrown inside the cache so that a token that resolves to nobody is never kept. */
const UNKNOWN = Symbol('unknown token');

export function createAgencyService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  adminToken: string | undefined;
  /** Time to live of resolved tokens (tests shorten it); the cache runs on real time, not the platform's clock. */
  tokenCacheTtlMs?: number;
}): AgencyService {
  const { db, clock, ids, adminToken } = deps;
  // Keyed by the token's hash, so the cache never holds a usable token.
  const resolved = createTtlCache<Principal>({ ttlMs: deps.tokenCacheTtlMs ?? TOKEN_CACHE_TTL_MS, clock: systemClock, maxEntries: TOKEN_CACHE_MAX });
  async function resolve(hash: string): Promise<Principal> {
    const key = await apiKeysRepo.findActiveByHash(db, hash);
    const principal =
      key?.principal_kind === 'person' && key.account_id
        ? ({ kind: 'person', accountId: key.account_id } as const)
        : key?.principal_kind === 'agency' && key.agency_code
          ? await agencyPrincipal(key.agency_code)
          : undefined;
    if (!principal) throw UNKNOWN;
    // Shared by every request of the token while cached: frozen, so no caller can change it for the next.
    for (const v of Object.values(principal)) if (Array.isArray(v)) Object.freeze(v);
    return Object.freeze(principal);
  }
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
      resolved.clear();
    },
    async authenticate(token) {
      if (adminToken && safeEqual(token, adminToken)) return { kind: 'admin' };
      const hash = hashApiToken(token);
      try {
        return await resolved.get(hash, () => resolve(hash));
      } catch (err) {
        if (err === UNKNOWN) return undefined;
        throw err;
      }
    },
    forgetTokens: () => resolved.clear(),
    principalOf: agencyPrincipal,
  };
}
