// A person's own view of the catalogue: what each opportunity or deed would earn them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PredictionService } from '../../services/predictions.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { accountParams } from '../accounts/schema.js';
import { listQuery } from '../opportunities/schema.js';
import { personalOpportunityPage, predictionQuery, predictionResponse } from './schema.js';

export function predictionRoutes(app: FastifyInstance, deps: { predictions: PredictionService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['opportunities'];
  const { predictions } = deps;

  r.get('/api/v1/accounts/:id/predictions', {
    schema: {
      tags,
      summary: 'How many points would this give me? (the account holder only) — by the same rules that credit the deed',
      params: accountParams,
      querystring: predictionQuery,
      response: { 200: predictionResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse, 422: errorResponse },
    },
    handler: async (req) => {
      const principal = requirePrincipal(req);
      const q = req.query;
      return q.opportunity !== undefined
        ? predictions.forOpportunity(principal, req.params.id, q.opportunity, q.quantity)
        : predictions.forIndicator(principal, req.params.id, q.indicator!, q.on, q.quantity);
    },
  });

  r.get('/api/v1/accounts/:id/opportunities', {
    schema: {
      tags,
      summary: 'Opportunities for me (the account holder only): nearest my home subdistrict unless `near` is given, each with what it would earn me on its start day',
      params: accountParams,
      querystring: listQuery,
      response: { 200: personalOpportunityPage, 400: errorResponse, 401: errorResponse, 404: errorResponse },
    },
    handler: async (req) => predictions.opportunities(requirePrincipal(req), req.params.id, req.query),
  });
}
