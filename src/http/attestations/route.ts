import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AttestationService } from '../../services/attestations.js';
import type { CertificationService } from '../../services/certification.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { errorBody } from '../errors.js';
import { attestationBody, attestationResult, batchBody, batchResult, certifyBody, certifyParams, pendingPage, pendingQuery, presentResult as present } from './schema.js';

export function attestationRoutes(app: FastifyInstance, deps: { attestations: AttestationService; certification: CertificationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['attestations'];

  r.post('/api/v1/attestations', {
    schema: {
      tags,
      summary: 'Attest a good deed (issuer)',
      body: attestationBody,
      response: { 200: attestationResult, 201: attestationResult, 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse, 422: errorResponse },
    },
    handler: async (req, reply) => {
      const result = await deps.attestations.submit(requirePrincipal(req), req.body);
      return reply.code(result.replayed ? 200 : 201).send(present(result));
    },
  });

  r.post('/api/v1/attestations/batch', {
    bodyLimit: 10 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Attest up to 1,000 deeds in one call; each item answers for itself',
      body: batchBody,
      response: { 200: batchResult, 400: errorResponse, 401: errorResponse },
    },
    handler: async (req) => {
      const outcomes = await deps.attestations.submitMany(requirePrincipal(req), req.body.items);
      return {
        items: outcomes.map((o) =>
          o.ok
            ? { ref: o.result.ref, ok: true, result: present(o.result) }
            : // Each item's error has the catalogue's one shape (message, messages, correlationId, details).
              { ref: o.ref, ok: false, error: errorBody(req, o.error.code, o.error.details).error },
        ),
      };
    },
  });

  r.get('/api/v1/attestations/pending', {
    schema: {
      tags,
      summary: "The certifier's queue: deeds of people in its areas waiting for a decision, oldest first",
      querystring: pendingQuery,
      response: { 200: pendingPage, 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (req) => deps.certification.queue(requirePrincipal(req), req.query),
  });

  r.post('/api/v1/attestations/:id/certify', {
    schema: {
      tags,
      summary: 'Approve or reject a pending deed (certifier of the person’s area)',
      params: certifyParams,
      body: certifyBody,
      response: { 200: attestationResult, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req) => present(await deps.certification.decide(requirePrincipal(req), req.params.id, req.body)),
  });
}
