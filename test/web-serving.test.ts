// The web app as the server hands it out: the shell for every page of the app (never cached), hashed
// assets cached for a year and compressed for slow networks, JSON 404s kept for API paths, and a
// content-security policy that allows nothing from elsewhere.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT, openWebPlatform, type WebPlatform } from './support/web-platform.js';

describe('serving the web app', () => {
  let web: WebPlatform;
  beforeAll(async () => {
    web = await openWebPlatform('sqlite');
  });
  afterAll(async () => web?.cleanup());

  it('answers every page of the app with the shell, uncached, under a strict CSP', async () => {
    for (const path of ['/', '/me', '/staff/trc/attest', '/catalogue?domain=health']) {
      const res = await fetch(`${web.base}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(await res.text()).toContain('<div id="app">');
    }
  });

  it('keeps JSON 404s from the error catalogue for API, log and auth paths, even for a browser', async () => {
    for (const path of ['/api/v1/nope', '/log/tile/nope', '/log/checkpoint/x', '/auth/nope', '/.well-known/nope']) {
      const res = await fetch(`${web.base}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('serves hashed assets immutable and Brotli- or gzip-compressed when the browser accepts it', async () => {
    const js = readdirSync(join(WEB_ROOT, 'assets')).find((f) => /^index-.*\.js$/.test(f))!;
    const br = await fetch(`${web.base}/assets/${js}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    const gz = await fetch(`${web.base}/assets/${js}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    await gz.arrayBuffer();
    const plain = await fetch(`${web.base}/assets/${js}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    await plain.arrayBuffer();
    // fetch decodes the body, so compare what went over the wire.
    expect(Number(plain.headers.get('content-length'))).toBeGreaterThan(2 * Number(br.headers.get('content-length')));
    await br.arrayBuffer();
  });
});
