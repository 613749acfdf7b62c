// /me/leave in the browser: a member restricts the use of their data and lifts it, then erases the
// account with the typed phrase; the session ends, the home page says it is done, and signing in
// again finds no account (a new enrolment starts afresh). SQLite, and PostgreSQL for the erasure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_TOKEN, auth } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe.each(['sqlite', 'postgres'] as const)('leaving in the web app (%s)', (kind) => {
  let web: WebPlatform;
  beforeAll(async () => {
    web = await openWebPlatform(kind, { now: new Date() });
  });
  afterAll(async () => web?.cleanup());

  it('restricts and lifts, then erases with the typed phrase: signed out, done on the home page, not enrolled on the next sign-in', async () => {
    const person = await enrolPerson(web.platform.app);
    const trc = await agencyToken(web.platform.app, 'trc');
    const occurredAt = new Date(Date.now() - 86_400_000).toISOString();
    expect(
      (
        await attest(web.platform.app, trc, { ref: `leave-${person.id}`, subject: { accountId: person.id }, indicator: 'trc.organ-pledge', occurredAt, evidence: { ref: 'L-1' } })
      ).json().status,
    ).toBe('credited');
    const lookup = () => web.platform.app.inject({ method: 'POST', url: '/api/v1/accounts/lookup', headers: auth(ADMIN_TOKEN), payload: { nationalId: person.nationalId } });

    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, { pid: person.nationalId, name: 'สมชาย ใจดี' });
    await page.waitForURL(`${web.base}/me`);
    await page.getByRole('link', { name: 'หยุดหรือลบข้อมูลของฉัน' }).click();
    await page.waitForURL(`${web.base}/me/leave`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('หยุดหรือลบข้อมูล');
    if (kind === 'sqlite') {
      await expectAccessible(page, 'leave');
      await screenshots(page, 'leave');
    }

    // Restrict: a deed sent now is refused and not kept; then lift it.
    await page.getByLabel('เหตุผล (ไม่บังคับ)').fill('ขอพักก่อน');
    await page.getByRole('button', { name: 'ระงับการใช้ข้อมูล' }).click();
    await expect.poll(() => page.getByTestId('restricted').count()).toBe(1);
    const refused = await attest(web.platform.app, trc, {
      ref: `leave-r-${person.id}`,
      subject: { nationalId: person.nationalId },
      indicator: 'trc.body-pledge',
      occurredAt,
      evidence: { ref: 'L-2' },
    });
    expect(refused.json()).toMatchObject({ status: 'rejected', reason: { code: 'processing_restricted' } });
    if (kind === 'sqlite') await screenshots(page, 'leave-restricted');
    await page.getByRole('button', { name: 'ยกเลิกการระงับ' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'ยกเลิกการระงับแล้ว' }).count()).toBe(1);
    expect((await web.platform.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/privacy`, headers: auth(ADMIN_TOKEN) })).json().restricted).toBe(false);

    // A wrong phrase: the summary takes focus and links to the field; nothing is erased.
    await page.getByLabel(/พิมพ์ “ลบข้อมูลของฉัน” เพื่อยืนยัน/).fill('ลบ');
    await page.getByRole('button', { name: 'ลบข้อมูลของฉันถาวร' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('ให้ตรงทุกตัวอักษร');
    expect((await lookup()).statusCode).toBe(200);
    if (kind === 'sqlite') {
      await expectAccessible(page, 'leave-error');
      await screenshots(page, 'leave-error');
    }

    await page.getByLabel(/พิมพ์ “ลบข้อมูลของฉัน” เพื่อยืนยัน/).fill('ลบข้อมูลของฉัน');
    await page.getByRole('button', { name: 'ลบข้อมูลของฉันถาวร' }).click();
    await page.waitForURL(`${web.base}/?erased=1`);
    await expect.poll(() => page.getByTestId('erased').textContent()).toContain('ลบบัญชีและข้อมูลของท่านเรียบร้อยแล้ว');
    await expect.poll(() => page.getByRole('link', { name: 'เข้าสู่ระบบ' }).count()).toBeGreaterThan(0);
    if (kind === 'sqlite') {
      await expectAccessible(page, 'home-erased');
      await screenshots(page, 'home-erased');
    }
    expect((await lookup()).statusCode).toBe(404);
    // The old session cookie opens nothing any more.
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ signedIn: false, account: null });

    // Signing in again: not enrolled, and asked to enrol.
    await signIn(page, web.base, { pid: person.nationalId, name: 'สมชาย ใจดี' });
    await expect.poll(() => page.getByRole('link', { name: 'สมัครสมาชิก' }).count()).toBe(1);
    const again = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(again).toMatchObject({ signedIn: true, account: null });
    await context.close();
  }, 90_000);
});
