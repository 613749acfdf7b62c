import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_FILES_PER_DEED } from '../../core/evidence.js';
import type { AttestationService } from '../../services/attestations.js';
import { requirePrincipal } from '../auth.js';
import { accountIdSchema, errorResponse } from '../common.js';
import { attestationBody, attestationResult, presentResult as present } from '../attestations/schema.js';
import { sha256Schema } from '../evidence/schema.js';

const declarationBody = attestationBody.omit({ subject: true }).extend({
  evidenceFiles: z
    .array(sha256Schema)
    .min(1)
    .max(MAX_FILES_PER_DEED)
    .optional()
    .describe('SHA-256 of files you uploaded with POST /api/v1/accounts/{id}/evidence; the certifier of your area sees them with the deed'),
});

export function declarationRoutes(app: FastifyInstance, deps: { attestations: AttestationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/accounts/:id/declarations', {
    schema: {
      tags: ['accounts'],
      summary: 'Declare one of your own deeds (self-declarable indicators); it waits for the certifier of your area',
      params: z.object({ id: accountIdSchema }),
      body: declarationBody,
      response: { 200: attestationResult, 201: attestationResult, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
    },
    handler: async (req, reply) => {
      const result = await deps.attestations.declare(requirePrincipal(req), req.params.id, req.body);
      return reply.code(result.replayed ? 200 : 201).send(present(result));
    },
  });
}
