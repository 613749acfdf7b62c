// Reversal of one erroneous credit by the agency that attested or certified it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ReversalService } from '../../services/reversals.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { creditParams, creditSummary, reversalBody, reversalParams, reversalResult, reversalView } from './schema.js';

export function reversalRoutes(app: FastifyInstance, deps: { reversals: ReversalService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reversals'];

  r.post('/api/v1/credits/:id/reversal', {
    schema: {
      tags,
      summary: 'Reverse an erroneous credit (its issuer or certifier only), with a reason; the same request again answers the same reversal',
      description:
        'One transaction appends the reversal, a log leaf of kind `reversal` naming the credit, a balance debit of at most what the balance holds (the rest is waived: no debt) and the revocation of every certificate that stated the credit. Another reversal of the same credit answers 409 `already_reversed`.',
      params: creditParams,
      body: reversalBody,
      response: { 200: reversalResult, 201: reversalResult, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req, reply) => {
      const { reversal, replayed, revokedCertificates } = await deps.reversals.reverse(requirePrincipal(req), req.params.id, req.body);
      return reply.code(replayed ? 200 : 201).send({ reversal, revokedCertificates });
    },
  });

  r.get('/api/v1/credits/:id', {
    schema: {
      tags,
      summary: 'One credit (by credit or attestation id) with its reversal: for the person, its issuer and certifier, and staff who may read the account',
      params: creditParams,
      response: { 200: creditSummary, 400: errorResponse, 401: errorResponse, 404: errorResponse },
    },
    handler: async (req) => deps.reversals.credit(requirePrincipal(req), req.params.id),
  });

  r.get('/api/v1/reversals/:id', {
    schema: {
      tags,
      summary: 'One reversal, for whoever may read the credit',
      params: reversalParams,
      response: { 200: reversalView, 400: errorResponse, 401: errorResponse, 404: errorResponse },
    },
    handler: async (req) => deps.reversals.get(requirePrincipal(req), req.params.id),
  });
}
