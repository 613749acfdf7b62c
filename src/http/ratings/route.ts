// Citizens' ratings of agencies and partners, and the public per-agency figures (ratings and disputes).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AgencyStatisticsService } from '../../services/agency-statistics.js';
import type { RatingService } from '../../services/ratings.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { accountParams, accountRatings, agencyParams, agencyRatings, agencyStats, ownRating, rateBody } from './schema.js';

const STATS_DESCRIPTION = [
  'Counted: disputes answered and ratings given by persons with a live consent to the `statistics` purpose, before `asOf` (the start of the current Bangkok day).',
  'No published figure describes fewer than `minimumCount` people: withheld figures are null (the on-time share is withheld when the late or on-time part is).',
  'Comments are never published.',
].join(' ');

export function ratingRoutes(app: FastifyInstance, deps: { ratings: RatingService; agencyStatistics: AgencyStatisticsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ratings'];
  const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse };

  r.post('/api/v1/accounts/:id/ratings', {
    schema: {
      tags,
      summary: 'Rate the agency of one interaction, 1–5 with an optional private comment (once; the same rating again is replayed)',
      params: accountParams,
      body: rateBody,
      response: { 200: ownRating, 201: ownRating, ...errors },
    },
    handler: async (req, reply) => {
      const { rating, replayed } = await deps.ratings.rate(requirePrincipal(req), req.params.id, req.body);
      return reply.code(replayed ? 200 : 201).send(rating);
    },
  });

  r.get('/api/v1/accounts/:id/ratings', {
    schema: { tags, summary: "The account holder's ratings and the interactions waiting for one", params: accountParams, response: { 200: accountRatings, ...errors } },
    handler: (req) => deps.ratings.forAccount(requirePrincipal(req), req.params.id),
  });

  r.get('/api/v1/agencies/:code/ratings', {
    schema: { tags, summary: "The ratings of an agency with their comments: for the agency's own staff alone", params: agencyParams, response: { 200: agencyRatings, ...errors } },
    handler: (req) => deps.ratings.forAgency(requirePrincipal(req), req.params.code),
  });

  r.get('/api/v1/stats/agencies', {
    schema: {
      tags: ['statistics'],
      summary: 'Public figures per agency: dispute answer times and ratings, small counts withheld',
      description: STATS_DESCRIPTION,
      security: [],
      response: { 200: agencyStats },
    },
    handler: async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return deps.agencyStatistics.agencies();
    },
  });
}
