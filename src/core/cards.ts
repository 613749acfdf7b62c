// Membership cards for people enrolled at the counter (assisted enrolment): what a printed card
// shows and what its QR code carries. The card shows the display name, a member number, the home
// area and the enrolment date; the QR holds only a signed token naming the account id and the
// card's serial, never a national ID or any other personal data.
import { createHash } from 'node:crypto';
import { bangkokDay, englishDate, thaiDate } from './calendar.js';

/** JOSE `typ` of the token in a card's QR code. */
export const CARD_TOKEN_TYPE = 'khwamdee-card+jwt';

export const PLATFORM_NAME = 'ธนาคารความดี Khwamdee';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A 12-digit number to read out and compare with a screen, e.g. `4821 0937 5516`: taken from a hash
 * of the account id, because the id's first characters are its creation time (UUIDv7) and would be
 * the same for everyone enrolled in the same minute. It says nothing about the person, and it is
 * not a key: two accounts may share one in a very large installation; the QR token is what finds
 * an account.
 */
export function memberNumber(accountId: string): string {
  const digest = createHash('sha256').update(`khwamdee member number\u0000${accountId.toLowerCase()}`).digest();
  const digits = (digest.readBigUInt64BE(0) % 10n ** 12n).toString().padStart(12, '0');
  return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
}

export interface AreaName {
  th: string;
  en: string;
}

export interface HomeArea {
  provinceCode: string;
  subdistrict: AreaName;
  district: AreaName;
  province: AreaName;
}

const BANGKOK = '10';

/**
 * The home area as it is written on Thai documents: ตำบล / อำเภอ / จังหวัด, and in Bangkok แขวง / เขต
 * (the dataset's Bangkok district names already begin with เขต) with no จังหวัด word.
 */
export function homeAreaText(area: HomeArea): { th: string; en: string } {
  const en = `${area.subdistrict.en}, ${area.district.en}, ${area.province.en}`;
  if (area.provinceCode === BANGKOK) {
    const district = area.district.th.startsWith('เขต') ? area.district.th : `เขต${area.district.th}`;
    return { th: `แขวง${area.subdistrict.th} ${district} ${area.province.th}`, en };
  }
  return { th: `ตำบล${area.subdistrict.th} อำเภอ${area.district.th} จังหวัด${area.province.th}`, en };
}

/** Everything printed on a card, already in the words people read. */
export interface CardFace {
  displayName: string;
  memberNumber: string;
  home: { th: string; en: string };
  /** Enrolment day, Thai in the Buddhist Era. */
  enrolledOn: { th: string; en: string };
  /** 1 for the first card; each re-issue counts up and retires the previous card. */
  serial: number;
  /** Day this card was issued. */
  issuedOn: { th: string; en: string };
  /** The signed card token the QR code holds. */
  token: string;
}

export const dayTexts = (instant: Date): { th: string; en: string } => {
  const day = bangkokDay(instant);
  return { th: thaiDate(day), en: englishDate(day) };
};

/** The claims of a verified card token, or undefined if they are not a card's. */
export function cardClaims(payload: Record<string, unknown>): { accountId: string; serial: number } | undefined {
  const { sub, card } = payload;
  if (typeof sub !== 'string' || !UUID.test(sub)) return undefined;
  if (typeof card !== 'number' || !Number.isSafeInteger(card) || card < 1) return undefined;
  return { accountId: sub.toLowerCase(), serial: card };
}
