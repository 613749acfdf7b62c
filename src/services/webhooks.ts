// Partner webhooks: registration (a secret shown once, stored encrypted) and delivery of the outbox
// that redemptions write in the same transaction as their change (see webhook-events.ts).
//
// Delivery is at least once: each outbox row is POSTed, signed, until the partner answers 2xx; the
// row's id goes out as `x-khwamdee-delivery` on every try, so a receiver de-duplicates a resend
// (after a timeout, or a crash between sending and marking delivered). Before sending, a row is
// claimed by an atomic compare-and-set of its `next_attempt_at` to a lease in the future; only one
// process or loop wins it, so one row is never in flight twice, on SQLite or PostgreSQL alike.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canAccess, type Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import { checkHttpUrl } from '../core/urls.js';
import type { Clock } from '../adapters/clock.js';
import { createOutboundHttp, OutboundRefused, type OutboundHttp } from '../adapters/outbound-http.js';
import type { IdentifierVault } from '../adapters/crypto.js';
import type { Database } from '../store/schema.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';
import { outboxRepo, webhooksRepo, type DueDelivery } from '../store/repos/webhooks.js';

export { signWebhook, verifyWebhookSignature, webhookSignatureV1, SIGNATURE_HEADER, EVENT_HEADER, DELIVERY_HEADER } from './webhook-signature.js';

export const WEBHOOK_DEFAULTS = {
  /** How long one POST may take before it counts as failed. */
  timeoutMs: 5_000,
  /** The first retry waits this long; each further one twice as long as the one before. */
  baseBackoffMs: 10_000,
  maxBackoffMs: 60 * 60 * 1000,
  /** After this many failed tries a delivery is given up (status `failed`, kept with its last error). */
  maxAttempts: 12,
  intervalMs: 2_000,
  /** Most events sent to one partner in one pass. */
  batchPerPartner: 50,
  /** Most partners served at the same time. */
  concurrency: 8,
} as const;

export type { DeliveryStatus } from '../store/repos/webhooks.js';
import type { DeliveryStatus } from '../store/repos/webhooks.js';

export interface DeliveryView {
  id: string;
  event: string;
  status: DeliveryStatus;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** Our own words only (status code and reason), never the receiver's body. */
  lastError: string | null;
  payload: unknown;
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
}

export interface WebhookService {
  /** Sets (or replaces) the partner's endpoint with a new secret, returned this once only. */
  register(principal: Principal, input: { url: string }): Promise<{ url: string; secret: string }>;
  get(principal: Principal): Promise<{ url: string; createdAt: string }>;
  /** Stops deliveries; undelivered events wait, and resume if a webhook is registered again. */
  remove(principal: Principal): Promise<void>;
  deliveries(principal: Principal, q: { status?: DeliveryStatus | undefined; limit?: number | undefined }): Promise<DeliveryView[]>;
  /** One pass over the due outbox: up to `limit` events per partner, partners in parallel. */
  deliverDue(limit?: number): Promise<DeliveryReport>;
  /** Runs deliverDue every `intervalMs` (an unref'd timer) until stop(). */
  start(): void;
  /** Stops the loop and waits for a running pass to finish. */
  stop(): Promise<void>;
}

export interface WebhookOptions {
  /** Outbound HTTP (default: public addresses only, checked after DNS resolution, no redirects). */
  http?: OutboundHttp;
  /** Lets the default outbound HTTP deliver to 127.0.0.1 / ::1 (tests and the demo; KHWAMDEE_WEBHOOK_ALLOW_LOOPBACK). */
  allowLoopback?: boolean;
  timeoutMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  maxAttempts?: number;
  intervalMs?: number;
  batchPerPartner?: number;
  concurrency?: number;
  onError?: (err: unknown) => void;
}

/** Wait before the retry that follows `failuresSoFar` failed tries (0 → base): deterministic, no jitter. */
export function backoffMs(failuresSoFar: number, baseMs: number = WEBHOOK_DEFAULTS.baseBackoffMs, maxMs: number = WEBHOOK_DEFAULTS.maxBackoffMs): number {
  return Math.min(2 ** Math.min(Math.max(0, failuresSoFar), 40) * baseMs, maxMs);
}

/** An absolute http(s) URL without credentials, normalised; the fragment is dropped. */
export function checkWebhookUrl(raw: string): string {
  const checked = checkHttpUrl(raw);
  if (!checked.ok) throw new AppError('invalid_webhook_url', { reason: checked.reason });
  return checked.url;
}

function partnerOf(p: Principal): string {
  if (!canAccess(p, 'partner.act')) throw new AppError('forbidden');
  return p.agency;
}

/**
 * A stored last error as shown to the partner: rows written before the receiver's body stopped being
 * kept ("HTTP 500: <their text>", "network error: <message>") are cut to the status or the kind.
 */
export function ownWords(lastError: string | null): string | null {
  if (lastError === null) return null;
  const gaveUp = / \(gave up after \d+ attempts\)$/.exec(lastError)?.[0] ?? '';
  const core = gaveUp ? lastError.slice(0, -gaveUp.length) : lastError;
  if (/^(HTTP \d{3}(: redirect_not_followed)?|timeout: no answer within \d+ ms|network_error(: E[A-Z0-9_]+)?|address_not_allowed: [a-z0-9_]+)$/.test(core)) return lastError;
  const status = /^HTTP (\d{3})\b/.exec(core)?.[1];
  if (status) return `HTTP ${status}${gaveUp}`;
  if (core.startsWith('the webhook secret cannot be decrypted')) return lastError;
  return `network_error${gaveUp}`;
}

/** A network failure in our own words: its system error code at most (never a message that may quote the peer). */
function describeFailure(err: unknown): string {
  if (err instanceof OutboundRefused) return `address_not_allowed: ${err.range}`;
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = [e?.code, e?.cause?.code].find((c): c is string => typeof c === 'string' && /^E[A-Z0-9_]{2,30}$/.test(c));
  return code ? `network_error: ${code}` : 'network_error';
}

export function createWebhookService(deps: { db: Kysely<Database>; clock: Clock; vault: IdentifierVault } & WebhookOptions): WebhookService {
  const { db, clock, vault } = deps;
  const outbound = deps.http ?? createOutboundHttp({ allowLoopback: deps.allowLoopback ?? false });
  const timeoutMs = deps.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs;
  const baseMs = deps.baseBackoffMs ?? WEBHOOK_DEFAULTS.baseBackoffMs;
  const maxBackoff = deps.maxBackoffMs ?? WEBHOOK_DEFAULTS.maxBackoffMs;
  const maxAttempts = deps.maxAttempts ?? WEBHOOK_DEFAULTS.maxAttempts;
  const intervalMs = deps.intervalMs ?? WEBHOOK_DEFAULTS.intervalMs;
  const batchPerPartner = deps.batchPerPartner ?? WEBHOOK_DEFAULTS.batchPerPartner;
  const concurrency = Math.max(1, deps.concurrency ?? WEBHOOK_DEFAULTS.concurrency);
  const onError = deps.onError ?? ((err: unknown) => console.error('webhooks: delivery pass failed', err));
  // A claim outlives any single POST, so it only lapses if this process died while sending.
  const leaseMs = timeoutMs + 60_000;

  const later = (from: Date, ms: number) => new Date(from.getTime() + ms).toISOString();

  /** One signed POST; undefined when the partner answered 2xx, else what went wrong. */
  async function send(row: DueDelivery): Promise<string | undefined> {
    let secret: string;
    try {
      secret = vault.decrypt(row.secret_enc).toString('utf8');
    } catch {
      return 'the webhook secret cannot be decrypted; register the webhook again';
    }
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await outbound.post(row.url, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Khwamdee-Webhooks/1',
          [EVENT_HEADER]: row.event_type,
          [DELIVERY_HEADER]: row.id,
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, row.payload),
        },
        body: row.payload,
        signal: controller.signal,
      });
      if (res.status >= 200 && res.status < 300) return undefined;
      // A redirect is not an answer: the registered URL is the only one we post to.
      return res.status >= 300 && res.status < 400 ? `HTTP ${res.status}: redirect_not_followed` : `HTTP ${res.status}`;
    } catch (err) {
      return controller.signal.aborted && !(err instanceof OutboundRefused) ? `timeout: no answer within ${timeoutMs} ms` : describeFailure(err);
    } finally {
      clearTimeout(timer);
    }
  }

  async function markFailed(row: DueDelivery, lease: string, error: string): Promise<void> {
    const now = clock.now();
    const attempts = row.attempts + 1;
    const gaveUp = attempts >= maxAttempts;
    await outboxRepo.markFailed(db, row.id, lease, {
      attempts,
      next_attempt_at: gaveUp ? now.toISOString() : later(now, backoffMs(row.attempts, baseMs, maxBackoff)),
      last_error: gaveUp ? `${error} (gave up after ${attempts} attempts)` : error,
    });
  }

  /** A partner's due events in order; the first failure ends its turn (its endpoint is likely down). */
  async function servePartner(partner: string, limit: number, report: DeliveryReport): Promise<void> {
    const now = clock.now();
    for (const row of await outboxRepo.dueFor(db, partner, now.toISOString(), limit, maxAttempts)) {
      const lease = later(clock.now(), leaseMs);
      if (!(await outboxRepo.claim(db, row, lease))) continue;
      const error = await send(row);
      if (error === undefined) {
        await outboxRepo.markDelivered(db, row, clock.now().toISOString());
        report.delivered += 1;
      } else {
        await markFailed(row, lease, error);
        report.failed += 1;
        return;
      }
    }
  }

  async function deliverDue(limit = batchPerPartner): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, failed: 0 };
    const queue = (await outboxRepo.duePartners(db, clock.now().toISOString(), maxAttempts)).map((r) => r.partner_code);
    const errors: unknown[] = [];
    const worker = async () => {
      for (let partner = queue.shift(); partner !== undefined; partner = queue.shift()) {
        try {
          await servePartner(partner, limit, report);
        } catch (err) {
          errors.push(err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    if (errors.length > 0) throw errors[0];
    return report;
  }

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      timer = undefined;
      current = deliverDue()
        .then(() => undefined, onError)
        .finally(() => {
          current = undefined;
          if (running) schedule();
        });
    }, intervalMs);
    timer.unref();
  };

  return {
    async register(principal, input) {
      const partner = partnerOf(principal);
      const url = checkWebhookUrl(input.url);
      // Only public addresses: literal IPs in any spelling, and every address the name resolves to now
      // (delivery checks again, pinned to what it checked, so a name re-pointed later is refused then).
      const target = await outbound.check(url);
      if (!target.ok) throw target.reason === 'host_not_found' ? new AppError('webhook_host_not_found') : new AppError('webhook_address_not_allowed', { range: target.range });
      const secret = randomBytes(32).toString('base64url');
      const row = { partner_code: partner, url, secret_enc: vault.encrypt(secret), created_at: clock.now().toISOString() };
      await webhooksRepo.upsert(db, row);
      return { url, secret };
    },

    async get(principal) {
      const partner = partnerOf(principal);
      const row = await webhooksRepo.find(db, partner);
      if (!row) throw new AppError('webhook_not_found');
      return { url: row.url, createdAt: row.created_at };
    },

    async remove(principal) {
      const partner = partnerOf(principal);
      await webhooksRepo.remove(db, partner);
    },

    async deliveries(principal, q) {
      const partner = partnerOf(principal);
      const rows = await outboxRepo.list(db, partner, q.status, maxAttempts, Math.min(Math.max(1, q.limit ?? 50), 500));
      return rows.map((r) => {
        const status: DeliveryStatus = r.delivered_at !== null ? 'delivered' : r.attempts >= maxAttempts ? 'failed' : 'pending';
        let payload: unknown;
        try {
          payload = JSON.parse(r.payload);
        } catch {
          payload = r.payload;
        }
        return {
          id: r.id,
          event: r.event_type,
          status,
          createdAt: r.created_at,
          attempts: Number(r.attempts),
          nextAttemptAt: status === 'pending' ? r.next_attempt_at : null,
          deliveredAt: r.delivered_at,
          lastError: ownWords(r.last_error),
          payload,
        };
      });
    },

    deliverDue,

    start() {
      if (running) return;
      running = true;
      schedule();
    },

    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current;
    },
  };
}
