// Public statistics for the dashboard: aggregates only, no sign-in, small counts suppressed.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { StatisticsService } from '../../services/statistics.js';
import { errorResponse } from '../common.js';
import { statsQuery, yearStatsResponse, yearsStatsResponse } from './schema.js';

/** The answer changes at most once a day and is recomputed every few minutes: shared caches may keep it briefly. */
const CACHE_CONTROL = 'public, max-age=300';

export function statsRoutes(app: FastifyInstance, deps: { statistics: StatisticsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['statistics'];

  r.get('/api/v1/stats', {
    schema: {
      tags,
      summary: 'Public statistics of a year: national, 77 provinces, 5 domains and province × domain (people who consented to statistics; cells under 10 people suppressed)',
      security: [],
      querystring: statsQuery,
      response: { 200: yearStatsResponse, 400: errorResponse },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', CACHE_CONTROL);
      return deps.statistics.year(req.query.year);
    },
  });

  r.get('/api/v1/stats/years', {
    schema: {
      tags,
      summary: 'National statistics of every year with data, for a chart (the same figures as /api/v1/stats)',
      security: [],
      response: { 200: yearsStatsResponse },
    },
    handler: async (_req, reply) => {
      reply.header('cache-control', CACHE_CONTROL);
      return deps.statistics.years();
    },
  });
}
