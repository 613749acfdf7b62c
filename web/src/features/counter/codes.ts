// What the cashier typed, pasted or scanned: a voucher's 8-character code (spaces, dashes and lower case
// forgiven) or a signed token from a QR code. The token is only recognised here, never trusted: the
// server verifies it. Its header's `typ` names what kind of QR it is, so the screen can say "this is a
// membership card, not a voucher" without sending it anywhere.

export type CounterInput = { shortCode: string } | { token: string };
export type TokenKind = 'voucher' | 'eligibility' | 'card' | 'other';

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function readCounterInput(raw: string): CounterInput | undefined {
  const trimmed = raw.trim();
  if (JWT.test(trimmed)) return { token: trimmed };
  const code = raw.replace(/[\s\-–_.]/g, '').toUpperCase();
  return /^[A-Z0-9]{8}$/.test(code) ? { shortCode: code } : undefined;
}

/** Groups a short code for reading aloud: ABCD 2345. */
export const groupCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

function base64UrlJson(part: string): unknown {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

/** The kind of QR a token comes from, read from its (unverified) header. */
export function tokenKind(token: string): TokenKind {
  try {
    const header = base64UrlJson(token.split('.')[0] ?? '');
    const typ = typeof header === 'object' && header !== null ? (header as { typ?: unknown }).typ : undefined;
    if (typ === 'khwamdee-voucher+jwt') return 'voucher';
    if (typ === 'khwamdee-eligibility+jwt') return 'eligibility';
    if (typ === 'khwamdee-card+jwt') return 'card';
  } catch {
    // Not a JWT we can read: the server will say it is invalid.
  }
  return 'other';
}

/** A short reference to read out or note on a receipt: the first 8 letters and digits of the partner's pseudonym. */
export function shortReference(pseudonym: string): string {
  const plain = pseudonym.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}`;
}
