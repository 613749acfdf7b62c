// Who is calling is settled once per request, before the body is parsed: a bearer token (machines,
// the CLI, integrators) or, for people in the web app, the signed-in session. Handlers then ask the
// one access policy (src/core/access.ts) through the services.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import type { AgencyService } from '../services/agencies.js';
import type { SignInService } from '../services/sign-in.js';
import { keepAlive, type SessionOptions } from './signin/session.js';
import type { FailureLimiter } from './auth-failures.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

/** A signed-in staff member names the agency they act for in this header; without it they act as themselves. */
export const AGENCY_HEADER = 'x-khwamdee-agency';

export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m?.[1];
}

export function makeAuthenticator(deps: {
  agencies: Pick<AgencyService, 'authenticate'>;
  signIn: Pick<SignInService, 'principalFor'>;
  session: Pick<SessionOptions, 'now' | 'idleMs' | 'maxMs'>;
  /** Failed token checks per client address; without it they are not limited. */
  failures?: FailureLimiter | undefined;
}) {
  const refuseFor = (reply: FastifyReply, ms: number) => {
    reply.header('retry-after', String(Math.max(1, Math.ceil(ms / 1000))));
    return new AppError('rate_limited');
  };
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(req);
    if (token) {
      const address = `ip:${req.ip}`;
      const blocked = (await deps.failures?.blockedFor(address)) ?? 0;
      if (blocked > 0) throw refuseFor(reply, blocked);
      req.principal = await deps.agencies.authenticate(token);
      if (!req.principal) {
        // This failure still answers 401; the next attempt from the address, once used up, 429.
        await deps.failures?.record(address);
        throw new AppError('unauthenticated');
      }
      req.authVia = 'token';
      return;
    }
    if (!(await keepAlive(req, deps.session))) return;
    const identity = req.session.identity;
    if (!identity) return;
    req.authVia = 'session';
    const agency = req.headers[AGENCY_HEADER];
    if (agency !== undefined && (typeof agency !== 'string' || !/^[a-z][a-z0-9-]{1,39}$/.test(agency))) throw new AppError('validation_failed', { header: AGENCY_HEADER });
    req.principal = await deps.signIn.principalFor(identity, agency);
  };
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated');
  return req.principal;
}
