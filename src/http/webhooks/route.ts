import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WebhookService } from '../../services/webhooks.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';

const SIGNATURE_DOC = [
  'Events (`redemption.issued`, `redemption.confirmed`, `redemption.expired`) are POSTed as JSON `{"id","type","createdAt","data"}` with the headers',
  '`content-type: application/json`, `x-khwamdee-event: <type>`, `x-khwamdee-delivery: <id>` and `x-khwamdee-signature: t=<unix seconds>,v1=<hex>`.',
  '',
  '**Verifying**: compute HMAC-SHA256 keyed with the secret string exactly as returned at registration (its UTF-8 bytes) over `<t>.<raw body>`,',
  'hex-encode it and compare it in constant time with each `v1` value; refuse a `t` more than 5 minutes from your clock.',
  'Use the raw body bytes as received, before parsing the JSON.',
  '',
  '**Delivery**: any 2xx within 5 s is success. Anything else (another status, a redirect, a timeout, a network error) is retried after',
  '10 s, 20 s, 40 s… (doubling, at most 1 h), up to 12 attempts; then the delivery is `failed` and listed by `GET /api/v1/partner/webhook/deliveries?status=failed`.',
  'Delivery is at least once: the same event can arrive more than once (e.g. after a timeout), always with the same `x-khwamdee-delivery`',
  '(equal to the event `id`), so de-duplicate on it. Order is not guaranteed across retries: use `createdAt`.',
].join('\n');

const webhookUrl = z.string().trim().min(8).max(2000).describe('Absolute http(s) URL, without credentials');

const delivery = z.object({
  id: z.string().describe('The delivery id: the `x-khwamdee-delivery` header and the event id, the same on every attempt'),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  createdAt: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
  payload: z.unknown(),
});

export function webhookRoutes(app: FastifyInstance, deps: { webhooks: WebhookService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['partners'];

  r.put('/api/v1/partner/webhook', {
    schema: {
      tags,
      summary: "Register or replace the partner's webhook; the signing secret is shown in this answer only",
      description: SIGNATURE_DOC,
      body: z.object({ url: webhookUrl }).strict(),
      response: {
        200: z.object({ url: z.string(), secret: z.string().describe('Signing secret (32 random bytes, base64url); store it, it is not shown again') }),
        400: errorResponse,
        403: errorResponse,
      },
    },
    handler: async (req) => deps.webhooks.register(requirePrincipal(req), req.body),
  });

  r.get('/api/v1/partner/webhook', {
    schema: {
      tags,
      summary: "The partner's webhook URL (never the secret)",
      description: SIGNATURE_DOC,
      response: { 200: z.object({ url: z.string(), createdAt: z.string() }), 403: errorResponse, 404: errorResponse },
    },
    handler: async (req) => deps.webhooks.get(requirePrincipal(req)),
  });

  r.delete('/api/v1/partner/webhook', {
    schema: { tags, summary: 'Remove the webhook (204, also when none was registered); undelivered events wait and resume if a webhook is registered again' },
    handler: async (req, reply) => {
      await deps.webhooks.remove(requirePrincipal(req));
      return reply.code(204).send();
    },
  });

  r.get('/api/v1/partner/webhook/deliveries', {
    schema: {
      tags,
      summary: "The partner's webhook deliveries, newest first: pending (with the last error while retrying), delivered, or failed (given up)",
      description: SIGNATURE_DOC,
      querystring: z.object({
        status: z.enum(['pending', 'delivered', 'failed']).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      response: { 200: z.object({ items: z.array(delivery) }), 403: errorResponse },
    },
    handler: async (req) => ({ items: await deps.webhooks.deliveries(requirePrincipal(req), req.query) }),
  });
}
