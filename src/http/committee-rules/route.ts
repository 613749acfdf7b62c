// The committee's own rules: equivalence groups assigned to agencies, and the grace period after which
// a year is closed for new credits.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RulesService } from '../../services/rules.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { groupChange, groupList, groupParams, presentGroup, presentSettings, ruleSettingsBody, ruleSettingsView } from './schema.js';

export function committeeRulesRoutes(app: FastifyInstance, deps: { rules: RulesService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse };

  r.get('/api/v1/committee/settings', {
    schema: {
      tags: ['committee'],
      summary: 'The committee’s platform-wide rule settings: the grace period that closes a year (committee)',
      response: { 200: ruleSettingsView, ...errors },
    },
    handler: async (req) => presentSettings(await deps.rules.settings(requirePrincipal(req))),
  });

  r.put('/api/v1/committee/settings', {
    schema: {
      tags: ['committee'],
      summary: 'Set the grace period after 31 December (Bangkok) after which a year takes no new credits (committee)',
      body: ruleSettingsBody,
      response: { 200: ruleSettingsView, ...errors },
    },
    handler: async (req) => presentSettings(await deps.rules.updateSettings(requirePrincipal(req), req.body)),
  });

  r.get('/api/v1/committee/groups', {
    schema: {
      tags: ['committee'],
      summary: 'Equivalence groups: the agencies each is assigned to and the indicators using it (committee)',
      response: { 200: groupList, ...errors },
    },
    handler: async (req) => ({ items: (await deps.rules.groups(requirePrincipal(req))).map(presentGroup) }),
  });

  r.put('/api/v1/committee/groups/:group/agencies/:agency', {
    schema: {
      tags: ['committee'],
      summary: 'Assign an equivalence group to an agency, so its indicators may join it (committee; idempotent)',
      params: groupParams,
      response: { 200: groupChange, ...errors, 404: errorResponse },
    },
    handler: async (req) => {
      const out = await deps.rules.assign(requirePrincipal(req), req.params.group, req.params.agency);
      return { group: presentGroup(out.group), changed: out.changed };
    },
  });

  r.delete('/api/v1/committee/groups/:group/agencies/:agency', {
    schema: {
      tags: ['committee'],
      summary: 'Take an equivalence group back from an agency: its new indicators and revisions may no longer join it (committee; idempotent)',
      params: groupParams,
      response: { 200: groupChange, ...errors, 404: errorResponse },
    },
    handler: async (req) => {
      const out = await deps.rules.unassign(requirePrincipal(req), req.params.group, req.params.agency);
      return { group: presentGroup(out.group), changed: out.changed };
    },
  });
}
