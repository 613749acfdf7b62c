// An agency's staff: who may act for it in the web app, and in which role. The platform admin or the
// agency's own administrator manages them; people are named by national ID, stored only as its hash.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_ROLES } from '../../core/access.js';
import type { StaffService } from '../../services/staff.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse, nationalIdSchema } from '../common.js';

const params = z.object({ code: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/) });
const grantView = z.object({ id: z.string(), agency: z.string(), role: z.enum(STAFF_ROLES), label: z.string(), grantedAt: z.string(), grantedBy: z.string() });
export const staffGrantBody = z
  .object({ nationalId: nationalIdSchema, role: z.enum(STAFF_ROLES), label: z.string().trim().min(1).max(200).describe("The staff member's name") })
  .strict();

export function staffRoutes(app: FastifyInstance, deps: { staff: StaffService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agencies'];

  r.get('/api/v1/agencies/:code/staff', {
    schema: {
      tags,
      summary: "The agency's staff and their roles (platform admin or the agency's administrator)",
      params,
      response: { 200: z.object({ items: z.array(grantView) }), 404: errorResponse },
    },
    handler: async (req) => ({ items: await deps.staff.list(requirePrincipal(req), req.params.code) }),
  });

  r.post('/api/v1/agencies/:code/staff', {
    schema: {
      tags,
      summary: 'Grant a person a role in the agency; they act in it once signed in with their national ID',
      params,
      body: staffGrantBody,
      response: { 201: grantView, 400: errorResponse, 404: errorResponse, 422: errorResponse },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.staff.grant(requirePrincipal(req), req.params.code, req.body)),
  });

  r.delete('/api/v1/agencies/:code/staff/:id', {
    schema: { tags, summary: 'Revoke a staff role', params: params.extend({ id: z.uuid() }), response: { 204: z.null(), 404: errorResponse } },
    handler: async (req, reply) => {
      await deps.staff.revoke(requirePrincipal(req), req.params.code, req.params.id);
      return reply.code(204).send(null);
    },
  });
}
