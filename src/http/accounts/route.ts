import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EnrolmentService } from '../../services/enrolment.js';
import type { ScoreService } from '../../services/scores.js';
import type { AgencyService } from '../../services/agencies.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse, yearQuery } from '../common.js';
import { accountParams, accountResponse, attestationsResponse, creditsResponse, enrolBody, lookupBody, scoreResponse, yearsResponse } from './schema.js';
import { presentAccount } from './presenter.js';

export function accountRoutes(app: FastifyInstance, deps: { enrolment: EnrolmentService; scores: ScoreService; agencies: AgencyService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];

  r.post('/api/v1/accounts', {
    schema: {
      tags,
      summary: 'Enrol an account with consent (admin or registrar of the area)',
      description: 'Answers the new account with its member number and the paths a registrar needs next: the printable card (`links.cardPdf`) and a personal token.',
      body: enrolBody,
      response: { 201: accountResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
    },
    handler: async (req, reply) => {
      const principal = requirePrincipal(req);
      const { id } = await deps.enrolment.enrol(principal, req.body);
      const account = presentAccount(await deps.enrolment.readable(principal, id));
      return reply.code(201).header('location', account.links.self).send(account);
    },
  });

  r.post('/api/v1/accounts/lookup', {
    schema: {
      tags,
      summary: 'Find an enrolled person by national ID (registrar or certifier of their area)',
      body: lookupBody,
      response: { 200: z.object({ id: z.string() }), 404: errorResponse },
    },
    handler: async (req) => ({ id: (await deps.enrolment.lookup(requirePrincipal(req), req.body.nationalId)).id }),
  });

  r.get('/api/v1/accounts/:id', {
    schema: {
      tags,
      summary: 'An account as its holder or the staff of its area see it',
      params: accountParams,
      response: { 200: accountResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req) => presentAccount(await deps.enrolment.readable(requirePrincipal(req), req.params.id)),
  });

  r.get('/api/v1/accounts/:id/score', {
    schema: {
      tags,
      summary: "A year's score, clamped to the scale, with per-domain subtotals",
      params: accountParams,
      querystring: yearQuery,
      response: { 200: scoreResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req) => deps.scores.scoreFor(requirePrincipal(req), req.params.id, req.query.year),
  });

  r.get('/api/v1/accounts/:id/years', {
    schema: {
      tags,
      summary: 'The score of every year since enrolment, with per-domain subtotals (for a chart of past years)',
      params: accountParams,
      response: { 200: yearsResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req) => deps.scores.years(await deps.enrolment.readableCore(requirePrincipal(req), req.params.id, 'account.history')),
  });

  r.get('/api/v1/accounts/:id/credits', {
    schema: {
      tags,
      summary: 'Every credit of a year, with rule version, issuer, certifier and log index',
      params: accountParams,
      querystring: yearQuery,
      response: { 200: creditsResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req) => deps.scores.credits(await deps.enrolment.readableCore(requirePrincipal(req), req.params.id, 'account.credits'), req.query.year),
  });

  r.get('/api/v1/accounts/:id/attestations', {
    schema: {
      tags,
      summary: 'Every deed recorded for the account in a year, with status, who certified it (and at which meeting) and the reason for any refusal',
      params: accountParams,
      querystring: yearQuery,
      response: { 200: attestationsResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req) => deps.scores.attestations(await deps.enrolment.readableCore(requirePrincipal(req), req.params.id, 'account.history'), req.query.year),
  });

  r.post('/api/v1/accounts/:id/tokens', {
    schema: {
      tags,
      summary: 'Issue a personal access token for the account holder (admin or registrar of the area)',
      params: accountParams,
      response: { 201: z.object({ keyId: z.string(), token: z.string() }), 404: errorResponse },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.agencies.createPersonToken(requirePrincipal(req), req.params.id)),
  });
}
