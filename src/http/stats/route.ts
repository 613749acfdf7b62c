// Public statistics for the dashboard: aggregates only, no sign-in, small counts suppressed.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { StatisticsService } from '../../services/statistics.js';
import { errorResponse } from '../common.js';
import { statsQuery, yearStatsResponse, yearsStatsResponse } from './schema.js';

/** The answer changes at most once a day and is recomputed every few minutes: shared caches may keep it briefly. */
const CACHE_CONTROL = 'public, max-age=300';

const DESCRIPTION = [
  'Counted: persons with a live consent to the `statistics` purpose who have not left; communities and organisations are not counted.',
  'Credits recorded before `asOf` (the start of the current Bangkok day) are counted, so figures change once a day.',
  'People are counted once per cell however many credits they have; a person with credits in two domains is in both domains.',
  'No published figure describes fewer than `minimumCount` people, directly or by subtracting published figures from a published total:',
  'such cells have people, credits and points null and `suppressed: true` (withheld for being small or to protect another cell; which of the two is not said).',
].join(' ');

export function statsRoutes(app: FastifyInstance, deps: { statistics: StatisticsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['statistics'];

  r.get('/api/v1/stats', {
    schema: {
      tags,
      summary: 'Public statistics of a year: national, 77 provinces, 5 domains and province × domain',
      description: DESCRIPTION,
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
      description: DESCRIPTION,
      security: [],
      response: { 200: yearsStatsResponse },
    },
    handler: async (_req, reply) => {
      reply.header('cache-control', CACHE_CONTROL);
      return deps.statistics.years();
    },
  });
}
