import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { JWK } from 'jose';
import { z } from 'zod';
import type { PrivilegeService } from '../../services/privileges.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse, refuseBody } from '../common.js';
import { expiryPolicyBody, expiryPolicyList, privilegeList, privilegeParams, privilegeQuery, privilegeView } from './schema.js';

export function privilegeRoutes(app: FastifyInstance, deps: { privileges: PrivilegeService; publicKeys: { jwks(): { keys: JWK[] } } }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['privileges'];
  const decisionErrors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

  r.get('/api/v1/privileges', {
    schema: {
      tags,
      summary: 'Published privileges valid now (public); unapproved ones are invisible',
      querystring: privilegeQuery,
      response: { 200: privilegeList, 400: errorResponse },
    },
    handler: async (req) => ({ items: await deps.privileges.published({ partner: req.query.partner, areaCode: req.query.area }) }),
  });

  r.get('/api/v1/privileges/:code', {
    schema: {
      tags,
      summary: 'One published privilege with its remaining quota',
      params: privilegeParams,
      response: { 200: privilegeView, 400: errorResponse, 404: errorResponse },
    },
    handler: async (req) => deps.privileges.publishedOne(req.params.code),
  });

  r.post('/api/v1/privileges', {
    schema: {
      tags,
      summary: 'Propose a privilege (its partner, or the committee); published after committee approval',
      body: z.record(z.string(), z.unknown()),
      response: { 201: privilegeView, 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse, 422: errorResponse },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.privileges.propose(requirePrincipal(req), req.body)),
  });

  r.post('/api/v1/privileges/:code/approve', {
    schema: {
      tags: [...tags, 'committee'],
      summary: 'Approve (publish) a proposed privilege (committee; not the partner’s own agency)',
      params: privilegeParams,
      response: { 200: privilegeView, ...decisionErrors },
    },
    handler: async (req) => deps.privileges.decide(requirePrincipal(req), req.params.code, { decision: 'approve' }),
  });

  r.post('/api/v1/privileges/:code/refuse', {
    schema: {
      tags: [...tags, 'committee'],
      summary: 'Refuse a proposed privilege with a reason (committee; not the partner’s own agency)',
      params: privilegeParams,
      body: refuseBody,
      response: { 200: privilegeView, ...decisionErrors },
    },
    handler: async (req) => deps.privileges.decide(requirePrincipal(req), req.params.code, { decision: 'refuse', reason: req.body.reason }),
  });

  r.get('/api/v1/policies/balance-expiry', {
    schema: { tags, summary: 'The committee’s balance-expiry policy, every version (public)', response: { 200: expiryPolicyList } },
    handler: async () => ({ items: await deps.privileges.expiryPolicies() }),
  });

  r.put('/api/v1/policies/balance-expiry', {
    schema: {
      tags: [...tags, 'committee'],
      summary: 'Set how long earned points stay exchangeable (committee); applies from a future date, never retroactively',
      body: expiryPolicyBody,
      response: { 201: z.object({ version: z.number().int() }), 400: errorResponse, 401: errorResponse, 403: errorResponse, 422: errorResponse },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.privileges.setExpiryPolicy(requirePrincipal(req), req.body)),
  });

  r.get('/.well-known/jwks.json', {
    schema: {
      tags: ['keys'],
      summary: 'Public keys that sign vouchers, eligibility tokens and certificates (verify offline)',
      // Public JWKs only: a schema that passes through unknown members would also pass a private `d`, so it lists what may go out.
      response: {
        200: z.object({
          keys: z.array(
            z.object({ kty: z.string(), crv: z.string().optional(), x: z.string().optional(), kid: z.string().optional(), alg: z.string().optional(), use: z.string().optional() }),
          ),
        }),
      },
    },
    handler: async (_req, reply) =>
      reply
        .header('cache-control', 'public, max-age=3600')
        .send({ keys: deps.publicKeys.jwks().keys.map((k) => ({ kty: k.kty ?? 'OKP', crv: k.crv, x: k.x, kid: k.kid, alg: k.alg, use: k.use })) }),
  });
}
