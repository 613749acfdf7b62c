// Operations: liveness (the process answers), readiness (it can serve: the database answers) and the
// Prometheus metrics. While the server closes, Fastify answers 503 to new requests (return503OnClosing),
// so a load balancer that polls /readyz stops sending before in-flight requests have finished.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { Metrics } from '../../adapters/metrics.js';
import type { Database } from '../../store/schema.js';

const ok = z.object({ status: z.literal('ok') });

export function healthRoutes(app: FastifyInstance, deps: { db: Kysely<Database>; metrics: Pick<Metrics, 'render' | 'contentType'> }) {
  const tags = ['operations'];
  const ready = async () => {
    await sql`select 1`.execute(deps.db);
    return { status: 'ok' as const };
  };
  app.get('/healthz', { schema: { tags, summary: 'Ready when the database answers (as /readyz)', response: { 200: ok } } }, ready);
  app.get('/readyz', { schema: { tags, summary: 'Readiness: the database answers and the server is not closing', response: { 200: ok } } }, ready);
  app.get('/livez', { schema: { tags, summary: 'Liveness: the process answers (the database is not asked)', response: { 200: ok } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get(
    '/metrics',
    {
      schema: {
        tags,
        summary: 'Prometheus metrics: requests by route, attestations by outcome, sequencer lag, log size, imports, webhook backlog',
        description: 'Aggregates only: no person, account or agency key appears in any label.',
      },
    },
    async (_req, reply) =>
      reply
        .type(deps.metrics.contentType)
        .header('cache-control', 'no-store')
        .send(await deps.metrics.render()),
  );
}
