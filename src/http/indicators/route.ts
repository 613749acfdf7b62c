import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../core/errors.js';
import { DOMAIN_NAMES, DOMAINS } from '../../core/catalogue.js';
import type { CatalogueService, RuleVersion } from '../../services/catalogue.js';
import { requirePrincipal } from '../auth.js';
import { codeParams, defineBody, listQuery, reviseBody } from './schema.js';

export function presentIndicator(v: RuleVersion) {
  const d = v.definition;
  return {
    code: d.code,
    name: d.name,
    description: d.description ?? null,
    domain: d.domain,
    accountKinds: d.accountKinds,
    owner: d.owner,
    points: d.points,
    unit: d.unit,
    caps: d.caps,
    certification: d.certification,
    evidence: d.evidence,
    sensitive: d.sensitive ?? null,
    equivalenceGroup: d.equivalenceGroup ?? d.code,
    virtue: d.virtue ?? null,
    sdgs: d.sdgs ?? [],
    version: v.version,
    effectiveFrom: v.effectiveFrom,
  };
}

export function indicatorRoutes(app: FastifyInstance, deps: { catalogue: CatalogueService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalogue'];
  const { catalogue } = deps;

  r.get('/api/v1/domains', {
    schema: { tags, summary: 'The five domains of the national frame' },
    handler: async () => ({ items: DOMAINS.map((code) => ({ code, name: DOMAIN_NAMES[code] })) }),
  });

  r.get('/api/v1/indicators', {
    schema: { tags, summary: 'The catalogue as in force now (public)', querystring: listQuery },
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
    schema: { tags, summary: 'One indicator with every announced version', params: codeParams },
    handler: async (req) => {
      const current = catalogue.current(req.params.code);
      if (!current) throw new AppError('unknown_indicator', { indicator: req.params.code });
      return { ...presentIndicator(current), versions: catalogue.versions(req.params.code).map(presentIndicator) };
    },
  });

  r.post('/api/v1/indicators', {
    schema: { tags, summary: 'Add an indicator (committee admin; agencies for their own)', body: defineBody },
    handler: async (req, reply) => reply.code(201).send(presentIndicator(await catalogue.define(requirePrincipal(req), req.body.definition, req.body.effectiveFrom))),
  });

  r.put('/api/v1/indicators/:code', {
    schema: { tags, summary: 'Announce a new version of an indicator from a future date (never retroactive)', params: codeParams, body: reviseBody },
    handler: async (req, reply) =>
      reply.code(201).send(presentIndicator(await catalogue.revise(requirePrincipal(req), req.params.code, req.body.definition, req.body.effectiveFrom))),
  });
}
