import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OpportunityService } from '../../services/opportunities.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { createBody, listQuery, opportunityPage, opportunityParams, opportunityResponse, patchBody } from './schema.js';

export function opportunityRoutes(app: FastifyInstance, deps: { opportunities: OpportunityService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['opportunities'];
  const { opportunities } = deps;

  r.get('/api/v1/opportunities', {
    schema: {
      tags,
      summary: 'Good-deed opportunities (public): ongoing and upcoming by default, filtered, nearest first with `near`',
      security: [],
      querystring: listQuery,
      response: { 200: opportunityPage, 400: errorResponse, 404: errorResponse },
    },
    handler: async (req) => opportunities.list(req.query),
  });

  r.get('/api/v1/opportunities/:id', {
    schema: {
      tags,
      summary: 'One opportunity (public), also when cancelled',
      security: [],
      params: opportunityParams,
      response: { 200: opportunityResponse, 404: errorResponse },
    },
    handler: async (req) => opportunities.get(req.params.id),
  });

  r.post('/api/v1/opportunities', {
    schema: {
      tags,
      summary: 'Publish an opportunity for an indicator the issuer attests (201; 200 for a retry with the same ref)',
      body: createBody,
      response: {
        200: opportunityResponse,
        201: opportunityResponse,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
        409: errorResponse,
        422: errorResponse,
      },
    },
    handler: async (req, reply) => {
      const { opportunity, replayed } = await opportunities.publish(requirePrincipal(req), req.body);
      return reply.code(replayed ? 200 : 201).send(opportunity);
    },
  });

  r.patch('/api/v1/opportunities/:id', {
    schema: {
      tags,
      summary: 'Change a published opportunity (the publishing agency only; null clears an optional field)',
      params: opportunityParams,
      body: patchBody,
      response: { 200: opportunityResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
    },
    handler: async (req) => opportunities.update(requirePrincipal(req), req.params.id, req.body),
  });

  r.post('/api/v1/opportunities/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel an opportunity (the publishing agency only; cancelling again changes nothing)',
      params: opportunityParams,
      response: { 200: opportunityResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (req) => opportunities.cancel(requirePrincipal(req), req.params.id),
  });
}
