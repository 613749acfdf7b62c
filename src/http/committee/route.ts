import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CommitteeService } from '../../services/committee.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { committeeCatalogue, presentCatalogueEntry, presentProposal, proposalList } from './schema.js';

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

  r.get('/api/v1/committee/catalogue', {
    schema: {
      tags: ['committee'],
      summary: 'Every indicator with its version in force and its whole history: approved, proposed and refused versions with reasons (committee)',
      response: { 200: committeeCatalogue, 401: errorResponse, 403: errorResponse },
    },
    handler: async (req) => ({ items: (await deps.committee.catalogue(requirePrincipal(req))).map(presentCatalogueEntry) }),
  });
}
