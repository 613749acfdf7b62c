// The public transparency log: C2SP tlog-checkpoint and tlog-tiles under /log/ (plain GETs, so
// anyone can mirror it), and JSON inclusion and consistency proofs under /api/v1/log/.
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TilePathError, parseTilePath, type ParsedTilePath } from '../../core/merkle/index.js';
import type { LogService } from '../../log/service.js';
import { errorResponse } from '../common.js';
import { sendError } from '../errors.js';
import { consistencyQuery, consistencyResponse, inclusionQuery, inclusionResponse, tileParams } from './schema.js';

const TEXT = 'text/plain; charset=utf-8';
const BINARY = 'application/octet-stream';
// A tile path names fixed content (a partial tile is its own path), so caches may keep it forever.
const IMMUTABLE = 'public, max-age=31536000, immutable';

function parse(rest: string): ParsedTilePath | undefined {
  try {
    return parseTilePath(`tile/${rest}`);
  } catch (e) {
    if (e instanceof TilePathError || e instanceof RangeError) return undefined;
    throw e;
  }
}

export function logRoutes(app: FastifyInstance, deps: { log: LogService; published: () => Promise<{ note: string; createdAt: string } | undefined> }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['log'];

  r.get(
    '/log/checkpoint',
    {
      schema: {
        tags,
        summary: 'The latest published checkpoint (C2SP tlog-checkpoint), with the witness cosignatures it collected',
        description: 'Last-Modified is when the log signed this checkpoint (the note itself carries no time).',
      },
    },
    async (req, reply) => {
      const cp = await deps.published();
      if (!cp) return sendError(req, reply, 'not_found');
      return reply.type(TEXT).header('cache-control', 'no-cache').header('last-modified', new Date(cp.createdAt).toUTCString()).send(cp.note);
    },
  );

  r.get('/log/key', { schema: { tags, summary: "The log's C2SP verifier key (name+keyid+base64)" } }, async (_req, reply) =>
    reply.type(TEXT).header('cache-control', 'public, max-age=3600').send(deps.log.verifierKey),
  );

  // Tiles and entry bundles are gzip-compressed when the client asks (C2SP tlog-tiles SHOULD): an entry
  // bundle of credits is mostly repeated JSON keys. Compression is scoped to this route alone.
  app.register(async (scope) => {
    await scope.register(compress, { global: true, encodings: ['gzip'], threshold: 0, customTypes: /^application\/octet-stream$/ });
    scope
      .withTypeProvider<ZodTypeProvider>()
      .get('/log/tile/*', { schema: { tags, summary: 'A tile of hashes or an entry bundle (C2SP tlog-tiles)', params: tileParams } }, async (req, reply) => {
        const tile = parse(req.params['*']);
        if (!tile) return sendError(req, reply, 'not_found');
        const bytes = tile.entries ? await deps.log.entryBundle(tile.index, tile.width) : await deps.log.tile(tile.level, tile.index, tile.width);
        if (!bytes) return sendError(req, reply, 'not_found');
        // A tile path names fixed content: a partial tile or bundle has its own path, and the entries of an
        // integrated index never change (a row edited afterwards is what verification exists to catch).
        return reply
          .type(BINARY)
          .header('cache-control', IMMUTABLE)
          .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
  });

  r.get('/api/v1/log/inclusion', {
    schema: {
      tags,
      summary: 'Inclusion proof of a leaf in a published tree size',
      querystring: inclusionQuery,
      response: { 200: inclusionResponse, 400: errorResponse, 404: errorResponse },
    },
    handler: async (req) => deps.log.inclusion(req.query.index, req.query.size),
  });

  r.get('/api/v1/log/consistency', {
    schema: { tags, summary: 'Consistency proof between two published tree sizes', querystring: consistencyQuery, response: { 200: consistencyResponse, 404: errorResponse } },
    handler: async (req) => deps.log.consistency(req.query.from, req.query.to),
  });
}
