// The privileges catalogue (partner-owned, committee-approved) and a person's balance.
import type { Kysely } from 'kysely';
import { isAdmin, type Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import { isAvailableIn, isWithinValidity, validatePrivilege, type PrivilegeDefinition } from '../core/privileges.js';
import type { Clock } from '../adapters/clock.js';
import type { Database } from '../store/schema.js';
import { isUniqueViolation } from '../store/database.js';
import { debitsRepo, earnedPoints, privilegesRepo, type PrivilegeRow } from '../store/repos/privileges.js';
import type { Queryable } from '../store/repos/types.js';

export interface PrivilegeView extends PrivilegeDefinition {
  status: PrivilegeRow['status'];
  /** Remaining quota, public so people know what is left; null when unlimited. */
  remaining: number | null;
}

export function presentPrivilege(row: PrivilegeRow): PrivilegeView {
  const def = JSON.parse(row.definition) as PrivilegeDefinition;
  return { ...def, status: row.status, remaining: row.stock_total === null ? null : row.stock_total - row.stock_used };
}

export interface Balance {
  accountId: string;
  earned: number;
  redeemed: number;
  refunded: number;
  balance: number;
}

export async function balanceOf(db: Queryable, accountId: string): Promise<Balance> {
  const earned = await earnedPoints(db, accountId);
  const { redeemed, refunded } = await debitsRepo.totals(db, accountId);
  return { accountId, earned, redeemed, refunded, balance: earned - redeemed + refunded };
}

/** Loads a published privilege usable by an account in `areaCode` now, or fails with a clear code. */
export async function usablePrivilege(db: Queryable, code: string, at: Date, account: { kind: string; area_code: string }): Promise<{ row: PrivilegeRow; def: PrivilegeDefinition }> {
  const row = await privilegesRepo.find(db, code);
  if (!row || row.status !== 'approved') throw new AppError('privilege_not_found', { privilege: code });
  const def = JSON.parse(row.definition) as PrivilegeDefinition;
  if (!isWithinValidity(def, at) || !isAvailableIn(def, account.area_code) || !def.accountKinds.includes(account.kind as 'person'))
    throw new AppError('privilege_unavailable', { privilege: code });
  return { row, def };
}

export interface PrivilegeService {
  propose(principal: Principal, input: unknown): Promise<PrivilegeView>;
  approve(principal: Principal, code: string): Promise<PrivilegeView>;
  /** Published and currently valid privileges; unapproved ones are invisible. */
  published(q: { partner?: string | undefined; areaCode?: string | undefined }): Promise<PrivilegeView[]>;
  /** A partner's own privileges in every status (the committee sees all). */
  owned(principal: Principal): Promise<PrivilegeView[]>;
  balance(accountId: string): Promise<Balance>;
}

export function createPrivilegeService(deps: { db: Kysely<Database>; clock: Clock }): PrivilegeService {
  const { db, clock } = deps;
  return {
    async propose(principal, input) {
      const r = validatePrivilege(input);
      if (!r.ok) throw new AppError(r.basicRight ? 'privilege_touches_basic_rights' : 'invalid_privilege', { issues: r.issues });
      const def = r.value;
      const isOwner = principal.kind === 'agency' && principal.roles.includes('partner') && principal.agency === def.partner;
      if (!isAdmin(principal) && !isOwner) throw new AppError('forbidden');
      const row: PrivilegeRow = {
        code: def.code,
        partner_code: def.partner,
        kind: def.kind,
        definition: JSON.stringify(def),
        status: 'proposed',
        stock_total: def.stock ?? null,
        stock_used: 0,
        created_at: clock.now().toISOString(),
        approved_at: null,
      };
      try {
        await privilegesRepo.insert(db, row);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('privilege_exists');
        throw err;
      }
      return presentPrivilege(row);
    },
    async approve(principal, code) {
      if (!isAdmin(principal)) throw new AppError('forbidden');
      await privilegesRepo.approve(db, code, clock.now().toISOString());
      const row = await privilegesRepo.find(db, code);
      if (!row) throw new AppError('privilege_not_found');
      return presentPrivilege(row);
    },
    async published(q) {
      const now = clock.now();
      return (await privilegesRepo.list(db, { status: 'approved', ...(q.partner ? { partner: q.partner } : {}) }))
        .map(presentPrivilege)
        .filter((p) => isWithinValidity(p, now) && (!q.areaCode || isAvailableIn(p, q.areaCode)));
    },
    async owned(principal) {
      if (isAdmin(principal)) return (await privilegesRepo.list(db, {})).map(presentPrivilege);
      if (principal.kind !== 'agency' || !principal.roles.includes('partner')) throw new AppError('forbidden');
      return (await privilegesRepo.list(db, { partner: principal.agency })).map(presentPrivilege);
    },
    balance: (accountId) => balanceOf(db, accountId),
  };
}
