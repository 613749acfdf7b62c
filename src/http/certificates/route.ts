// Certificates: download (account holder or staff who may read the account) and public verify.
// `Accept: application/vc+jwt` returns only the compact JWT; otherwise {credential, jwt}.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CERTIFICATE_MEDIA_TYPE } from '../../core/certificates.js';
import type { CertificateService, IssuedCertificate } from '../../services/certificates.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse, yearQuery } from '../common.js';
import { certificateParams as params, creditCertificateParams, issuedCertificate, verifiedCertificate } from './schema.js';

// Any text is checked by the service, so a damaged certificate is `invalid_certificate`, not a 400.
const compactJws = z.string().min(1).max(200_000).describe('The certificate as a compact JWS (vc+jwt)');

const downloadResponses = { 200: issuedCertificate, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse };
const accepts = `Send \`Accept: ${CERTIFICATE_MEDIA_TYPE}\` for the compact JWT alone.`;

function wantsJwt(req: FastifyRequest): boolean {
  const accept = req.headers.accept;
  return typeof accept === 'string' && accept.toLowerCase().includes(CERTIFICATE_MEDIA_TYPE);
}

function send(req: FastifyRequest, reply: FastifyReply, cert: IssuedCertificate) {
  reply.header('cache-control', 'no-store').header('vary', 'accept');
  if (wantsJwt(req)) return reply.type(CERTIFICATE_MEDIA_TYPE).send(cert.jwt);
  return reply.send(cert);
}

export function certificateRoutes(app: FastifyInstance, deps: { certificates: CertificateService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['certificates'];

  r.get('/api/v1/accounts/:id/certificates/credits/:creditId', {
    schema: {
      tags,
      summary: 'A verifiable certificate of one credit (indicator, points, date, issuer, certifier, rule version, log index)',
      description: accepts,
      params: creditCertificateParams,
      response: downloadResponses,
    },
    handler: async (req, reply) => send(req, reply, await deps.certificates.credit(requirePrincipal(req), req.params.id, req.params.creditId)),
  });

  r.get('/api/v1/accounts/:id/certificates/volunteer-hours', {
    schema: {
      tags,
      summary: "A verifiable certificate of a year's volunteer hours and deeds (e.g. for the Student Loan Fund, กยศ.)",
      description: accepts,
      params,
      querystring: yearQuery,
      response: downloadResponses,
    },
    handler: async (req, reply) => send(req, reply, await deps.certificates.volunteerHours(requirePrincipal(req), req.params.id, req.query.year)),
  });

  r.get('/api/v1/accounts/:id/certificates/annual-statement', {
    schema: {
      tags,
      summary: 'A verifiable annual statement (score, points per domain, credits) for deduction claims; states facts, not a tax receipt',
      description: accepts,
      params,
      querystring: yearQuery,
      response: downloadResponses,
    },
    handler: async (req, reply) => send(req, reply, await deps.certificates.annualStatement(requirePrincipal(req), req.params.id, req.query.year)),
  });

  r.post('/api/v1/certificates/verify', {
    schema: {
      tags,
      summary: 'Check a certificate (public): signature by this platform, VC-JOSE-COSE shape, validity now',
      security: [],
      body: z.object({ jwt: compactJws }).strict(),
      response: { 200: verifiedCertificate, 400: errorResponse, 422: errorResponse },
    },
    handler: async (req) => deps.certificates.verify(req.body.jwt),
  });
}
