// Browser tests drive Debian's chromium with playwright-core (never a downloaded browser): a missing
// chromium fails the run. Screenshots of every screen at 360 px and desktop go to test-artifacts/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from '../support/process.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');

/** `args`: extra chromium switches, e.g. a fake camera that films a picture (--use-file-for-fake-video-capture). */
export async function launchBrowser(args: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine has no internet: keep chromium from trying to reach Google's services.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...args,
    ],
  });
}

export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 900 };

export async function newPhoneContext(browser: Browser, opts: { locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: opts.locale ?? 'th-TH', timezoneId: 'Asia/Bangkok' });
}

/** Signs in through the local provider's own page, as a person would: the button with their name. */
export async function signIn(page: Page, base: string, person: { pid: string; name: string }, returnTo = '/'): Promise<void> {
  await page.goto(`${base}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('เลขประจำตัวประชาชน 13 หลัก').fill(person.pid);
  await page.getByLabel('ชื่อ–นามสกุล').fill(person.name);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
  await page.waitForURL((u) => u.href.startsWith(base) && !u.pathname.startsWith('/auth/'));
}

/** Zero serious or critical accessibility violations (axe-core), with the offending rules named. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    label,
  ).toEqual([]);
}

/** Saves the screen at phone width and at desktop width (full page). */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-360.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}
