// Membership cards for assisted enrolment: a printable card whose QR code holds a signed card
// token, and the scan that turns such a token back into the account for staff who may see it.
// The token names the account id and the card's serial only. Serial 1 is implied by the account;
// a re-issue adds the next serial and the scan then refuses the older cards.
import type { Kysely } from 'kysely';
import { accountResource, canAccess, type Principal } from '../core/access.js';
import { CARD_TOKEN_TYPE, cardClaims, dayTexts, homeAreaText, memberNumber, type CardFace } from '../core/cards.js';
import { AppError } from '../core/errors.js';
import type { Clock } from '../adapters/clock.js';
import type { JwtSigner } from '../adapters/signing-keys.js';
import type { CardLayout, CardRenderer } from '../adapters/card-pdf.js';
import type { Database } from '../store/schema.js';
import type { Queryable } from '../store/repos/types.js';
import type { AccountRow } from '../store/repos/accounts.js';
import { areasRepo } from '../store/repos/areas.js';
import { cardsRepo } from '../store/repos/cards.js';
import { isUniqueViolation } from '../store/database.js';
import type { EnrolmentService } from './enrolment.js';

export interface CardView {
  accountId: string;
  memberNumber: string;
  serial: number;
  issuedAt: string;
  /** The signed card token (JWT, `typ: khwamdee-card+jwt`) the QR code holds. */
  token: string;
}

export interface AccountSummary {
  id: string;
  displayName: string;
  areaCode: string;
  enrolledAt: string;
  status: AccountRow['status'];
  memberNumber: string;
}

export interface CardService {
  /** The account's current card, for whoever may read the account. */
  card(principal: Principal, accountId: string): Promise<CardView>;
  /** The current card as a printable PDF. */
  pdf(principal: Principal, accountId: string, layout: CardLayout): Promise<{ pdf: Buffer; card: CardView }>;
  /**
   * Replaces card `replaces` (the current serial) with the next one, whose QR alone scans from then
   * on. A retry of the same replacement answers the card it made (`replayed`), never a third one.
   */
  reissue(principal: Principal, accountId: string, replaces: number): Promise<{ card: CardView; replayed: boolean }>;
  /** The account a scanned card names, if the card is genuine and current and the caller may read the account. */
  scan(principal: Principal, token: string): Promise<AccountSummary>;
}

const issuerOf = (p: Principal): string => (p.kind === 'admin' ? 'admin' : p.kind === 'agency' ? p.agency : 'holder');

export const presentAccountSummary = (a: AccountRow): AccountSummary => ({
  id: a.id,
  displayName: a.display_name,
  areaCode: a.area_code,
  enrolledAt: a.created_at,
  status: a.status,
  memberNumber: memberNumber(a.id),
});

export function createCardService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  signer: JwtSigner;
  renderer: CardRenderer;
  enrolment: Pick<EnrolmentService, 'readable'>;
}): CardService {
  const { db, clock, signer, renderer, enrolment } = deps;

  async function current(q: Queryable, account: AccountRow): Promise<{ serial: number; issuedAt: string }> {
    const latest = await cardsRepo.latest(q, account.id);
    return latest ? { serial: latest.serial, issuedAt: latest.issued_at } : { serial: 1, issuedAt: account.created_at };
  }

  /** Signed with the card's own issue time, so printing the same card again gives the same QR code. */
  async function view(account: AccountRow, card: { serial: number; issuedAt: string }): Promise<CardView> {
    const token = await signer.sign({ card: card.serial }, { typ: CARD_TOKEN_TYPE, subject: account.id, now: new Date(card.issuedAt) });
    return { accountId: account.id, memberNumber: memberNumber(account.id), serial: card.serial, issuedAt: card.issuedAt, token };
  }

  async function activeAccount(principal: Principal, accountId: string): Promise<AccountRow> {
    const account = await enrolment.readable(principal, accountId, 'account.card');
    if (account.status !== 'active') throw new AppError('account_left');
    return account;
  }

  async function face(account: AccountRow, card: CardView): Promise<CardFace> {
    const subdistrict = await areasRepo.findByCode(db, account.area_code);
    const district = subdistrict?.parent_code ? await areasRepo.findByCode(db, subdistrict.parent_code) : undefined;
    const province = district?.parent_code ? await areasRepo.findByCode(db, district.parent_code) : undefined;
    if (!subdistrict || !district || !province) throw new AppError('area_not_found', { areaCode: account.area_code });
    return {
      displayName: account.display_name,
      memberNumber: card.memberNumber,
      home: homeAreaText({
        provinceCode: province.code,
        subdistrict: { th: subdistrict.name_th, en: subdistrict.name_en },
        district: { th: district.name_th, en: district.name_en },
        province: { th: province.name_th, en: province.name_en },
      }),
      enrolledOn: dayTexts(new Date(account.created_at)),
      serial: card.serial,
      issuedOn: dayTexts(new Date(card.issuedAt)),
      token: card.token,
    };
  }

  return {
    async card(principal, accountId) {
      const account = await activeAccount(principal, accountId);
      return view(account, await current(db, account));
    },

    async pdf(principal, accountId, layout) {
      const account = await activeAccount(principal, accountId);
      const card = await view(account, await current(db, account));
      return { pdf: await renderer.render(await face(account, card), { layout, now: clock.now() }), card };
    },

    async reissue(principal, accountId, replaces) {
      const account = await activeAccount(principal, accountId);
      if (!canAccess(principal, 'card.reissue', accountResource(account))) throw new AppError('forbidden');
      const before = await current(db, account);
      if (before.serial === replaces) {
        try {
          await cardsRepo.insert(db, { account_id: account.id, serial: replaces + 1, issued_at: clock.now().toISOString(), issued_by: issuerOf(principal) });
          return { card: await view(account, await current(db, account)), replayed: false };
        } catch (err) {
          // The same re-issue arrived twice at once: the other request made the card, this one answers with it.
          if (!isUniqueViolation(err)) throw err;
        }
      }
      const now = await current(db, account);
      if (now.serial === replaces + 1) return { card: await view(account, now), replayed: true };
      if (now.serial > replaces) throw new AppError('card_replaced', { serial: replaces, currentSerial: now.serial, replacedAt: now.issuedAt });
      throw new AppError('not_found', { cardSerial: replaces });
    },

    async scan(principal, token) {
      let claims: ReturnType<typeof cardClaims>;
      try {
        const { payload } = await signer.verify(token, { typ: CARD_TOKEN_TYPE, now: clock.now() });
        claims = cardClaims(payload);
      } catch {
        throw new AppError('invalid_token');
      }
      if (!claims) throw new AppError('invalid_token');
      // A genuine card of an account the caller may not read reveals nothing: the same 404 as no account.
      const account = await enrolment.readable(principal, claims.accountId);
      const card = await current(db, account);
      if (claims.serial < card.serial) throw new AppError('card_replaced', { serial: claims.serial, currentSerial: card.serial, replacedAt: card.issuedAt });
      if (claims.serial > card.serial) throw new AppError('invalid_token');
      return presentAccountSummary(account);
    },
  };
}
