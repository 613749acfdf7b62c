// Signing in with the national digital ID (OpenID Connect, authorization code + PKCE): /auth/login
// sends the browser to the provider, /auth/callback checks state, nonce and PKCE and starts a fresh
// session; /api/v1/me tells the web app who is signed in and what they may act as.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { OidcClient } from '../../adapters/oidc-client.js';
import type { SignInService } from '../../services/sign-in.js';
import { errorResponse } from '../common.js';
import { callbackQuery, loginQuery, meResponse, selfEnrolBody } from './schema.js';

/** Only a path of this site: no scheme, no host, no protocol-relative `//`, no backslashes. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !/^\/(?![/\\])[^\s\\]*$/.test(value)) return '/';
  return value;
}

export function signInRoutes(app: FastifyInstance, deps: { signIn: SignInService; oidc: OidcClient | undefined; publicUrl: string; now: () => Date }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sign-in'];

  const identityOf = (req: FastifyRequest) => {
    const identity = req.authVia === 'session' ? req.session.identity : undefined;
    if (!identity) throw new AppError('unauthenticated');
    return identity;
  };

  r.get('/auth/login', {
    schema: { tags, summary: 'Start signing in with the digital-ID provider (redirects there)', querystring: loginQuery },
    handler: async (req, reply) => {
      if (!deps.oidc) throw new AppError('sign_in_unavailable');
      let start: Awaited<ReturnType<OidcClient['start']>>;
      try {
        start = await deps.oidc.start({ prompt: 'login' });
      } catch (err) {
        req.log.error({ err }, 'digital-ID provider unreachable');
        throw new AppError('sign_in_unavailable');
      }
      req.session.pending = { state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier, returnTo: safeReturnTo(req.query.returnTo) };
      return reply.redirect(start.url, 302);
    },
  });

  r.get('/auth/callback', {
    schema: { tags, summary: 'Where the digital-ID provider sends the browser back (checks state, nonce and PKCE)', querystring: callbackQuery },
    handler: async (req, reply) => {
      const pending = req.session.pending;
      const fail = (reason: string) => {
        req.log.warn({ reason }, 'sign-in failed');
        return reply.redirect(`/signin?error=${encodeURIComponent(reason)}`, 303);
      };
      if (!deps.oidc) throw new AppError('sign_in_unavailable');
      if (!pending) return fail('no_sign_in_in_progress');
      if (req.query.error) return fail(req.query.error === 'access_denied' ? 'access_denied' : 'provider_error');
      let claims: Record<string, unknown>;
      try {
        claims = await deps.oidc.finish(new URL(req.url, deps.publicUrl), pending);
      } catch (err) {
        req.log.warn({ err }, 'authorization code exchange refused');
        return fail('sign_in_failed');
      }
      let identity: ReturnType<SignInService['identityFromClaims']>;
      try {
        identity = deps.signIn.identityFromClaims(claims);
      } catch {
        return fail('invalid_pid');
      }
      // A fresh session id once the person is known, so an id planted before sign-in is worthless.
      await req.session.regenerate();
      const now = deps.now().getTime();
      req.session.identity = identity;
      req.session.startedAt = now;
      req.session.seenAt = now;
      // The CSRF secret is made once, now, so that later requests only ever read it.
      reply.generateCsrf();
      return reply.redirect(pending.returnTo, 303);
    },
  });

  r.post('/auth/logout', {
    schema: { tags, summary: 'Sign out: ends the session on the platform', response: { 204: z.null() } },
    handler: async (req, reply) => {
      if (req.session.identity) await req.session.destroy();
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/me', {
    schema: { tags, summary: 'Who is signed in (web session), their account and the agencies they may act for', response: { 200: meResponse } },
    handler: async (req, reply) => {
      const identity = req.authVia === 'session' ? req.session.identity : undefined;
      reply.header('cache-control', 'no-store');
      if (!identity) return { signedIn: false, signInAvailable: deps.oidc !== undefined, csrfToken: null, name: null, nationalIdHint: null, account: null, staff: [] };
      const me = await deps.signIn.me(identity);
      return { signedIn: true, signInAvailable: true, csrfToken: reply.generateCsrf(), ...me };
    },
  });

  r.post('/api/v1/me/enrolment', {
    schema: {
      tags,
      summary: 'Enrol oneself, with consent per purpose, under the national ID verified at sign-in',
      body: selfEnrolBody,
      response: { 201: z.object({ id: z.string() }), 400: errorResponse, 401: errorResponse, 409: errorResponse },
    },
    handler: async (req, reply) => reply.code(201).send(await deps.signIn.enrolSelf(identityOf(req), req.body)),
  });
}
