import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AreaService } from '../../services/areas.js';
import { errorResponse, localisedText } from '../common.js';

const areaView = z.object({
  code: z.string(),
  level: z.enum(['province', 'district', 'subdistrict']),
  parentCode: z.string().nullable(),
  name: localisedText,
  settlement: z.enum(['urban', 'semi-urban', 'rural']),
});

const searchQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe('Part of a Thai or English name'),
  level: z.enum(['province', 'district', 'subdistrict']).optional(),
  parent: z
    .string()
    .regex(/^\d{2}(\d{2})?$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function areaRoutes(app: FastifyInstance, deps: { areas: AreaService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['areas'];
  r.get('/api/v1/areas', {
    schema: {
      tags,
      summary: 'Search the Thai administrative areas (77 provinces, districts, subdistricts)',
      querystring: searchQuery,
      response: { 200: z.object({ items: z.array(areaView) }) },
    },
    handler: async (req) => ({ items: await deps.areas.search({ text: req.query.q, level: req.query.level, parent: req.query.parent, limit: req.query.limit }) }),
  });
  r.get('/api/v1/areas/:code', {
    schema: {
      tags,
      summary: 'One area with its parents',
      params: z.object({ code: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/) }),
      response: { 200: areaView.extend({ path: z.array(areaView) }), 404: errorResponse },
    },
    handler: async (req) => deps.areas.get(req.params.code),
  });
}
