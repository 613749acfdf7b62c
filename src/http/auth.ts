// Bearer tokens resolve to a principal once per request; handlers then authorise by role and scope.
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../core/access.js';
import { AppError } from '../core/errors.js';
import type { AgencyService } from '../services/agencies.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m?.[1];
}

export function makeAuthenticator(agencies: Pick<AgencyService, 'authenticate'>) {
  return async (req: FastifyRequest): Promise<void> => {
    const token = bearerToken(req);
    req.principal = token ? await agencies.authenticate(token) : undefined;
    if (token && !req.principal) throw new AppError('unauthenticated');
  };
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated');
  return req.principal;
}
