import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodType } from 'zod';
import { type ZodTypeProvider, validatorCompiler } from 'fastify-type-provider-zod';
import { AppError } from '../../core/errors.js';
import { contentDisposition, evidencePath } from '../../core/evidence.js';
import type { EvidenceService } from '../../services/evidence.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { readOneFile } from './multipart.js';
import { evidenceContent, evidenceParams, uploadBody, uploadResult } from './schema.js';
import { accountParams } from '../accounts/schema.js';

export async function evidenceRoutes(app: FastifyInstance, deps: { evidence: EvidenceService }) {
  const tags = ['accounts'];

  // Multipart is parsed in this scope only; the rest of the API stays JSON-only.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(new AppError('multipart_required'), undefined));
    await scope.register(multipart, {
      limits: { fileSize: deps.evidence.maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 20 },
      throwFileSizeLimit: true,
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/v1/accounts/:id/evidence', {
      schema: {
        tags,
        summary: 'Upload a photo or PDF as evidence for your own declarations (multipart/form-data, one field "file")',
        consumes: ['multipart/form-data'],
        params: accountParams,
        body: uploadBody,
        response: { 200: uploadResult, 201: uploadResult, 400: errorResponse, 401: errorResponse, 404: errorResponse, 413: errorResponse, 415: errorResponse },
      },
      // The body is a stream the handler reads itself; `uploadBody` documents it.
      // (Fastify types a route-level compiler's schema as the whole route schema; it receives one part's zod schema.)
      validatorCompiler: (route) => (route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler({ ...route, schema: route.schema as unknown as ZodType })),
      handler: async (req, reply) => {
        const principal = requirePrincipal(req);
        const bytes = await readOneFile(req, deps.evidence.maxBytes);
        const r = await deps.evidence.upload(principal, req.params.id, bytes);
        return reply.code(r.created ? 201 : 200).send({
          sha256: r.sha256,
          mediaType: r.mediaType,
          size: r.size,
          url: evidencePath(req.params.id, r.sha256),
          metadataRemoved: r.metadataRemoved,
        });
      },
    });
  });

  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/accounts/:id/evidence/:sha256', {
    schema: {
      tags,
      summary: 'Read an evidence file back (the person, or the certifier of their area for a file attached to a deed)',
      params: evidenceParams,
      response: { 200: evidenceContent, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req, reply) => {
      const f = await deps.evidence.read(requirePrincipal(req), req.params.id, req.params.sha256);
      // Served as data, never as a page of this origin: no sniffing, no scripts, PDFs downloaded.
      // Bytes, not JSON: sent as they are, past the response serializer (the schema documents them).
      return (reply as FastifyReply)
        .header('content-type', f.mediaType)
        .header('content-disposition', contentDisposition(f.mediaType, f.sha256))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        .header('cache-control', 'private, no-store')
        .send(f.bytes);
    },
  });
}
