// The web app, built by Vite into web/dist, served by the same server: hashed assets cached for a
// year, the HTML shell never cached, and every path of the app answered with the shell so that a
// link to /credits or /counter opens the right screen. API, log and docs paths keep their JSON 404s;
// /log and /log/check are the app's own pages about the log (its files are /log/checkpoint, /log/key
// and /log/tile/…).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

const NOT_APP = /^\/(api|auth|docs|\.well-known|healthz|log\/(checkpoint|key|tile))(\/|$|\?)/;

// Nothing is loaded from elsewhere: scripts, styles, fonts, map data and images come from this origin.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(reply: FastifyReply) {
  reply.header('content-security-policy', CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  reply.header('x-frame-options', 'DENY');
}

export type AppShell = (req: FastifyRequest, reply: FastifyReply) => boolean;

export async function webRoutes(app: FastifyInstance, opts: { root: string }): Promise<AppShell | undefined> {
  if (!existsSync(join(opts.root, 'index.html'))) {
    app.log.warn({ root: opts.root }, 'web app not built (npm run build:web); serving the API only');
    return undefined;
  }
  await app.register(fastifyStatic, {
    root: opts.root,
    prefix: '/',
    wildcard: true,
    index: false,
    // web/dist holds .br and .gz twins of every text file (web/precompress.ts).
    preCompressed: true,
    setHeaders(res, path) {
      // Hashed assets never change; the shell must be re-checked so a new build reaches people at once.
      res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : path.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600');
      res.header('x-content-type-options', 'nosniff');
    },
  });
  const shell = (reply: FastifyReply) => {
    securityHeaders(reply);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
  app.get('/', { schema: { hide: true } }, (_req, reply) => shell(reply));
  // For the not-found handler: a page of the app gets the app's shell, anything else its JSON 404.
  return (req, reply) => {
    const accept = req.headers.accept ?? '';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_APP.test(req.url) || !accept.includes('text/html')) return false;
    void shell(reply);
    return true;
  };
}
