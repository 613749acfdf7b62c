import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DOMAIN_NAMES, DOMAINS } from '../../core/catalogue.js';
import type { CatalogueService, RuleVersion } from '../../services/catalogue.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse, refuseBody } from '../common.js';
import {
  codeParams,
  defineBody,
  domainList,
  indicatorDetail,
  indicatorList,
  indicatorVersionView,
  listQuery,
  presentIndicator,
  presentVersion,
  reviseBody,
  versionParams,
} from './schema.js';

export function indicatorRoutes(app: FastifyInstance, deps: { catalogue: CatalogueService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalogue'];
  const { catalogue } = deps;
  const writeErrors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse, 422: errorResponse };
  const decisionErrors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

  r.get('/api/v1/domains', {
    schema: { tags, summary: 'The five domains of the national frame', response: { 200: domainList } },
    handler: async () => ({ items: DOMAINS.map((code) => ({ code, name: DOMAIN_NAMES[code] })) }),
  });

  r.get('/api/v1/indicators', {
    schema: {
      tags,
      summary: 'The catalogue as in force now (public); indicators never approved by the committee are not listed',
      querystring: listQuery,
      response: { 200: indicatorList, 400: errorResponse },
    },
    handler: async (req) => {
      const { domain, accountKind, owner } = req.query;
      const items = catalogue
        .codes()
        .map((c) => catalogue.current(c))
        .filter((v): v is RuleVersion => v !== undefined)
        .map(presentIndicator)
        .filter((i) => (!domain || i.domain === domain) && (!accountKind || i.accountKinds.includes(accountKind)))
        .filter((i) => !owner || (owner === 'national' ? i.owner.kind === 'national' : i.owner.kind !== 'national' && i.owner.agency === owner));
      return { items };
    },
  });

  r.get('/api/v1/indicators/:code', {
    schema: {
      tags,
      summary: 'One indicator: the version in force and every version the caller may see (proposed and refused ones: owner agency and committee only)',
      params: codeParams,
      response: { 200: indicatorDetail, 400: errorResponse, 404: errorResponse },
    },
    handler: async (req) => {
      const { current, versions } = await catalogue.history(req.principal, req.params.code);
      return { ...presentVersion(current), versions: versions.map(presentVersion) };
    },
  });

  r.post('/api/v1/indicators', {
    schema: {
      tags,
      summary: 'Add an indicator: the committee’s take effect as written; an agency’s own is proposed and in force only once the committee approves it',
      body: defineBody,
      response: { 201: indicatorVersionView, ...writeErrors },
    },
    handler: async (req, reply) => reply.code(201).send(presentVersion(await catalogue.define(requirePrincipal(req), req.body.definition, req.body.effectiveFrom))),
  });

  r.put('/api/v1/indicators/:code', {
    schema: {
      tags,
      summary: 'Announce a new version from a future date (never retroactive); an agency’s version waits for the committee’s approval',
      params: codeParams,
      body: reviseBody,
      response: { 201: indicatorVersionView, ...writeErrors },
    },
    handler: async (req, reply) =>
      reply.code(201).send(presentVersion(await catalogue.revise(requirePrincipal(req), req.params.code, req.body.definition, req.body.effectiveFrom))),
  });

  r.post('/api/v1/indicators/:code/versions/:version/approve', {
    schema: {
      tags: [...tags, 'committee'],
      summary: 'Approve a proposed version (committee; not the owner agency). It takes effect on its requested date, or now if that has passed',
      params: versionParams,
      response: { 200: indicatorVersionView, ...decisionErrors },
    },
    handler: async (req) => presentVersion(await catalogue.decide(requirePrincipal(req), req.params.code, req.params.version, { decision: 'approve' })),
  });

  r.post('/api/v1/indicators/:code/versions/:version/refuse', {
    schema: {
      tags: [...tags, 'committee'],
      summary: 'Refuse a proposed version with a reason (committee; not the owner agency); the version in force stays',
      params: versionParams,
      body: refuseBody,
      response: { 200: indicatorVersionView, ...decisionErrors },
    },
    handler: async (req) => presentVersion(await catalogue.decide(requirePrincipal(req), req.params.code, req.params.version, { decision: 'refuse', reason: req.body.reason })),
  });
}
