// /me/data in the browser (SQLite): a member gives the health consent later and keeps its signed
// receipt (verified against the JWKS), withdraws it, sees which agency read their record and why
// (dates in B.E.), and downloads the export as JSON and PDF.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { auth } from '../support/platforms.js';
import { agencyToken, enrolPerson } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('my data in the web app (sqlite)', () => {
  let web: WebPlatform;
  beforeAll(async () => {
    web = await openWebPlatform('sqlite', { now: new Date() });
  });
  afterAll(async () => web?.cleanup());

  it('gives and withdraws a consent with a receipt to keep, lists who read the record, and exports it', async () => {
    const person = await enrolPerson(web.platform.app, { consents: ['enrolment', 'statistics'] });
    const khuangpao = await agencyToken(web.platform.app, 'khuangpao');
    const read = await web.platform.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}`, headers: auth(khuangpao, 'member_support') });
    expect(read.statusCode).toBe(200);

    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, { pid: person.nationalId, name: 'สมชาย ใจดี' });
    await page.waitForURL(`${web.base}/me`);
    await page.locator('.person-next').getByRole('link', { name: 'ข้อมูลของฉัน', exact: true }).click();
    await page.waitForURL(`${web.base}/me/data`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ข้อมูลของฉัน');

    const health = page.locator('[data-testid="consent"][data-purpose="health"]');
    await expect.poll(() => health.getAttribute('data-given')).toBe('false');
    // The access log: the agency, its purpose in Thai, the date in B.E.
    const entries = page.getByTestId('access-entry');
    await expect.poll(() => entries.count()).toBe(2);
    const first = await entries.first().textContent();
    expect(first).toContain('ข่วงเปา');
    expect(first).toContain('ให้ความช่วยเหลือตามที่ท่านขอ');
    expect(first).toContain(String(new Date().getUTCFullYear() + 543)); // B.E.
    expect(await entries.nth(1).textContent()).toContain('ช่วยลงทะเบียน');
    await expectAccessible(page, 'my data');
    await screenshots(page, 'my-data');

    // Give health: a double tap gives it once (the button is disabled while the call runs).
    const giveButton = health.getByRole('button', { name: /ให้ความยินยอม: ข้อมูลสุขภาพ/ });
    await giveButton.dblclick();
    await expect.poll(() => health.getAttribute('data-given')).toBe('true');
    const rows = await web.platform.store.db.selectFrom('consent_receipts').selectAll().where('account_id', '=', person.id).execute();
    expect(rows.map((r) => [r.purpose, r.action])).toEqual([['health', 'give']]);
    await expect.poll(() => page.getByTestId('receipt').count()).toBe(1);

    // The receipt downloads as the signed JWT, which verifies with the published JWKS.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt').getByRole('button').click()]);
    const jwt = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^consent-health-.+\.jwt$/);
    const jwks = (await (await fetch(`${web.base}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), { typ: 'khwamdee-consent-receipt+jwt' });
    expect(payload).toMatchObject({ sub: person.id, consent_receipt: { purpose: 'health', action: 'give' } });

    // Withdraw it again, in one action.
    await health.getByRole('button', { name: /ถอนความยินยอม: ข้อมูลสุขภาพ/ }).click();
    await expect.poll(() => health.getAttribute('data-given')).toBe('false');
    await expect.poll(() => page.getByTestId('receipt').count()).toBe(2);
    const live = await web.platform.store.db
      .selectFrom('consents')
      .select('purpose')
      .where('account_id', '=', person.id)
      .where('withdrawn_at', 'is', null)
      .orderBy('purpose')
      .execute();
    expect(live.map((r) => r.purpose)).toEqual(['enrolment', 'statistics']);
    // Enrolment is withdrawn by leaving: no button, a link to /me/leave.
    const enrolment = page.locator('[data-testid="consent"][data-purpose="enrolment"]');
    expect(await enrolment.getByRole('button').count()).toBe(0);
    expect(await enrolment.getByRole('link').getAttribute('href')).toBe('/me/leave');
    await screenshots(page, 'my-data-after');

    // Export: the JSON holds the account; the PDF is a PDF.
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'ดาวน์โหลด JSON' }).click()]);
    const data = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(data).toMatchObject({ format: 'khwamdee-export/1', accountId: person.id });
    expect(data.sections.consent_receipts).toHaveLength(2);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'ดาวน์โหลด PDF' }).click()]);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    // Reading the page did not add to the access log.
    await page.reload();
    await expect.poll(() => page.getByTestId('access-entry').count()).toBe(2);

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('My data');
    expect(await page.getByTestId('access-entry').first().textContent()).toContain('Helping you at your request');
    await context.close();
  });

  it('shows another person nothing of mine: the page always reads the signed-in account', async () => {
    const me = await enrolPerson(web.platform.app);
    const other = await enrolPerson(web.platform.app);
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, { pid: other.nationalId, name: 'คนอื่น' });
    // The API refuses my consents to them, whatever the page asks.
    const r = await page.evaluate(async (id) => (await fetch(`/api/v1/accounts/${id}/consents`)).status, me.id);
    expect(r).toBe(404);
    const exp = await page.evaluate(async (id) => (await fetch(`/api/v1/accounts/${id}/export`)).status, me.id);
    expect(exp).toBe(404);
    await context.close();
  });
});
