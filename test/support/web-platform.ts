// A platform listening on a real port with the local OIDC provider beside it and the built web app,
// for sign-in tests (fetch) and browser tests (chromium). Both databases, like every integration suite.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { createOidcClient } from '../../src/adapters/oidc-client.js';
import { startDevProvider, type DevProvider } from '../../src/oidc-dev/provider.js';
import type { DevPerson } from '../../src/oidc-dev/login-page.js';
import { openTestPlatform, type DbKind, type TestPlatform, type TestPlatformOptions } from './platforms.js';
import { ROOT, freePort } from './process.js';

export const WEB_ROOT = join(ROOT, 'web', 'dist');

export interface WebPlatform {
  platform: TestPlatform;
  /** The HTTP app listening at `base` (with sign-in); `platform.app` is the in-process one. */
  app: FastifyInstance;
  base: string;
  provider: DevProvider;
  cleanup(): Promise<void>;
}

export async function openWebPlatform(
  kind: DbKind,
  opts: { now?: Date; people?: DevPerson[]; platform?: TestPlatformOptions; session?: { idleMinutes: number; maxHours: number }; rateLimitPerMinute?: number } = {},
): Promise<WebPlatform> {
  const platform = await openTestPlatform(kind, opts.now, opts.platform);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const client = { clientId: 'khwamdee-web', clientSecret: 'test-client-secret-0123456789', redirectUris: [`${base}/auth/callback`] };
  const provider = await startDevProvider({ host: '127.0.0.1', port: 0, client, people: opts.people ?? [] });
  const app = await buildApp({
    services: platform.services,
    db: platform.store.db,
    sessionSecret: platform.sessionSecret,
    now: () => platform.clock.now(),
    oidc: createOidcClient({
      issuer: provider.issuer,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      redirectUri: `${base}/auth/callback`,
      scope: 'openid pid name',
    }),
    publicUrl: base,
    webRoot: WEB_ROOT,
    ...(opts.session ? { session: opts.session } : {}),
    ...(opts.rateLimitPerMinute ? { rateLimitPerMinute: opts.rateLimitPerMinute } : {}),
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    platform,
    app,
    base,
    provider,
    async cleanup() {
      await app.close();
      await provider.close();
      await platform.cleanup();
    },
  };
}

/** A minimal cookie jar per host for fetch-driven sign-in flows. */
export class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();
  store(url: string, res: Response): void {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0\b/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(host, cookies);
  }
  header(url: string): string {
    const cookies = this.jar.get(new URL(url).host);
    return cookies ? [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }
  get(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }
}

/** fetch with the jar's cookies, no automatic redirects. */
export async function jarFetch(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('cookie', cookie);
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(url, res);
  return res;
}

/**
 * Signs in through the real provider the way a browser would: /auth/login → provider → its login form
 * → back to /auth/callback. Returns where the platform finally sent the browser.
 */
export async function signInWithFetch(web: Pick<WebPlatform, 'base'>, jar: CookieJar, person: { pid: string; name: string }, returnTo = '/'): Promise<string> {
  let url = `${web.base}/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  let res = await jarFetch(jar, url);
  for (let hop = 0; hop < 12; hop++) {
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      if (url.startsWith(web.base) && !url.startsWith(`${web.base}/auth/`)) return url.slice(web.base.length);
      res = await jarFetch(jar, url);
      continue;
    }
    const m = /^(.*\/interaction\/[\w-]+)$/.exec(url);
    if (res.status === 200 && m) {
      res = await jarFetch(jar, `${m[1]}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ pid: person.pid, name: person.name }).toString(),
      });
      continue;
    }
    throw new Error(`unexpected ${res.status} at ${url}: ${(await res.text()).slice(0, 300)}`);
  }
  throw new Error('too many redirects');
}
