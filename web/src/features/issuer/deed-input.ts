// What the attest form checks before it sends anything: the national ID's check digit (the same
// function the server uses), hours in quarter steps, a Bangkok date and time not in the future,
// and a reference the API accepts. The server stays the authority; this only saves a round trip.
import { isValidThaiNationalId, normaliseThaiNationalId } from '../../../../src/core/ids';

export type NationalIdProblem = { problem: 'empty' | 'digits' | 'check' } | { problem: 'length'; count: number };

/** The 13 digits, or what is wrong with what was typed. */
export function checkNationalId(typed: string): { digits: string } | NationalIdProblem {
  const digits = normaliseThaiNationalId(typed);
  if (!digits) return { problem: 'empty' };
  if (!/^\d+$/.test(digits)) return { problem: 'digits' };
  if (digits.length !== 13) return { problem: 'length', count: digits.length };
  return isValidThaiNationalId(digits) ? { digits } : { problem: 'check' };
}

/** All a screen shows of a national ID once it is recorded: its last four digits. */
export const nationalIdHint = (digits: string) => digits.slice(-4);

/** Hours as the API takes them: more than 0, at most 24, in quarter steps. */
export function isQuarterHours(n: number): boolean {
  return Number.isFinite(n) && n > 0 && n <= 24 && Number.isInteger(n * 4);
}

/** Printable ASCII without spaces, 1–128 characters (the API's rule for `ref`). */
export const isValidRef = (ref: string) => /^[\x21-\x7e]{1,128}$/.test(ref);

const BANGKOK = 'Asia/Bangkok';

/** A `datetime-local` value (YYYY-MM-DDTHH:mm) of the moment in Bangkok. */
export function bangkokInputValue(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: BANGKOK, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A `datetime-local` value read as Bangkok time (UTC+7 all year), as ISO 8601 with its offset. */
export function bangkokInputToIso(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const iso = `${value}:00+07:00`;
  return Number.isNaN(new Date(iso).getTime()) ? undefined : iso;
}

/** A fresh reference: the agency, the Bangkok day and random letters, e.g. TRC-WEB-20260615-K7Q2M9XA. */
export function generateRef(agency: string, at: Date, random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const letters = [...random(8)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${agency.toUpperCase()}-WEB-${bangkokInputValue(at).slice(0, 10).replace(/-/g, '')}-${letters}`;
}
