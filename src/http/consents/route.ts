// The person's rights: consent per purpose (view, give, withdraw, receipts), the access log
// ("who looked at my record") and the export of everything held about them (JSON, Thai PDF).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AccessLogService } from '../../services/access-log.js';
import type { ConsentService } from '../../services/consents.js';
import type { ExportService } from '../../services/export.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import {
  accessLogPage,
  accessLogQuery,
  changeResult,
  consentParams,
  consentsView,
  exportResponse,
  giveBody,
  jwtResponse,
  PURPOSE_DOC,
  pdfResponse,
  purposeParams,
  receiptParams,
} from './schema.js';

export function consentRoutes(app: FastifyInstance, deps: { consents: ConsentService; accessLog: AccessLogService; exports: ExportService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['my data'];
  const errors = { 400: errorResponse, 401: errorResponse, 404: errorResponse };

  r.get('/api/v1/accounts/:id/consents', {
    schema: {
      tags,
      summary: 'My consents: the state of each purpose, every consent given, and the signed receipt of each change (the person only)',
      params: consentParams,
      response: { 200: consentsView, ...errors },
    },
    handler: async (req) => deps.consents.view(requirePrincipal(req), req.params.id),
  });

  r.post('/api/v1/accounts/:id/consents', {
    schema: {
      tags,
      summary: 'Give a consent (e.g. `health` after enrolment: blood donations from then on count); idempotent',
      description: '201 with the new signed receipt; 200 with the receipt in force when it was already given.',
      params: consentParams,
      body: giveBody,
      response: { 200: changeResult, 201: changeResult, ...errors },
    },
    handler: async (req, reply) => {
      const r = await deps.consents.give(requirePrincipal(req), req.params.id, req.body.purpose);
      return reply.code(r.replayed ? 200 : 201).send(r);
    },
  });

  const withdraw = {
    schema: {
      tags,
      summary: 'Withdraw a consent in one action; processing for it stops at once (idempotent)',
      description:
        '`health`: health deeds are refused `consent_missing` and not kept against the person; `statistics`: out of the public figures at once; ' +
        '`sharing:<partner>`: that partner can no longer confirm vouchers or check tokens of the person. `enrolment` is leaving: 409 `leaving_not_withdrawal` ' +
        'with `details.leave` (/api/v1/me/leave).',
      params: purposeParams,
      response: { 200: changeResult, ...errors, 409: errorResponse },
    },
  };
  r.delete('/api/v1/accounts/:id/consents/:purpose', { ...withdraw, handler: async (req) => deps.consents.withdraw(requirePrincipal(req), req.params.id, req.params.purpose) });
  r.post('/api/v1/accounts/:id/consents/:purpose/withdraw', {
    ...withdraw,
    handler: async (req) => deps.consents.withdraw(requirePrincipal(req), req.params.id, req.params.purpose),
  });

  r.get('/api/v1/accounts/:id/consents/receipts/:receiptId', {
    schema: {
      tags,
      summary: 'Download one consent receipt as its signed JWT file (verify with /.well-known/jwks.json)',
      params: receiptParams,
      response: { 200: jwtResponse, ...errors },
    },
    handler: async (req, reply) => {
      const receipt = await deps.consents.receipt(requirePrincipal(req), req.params.id, req.params.receiptId);
      return (reply as FastifyReply)
        .type('application/jwt')
        .header('content-disposition', `attachment; filename="consent-${receipt.purpose.replace(/[^a-z0-9-]/g, '-')}-${receipt.id}.jwt"`)
        .header('cache-control', 'private, no-store')
        .send(receipt.token);
    },
  });

  r.get('/api/v1/accounts/:id/access-log', {
    schema: {
      tags,
      summary: 'Who looked at my record: every read by staff or a partner, newest first (reading this list is not itself recorded)',
      description: PURPOSE_DOC,
      params: consentParams,
      querystring: accessLogQuery,
      response: { 200: accessLogPage, ...errors },
    },
    handler: async (req) => deps.accessLog.list(requirePrincipal(req), req.params.id, req.query),
  });

  r.get('/api/v1/accounts/:id/export', {
    schema: {
      tags,
      summary: 'Everything held about me, as JSON: every stored field of every table holding my rows (the person only)',
      params: consentParams,
      response: { 200: exportResponse, ...errors },
    },
    handler: async (req, reply) => {
      const data = await deps.exports.json(requirePrincipal(req), req.params.id);
      return reply.header('cache-control', 'private, no-store').header('content-disposition', `attachment; filename="khwamdee-export-${req.params.id}.json"`).send(data);
    },
  });

  r.get('/api/v1/accounts/:id/export.pdf', {
    schema: {
      tags,
      summary: 'The same export as a readable PDF in Thai',
      params: consentParams,
      response: { 200: pdfResponse, ...errors },
    },
    handler: async (req, reply) => {
      const pdf = await deps.exports.pdf(requirePrincipal(req), req.params.id);
      return (reply as FastifyReply)
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="khwamdee-export-${req.params.id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  });
}
