import type { FastifyInstance, FastifyReply } from 'fastify';
import { contentDisposition } from '../../core/evidence.js';
import { evidenceContent } from '../evidence/schema.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DisputeService } from '../../services/disputes.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import {
  accountParams,
  agencyParams,
  answerBody,
  contestBody,
  decisionBody,
  disputeList,
  disputeParams,
  disputeView,
  evidenceParams,
  fileDisputeBody,
  correctionBody,
  queueQuery,
  queueView,
  settingsBody,
  settingsView,
} from './schema.js';

export function disputeRoutes(app: FastifyInstance, deps: { disputes: DisputeService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['disputes'];
  const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse };

  r.get('/api/v1/disputes/settings', {
    schema: { tags, summary: 'How many days a respondent has to answer a new dispute (set by the committee; default 30)', security: [], response: { 200: settingsView } },
    handler: () => deps.disputes.settings(),
  });

  r.put('/api/v1/disputes/settings', {
    schema: { tags, summary: 'The committee sets the answer deadline for disputes filed from now on', body: settingsBody, response: { 200: settingsView, ...errors } },
    handler: (req) => deps.disputes.setSettings(requirePrincipal(req), req.body),
  });

  r.post('/api/v1/accounts/:id/disputes', {
    schema: {
      tags,
      summary: 'Contest a missing deed, a refused deed or a wrong credit (the account holder); the same dispute sent again is replayed (200)',
      params: accountParams,
      body: fileDisputeBody,
      response: { 200: disputeView, 201: disputeView, ...errors },
    },
    handler: async (req, reply) => {
      const { dispute, replayed } = await deps.disputes.file(requirePrincipal(req), req.params.id, req.body);
      return reply.code(replayed ? 200 : 201).send(dispute);
    },
  });

  r.get('/api/v1/accounts/:id/disputes', {
    schema: { tags, summary: "The account holder's disputes, latest first", params: accountParams, response: { 200: disputeList, ...errors } },
    handler: (req) => deps.disputes.listForAccount(requirePrincipal(req), req.params.id),
  });

  r.get('/api/v1/disputes/:id', {
    schema: {
      tags,
      summary: 'One dispute: to its person, its respondent and (once escalated) an independent reviewer',
      params: disputeParams,
      response: { 200: disputeView, ...errors },
    },
    handler: (req) => deps.disputes.get(requirePrincipal(req), req.params.id),
  });

  r.post('/api/v1/disputes/:id/answer', {
    schema: {
      tags,
      summary: 'The respondent answers: accept (what it will correct) or reject (why)',
      params: disputeParams,
      body: answerBody,
      response: { 200: disputeView, ...errors },
    },
    handler: (req) => deps.disputes.answer(requirePrincipal(req), req.params.id, req.body),
  });

  r.post('/api/v1/disputes/:id/accept', {
    schema: { tags, summary: "The person accepts the respondent's answer (the dispute is resolved)", params: disputeParams, response: { 200: disputeView, ...errors } },
    handler: (req) => deps.disputes.acceptAnswer(requirePrincipal(req), req.params.id),
  });

  r.post('/api/v1/disputes/:id/contest', {
    schema: {
      tags,
      summary: 'The person contests the answer: the dispute goes to an independent reviewer',
      params: disputeParams,
      body: contestBody,
      response: { 200: disputeView, ...errors },
    },
    handler: (req) => deps.disputes.contest(requirePrincipal(req), req.params.id, req.body),
  });

  r.post('/api/v1/disputes/:id/decision', {
    schema: {
      tags,
      summary: 'An independent reviewer (never the respondent) decides an escalated dispute',
      params: disputeParams,
      body: decisionBody,
      response: { 200: disputeView, ...errors },
    },
    handler: (req) => deps.disputes.decide(requirePrincipal(req), req.params.id, req.body),
  });

  r.post('/api/v1/disputes/:id/correction', {
    schema: {
      tags,
      summary: 'The respondent records the credit or reversal that corrected the points (after an accepted answer or an upheld dispute)',
      params: disputeParams,
      body: correctionBody,
      response: { 200: disputeView, ...errors },
    },
    handler: (req) => deps.disputes.linkCorrection(requirePrincipal(req), req.params.id, req.body),
  });

  r.get('/api/v1/disputes/:id/evidence/:sha256', {
    schema: {
      tags,
      summary: 'An evidence file of a dispute (to those who may read the dispute)',
      params: evidenceParams,
      response: { 200: evidenceContent, 401: errorResponse, 404: errorResponse },
    },
    handler: async (req, reply) => {
      const f = await deps.disputes.evidence(requirePrincipal(req), req.params.id, req.params.sha256);
      // As the evidence route serves them: data, never a page of this origin.
      return (reply as FastifyReply)
        .header('content-type', f.mediaType)
        .header('content-disposition', contentDisposition(f.mediaType, req.params.sha256))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        .header('cache-control', 'private, no-store')
        .send(f.bytes);
    },
  });

  r.get('/api/v1/agencies/:code/disputes', {
    schema: {
      tags,
      summary: "An agency's queue: as respondent (open disputes and corrections to record) or as reviewer (escalated disputes of other agencies), oldest first",
      params: agencyParams,
      querystring: queueQuery,
      response: { 200: queueView, ...errors },
    },
    handler: (req) => deps.disputes.queue(requirePrincipal(req), req.params.code, req.query.queue),
  });
}
