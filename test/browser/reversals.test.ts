// Reversal in the browser: a Red Cross officer finds a credit by its number, gives the reason,
// confirms; a DSD officer cannot find it; the person sees the credit reversed (who, why, B.E.
// date) and the certificate they had downloaded checks as revoked.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, auth, nextNationalId } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, scoreOf } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('reversing a credit (sqlite)', () => {
  let web: WebPlatform;
  beforeAll(async () => {
    web = await openWebPlatform('sqlite', { now: new Date() });
  });
  afterAll(async () => web?.cleanup());

  async function staffMember(agency: string, role = 'issuer'): Promise<string> {
    const pid = nextNationalId();
    const res = await web.platform.app.inject({
      method: 'POST',
      url: `/api/v1/agencies/${agency}/staff`,
      headers: auth(ADMIN_TOKEN),
      payload: { nationalId: pid, role, label: 'เจ้าหน้าที่ทดสอบ' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return pid;
  }
  async function signedIn(pid: string, returnTo: string): Promise<Page> {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, { pid, name: 'สมชาย ใจดี' }, returnTo);
    await page.waitForURL(`${web.base}${returnTo}`);
    return page;
  }

  it('reverses a credit from the staff screen; the person sees it reversed and the old certificate revoked', { timeout: 120_000 }, async () => {
    const app = web.platform.app;
    const person = await enrolPerson(app);
    const trc = await agencyToken(app, 'trc');
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    const made = await attest(app, trc, {
      ref: `web-rv-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      evidence: { donationNo: 'WEB-RV-1' },
    });
    expect(made.json().status, made.body).toBe('credited');
    await web.platform.sequencer.catchUp();
    const token = await personToken(app, person.id);
    const credits = (await app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=${year}`, headers: auth(token) })).json().items;
    const creditId: string = credits[0].id;
    const cert = (await app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/certificates/credits/${creditId}`, headers: auth(token) })).json<{ jwt: string }>();
    expect((await scoreOf(app, person.id, year)).points).toBe(70);

    // Another issuer's officer finds nothing.
    const dsdPage = await signedIn(await staffMember('dsd'), '/staff/dsd/reversals');
    await dsdPage.getByLabel('เลขรายการคะแนน หรือเลขรายการบันทึกความดี').fill(creditId);
    await dsdPage.getByRole('button', { name: 'ค้นหารายการ' }).click();
    await expect.poll(() => dsdPage.locator('.error-summary').textContent()).toContain('ไม่พบรายการนี้');
    await dsdPage.context().close();

    const page = await signedIn(await staffMember('trc'), '/staff/trc/reversals');
    // The attestation's number finds the credit too.
    await page.getByLabel('เลขรายการคะแนน หรือเลขรายการบันทึกความดี').fill(made.json().id);
    await page.getByRole('button', { name: 'ค้นหารายการ' }).click();
    await expect.poll(() => page.getByTestId('reversal-credit').textContent()).toContain('70 คะแนน');
    // Nothing chosen: the summary names both fields.
    await page.getByRole('button', { name: 'ตรวจทานก่อนเพิกถอน' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('เลือกเหตุผล');
    expect(await page.locator('.error-summary').textContent()).toContain('อย่างน้อย 5 ตัวอักษร');
    await page.getByLabel('เหตุผล', { exact: true }).selectOption('wrong_person');
    await page.getByLabel('คำอธิบายถึงเจ้าของบัญชี').fill('บันทึกผิดคน ผู้บริจาคโลหิตวันนั้นเป็นอีกท่านหนึ่ง');
    await page.getByRole('button', { name: 'ตรวจทานก่อนเพิกถอน' }).click();
    await expect.poll(() => page.getByTestId('reversal-confirm').textContent()).toContain('ยืนยันการเพิกถอน 70 คะแนน');
    await expectAccessible(page, 'reversal-confirm');
    await screenshots(page, 'reversal-confirm');
    await page.getByRole('button', { name: 'ยืนยันเพิกถอน' }).click();
    await expect.poll(() => page.getByTestId('reversal-existing').textContent()).toContain('เพิกถอน 70 คะแนนแล้ว');
    expect(await page.getByTestId('reversal-existing').textContent()).toContain('ใบรับรองที่ถูกเพิกถอนด้วย: 1 ฉบับ');
    await expectAccessible(page, 'reversal-done');
    await screenshots(page, 'reversal-done');
    await page.context().close();

    const stored = await web.platform.store.db.selectFrom('reversals').selectAll().where('credit_id', '=', creditId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ by_agency: 'trc', by_role: 'issuer', reason_code: 'wrong_person' });
    expect(stored[0]!.officer).not.toBeNull();
    expect((await scoreOf(app, person.id, year)).points).toBe(0);

    // The person: the credit says it was reversed, by whom, why, when (B.E.).
    const me = await signedIn(person.nationalId, '/me');
    await expect.poll(() => me.getByTestId('reversal').textContent()).toContain('เพิกถอนโดย สภากาชาดไทย');
    const note = (await me.getByTestId('reversal').textContent()) ?? '';
    expect(note).toContain('บันทึกให้ผิดคน');
    expect(note).toContain('ผู้บริจาคโลหิตวันนั้นเป็นอีกท่านหนึ่ง');
    expect(note).toMatch(/25\d\d/);
    await expect.poll(() => me.getByTestId('score-points').textContent()).toContain('0 จาก 1,000');
    await expectAccessible(me, 'dashboard-reversed');
    await screenshots(me, 'dashboard-reversed');

    // The certificate downloaded before the reversal now checks as revoked.
    await me.goto(`${web.base}/me/certificates`);
    await expect.poll(() => me.getByTestId('certificate-credit-reversed').textContent()).toContain('สภากาชาดไทย');
    await me.getByLabel('วางเนื้อหาใบรับรอง').fill(cert.jwt);
    await me.getByRole('button', { name: 'ตรวจสอบใบรับรอง', exact: true }).click();
    await expect.poll(() => me.getByTestId('verify-result').getAttribute('data-revoked')).toBe('true');
    expect(await me.getByTestId('verify-result').textContent()).toContain('ถูกเพิกถอนแล้ว');
    await expectAccessible(me, 'certificate-revoked');
    await screenshots(me, 'certificate-revoked');
    await me.context().close();
  });
});
