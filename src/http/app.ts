// The HTTP application: thin routes over the services, one error catalogue, OpenAPI at /docs.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Services } from '../platform.js';
import type { Database } from '../store/schema.js';
import { makeAuthenticator } from './auth.js';
import { AUTH_FAILURE_DEFAULTS, createFailureLimiter } from './auth-failures.js';
import { createDatabaseFailureLimiter, databaseRateLimitStore } from './shared-limits.js';
import { createBatchedWindows, type BatchedWindows } from './batched-windows.js';
import { AppError, ERROR_CATALOGUE } from '../core/errors.js';
import { errorHandler, sendError } from './errors.js';
import { OneLineRequestLog, REDACT } from './request-log.js';
import { serializerCompiler } from './serializer.js';
import { healthRoutes } from './health/route.js';
import { accountRoutes } from './accounts/route.js';
import { attestationRoutes } from './attestations/route.js';
import { indicatorRoutes } from './indicators/route.js';
import { areaRoutes } from './areas/route.js';
import { agencyRoutes } from './agencies/route.js';
import { declarationRoutes } from './declarations/route.js';
import { privilegeRoutes } from './privileges/route.js';
import { partnerRoutes } from './partner/route.js';
import { walletRoutes } from './wallet/route.js';
import { logRoutes } from './log/route.js';
import { certificateRoutes } from './certificates/route.js';
import { webhookRoutes } from './webhooks/route.js';
import { registerSessions } from './signin/session.js';
import { signInRoutes } from './signin/route.js';
import { staffRoutes } from './staff/route.js';
import { webRoutes } from './web/route.js';
import type { OidcClient } from '../adapters/oidc-client.js';
import { committeeRoutes } from './committee/route.js';
import { committeeRulesRoutes } from './committee-rules/route.js';
import { cardRoutes } from './cards/route.js';
import { privacyRoutes } from './privacy/route.js';
import { opportunityRoutes } from './opportunities/route.js';
import { predictionRoutes } from './predictions/route.js';
import { evidenceRoutes } from './evidence/route.js';
import { certificationRoutes } from './certifications/route.js';
import { statsRoutes } from './stats/route.js';
import { importRoutes } from './imports/route.js';
import { reversalRoutes } from './reversals/route.js';
import { certificateStatusRoutes } from './certificate-status/route.js';
import { consentRoutes } from './consents/route.js';
import { registerRequestContext } from './consents/context.js';
import { disputeRoutes } from './disputes/route.js';
import { ratingRoutes } from './ratings/route.js';
import { exchangeRoutes } from './exchange/route.js';

export interface AppOptions {
  services: Services;
  db: Kysely<Database>;
  bodyLimit?: number;
  /** Requests per minute per caller (its principal, else the signed-in person, else address); 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /** Failed token checks per address in a window (default 10 per 5 minutes); on whenever rateLimitPerMinute is. */
  authFailures?: { max: number; windowMs: number };
  /**
   * Where the rate limits count: `memory` (one process; SQLite) or `database` (rate_windows, shared
   * by every process on the PostgreSQL database, so a limit holds behind a load balancer). Default memory.
   */
  limitStore?: 'memory' | 'database';
  /** The clock the platform runs on (tests move it). */
  now?: () => Date;
  logLevel?: string;
  /** Signing key of session cookies (Platform.sessionSecret). */
  sessionSecret: Buffer;
  /** The digital-ID provider; without it the web app shows that sign-in is unavailable. */
  oidc?: OidcClient | undefined;
  /** Public base URL of this platform (for the sign-in callback). */
  publicUrl?: string;
  /** Idle timeout and absolute lifetime of a web session. */
  session?: { idleMinutes: number; maxHours: number };
  /** Built web app (web/dist); absent: the API is served alone. */
  webRoot?: string | undefined;
  /** Told of every route as it is registered (the access-isolation test lists them all). */
  onRoute?: (route: RouteOptions) => void;
}

const CORRELATION_HEADER = 'x-correlation-id';

/** Where a string with a NUL character is in parsed input (plain objects and arrays, depth-bounded), else undefined. */
function nulPath(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = (k.includes('\u0000') ? `${path}.${k}` : undefined) ?? nulPath(v, path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The batched request windows of one app, flushed a last time when it closes. */
function sharedWindows(app: FastifyInstance, shared: { db: Kysely<Database>; now: () => number }): BatchedWindows {
  const windows = createBatchedWindows(shared);
  app.addHook('onClose', () => windows.close());
  return windows;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: opts.bodyLimit ?? 1_048_576,
    logger: {
      level: opts.logLevel ?? 'silent',
      // Tokens and identifiers never reach the logs.
      // (@fastify/multipart logs the request headers it hands to busboy at trace level.)
      redact: REDACT,
    },
    logController: new OneLineRequestLog(),
    genReqId: (req) => {
      const given = req.headers[CORRELATION_HEADER];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // What the framework itself refuses still answers from the error catalogue.
    frameworkErrors: (err, req, reply) => {
      reply.header(CORRELATION_HEADER, req.id);
      const code = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri_too_long' : err.code === 'FST_ERR_BAD_URL' ? 'invalid_url' : 'validation_failed';
      return sendError(req, reply, code);
    },
    clientErrorHandler: (err: Error & { code?: string }, socket) => {
      if (!socket.writable) return;
      const code = err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'malformed_request';
      const id = randomUUID();
      const spec = ERROR_CATALOGUE[code];
      const body = JSON.stringify({ error: { code, message: spec.th, messages: { th: spec.th, en: spec.en }, correlationId: id } });
      const reason = code === 'headers_too_large' ? 'Request Header Fields Too Large' : 'Bad Request';
      socket.end(
        `HTTP/1.1 ${spec.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-correlation-id: ${id}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('principal', undefined);
  // Hooks that never wait take a callback: an async one costs every request a promise and a turn.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header(CORRELATION_HEADER, req.id);
    done();
  });
  // Labelled by the route's template, so an id in the path never becomes a label of its own.
  app.addHook('onResponse', (req, reply, done) => {
    opts.services.metrics.observeRequest(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  const now = opts.now ?? (() => new Date());
  const session = { db: opts.db, secret: opts.sessionSecret, now, idleMs: (opts.session?.idleMinutes ?? 30) * 60_000, maxMs: (opts.session?.maxHours ?? 12) * 3_600_000 };
  await registerSessions(app, session);
  // Who is calling is settled before the body is even parsed: no token, no validation details.
  // Failed token checks count per address, apart from (and far stricter than) the request rate.
  const shared = opts.limitStore === 'database' ? { db: opts.db, secret: opts.sessionSecret, now: () => now().getTime() } : undefined;
  const failureLimits = { ...AUTH_FAILURE_DEFAULTS, ...opts.authFailures, now: () => now().getTime() };
  const failures = !opts.rateLimitPerMinute ? undefined : shared ? createDatabaseFailureLimiter({ ...failureLimits, ...shared }) : createFailureLimiter(failureLimits);
  app.addHook('onRequest', makeAuthenticator({ agencies: opts.services.agencies, signIn: opts.services.signIn, session, failures }));
  // The stated purpose of a staff read and the route, for the access log (services/access-log.ts).
  registerRequestContext(app);
  // JSON only: a text/plain body is refused rather than parsed as a string.
  app.removeContentTypeParser('text/plain');
  // A NUL character is never meaningful input, and PostgreSQL cannot store it in text (a 500 before).
  app.addHook('preValidation', (req, _reply, done) => {
    // Parsed JSON only: a streamed body (file imports) is not walked.
    const proto = req.body !== null && typeof req.body === 'object' ? Object.getPrototypeOf(req.body) : undefined;
    const body = proto === undefined || proto === Object.prototype || proto === Array.prototype ? req.body : undefined;
    // Params and query come from the URL, where a NUL can only be written as %00.
    const inUrl = req.url.includes('%00');
    const at = inUrl || body !== undefined ? nulPath({ ...(inUrl && { params: req.params, querystring: req.query }), body }) : undefined;
    done(at ? new AppError('validation_failed', { issues: [{ path: at, message: 'must not contain a NUL character' }] }) : undefined);
  });

  if (opts.rateLimitPerMinute) {
    await app.register(rateLimit, {
      max: opts.rateLimitPerMinute,
      timeWindow: 60_000,
      ...(shared && { store: databaseRateLimitStore({ ...shared, windows: sharedWindows(app, shared) }) }),
      // Per caller as resolved by the authenticator (which runs first): the signed-in person (phones of a
      // village office share one address), the principal a token stands for (however the header is
      // spelled), else the address. A token that fails never gets here (see authFailures).
      keyGenerator: (req) => {
        const person = req.authVia === 'session' ? req.session.identity?.subjectHash : undefined;
        if (person) return `s:${person}`;
        const p = req.principal;
        if (p?.kind === 'admin') return 'admin';
        if (p?.kind === 'agency') return `a:${p.agency}`;
        if (p?.kind === 'person') return `p:${p.accountId}`;
        return `ip:${req.ip}`;
      },
    });
  }

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Khwamdee (ความดี) API',
        description: 'Good-deed banks: enrol, attest, certify, score. Errors: {"error":{"code","message","messages","correlationId","details"}}.',
        version: '1',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const appShell = opts.webRoot ? await webRoutes(app, { root: opts.webRoot }) : undefined;
  app.setNotFoundHandler((req, reply) => {
    if (appShell?.(req, reply)) return;
    return sendError(req, reply, 'not_found', { method: req.method, url: req.url.split('?')[0] });
  });

  const s = opts.services;
  healthRoutes(app, { db: opts.db, metrics: s.metrics });
  accountRoutes(app, { enrolment: s.enrolment, scores: s.scores, agencies: s.agencies });
  attestationRoutes(app, { attestations: s.attestations, certification: s.certification });
  indicatorRoutes(app, { catalogue: s.catalogue });
  areaRoutes(app, { areas: s.areas });
  agencyRoutes(app, { agencies: s.agencies });
  declarationRoutes(app, { attestations: s.attestations });
  privilegeRoutes(app, { privileges: s.privileges, publicKeys: s.publicKeys });
  committeeRoutes(app, { committee: s.committee });
  committeeRulesRoutes(app, { rules: s.rules });
  partnerRoutes(app, { privileges: s.privileges, redemptions: s.redemptions, eligibility: s.eligibility });
  walletRoutes(app, { enrolment: s.enrolment, privileges: s.privileges, redemptions: s.redemptions, eligibility: s.eligibility, now: opts.now ?? (() => new Date()) });
  logRoutes(app, { log: s.log, published: () => s.cosigner.published() });
  certificateRoutes(app, { certificates: s.certificates });
  webhookRoutes(app, { webhooks: s.webhooks });
  signInRoutes(app, { signIn: s.signIn, oidc: opts.oidc, publicUrl: opts.publicUrl ?? 'http://127.0.0.1:8080', now });
  staffRoutes(app, { staff: s.staff });
  cardRoutes(app, { cards: s.cards });
  opportunityRoutes(app, { opportunities: s.opportunities });
  predictionRoutes(app, { predictions: s.predictions });
  await evidenceRoutes(app, { evidence: s.evidence });
  certificationRoutes(app, { meetings: s.meetings });
  statsRoutes(app, { statistics: s.statistics });
  importRoutes(app, { imports: s.imports });
  privacyRoutes(app, { erasure: s.erasure });
  reversalRoutes(app, { reversals: s.reversals });
  certificateStatusRoutes(app, { certificates: s.certificates });
  consentRoutes(app, { consents: s.consents, accessLog: s.accessLog, exports: s.exports });
  disputeRoutes(app, { disputes: s.disputes });
  ratingRoutes(app, { ratings: s.ratings, agencyStatistics: s.agencyStatistics });
  exchangeRoutes(app, { exchange: s.exchange });
  return app;
}
