// The exchange standard over HTTP: an agency's manifest-signing keys (its own), the signed receipt
// of an import, and the standard itself (docs/exchange, as kept in the repository) at /docs/exchange.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ExchangeService } from '../../services/exchange.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { addKeyBody, docsParams, EXCHANGE_FILES, importParams, kidParams, receiptResponse, signingKeyView } from './schema.js';

const DOCS = new URL('../../../docs/exchange/', import.meta.url);
const TYPES: Record<string, string> = {
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xsd: 'application/xml; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

export function exchangeRoutes(app: FastifyInstance, deps: { exchange: ExchangeService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['exchange'];

  r.post('/api/v1/signing-keys', {
    schema: {
      tags,
      summary: "Register one of the agency's own Ed25519 public keys for signing import manifests",
      description: 'Once an agency has registered a key, every upload it makes must carry a manifest signed by one of its keys that is not revoked.',
      body: addKeyBody,
      response: { 201: signingKeyView, 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.exchange.addKey(requirePrincipal(req), req.body)),
  });

  r.get('/api/v1/signing-keys', {
    schema: {
      tags,
      summary: "The agency's manifest-signing keys, revoked ones included",
      response: { 200: z.object({ items: z.array(signingKeyView) }), 401: errorResponse, 403: errorResponse },
    },
    handler: async (req) => ({ items: await deps.exchange.listKeys(requirePrincipal(req)) }),
  });

  r.delete('/api/v1/signing-keys/:kid', {
    schema: {
      tags,
      summary: 'Revoke a manifest-signing key (kept, so old receipts still name it)',
      params: kidParams,
      response: { 200: signingKeyView, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (req) => deps.exchange.revokeKey(requirePrincipal(req), req.params.kid),
  });

  r.get('/api/v1/imports/:id/receipt', {
    schema: {
      tags,
      summary: "The platform's signed receipt of an import: counts and the log checkpoint covering every credited row",
      description: 'Answers 409 receipt_not_ready while the import runs or the log has not yet integrated its entries (try again in a moment).',
      params: importParams,
      response: { 200: receiptResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req) => deps.exchange.receipt(requirePrincipal(req), req.params.id),
  });

  // The published standard: the files of docs/exchange, read once.
  const files = new Map(EXCHANGE_FILES.map((f) => [f, readFileSync(new URL(f, DOCS))]));
  const send = (file: (typeof EXCHANGE_FILES)[number]) => ({ body: files.get(file)!, type: TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream' });
  r.get('/docs/exchange', { schema: { tags, summary: 'The exchange standard (README, Thai first)' } }, async (_req, reply) => {
    const f = send('README.md');
    return reply.type(f.type).header('cache-control', 'public, max-age=300').send(f.body);
  });
  r.get('/docs/exchange/:file', { schema: { tags, summary: 'A file of the exchange standard (schemas, examples)', params: docsParams } }, async (req, reply) => {
    const f = send(req.params.file);
    return reply.type(f.type).header('cache-control', 'public, max-age=300').send(f.body);
  });
}
