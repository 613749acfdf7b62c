import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { MeetingService } from '../../services/certification-meetings.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { meetingBody, meetingParams, meetingsPage, meetingsQuery, meetingView } from './schema.js';

export function certificationRoutes(app: FastifyInstance, deps: { meetings: MeetingService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['certification'];

  r.post('/api/v1/certifications/meetings', {
    schema: {
      tags,
      summary: 'Record the decisions of a (village) meeting: every listed deed is decided, or none (per-item refusals in details.items)',
      body: meetingBody,
      response: {
        200: meetingView,
        201: meetingView,
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
        409: errorResponse,
        422: errorResponse,
      },
    },
    handler: async (req, reply) => {
      const { meeting, replayed } = await deps.meetings.record(requirePrincipal(req), req.body);
      return reply.code(replayed ? 200 : 201).send(meeting);
    },
  });

  r.get('/api/v1/certifications/meetings', {
    schema: {
      tags,
      summary: "The certifier's own meeting decisions, latest first",
      querystring: meetingsQuery,
      response: { 200: meetingsPage, 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (req) => deps.meetings.list(requirePrincipal(req), req.query),
  });

  r.get('/api/v1/certifications/meetings/:id', {
    schema: {
      tags,
      summary: 'One meeting decision with every deed it decided',
      params: meetingParams,
      response: { 200: meetingView, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (req) => deps.meetings.get(requirePrincipal(req), req.params.id),
  });
}
