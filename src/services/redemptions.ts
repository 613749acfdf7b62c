// Redeeming an exchange privilege: an atomic debit (no double spend), a signed voucher the partner
// confirms once, and automatic refunds for vouchers nobody confirmed in time.
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import { canAfford } from '../core/privileges.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import { newShortCode } from '../adapters/crypto.js';
import { expiredClaims, type JwtSigner } from '../adapters/signing-keys.js';
import { subjectCommitment, type IdentifierVault } from '../adapters/crypto.js';
import { bangkokDay } from '../core/calendar.js';
import { redemptionLeaf } from '../log/leaf.js';
import { logRepo } from '../store/repos/attestations.js';
import type { Queryable } from '../store/repos/types.js';
import type { Database } from '../store/schema.js';
import { isUniqueViolation, type Dialect } from '../store/database.js';
import { accountsRepo } from '../store/repos/accounts.js';
import { debitsRepo, privilegesRepo, redemptionsRepo, type RedemptionRow } from '../store/repos/privileges.js';
import { balanceOf, usablePrivilege } from './privileges.js';
import { enqueuePartnerEvent } from './webhook-events.js';
import type { ConsentService } from './consents.js';
import type { AccessRecorder } from './access-log.js';

export const VOUCHER_TTL_MS = 24 * 60 * 60 * 1000;
export const VOUCHER_TOKEN_TYPE = 'khwamdee-voucher+jwt';

export interface VoucherView {
  id: string;
  privilege: string;
  partner: string;
  points: number;
  shortCode: string;
  status: RedemptionRow['status'];
  issuedAt: string;
  expiresAt: string;
  confirmedAt: string | null;
}

export const presentVoucher = (r: RedemptionRow): VoucherView => ({
  id: r.id,
  privilege: r.privilege_code,
  partner: r.partner_code,
  points: r.points,
  shortCode: r.short_code,
  status: r.status,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  confirmedAt: r.confirmed_at,
});

export interface RedemptionService {
  /** `shareWithPartner`: the person gives (again) the consent to share with the privilege's partner in this act. */
  redeem(
    principal: Principal,
    accountId: string,
    input: { privilege: string; requestKey: string; shareWithPartner?: boolean | undefined },
  ): Promise<{ voucher: VoucherView; token: string; replayed: boolean }>;
  vouchers(principal: Principal, accountId: string): Promise<VoucherView[]>;
  voucherToken(principal: Principal, accountId: string, voucherId: string): Promise<{ voucher: VoucherView; token: string }>;
  /** The partner confirms a voucher by its short code or its signed token, once: a second confirm fails `voucher_already_used`. */
  confirm(principal: Principal, input: { shortCode?: string | undefined; token?: string | undefined }): Promise<VoucherView>;
  /** Expires unconfirmed vouchers past their time and refunds them; returns how many. */
  expireDue(limit?: number): Promise<number>;
  stats(principal: Principal): Promise<Array<{ privilege: string; status: string; count: number; points: number }>>;
}

export function createRedemptionService(deps: {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  signer: JwtSigner;
  vault: IdentifierVault;
  consents: Pick<ConsentService, 'ensureSharing' | 'sharesWith'>;
  access: AccessRecorder;
}): RedemptionService {
  const { db, dialect, clock, ids, signer, vault, consents, access } = deps;

  /** Every debit and refund is a leaf of the public log, naming no one. */
  async function appendLeaf(q: Queryable, kind: 'redemption' | 'refund', row: RedemptionRow, subjectKeyEnc: string | null, at: string): Promise<void> {
    const key = subjectKeyEnc ? vault.decrypt(subjectKeyEnc) : Buffer.alloc(32);
    const leaf = redemptionLeaf({
      kind,
      id: row.id,
      subject: subjectCommitment(key, row.account_id, row.id),
      privilege: row.privilege_code,
      partner: row.partner_code,
      points: row.points,
      day: bangkokDay(new Date(row.issued_at)),
    });
    await logRepo.append(q, { kind, ref_id: row.id, leaf, created_at: at });
  }

  const sign = (r: RedemptionRow) =>
    signer.sign(
      { privilege: r.privilege_code, code: r.short_code, points: r.points },
      {
        typ: VOUCHER_TOKEN_TYPE,
        audience: r.partner_code,
        subject: r.id,
        expiresInSeconds: Math.max(1, Math.floor((Date.parse(r.expires_at) - clock.now().getTime()) / 1000)),
        now: clock.now(),
      },
    );

  async function expireOne(row: RedemptionRow, at: string): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const changed = await redemptionsRepo.expire(trx, row.id, at);
      if (Number(changed.numUpdatedRows) !== 1) return false;
      await debitsRepo.insert(trx, { id: ids.next(), account_id: row.account_id, points: -row.points, kind: 'refund', redemption_id: row.id, created_at: at });
      const account = await accountsRepo.findById(trx, row.account_id);
      await appendLeaf(trx, 'refund', row, account?.subject_key_enc ?? null, at);
      await privilegesRepo.returnStock(trx, row.privilege_code);
      await enqueuePartnerEvent(
        trx,
        { ids },
        { partner: row.partner_code, type: 'redemption.expired', data: { voucherId: row.id, privilege: row.privilege_code, shortCode: row.short_code }, now: at },
      );
      return true;
    });
  }

  return {
    async redeem(principal, accountId, input) {
      if (!canAccess(principal, 'redemption.create', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      const attempt = () =>
        db.transaction().execute(async (trx) => {
          const account = await accountsRepo.findById(trx, accountId);
          if (account?.status !== 'active') throw new AppError('account_not_found');
          if (account.restricted_at) throw new AppError('processing_restricted');
          await accountsRepo.lockForPosting(trx, accountId, dialect);
          const existing = await redemptionsRepo.byRequest(trx, accountId, input.requestKey);
          if (existing) {
            if (existing.privilege_code !== input.privilege) throw new AppError('ref_conflict', { requestKey: input.requestKey });
            return { row: existing, replayed: true };
          }
          const now = clock.now();
          const { def } = await usablePrivilege(trx, input.privilege, now, account);
          if (def.kind !== 'exchange' || def.cost === undefined) throw new AppError('wrong_privilege_kind', { kind: def.kind });
          // The voucher goes to the partner: consent to share with it is given in this same act.
          await consents.ensureSharing(trx, accountId, def.partner, input.shareWithPartner === true);
          const { balance } = await balanceOf(trx, accountId, now);
          const afford = canAfford(balance, def.cost, def.minBalanceAfter);
          if (!afford.ok) throw new AppError(afford.reason, { balance, cost: def.cost, minBalanceAfter: def.minBalanceAfter ?? 0 });
          if (!(await privilegesRepo.takeStock(trx, def.code))) throw new AppError('out_of_stock');
          const at = now.toISOString();
          const row: RedemptionRow = {
            id: ids.next(),
            privilege_code: def.code,
            partner_code: def.partner,
            account_id: accountId,
            points: def.cost,
            status: 'issued',
            short_code: newShortCode(),
            request_key: input.requestKey,
            issued_at: at,
            expires_at: new Date(now.getTime() + VOUCHER_TTL_MS).toISOString(),
            confirmed_at: null,
            closed_at: null,
          };
          await redemptionsRepo.insert(trx, row);
          await debitsRepo.insert(trx, { id: ids.next(), account_id: accountId, points: def.cost, kind: 'redeem', redemption_id: row.id, created_at: at });
          await appendLeaf(trx, 'redemption', row, account.subject_key_enc, at);
          await enqueuePartnerEvent(
            trx,
            { ids },
            {
              partner: def.partner,
              type: 'redemption.issued',
              data: { voucherId: row.id, privilege: def.code, shortCode: row.short_code, points: def.cost, expiresAt: row.expires_at },
              now: at,
            },
          );
          return { row, replayed: false };
        });
      let result: { row: RedemptionRow; replayed: boolean };
      try {
        result = await attempt();
      } catch (err) {
        // A concurrent request with the same key won the insert: answer with its voucher.
        if (!isUniqueViolation(err)) throw err;
        result = await attempt();
      }
      return { voucher: presentVoucher(result.row), token: await sign(result.row), replayed: result.replayed };
    },

    async vouchers(principal, accountId) {
      if (!canAccess(principal, 'redemption.read', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      return (await redemptionsRepo.forAccount(db, accountId)).map(presentVoucher);
    },

    async voucherToken(principal, accountId, voucherId) {
      if (!canAccess(principal, 'redemption.read', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      const row = await redemptionsRepo.byId(db, voucherId);
      if (!row || row.account_id !== accountId) throw new AppError('voucher_not_found');
      return { voucher: presentVoucher(row), token: await sign(row) };
    },

    async confirm(principal, input) {
      if (!canAccess(principal, 'partner.act')) throw new AppError('forbidden');
      let shortCode = input.shortCode?.trim().toUpperCase();
      if (input.token) {
        try {
          const { payload } = await signer.verify(input.token, { typ: VOUCHER_TOKEN_TYPE, audience: principal.agency, now: clock.now() });
          shortCode = String(payload.code);
        } catch (err) {
          // The token expires with its voucher; a scan of it afterwards must still find the voucher, so
          // its row answers voucher_expired or, loudly, voucher_already_used — never a vague invalid_token.
          const expired = expiredClaims(err);
          if (typeof expired?.code !== 'string') throw new AppError('invalid_token');
          shortCode = expired.code;
        }
      }
      if (!shortCode) throw new AppError('validation_failed', { issues: [{ path: 'shortCode', message: 'give a short code or a voucher token' }] });
      const row = await redemptionsRepo.byShortCode(db, shortCode);
      if (!row || !canAccess(principal, 'voucher.confirm', { kind: 'voucher', agency: row.partner_code })) throw new AppError('voucher_not_found');
      // A person who withdrew sharing with this partner: its counter processes nothing more for them.
      if (!(await consents.sharesWith(db, row.account_id, row.partner_code))) throw new AppError('consent_withdrawn');
      await access.record(principal, [row.account_id], { purpose: 'redemption', what: 'partner:voucher' });
      const now = clock.now();
      const at = now.toISOString();
      if (row.status === 'issued' && Date.parse(row.expires_at) <= now.getTime()) await expireOne(row, at);
      // Only the request whose conditional update changed the row confirms it (PostgreSQL re-checks
      // `status = 'issued'` after a concurrent confirm commits; SQLite has one writer): one webhook.
      const outcome = await db.transaction().execute(async (trx) => {
        const changed = await redemptionsRepo.confirm(trx, row.id, at);
        const confirmedNow = Number(changed.numUpdatedRows) === 1;
        if (confirmedNow)
          await enqueuePartnerEvent(
            trx,
            { ids },
            {
              partner: row.partner_code,
              type: 'redemption.confirmed',
              data: { voucherId: row.id, privilege: row.privilege_code, shortCode: row.short_code, points: row.points },
              now: at,
            },
          );
        return { confirmedNow, row: await redemptionsRepo.byId(trx, row.id) };
      });
      if (!outcome.row) throw new AppError('voucher_not_found');
      if (outcome.row.status === 'expired') throw new AppError('voucher_expired', { expiresAt: outcome.row.expires_at });
      // Not idempotent on purpose: a second confirm must not look like a first, or goods go out twice.
      if (!outcome.confirmedNow)
        throw new AppError('voucher_already_used', { voucherId: outcome.row.id, privilege: outcome.row.privilege_code, confirmedAt: outcome.row.confirmed_at });
      return presentVoucher(outcome.row);
    },

    async expireDue(limit = 500) {
      const at = clock.now().toISOString();
      let n = 0;
      for (const row of await redemptionsRepo.due(db, at, limit)) if (await expireOne(row, at)) n += 1;
      return n;
    },

    async stats(principal) {
      if (!canAccess(principal, 'partner.act')) throw new AppError('forbidden');
      return (await redemptionsRepo.statsForPartner(db, principal.agency)).map((r) => ({
        privilege: r.privilege_code,
        status: r.status,
        count: Number(r.n),
        points: Number(r.points ?? 0),
      }));
    },
  };
}
