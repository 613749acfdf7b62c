import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CommitteeService } from '../../services/committee.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { presentProposal, proposalList } from './schema.js';

export function committeeRoutes(app: FastifyInstance, deps: { committee: CommitteeService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/committee/proposals', {
    schema: {
      tags: ['committee'],
      summary: 'Indicator versions and privileges waiting for the committee, oldest first, with owner and changes; decide with …/approve or …/refuse (committee)',
      response: { 200: proposalList, 401: errorResponse, 403: errorResponse },
    },
    handler: async (req) => ({ items: (await deps.committee.proposals(requirePrincipal(req))).map(presentProposal) }),
  });
}
