// `npm run web:budget`: what a person's phone pays for the main screens, measured, not asserted.
// Starts the demo (SQLite, sample data, local sign-in provider) on free ports, then for each screen
// (1) sums the gzip size of every JavaScript file the browser loads on a first visit (Debian's
// chromium via playwright-core) against the budget, and (2) runs Lighthouse 12.2.3 (mobile,
// simulated throttling) for its performance and accessibility scores.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { createOidcClient } from '../src/adapters/oidc-client.js';
import { bangkokYear } from '../src/core/calendar.js';
import { DEFAULT_WEB_ROOT } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { startDevProvider } from '../src/oidc-dev/provider.js';
import { openPlatform } from '../src/platform.js';
import { SAMPLE_PEOPLE, loadSampleData } from '../src/services/sample-data.js';
import { CookieJar, signInWithFetch } from '../test/support/web-platform.js';
import { freePort } from '../test/support/process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const SCREENS = [
  { path: '/me', name: 'person dashboard', signedIn: true, budgetKb: 150, lighthouse: true },
  { path: '/catalogue', name: 'good-deed catalogue', signedIn: false, budgetKb: 150, lighthouse: true },
  { path: '/stats', name: 'public dashboard with the map', signedIn: false, budgetKb: 400, lighthouse: true },
  { path: '/', name: 'front page', signedIn: false, budgetKb: 150, lighthouse: false },
];

function gzipSize(root: string, url: URL): number {
  const file = join(root, decodeURIComponent(url.pathname));
  if (existsSync(`${file}.gz`)) return statSync(`${file}.gz`).size;
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

async function main() {
  if (!existsSync(join(DEFAULT_WEB_ROOT, 'index.html'))) throw new Error('build the web app first: npm run build:web');
  const dataDir = mkdtempSync(join(tmpdir(), 'khwamdee-budget-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const platform = await openPlatform({ dataDir, publicUrl: base });
  const now = new Date();
  await loadSampleData(platform.services, bangkokYear(now), now);
  const client = { clientId: 'khwamdee-web', clientSecret: 'budget-client-secret-0123456789', redirectUris: [`${base}/auth/callback`] };
  const provider = await startDevProvider({ host: '127.0.0.1', port: 0, client, people: [] });
  const app = await buildApp({
    services: platform.services,
    db: platform.store.db,
    sessionSecret: platform.sessionSecret,
    oidc: createOidcClient({ issuer: provider.issuer, ...client, redirectUri: `${base}/auth/callback`, scope: 'openid pid name' }),
    publicUrl: base,
    webRoot: DEFAULT_WEB_ROOT,
    rateLimitPerMinute: 0,
  });
  await app.listen({ port, host: '127.0.0.1' });
  const jar = new CookieJar();
  const person = SAMPLE_PEOPLE[0];
  await signInWithFetch({ base }, jar, { pid: person.id, name: person.name });
  const cookie = jar.header(base);

  const rows: Array<{ screen: string; js: number; budget: number; perf?: number; a11y?: number; metrics?: string }> = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS.slice(1) });
  try {
    for (const s of SCREENS) {
      const context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
      if (s.signedIn) {
        const [name, value] = cookie.split('=') as [string, string];
        await context.addCookies([{ name, value, url: base }]);
      }
      const page = await context.newPage();
      const scripts = new Set<string>();
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script' && r.url().startsWith(base)) scripts.add(r.url());
      });
      await page.goto(`${base}${s.path}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(500);
      const js = [...scripts].reduce((n, u) => n + gzipSize(DEFAULT_WEB_ROOT, new URL(u)), 0);
      rows.push({ screen: `${s.name} (${s.path})`, js, budget: s.budgetKb * 1024 });
      await context.close();
    }
  } finally {
    await browser.close();
  }

  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    for (const [i, s] of SCREENS.entries()) {
      if (!s.lighthouse) continue;
      const result = await lighthouse(`${base}${s.path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        ...(s.signedIn ? { extraHeaders: { Cookie: cookie } } : {}),
      });
      const cats = result?.lhr.categories;
      rows[i]!.perf = Math.round((cats?.performance?.score ?? 0) * 100);
      rows[i]!.a11y = Math.round((cats?.accessibility?.score ?? 0) * 100);
      const audits = result?.lhr.audits ?? {};
      const metric = (id: string) => audits[id]?.displayValue ?? '–';
      rows[i]!.metrics =
        `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}, SI ${metric('speed-index')}`;
      if (process.env.BUDGET_DETAILS) {
        for (const id of [
          'largest-contentful-paint-element',
          'render-blocking-resources',
          'network-dependency-tree-insight',
          'critical-request-chains',
          'bootup-time',
          'font-display',
        ]) {
          const a = audits[id];
          if (a) console.log(`${s.path} ${id}: ${a.displayValue ?? ''} ${JSON.stringify(a.details ?? {}).slice(0, 1500)}`);
        }
      }
    }
  } finally {
    chrome.kill();
  }

  await app.close();
  await provider.close();
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('\nscreen | JS gzip (first visit) | budget | Lighthouse performance (mobile) | accessibility | metrics');
  console.log('--- | --- | --- | --- | --- | ---');
  for (const r of rows) {
    const over = r.js > r.budget ? ' OVER' : '';
    console.log(
      `${r.screen} | ${kb(r.js)}${over} | ${kb(r.budget)} | ${r.perf ?? '–'}${r.perf !== undefined && r.perf < 90 ? ' (< 90)' : ''} | ${r.a11y ?? '–'}${r.a11y !== undefined && r.a11y < 95 ? ' (< 95)' : ''} | ${r.metrics ?? ''}`,
    );
  }
  console.log('\n(targets: JS within budget, performance ≥ 90, accessibility ≥ 95; Lighthouse runs on this machine, so a busy machine lowers performance)');
}

await main();
