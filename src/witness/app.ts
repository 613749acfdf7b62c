// The witness's HTTP surface: `POST <prefix>/add-checkpoint` (C2SP tlog-witness). The body is
// plain text in the protocol's own format, so it is read raw whatever its content type.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Witness } from './witness.js';

export interface WitnessAppOptions {
  /** Owned by the app from now on: closed when the app closes. */
  witness: Witness;
  /** Submission prefix, e.g. '' or '/witness'. */
  prefix?: string;
  logLevel?: string;
  bodyLimit?: number;
}

export async function buildWitnessApp(opts: WitnessAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: opts.logLevel ?? 'silent' }, bodyLimit: opts.bodyLimit ?? 256 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const prefix = (opts.prefix ?? '').replace(/\/+$/, '');
  app.post(`${prefix}/add-checkpoint`, async (req, reply) => {
    const body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    const a = opts.witness.addCheckpoint(body);
    return reply.code(a.status).header('content-type', a.contentType).send(a.body);
  });
  app.addHook('onClose', async () => opts.witness.close());
  await app.ready();
  return app;
}
