import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { privilegeCodeSchema } from '../../core/privileges.js';
import type { PrivilegeService } from '../../services/privileges.js';
import { requirePrincipal } from '../auth.js';

export function privilegeRoutes(app: FastifyInstance, deps: { privileges: PrivilegeService; publicKeys: { jwks(): { keys: object[] } } }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['privileges'];

  r.get('/api/v1/privileges', {
    schema: {
      tags,
      summary: 'Published privileges valid now (public); unapproved ones are invisible',
      querystring: z.object({
        partner: z.string().max(40).optional(),
        area: z
          .string()
          .regex(/^\d{2}(\d{2}(\d{2})?)?$/)
          .optional(),
      }),
    },
    handler: async (req) => ({ items: await deps.privileges.published({ partner: req.query.partner, areaCode: req.query.area }) }),
  });

  r.get('/api/v1/privileges/:code', {
    schema: { tags, summary: 'One published privilege with its remaining quota', params: z.object({ code: privilegeCodeSchema }) },
    handler: async (req) => deps.privileges.publishedOne(req.params.code),
  });

  r.post('/api/v1/privileges', {
    schema: { tags, summary: 'Propose a privilege (its partner, or the committee); published after committee approval', body: z.record(z.string(), z.unknown()) },
    handler: async (req, reply) => reply.code(201).send(await deps.privileges.propose(requirePrincipal(req), req.body)),
  });

  r.post('/api/v1/privileges/:code/approve', {
    schema: { tags, summary: 'Approve a proposed privilege (committee)', params: z.object({ code: privilegeCodeSchema }) },
    handler: async (req) => deps.privileges.approve(requirePrincipal(req), req.params.code),
  });

  r.get('/api/v1/policies/balance-expiry', {
    schema: { tags, summary: 'The committee’s balance-expiry policy, every version (public)' },
    handler: async () => ({ items: await deps.privileges.expiryPolicies() }),
  });

  r.put('/api/v1/policies/balance-expiry', {
    schema: {
      tags,
      summary: 'Set how long earned points stay exchangeable (committee); applies from a future date, never retroactively',
      body: z
        .object({
          yearsValid: z.number().int().min(0).max(50).nullable().describe('Points of year Y expire on 1 January of Y + 1 + yearsValid; null: they do not expire'),
          effectiveFrom: z.iso.datetime({ offset: true }),
        })
        .strict(),
    },
    handler: async (req, reply) => reply.code(201).send(await deps.privileges.setExpiryPolicy(requirePrincipal(req), req.body)),
  });

  r.get('/.well-known/jwks.json', {
    schema: { tags: ['keys'], summary: 'Public keys that sign vouchers, eligibility tokens and certificates (verify offline)' },
    handler: async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').send(deps.publicKeys.jwks()),
  });
}
