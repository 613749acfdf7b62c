// Every request of a recorded reader carries its own context (adapters/request-context): the purpose a
// staff member states for reading a person's record (checked only when a service reads one), and the route.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isRecordedRead } from '../../core/access.js';
import { parseAccessPurpose, type PurposeParse } from '../../core/consents.js';
import { requestContext } from '../../adapters/request-context.js';

export const PURPOSE_HEADER = 'x-khwamdee-purpose';
export const PURPOSE_NOTE_HEADER = 'x-khwamdee-purpose-note';

function one(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function statedPurpose(req: FastifyRequest): PurposeParse {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const headerCode = req.headers[PURPOSE_HEADER];
  const headerNote = req.headers[PURPOSE_NOTE_HEADER];
  if (Array.isArray(headerCode) || Array.isArray(headerNote) || Array.isArray(query.purpose) || Array.isArray(query.purposeNote))
    return { ok: false, reason: 'state the purpose once' };
  let note = one(query.purposeNote);
  if (typeof headerNote === 'string') {
    // Headers carry ASCII: a Thai note comes URI-encoded.
    try {
      note = decodeURIComponent(headerNote);
    } catch {
      return { ok: false, reason: `${PURPOSE_NOTE_HEADER} is not URI-encoded text` };
    }
  }
  return parseAccessPurpose(one(headerCode) ?? one(query.purpose), note);
}

/** Registered after the authenticator: a recorded reader's principal then carries the request's context. */
export function registerRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    const p = req.principal;
    // A person's own reads are never recorded: their requests need no context.
    if (p && isRecordedRead(p))
      req.principal = requestContext.attach(p, { purpose: statedPurpose(req), route: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`, correlationId: req.id });
    done();
  });
}
