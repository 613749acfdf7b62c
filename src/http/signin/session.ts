// Cookie sessions for people using the web app: HttpOnly, SameSite=Lax, Secure on HTTPS, stored
// server-side, with an idle timeout and an absolute lifetime; CSRF tokens for every state-changing
// request a session makes. Machines keep using bearer tokens and never see any of this.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import fastifyCsrf from '@fastify/csrf-protection';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { SignedInIdentity } from '../../services/sign-in.js';
import { createSessionStore } from './session-store.js';

declare module 'fastify' {
  interface Session {
    identity?: SignedInIdentity;
    /** The sign-in in progress: what the callback must find again (state, nonce, PKCE verifier). */
    pending?: { state: string; nonce: string; codeVerifier: string; returnTo: string };
    startedAt?: number;
    seenAt?: number;
  }
  interface FastifyRequest {
    /** How the caller was authenticated, if at all. */
    authVia: 'token' | 'session' | undefined;
  }
}

export const SESSION_COOKIE = 'kd_session';

export interface SessionOptions {
  db: Kysely<Database>;
  /** Signing key for the session cookie (derived from the installation's secrets). */
  secret: Buffer;
  now: () => Date;
  idleMs: number;
  maxMs: number;
}

/**
 * A request with a bearer token and no cookie can never be in a session, yet @fastify/session made
 * each one a fresh session (an id, its signature, two hashes of it) and looked at it again on the way
 * out: about a tenth of a score read's time (`npx tsx bench/http-reads.ts --profile`). Such requests
 * skip its hooks and keep `req.session` null. The sign-in routes always have one.
 */
function tokenOnly(req: FastifyRequest): boolean {
  return req.headers.cookie === undefined && req.headers.authorization !== undefined && !req.url.startsWith('/auth/');
}

type Hook = (this: unknown, req: FastifyRequest, ...rest: unknown[]) => unknown;

/** @fastify/session as it is, registered through a view of the app whose hooks pass over token-only requests. */
const sessionsForCookies = fp(
  (instance: FastifyInstance, options: Parameters<typeof fastifySession>[1], done: (err?: Error) => void) => {
    const skipTokenOnly = (hook: Hook): Hook =>
      function (this: unknown, req, ...rest) {
        // Every hook the plugin adds (onRequest, onSend) ends with its `done` callback.
        if (tokenOnly(req)) return (rest[rest.length - 1] as () => void)();
        return hook.call(this, req, ...rest);
      };
    const view = new Proxy(instance, {
      get(target, key) {
        if (key === 'addHook') return (name: string, hook: Hook) => target.addHook(name as 'onRequest', skipTokenOnly(hook) as never);
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    fastifySession(view, options, done);
  },
  // Under the plugin's own name, which @fastify/csrf-protection looks for.
  { fastify: '5.x', name: '@fastify/session', dependencies: ['@fastify/cookie'] },
);

export async function registerSessions(app: FastifyInstance, opts: SessionOptions): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(sessionsForCookies, {
    secret: opts.secret.toString('hex'),
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    // Save only what changed: re-saving every session on every response (fonts, scripts) would let a
    // slow response write back an older copy over a newer one.
    rolling: false,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: opts.maxMs },
    store: createSessionStore({ db: opts.db, now: opts.now, idleMs: opts.idleMs }),
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
  app.decorateRequest('authVia', undefined);

  // A session that makes a state-changing request must prove it comes from our own pages.
  app.addHook('preValidation', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (req.authVia !== 'session' || req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    app.csrfProtection(req, reply, done);
  });
}

/** Ends an expired session; true when the session is (still) usable. */
export async function keepAlive(req: FastifyRequest, opts: Pick<SessionOptions, 'now' | 'idleMs' | 'maxMs'>): Promise<boolean> {
  const s = req.session;
  if (!s?.identity) return false;
  const now = opts.now().getTime();
  if (now - (s.startedAt ?? 0) > opts.maxMs || now - (s.seenAt ?? 0) > opts.idleMs) {
    await s.destroy();
    return false;
  }
  // Refresh the idle clock at most once a minute, so reading pages does not write on every request.
  if (now - (s.seenAt ?? 0) > 60_000) s.seenAt = now;
  return true;
}
