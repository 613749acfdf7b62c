import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

export function healthRoutes(app: FastifyInstance, deps: { db: Kysely<Database> }) {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Ready when the database answers', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async (_req, reply) => {
      await sql`select 1`.execute(deps.db);
      return reply.send({ status: 'ok' });
    },
  );
}
