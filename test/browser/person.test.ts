// A person signs in through the local OIDC provider and sees exactly the score and credits the API
// reports; a person who is not enrolled enrols themself. SQLite for every screen, PostgreSQL for sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_TOKEN, auth, nextNationalId } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe.each(['sqlite', 'postgres'] as const)('a person in the web app (%s)', (kind) => {
  let web: WebPlatform;
  beforeAll(async () => {
    web = await openWebPlatform(kind, { now: new Date() });
  });
  afterAll(async () => web?.cleanup());

  it('signs in with the digital ID and sees the score and credits the API reports', async () => {
    const person = await enrolPerson(web.platform.app);
    const trc = await agencyToken(web.platform.app, 'trc');
    const year = new Date().getUTCFullYear();
    for (const [i, indicator] of ['trc.blood.red-cell', 'trc.organ-pledge'].entries()) {
      const r = await attest(web.platform.app, trc, {
        ref: `web-${person.id}-${i}`,
        subject: { accountId: person.id },
        indicator,
        occurredAt: new Date(Date.now() - (i + 1) * 86_400_000).toISOString(),
        evidence: { ref: `W-${i}` },
      });
      expect(r.json().status, r.body).toBe('credited');
    }
    const apiScore = (await web.platform.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/score?year=${year}`, headers: auth(ADMIN_TOKEN) })).json();
    const apiCredits = (await web.platform.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=${year}`, headers: auth(ADMIN_TOKEN) })).json();

    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, { pid: person.nationalId, name: 'สมชาย ใจดี' });
    await page.waitForURL(`${web.base}/me`);
    await expect.poll(() => page.getByTestId('score-points').textContent()).toContain(`${apiScore.points.toLocaleString('th-TH')} จาก ${apiScore.max.toLocaleString('th-TH')}`);
    expect(await page.getByTestId('domain-health').textContent()).toContain(String(apiScore.byDomain.health));
    // The credits come in a request of their own, which may answer after the score.
    await expect.poll(() => page.getByTestId('credit').count()).toBe(apiCredits.items.length);
    const texts = await page.getByTestId('credit').allTextContents();
    expect(texts.join('\n')).toContain('สภากาชาดไทย');
    expect(texts.join('\n')).toMatch(/25\d\d/); // B.E. year on each date
    if (kind === 'sqlite') {
      await expectAccessible(page, 'dashboard');
      await screenshots(page, 'person-dashboard');
    }
    await context.close();
  });

  it('lets a signed-in person who is not enrolled enrol with consent per purpose', async () => {
    const pid = nextNationalId();
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, { pid, name: 'ใหม่ ใจดี' });
    await page.getByRole('link', { name: 'สมัครสมาชิก' }).click();
    await page.waitForURL(`${web.base}/enrol`);
    // Nothing chosen: the summary names what is missing and takes focus.
    await page.getByRole('button', { name: 'สมัครสมาชิก' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('กรุณาเลือกตำบล');
    if (kind === 'sqlite') await screenshots(page, 'enrol-errors');
    await page.getByLabel('จังหวัด').selectOption({ label: 'เชียงใหม่' });
    await page.getByLabel('อำเภอ/เขต').selectOption({ label: 'จอมทอง' });
    await page.getByLabel('ตำบล/แขวง').selectOption({ label: 'ข่วงเปา' });
    await page.getByLabel(/ข้อมูลอ่อนไหว/).check();
    if (kind === 'sqlite') {
      await expectAccessible(page, 'enrol');
      await screenshots(page, 'enrol');
    }
    await page.getByRole('button', { name: 'สมัครสมาชิก' }).click();
    await page.waitForURL(`${web.base}/me`);
    await expect.poll(() => page.getByTestId('score-points').textContent()).toContain('0 จาก 1,000');
    const found = await web.platform.app.inject({ method: 'POST', url: '/api/v1/accounts/lookup', headers: auth(ADMIN_TOKEN), payload: { nationalId: pid } });
    expect(found.statusCode).toBe(200);
    await context.close();
  });
});
