// Restriction of processing and erasure (leaving) of one's own account; the admin may act on a
// person's verified request. Another person's id answers 404, like an account that does not exist.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ErasureService, PrivacyStatus } from '../../services/erasure.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { accountParams } from '../accounts/schema.js';
import { erasureResponse, eraseBody, privacyStatusResponse, restrictBody } from './schema.js';

type Actor = 'holder' | 'admin';
const present = (s: PrivacyStatus) => ({
  ...s,
  restrictions: s.restrictions.map((r) => ({ ...r, restrictedBy: r.restrictedBy as Actor, liftedBy: r.liftedBy as Actor | null })),
});

export function privacyRoutes(app: FastifyInstance, deps: { erasure: ErasureService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['privacy'];
  const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

  r.get('/api/v1/accounts/:id/privacy', {
    schema: {
      tags,
      summary: 'Whether processing is restricted, the record of each restriction, and the phrase that confirms erasure (holder or admin)',
      params: accountParams,
      response: { 200: privacyStatusResponse, ...errors },
    },
    handler: async (req, reply) => reply.header('cache-control', 'private, no-store').send(present(await deps.erasure.status(requirePrincipal(req), req.params.id))),
  });

  r.post('/api/v1/accounts/:id/restriction', {
    schema: {
      tags,
      summary: 'Restrict processing (PDPA s.34): no new deeds are recorded, no redemptions or eligibility tokens, staff see only that it is restricted. Idempotent.',
      params: accountParams,
      body: restrictBody,
      response: { 200: privacyStatusResponse, ...errors },
    },
    handler: async (req) => present(await deps.erasure.restrict(requirePrincipal(req), req.params.id, req.body ?? {})),
  });

  r.delete('/api/v1/accounts/:id/restriction', {
    schema: {
      tags,
      summary: 'Lift the restriction of processing. Idempotent.',
      params: accountParams,
      response: { 200: privacyStatusResponse, ...errors },
    },
    handler: async (req) => present(await deps.erasure.lift(requirePrincipal(req), req.params.id)),
  });

  r.post('/api/v1/accounts/:id/erasure', {
    schema: {
      tags,
      summary:
        'Erase the account (irreversible): the person’s key is destroyed, so name, national-ID ciphertext, evidence files and log commitments become unlinkable; sessions and tokens end. Credits stay as anonymous counts; the log still verifies.',
      params: accountParams,
      body: eraseBody,
      response: { 200: erasureResponse, ...errors },
    },
    handler: async (req, reply) => {
      const result = await deps.erasure.erase(requirePrincipal(req), req.params.id, req.body);
      // The session's row is gone already; end it in this response too, so the cookie is cleared.
      if (req.authVia === 'session') await req.session.destroy();
      return reply.header('cache-control', 'no-store').send(result);
    },
  });
}
