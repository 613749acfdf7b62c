// Consent per purpose: the person views, gives and withdraws each purpose in one idempotent action,
// and every change yields a receipt signed with the platform's key (verifiable against the JWKS).
// Sharing with a partner (`sharing:<partner>`) is given in the same act as the first voucher or
// eligibility token for that partner; once withdrawn, only an explicit new consent restores it.
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { CORE_PURPOSES, LEAVING_PATH, LEAVING_PURPOSE, noticeOf, parsePurpose, receiptClaims, sharingPurpose, type ConsentAction, type ParsedPurpose } from '../core/consents.js';
import { AppError } from '../core/errors.js';
import type { Clock } from '../adapters/clock.js';
import type { IdGenerator } from '../adapters/ids.js';
import type { JwtSigner } from '../adapters/signing-keys.js';
import type { Database } from '../store/schema.js';
import { isUniqueViolation } from '../store/database.js';
import { accountsRepo } from '../store/repos/accounts.js';
import { consentsRepo, type ReceiptRow } from '../store/repos/consents.js';
import type { Queryable } from '../store/repos/types.js';
import { PRIVACY_NOTICE_VERSION } from './enrolment.js';

export const CONSENT_RECEIPT_TYPE = 'khwamdee-consent-receipt+jwt';
const CONTROLLER = { th: 'แพลตฟอร์มธนาคารความดี (ความดี)', en: 'Khwamdee good-deed bank platform' };

export interface ReceiptView {
  id: string;
  purpose: string;
  action: ConsentAction;
  at: string;
  noticeVersion: string;
  /** The signed receipt (compact JWS); verify it with the platform's JWKS. */
  token: string;
}

export interface PurposeState {
  purpose: string;
  kind: 'core' | 'sharing';
  partner: { code: string; name: { th: string; en: string } | null } | null;
  given: boolean;
  givenAt: string | null;
  withdrawnAt: string | null;
  noticeVersion: string | null;
  notice: { th: string; en: string };
  /** `leaving`: this purpose is withdrawn by leaving the platform (LEAVING_PATH). */
  withdrawal: 'allowed' | 'leaving';
}

export interface ConsentsView {
  noticeVersion: string;
  purposes: PurposeState[];
  history: Array<{ purpose: string; noticeVersion: string; givenAt: string; withdrawnAt: string | null }>;
  receipts: ReceiptView[];
}

export interface ConsentService {
  view(principal: Principal, accountId: string): Promise<ConsentsView>;
  give(principal: Principal, accountId: string, purpose: string): Promise<{ receipt: ReceiptView; replayed: boolean }>;
  withdraw(principal: Principal, accountId: string, purpose: string): Promise<{ receipt: ReceiptView; replayed: boolean }>;
  receipt(principal: Principal, accountId: string, receiptId: string): Promise<ReceiptView>;
  /**
   * Inside a voucher or eligibility-token transaction: the person's consent to share with `partner`.
   * Never given: the request is the consent (recorded, with its receipt). Withdrawn: refused
   * `sharing_consent_withdrawn` unless the request gives it again explicitly.
   */
  ensureSharing(q: Queryable, accountId: string, partner: string, explicit: boolean): Promise<void>;
  /** Whether the person currently shares with `partner` (the counter's check of a voucher or token). */
  sharesWith(q: Queryable, accountId: string, partner: string): Promise<boolean>;
}

export const presentReceipt = (r: ReceiptRow): ReceiptView => ({ id: r.id, purpose: r.purpose, action: r.action, at: r.at, noticeVersion: r.notice_version, token: r.token });

export function createConsentService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  signer: JwtSigner;
  /** Told (and awaited) after a consent changes: statistics drop a withdrawn person from the cached figures. */
  onChange?: (purpose: string) => unknown;
}): ConsentService {
  const { db, clock, ids, signer } = deps;

  async function parsed(q: Queryable, purpose: string): Promise<ParsedPurpose> {
    const p = parsePurpose(purpose);
    if (!p) throw new AppError('unknown_consent_purpose', { purpose });
    if (p.kind === 'sharing') {
      const agency = await q.selectFrom('agencies').select(['code', 'roles']).where('code', '=', p.partner).executeTakeFirst();
      if (!agency || !(JSON.parse(agency.roles) as string[]).includes('partner')) throw new AppError('agency_not_found', { partner: p.partner });
    }
    return p;
  }

  async function ownAccount(principal: Principal, accountId: string) {
    if (!canAccess(principal, 'account.own', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
    const account = await accountsRepo.findById(db, accountId);
    if (account?.status !== 'active') throw new AppError('account_not_found');
    return account;
  }

  async function newReceipt(q: Queryable, accountId: string, purpose: string, action: ConsentAction, at: string, noticeVersion: string): Promise<ReceiptRow> {
    const id = ids.next();
    const token = await signer.sign(receiptClaims({ id, accountId, purpose, action, noticeVersion, at, controller: CONTROLLER }), {
      typ: CONSENT_RECEIPT_TYPE,
      subject: accountId,
      jti: id,
      now: new Date(at),
    });
    const row: ReceiptRow = { id, account_id: accountId, purpose, action, notice_version: noticeVersion, at, token };
    await consentsRepo.insertReceipt(q, row);
    return row;
  }

  /** Gives `purpose` unless it is live; answers the receipt of the give in force. */
  async function giveIn(q: Queryable, accountId: string, purpose: string): Promise<{ receipt: ReceiptRow; replayed: boolean }> {
    const live = await consentsRepo.live(q, accountId, purpose);
    if (live) {
      // A consent given at enrolment has no receipt yet: its first repeat writes one for it.
      const latest = await consentsRepo.latestReceipt(q, accountId, purpose, 'give');
      const receipt = latest && latest.at >= live.given_at ? latest : await newReceipt(q, accountId, purpose, 'give', live.given_at, live.notice_version);
      return { receipt, replayed: true };
    }
    const at = clock.now().toISOString();
    const row = { account_id: accountId, purpose, notice_version: PRIVACY_NOTICE_VERSION, given_at: at, withdrawn_at: null };
    const restored = await q
      .updateTable('consents')
      .set({ withdrawn_at: null, notice_version: PRIVACY_NOTICE_VERSION })
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('given_at', '=', at)
      .where('withdrawn_at', 'is not', null)
      .executeTakeFirst();
    // Given again within the same instant it was given before: that row is live again (the receipts keep the history).
    if (Number(restored.numUpdatedRows) === 0) await consentsRepo.insert(q, row);
    return { receipt: await newReceipt(q, accountId, purpose, 'give', at, PRIVACY_NOTICE_VERSION), replayed: false };
  }

  /** One transaction; of two concurrent requests, the loser of the unique index answers the winner's receipt. */
  async function once<T>(fn: (trx: Queryable) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      if (isUniqueViolation(err)) return db.transaction().execute(fn);
      throw err;
    }
  }

  return {
    async view(principal, accountId) {
      await ownAccount(principal, accountId);
      const [history, receipts] = await Promise.all([consentsRepo.history(db, accountId), consentsRepo.receipts(db, accountId)]);
      const sharing = [...new Set(history.map((h) => h.purpose).filter((p) => parsePurpose(p)?.kind === 'sharing'))].sort();
      const partners = sharing.length
        ? await db
            .selectFrom('agencies')
            .select(['code', 'name_th', 'name_en'])
            .where(
              'code',
              'in',
              sharing.map((s) => s.slice(s.indexOf(':') + 1)),
            )
            .execute()
        : [];
      const names = new Map(partners.map((a) => [a.code, { th: a.name_th, en: a.name_en }]));
      const purposes = [...CORE_PURPOSES, ...sharing].map((purpose): PurposeState => {
        const p = parsePurpose(purpose)!;
        const rows = history.filter((h) => h.purpose === purpose);
        const live = rows.find((h) => h.withdrawn_at === null);
        const last = rows.at(-1);
        return {
          purpose,
          kind: p.kind,
          partner: p.kind === 'sharing' ? { code: p.partner, name: names.get(p.partner) ?? null } : null,
          given: live !== undefined,
          givenAt: live?.given_at ?? null,
          withdrawnAt: live ? null : (last?.withdrawn_at ?? null),
          noticeVersion: (live ?? last)?.notice_version ?? null,
          notice: noticeOf(p),
          withdrawal: purpose === LEAVING_PURPOSE ? 'leaving' : 'allowed',
        };
      });
      return {
        noticeVersion: PRIVACY_NOTICE_VERSION,
        purposes,
        history: history.map((h) => ({ purpose: h.purpose, noticeVersion: h.notice_version, givenAt: h.given_at, withdrawnAt: h.withdrawn_at })),
        receipts: receipts.map(presentReceipt),
      };
    },

    async give(principal, accountId, purpose) {
      await ownAccount(principal, accountId);
      await parsed(db, purpose);
      const r = await once((trx) => giveIn(trx, accountId, purpose));
      if (!r.replayed) await deps.onChange?.(purpose);
      return { receipt: presentReceipt(r.receipt), replayed: r.replayed };
    },

    async withdraw(principal, accountId, purpose) {
      await ownAccount(principal, accountId);
      const p = await parsed(db, purpose);
      if (p.purpose === LEAVING_PURPOSE) throw new AppError('leaving_not_withdrawal', { leave: LEAVING_PATH });
      const r = await once(async (trx) => {
        const at = clock.now().toISOString();
        const live = await consentsRepo.live(trx, accountId, purpose);
        if (live && (await consentsRepo.withdraw(trx, accountId, purpose, at)))
          return { receipt: await newReceipt(trx, accountId, purpose, 'withdraw', at, live.notice_version), replayed: false };
        // Not given (or withdrawn by a request just before): the latest withdrawal answers, or a receipt that it is not given.
        const latest = await consentsRepo.latestReceipt(trx, accountId, purpose, 'withdraw');
        const latestGive = await consentsRepo.latestReceipt(trx, accountId, purpose, 'give');
        if (latest && (!latestGive || latest.at >= latestGive.at)) return { receipt: latest, replayed: true };
        return { receipt: await newReceipt(trx, accountId, purpose, 'withdraw', at, PRIVACY_NOTICE_VERSION), replayed: false };
      });
      if (!r.replayed) await deps.onChange?.(purpose);
      return { receipt: presentReceipt(r.receipt), replayed: r.replayed };
    },

    async receipt(principal, accountId, receiptId) {
      if (!canAccess(principal, 'account.own', { kind: 'account', id: accountId })) throw new AppError('account_not_found');
      const row = await consentsRepo.receipt(db, accountId, receiptId);
      if (!row) throw new AppError('receipt_not_found');
      return presentReceipt(row);
    },

    async ensureSharing(q, accountId, partner, explicit) {
      const purpose = sharingPurpose(partner);
      if (await consentsRepo.live(q, accountId, purpose)) return;
      if (!explicit && (await consentsRepo.everGiven(q, accountId, purpose))) {
        // Given by a concurrent request that committed between the two reads (PostgreSQL reads each
        // statement afresh): that is a live consent, not a withdrawn one.
        if (await consentsRepo.live(q, accountId, purpose)) return;
        throw new AppError('sharing_consent_withdrawn', { purpose, partner });
      }
      await giveIn(q, accountId, purpose);
    },

    async sharesWith(q, accountId, partner) {
      return (await consentsRepo.live(q, accountId, sharingPurpose(partner))) !== undefined;
    },
  };
}
