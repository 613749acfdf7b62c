import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AGENCY_ROLES } from '../../core/seed/agencies.js';
import type { AgencyService } from '../../services/agencies.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse, localisedText } from '../common.js';

const agencyView = z.object({
  code: z.string(),
  name: localisedText,
  roles: z.array(z.string()),
  indicatorScopes: z.array(z.string()),
  areaScopes: z.array(z.string()),
});

const agencyBody = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
    name: z.object({ th: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).strict(),
    roles: z.array(z.enum(AGENCY_ROLES)).min(1).describe('committee: a member of the national committee, which approves indicators and privileges'),
    indicatorScopes: z
      .array(z.string().regex(/^[a-z0-9.-]+(\.\*)?$/))
      .max(200)
      .default([]),
    areaScopes: z
      .array(z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/))
      .max(200)
      .default([]),
  })
  .strict();

export function agencyRoutes(app: FastifyInstance, deps: { agencies: AgencyService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agencies'];
  r.get('/api/v1/agencies', {
    schema: { tags, summary: 'Agencies with their roles and scopes (public)', response: { 200: z.object({ items: z.array(agencyView) }) } },
    handler: async () => ({ items: await deps.agencies.list() }),
  });
  r.post('/api/v1/agencies', {
    schema: { tags, summary: 'Register an agency (committee admin)', body: agencyBody, response: { 201: agencyView, 400: errorResponse, 403: errorResponse } },
    handler: async (req, reply) => reply.code(201).send(await deps.agencies.create(requirePrincipal(req), req.body)),
  });
  r.post('/api/v1/agencies/:code/keys', {
    schema: {
      tags,
      summary: 'Create an API key for an agency (admin); the token is shown once',
      params: z.object({ code: z.string().max(40) }),
      body: z
        .object({ label: z.string().max(100).optional() })
        .strict()
        .optional(),
      response: { 201: z.object({ keyId: z.string(), token: z.string() }), 403: errorResponse, 404: errorResponse },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.agencies.createKey(requirePrincipal(req), req.params.code, req.body?.label)),
  });
  r.delete('/api/v1/keys/:keyId', {
    schema: { tags, summary: 'Revoke an API key (admin)', params: z.object({ keyId: z.uuid() }) },
    handler: async (req, reply) => {
      await deps.agencies.revokeKey(requirePrincipal(req), req.params.keyId);
      return reply.code(204).send();
    },
  });
}
