// The public status lists of certificates (W3C Bitstring Status List v1.0), signed as vc+jwt like
// the certificates themselves; a verifier fetches the URL a certificate's credentialStatus names.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CERTIFICATE_MEDIA_TYPE } from '../../core/certificates.js';
import type { CertificateService } from '../../services/certificates.js';
import { errorResponse } from '../common.js';

const params = z.object({ list: z.coerce.number().int().min(1).max(1_000_000) });

export function certificateStatusRoutes(app: FastifyInstance, deps: { certificates: CertificateService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/certificates/status/:list', {
    schema: {
      tags: ['certificates'],
      summary: 'A status list of certificates (public): a signed BitstringStatusListCredential (vc+jwt); a set bit is a revoked certificate',
      security: [],
      params,
      response: {
        200: {
          description: 'The status list credential as a compact JWS (application/vc+jwt); its encodedList is the GZIP-compressed, base64url bitstring',
          content: { [CERTIFICATE_MEDIA_TYPE]: { schema: z.string() } },
        },
        400: errorResponse,
        404: errorResponse,
      },
    },
    handler: async (req, reply) => {
      const { jwt, maxAgeSeconds } = await deps.certificates.statusList(req.params.list);
      return reply.type(CERTIFICATE_MEDIA_TYPE).header('cache-control', `public, max-age=${maxAgeSeconds}`).send(jwt);
    },
  });
}
