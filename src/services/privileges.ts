// The privileges catalogue (partner-owned, committee-approved) and a person's balance.
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { actorOf, agencyOfActor, parseActor, REFUSAL_REASON_MAX, refusalReason, type Actor, type Decision } from '../core/approvals.js';
import { AppError } from '../core/errors.js';
import { isAvailableIn, isWithinValidity, validatePrivilege, type PrivilegeDefinition } from '../core/privileges.js';
import type { Clock } from '../adapters/clock.js';
import type { Database } from '../store/schema.js';
import { isUniqueViolation } from '../store/database.js';
import { debitsHistory, earnedByYear, policiesRepo, privilegesRepo, type PrivilegeRow } from '../store/repos/privileges.js';
import { computeBalance, type BalanceResult, type ExpiryPolicy } from '../core/balance.js';
import type { Queryable } from '../store/repos/types.js';

export interface PrivilegeView extends PrivilegeDefinition {
  status: PrivilegeRow['status'];
  /** Remaining quota, public so people know what is left; null when unlimited. */
  remaining: number | null;
  proposedAt: string;
  proposedBy: Actor | null;
  decidedBy: Actor | null;
  decidedAt: string | null;
  refusalReason: string | null;
}

export function presentPrivilege(row: PrivilegeRow): PrivilegeView {
  const def = JSON.parse(row.definition) as PrivilegeDefinition;
  return {
    ...def,
    status: row.status,
    remaining: row.stock_total === null ? null : row.stock_total - row.stock_used,
    proposedAt: row.created_at,
    proposedBy: parseActor(row.proposed_by),
    decidedBy: parseActor(row.decided_by),
    decidedAt: row.decided_at,
    refusalReason: row.refusal_reason,
  };
}

export interface Balance extends Omit<BalanceResult, 'expiring'> {
  accountId: string;
  /** The committee's expiry policy in force, if any. */
  policy: { yearsValid: number; effectiveFrom: string } | null;
  /** Advance reminders of coming expiries, in Thai (Buddhist Era) and English. */
  reminders: Array<{ points: number; expiresAt: string; message: { th: string; en: string } }>;
}

async function policyAt(db: Queryable, now: Date): Promise<ExpiryPolicy | undefined> {
  const row = await policiesRepo.inForce(db, now.toISOString());
  return row && row.years_valid !== null ? { yearsValid: row.years_valid, effectiveFrom: new Date(row.effective_from) } : undefined;
}

function reminder(e: { points: number; expiresAt: string }) {
  const d = new Date(e.expiresAt);
  const th = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { timeZone: 'Asia/Bangkok', dateStyle: 'long' }).format(d);
  const en = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bangkok', dateStyle: 'long' }).format(d);
  return { ...e, message: { th: `${e.points} คะแนนจะหมดอายุวันที่ ${th} — ใช้แลกสิทธิประโยชน์ได้ก่อนวันนั้น`, en: `${e.points} points expire on ${en}; you can exchange them before then.` } };
}

export async function balanceOf(db: Queryable, accountId: string, now: Date): Promise<Balance> {
  const policy = await policyAt(db, now);
  const { expiring, ...totals } = computeBalance({
    earnedByYear: await earnedByYear(db, accountId),
    debits: (await debitsHistory(db, accountId)).map((d) => ({ at: new Date(d.created_at), points: d.points, kind: d.kind })),
    policy,
    now,
  });
  return {
    accountId,
    ...totals,
    policy: policy ? { yearsValid: policy.yearsValid, effectiveFrom: policy.effectiveFrom.toISOString() } : null,
    reminders: expiring.map(reminder),
  };
}

/** Loads a published privilege usable by an account in `areaCode` now, or fails with a clear code. */
export async function usablePrivilege(
  db: Queryable,
  code: string,
  at: Date,
  account: { kind: string; area_code: string },
): Promise<{ row: PrivilegeRow; def: PrivilegeDefinition }> {
  const row = await privilegesRepo.find(db, code);
  if (row?.status !== 'approved') throw new AppError('privilege_not_found', { privilege: code });
  const def = JSON.parse(row.definition) as PrivilegeDefinition;
  if (!isWithinValidity(def, at) || !isAvailableIn(def, account.area_code) || !def.accountKinds.includes(account.kind as 'person'))
    throw new AppError('privilege_unavailable', { privilege: code });
  return { row, def };
}

export interface PrivilegeService {
  propose(principal: Principal, input: unknown): Promise<PrivilegeView>;
  /** The committee approves (publishes) or refuses a proposed privilege; never one its own agency proposed. */
  decide(principal: Principal, code: string, decision: Decision): Promise<PrivilegeView>;
  /** Published and currently valid privileges; unapproved ones are invisible. */
  published(q: { partner?: string | undefined; areaCode?: string | undefined }): Promise<PrivilegeView[]>;
  /** A partner's own privileges in every status (the committee sees all). */
  owned(principal: Principal): Promise<PrivilegeView[]>;
  /** One published privilege valid now; privilege_not_found otherwise. */
  publishedOne(code: string): Promise<PrivilegeView>;
  balance(accountId: string): Promise<Balance>;
  /** The committee sets how long points stay exchangeable; a change applies only from a future date. */
  setExpiryPolicy(principal: Principal, input: { yearsValid: number | null; effectiveFrom: string }): Promise<{ version: number }>;
  expiryPolicies(): Promise<Array<{ version: number; yearsValid: number | null; effectiveFrom: string }>>;
}

export function createPrivilegeService(deps: { db: Kysely<Database>; clock: Clock }): PrivilegeService {
  const { db, clock } = deps;
  return {
    async propose(principal, input) {
      const r = validatePrivilege(input);
      if (!r.ok) throw new AppError(r.basicRight ? 'privilege_touches_basic_rights' : 'invalid_privilege', { issues: r.issues });
      const def = r.value;
      if (!canAccess(principal, 'privilege.propose', { kind: 'privilege', partner: def.partner })) throw new AppError('forbidden');
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
        proposed_by: actorOf(principal),
        decided_by: null,
        decided_at: null,
        refusal_reason: null,
      };
      try {
        await privilegesRepo.insert(db, row);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('privilege_exists');
        throw err;
      }
      return presentPrivilege(row);
    },
    async decide(principal, code, decision) {
      if (!canAccess(principal, 'committee.decide')) throw new AppError('forbidden');
      const row = await privilegesRepo.find(db, code);
      if (!row) throw new AppError('privilege_not_found', { privilege: code });
      if (!canAccess(principal, 'proposal.decide', { kind: 'proposal', parties: [row.partner_code, agencyOfActor(row.proposed_by)] }))
        throw new AppError('own_proposal', { privilege: code });
      if (row.status !== 'proposed') throw new AppError('already_decided', { privilege: code, status: row.status });
      const at = clock.now().toISOString();
      const decided = { decided_by: actorOf(principal), decided_at: at };
      let outcome: Pick<PrivilegeRow, 'status' | 'approved_at' | 'decided_by' | 'decided_at' | 'refusal_reason'>;
      if (decision.decision === 'approve') outcome = { status: 'approved', approved_at: at, refusal_reason: null, ...decided };
      else {
        const reason = refusalReason(decision.reason);
        if (reason === undefined) throw new AppError('validation_failed', { issues: [{ path: 'reason', message: `a reason of 1–${REFUSAL_REASON_MAX} characters` }] });
        outcome = { status: 'refused', approved_at: null, refusal_reason: reason, ...decided };
      }
      if ((await privilegesRepo.decide(db, code, outcome)) === 0) {
        // Another decision won the race.
        const latest = await privilegesRepo.find(db, code);
        throw new AppError('already_decided', { privilege: code, status: latest?.status ?? row.status });
      }
      return presentPrivilege({ ...row, ...outcome });
    },
    async published(q) {
      const now = clock.now();
      return (await privilegesRepo.list(db, { status: 'approved', ...(q.partner ? { partner: q.partner } : {}) }))
        .map(presentPrivilege)
        .filter((p) => isWithinValidity(p, now) && (!q.areaCode || isAvailableIn(p, q.areaCode)));
    },
    async publishedOne(code) {
      const row = await privilegesRepo.find(db, code);
      const view = row && row.status === 'approved' ? presentPrivilege(row) : undefined;
      if (!view || !isWithinValidity(view, clock.now())) throw new AppError('privilege_not_found');
      return view;
    },
    async owned(principal) {
      if (canAccess(principal, 'privilege.list-all')) return (await privilegesRepo.list(db, {})).map(presentPrivilege);
      if (!canAccess(principal, 'partner.act')) throw new AppError('forbidden');
      return (await privilegesRepo.list(db, { partner: principal.agency })).map(presentPrivilege);
    },
    balance: (accountId) => balanceOf(db, accountId, clock.now()),
    async setExpiryPolicy(principal, input) {
      if (!canAccess(principal, 'policy.write')) throw new AppError('forbidden');
      const now = clock.now();
      const from = new Date(input.effectiveFrom);
      if (from.getTime() < now.getTime() - 60_000) throw new AppError('retroactive_change', { effectiveFrom: input.effectiveFrom, now: now.toISOString() });
      const version = await policiesRepo.add(db, { years_valid: input.yearsValid, effective_from: from.toISOString(), created_at: now.toISOString() });
      return { version };
    },
    async expiryPolicies() {
      return (await policiesRepo.all(db)).map((r) => ({ version: r.version, yearsValid: r.years_valid, effectiveFrom: r.effective_from }));
    },
  };
}
