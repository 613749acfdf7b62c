import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AreaService } from '../../services/areas.js';

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
    schema: { tags, summary: 'Search the Thai administrative areas (77 provinces, districts, subdistricts)', querystring: searchQuery },
    handler: async (req) => ({ items: await deps.areas.search({ text: req.query.q, level: req.query.level, parent: req.query.parent, limit: req.query.limit }) }),
  });
  r.get('/api/v1/areas/:code', {
    schema: { tags, summary: 'One area with its parents', params: z.object({ code: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/) }) },
    handler: async (req) => deps.areas.get(req.params.code),
  });
}
