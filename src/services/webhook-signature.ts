// Webhook signatures, Stripe-style: `x-khwamdee-signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`
// over "<t>.<raw body>", keyed with the partner's secret string exactly as it was shown (its UTF-8
// bytes, not base64url-decoded). Dependency-free so partners can copy it as it is.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-khwamdee-signature';
export const EVENT_HEADER = 'x-khwamdee-event';
export const DELIVERY_HEADER = 'x-khwamdee-delivery';
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of "<t>.<rawBody>" with the secret. */
export function webhookSignatureV1(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The value of the `x-khwamdee-signature` header for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return `t=${timestamp},v1=${webhookSignatureV1(secret, timestamp, rawBody)}`;
}

/**
 * Checks a `x-khwamdee-signature` header against the raw body as received (before any JSON parsing):
 * true only if one of its `v1` signatures matches and `t` is within `toleranceSeconds` of `nowSeconds`
 * (either side), which bounds replays. Receivers should still de-duplicate on `x-khwamdee-delivery`.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string | Buffer,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  if (typeof header !== 'string' || header.length > 2000) return false;
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return false;
      timestamp = Number(value);
    } else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === undefined || candidates.length === 0) return false;
  if (!Number.isFinite(nowSeconds) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignatureV1(secret, timestamp, rawBody), 'hex');
  return candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
}
