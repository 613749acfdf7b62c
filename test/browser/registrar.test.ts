// A registrar of Khuang Pao enrols a person without a smartphone through the form (consent read out and
// ticked per purpose), prints the membership card, and finds the person again from the card's QR; a
// registrar of Nong Sarai scanning the same card finds no one in their area. SQLite, real server.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { ADMIN_TOKEN, auth, nextNationalId } from '../support/platforms.js';
import { readPdf } from '../support/pdf.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

/** Polls until the screen shows it; a busy machine may need more than vitest's default second. */
function poll<T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) {
  return expect.poll(fn, { timeout: 10_000, ...options });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const MM = 72 / 25.4;

// Each test is a whole flow in a real browser: longer than the default timeout on a busy machine.
describe('registrar screens (sqlite)', { timeout: 120_000 }, () => {
  let web: WebPlatform;
  const person = { nationalId: nextNationalId('3'), name: 'นางบุญมี ศรีสุข' };
  let accountId = '';

  beforeAll(async () => {
    web = await openWebPlatform('sqlite', { now: new Date() });
  });
  afterAll(async () => web?.cleanup());

  async function staff(agency: string, role: string, name: string) {
    const pid = nextNationalId();
    const r = await web.platform.app.inject({
      method: 'POST',
      url: `/api/v1/agencies/${agency}/staff`,
      headers: auth(ADMIN_TOKEN),
      payload: { nationalId: pid, role, label: name },
    });
    expect(r.statusCode, r.body).toBe(201);
    return { pid, name };
  }
  async function officerPage(who: { pid: string; name: string }, path: string) {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, who, path);
    await page.waitForURL(`${web.base}${path}`);
    return { page, context };
  }
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
  const cardToken = async (id: string) => {
    const r = await web.platform.app.inject({ method: 'GET', url: `/api/v1/accounts/${id}/card`, headers: auth(ADMIN_TOKEN) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ token: string; memberNumber: string }>();
  };
  async function download(page: Page, button: string): Promise<Buffer> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return readFileSync(await file.path());
  }

  it('enrols a person through the form with consent per purpose and prints the card', async () => {
    const registrar = await staff('khuangpao', 'registrar', 'นายทะเบียน อบต.ข่วงเปา');
    const { page, context } = await officerPage(registrar, '/staff/khuangpao/enrol');
    await poll(() => h1(page)).toBe('ลงทะเบียนสมาชิกแทนประชาชน');
    // The agency's only subdistrict is chosen already.
    await poll(() => page.getByLabel('ตำบลที่อยู่ตามทะเบียนบ้าน').locator('option:checked').textContent()).toBe('ข่วงเปา (จอมทอง, เชียงใหม่)');
    // The officer reads the Thai text of each purpose; nothing is ticked in advance.
    expect(await page.locator('blockquote.read-aloud[lang="th"]').count()).toBe(4);
    expect(await page.locator('input[type="checkbox"]:checked').count()).toBe(0);

    // Nothing filled in: the summary names each problem, takes focus and links to the fields.
    await page.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
    const summary = page.locator('.error-summary');
    await poll(() => summary.textContent()).toContain('เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก');
    expect(await summary.textContent()).toContain('ต้องได้รับความยินยอมข้อ 1');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await summary.getByRole('link', { name: /ความยินยอมข้อ 1/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent-enrolment');

    // A wrong check digit is caught before anything is sent.
    const wrong = person.nationalId.slice(0, 12) + String((Number(person.nationalId[12]) + 1) % 10);
    await page.getByLabel('เลขประจำตัวประชาชน 13 หลัก').fill(wrong);
    await page.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
    await poll(() => summary.textContent()).toContain('หลักสุดท้ายไม่ตรง');
    await expectAccessible(page, 'registrar enrol errors');
    await screenshots(page, 'registrar-enrol-errors');
    await page.reload();
    await page.getByLabel('เลขประจำตัวประชาชน 13 หลัก').waitFor();

    // Typed as printed on the card, with dashes.
    const id = person.nationalId;
    await page.getByLabel('เลขประจำตัวประชาชน 13 หลัก').fill(`${id[0]}-${id.slice(1, 5)}-${id.slice(5, 10)}-${id.slice(10, 12)}-${id[12]}`);
    await page.getByLabel('ชื่อ–นามสกุล').fill(person.name);
    await page.getByRole('group', { name: '1. การเป็นสมาชิก (จำเป็น)' }).getByLabel('ผู้สมัครยินยอมข้อนี้').check();
    await page.getByRole('group', { name: '2. ความดีด้านสุขภาพ (ข้อมูลอ่อนไหว)' }).getByLabel('ผู้สมัครยินยอมข้อนี้').check();
    await expectAccessible(page, 'registrar enrol form');
    await screenshots(page, 'registrar-enrol');

    await page.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
    await poll(() => page.getByRole('heading', { name: 'ลงทะเบียนเรียบร้อยแล้ว' }).count()).toBe(1);
    const found = await web.platform.app.inject({ method: 'POST', url: '/api/v1/accounts/lookup', headers: auth(ADMIN_TOKEN), payload: { nationalId: person.nationalId } });
    expect(found.statusCode, found.body).toBe(200);
    accountId = found.json().id;
    const account = await web.platform.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}`, headers: auth(ADMIN_TOKEN) });
    expect(account.json()).toMatchObject({ displayName: person.name, areaCode: '500204', status: 'active' });
    const consents = await web.platform.store.db.selectFrom('consents').select('purpose').where('account_id', '=', accountId).orderBy('purpose').execute();
    expect(consents.map((c) => c.purpose)).toEqual(['enrolment', 'health']);
    const card = await cardToken(accountId);
    const member = page.getByTestId('member');
    expect(await member.textContent()).toContain(card.memberNumber);
    expect(await member.textContent()).toContain('ข่วงเปา (จอมทอง, เชียงใหม่)');
    expect(await member.textContent()).toMatch(/25\d\d/);
    // The national ID is nowhere on the screen or in its address.
    expect(await page.content()).not.toContain(person.nationalId);
    expect(page.url()).not.toContain(person.nationalId);
    await expectAccessible(page, 'registrar enrolled');
    await screenshots(page, 'registrar-enrolled');

    // The A4 card: a PDF whose QR code holds the card's token; and the card-size layout.
    const a4 = await download(page, 'พิมพ์บัตร (PDF กระดาษ A4)');
    expect(a4.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const a4Pages = await readPdf(a4);
    expect(a4Pages[0]).toMatchObject({ width: expect.closeTo(210 * MM, 0), height: expect.closeTo(297 * MM, 0) });
    expect(a4Pages.map((p) => p.qr).filter(Boolean)).toEqual([card.token]);
    expect(a4Pages.map((p) => p.text).join(' ')).toContain('บุญมี');
    const small = await download(page, 'พิมพ์บัตรขนาดเท่าบัตรจริง (เครื่องพิมพ์บัตร)');
    const smallPages = await readPdf(small);
    expect(smallPages.length).toBe(2);
    expect(smallPages[0]).toMatchObject({ width: expect.closeTo(85.6 * MM, 0), height: expect.closeTo(54 * MM, 0) });

    await context.close();
  });

  it('finds an already enrolled person instead of enrolling them twice', async () => {
    expect(accountId).not.toBe('');
    const registrar = await staff('khuangpao', 'registrar', 'นายทะเบียนเวรบ่าย');
    const { page, context } = await officerPage(registrar, '/staff/khuangpao/enrol');
    await page.getByLabel('เลขประจำตัวประชาชน 13 หลัก').fill(person.nationalId);
    await page.getByLabel('ชื่อ–นามสกุล').fill('ชื่ออื่น');
    await page.getByRole('group', { name: '1. การเป็นสมาชิก (จำเป็น)' }).getByLabel('ผู้สมัครยินยอมข้อนี้').check();
    // Names are sealed under each person's key (no column to search by name): count the accounts instead.
    const accountsBefore = await web.platform.store.db.selectFrom('accounts').select('id').orderBy('id').execute();
    await page.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
    await poll(() => page.getByRole('alert').filter({ hasText: 'บุคคลนี้เป็นสมาชิกอยู่แล้ว' }).count()).toBe(1);
    await page.getByRole('button', { name: 'ค้นหาบุคคลนี้' }).click();
    await poll(() => page.getByRole('heading', { name: 'พบสมาชิก' }).count()).toBe(1);
    expect(await page.getByTestId('member').textContent()).toContain(person.name);
    expect(await web.platform.store.db.selectFrom('accounts').select('id').orderBy('id').execute()).toEqual(accountsBefore);
    await context.close();
  });

  it('finds the person from the card on /scan in their area, and nowhere else', async () => {
    expect(accountId).not.toBe('');
    const { token, memberNumber } = await cardToken(accountId);
    const registrar = await staff('khuangpao', 'registrar', 'นายทะเบียนคนที่สอง');
    const { page, context } = await officerPage(registrar, '/staff/khuangpao/scan');
    await poll(() => h1(page)).toBe('ค้นหาสมาชิกจากบัตร');
    await page.getByLabel('รหัสจาก QR บนบัตรสมาชิก').fill(token);
    await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
    await poll(() => page.getByRole('heading', { name: 'พบสมาชิก' }).count()).toBe(1);
    const text = (await page.getByTestId('member').textContent()) ?? '';
    expect(text).toContain(person.name);
    expect(text).toContain(memberNumber);
    expect(await page.getByLabel('รหัสจาก QR บนบัตรสมาชิก').inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('card-token');
    await expectAccessible(page, 'scan found');
    await screenshots(page, 'registrar-scan-found');

    // A photo of the card's QR finds the same person.
    await page.locator('#card-file').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: await QRCode.toBuffer(token, { type: 'png', margin: 4, width: 600 }) });
    await poll(() => page.getByTestId('card-scan-status').textContent()).toBe('อ่าน QR ได้แล้ว');
    await poll(() => page.getByRole('button', { name: 'ค้นหา', exact: true }).isEnabled()).toBe(true);
    expect(await page.getByTestId('member').textContent()).toContain(memberNumber);

    // Not a card at all.
    await page.getByLabel('รหัสจาก QR บนบัตรสมาชิก').fill('abc.def.ghi');
    await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
    await poll(() => page.getByTestId('scan-result').textContent()).toContain('ไม่ใช่บัตรสมาชิกที่ถูกต้อง');
    await context.close();

    // A registrar of Nong Sarai scanning the same card: not in their area (the same answer as no one).
    const other = await staff('nongsarai', 'registrar', 'นายทะเบียนหนองสาหร่าย');
    const elsewhere = await officerPage(other, '/staff/nongsarai/scan');
    await elsewhere.page.getByLabel('รหัสจาก QR บนบัตรสมาชิก').fill(token);
    await elsewhere.page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
    await poll(() => elsewhere.page.getByTestId('scan-result').textContent()).toContain('ไม่พบสมาชิกในพื้นที่ของท่าน');
    expect(await elsewhere.page.getByTestId('scan-result').textContent()).not.toContain(person.name);
    await expectAccessible(elsewhere.page, 'scan not in area');
    await screenshots(elsewhere.page, 'registrar-scan-not-in-area');
    await elsewhere.context.close();
  });

  it('says a replaced card no longer works, and lets a certifier scan but not enrol', async () => {
    const { token } = await cardToken(accountId);
    const reissued = await web.platform.app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/card`, headers: auth(ADMIN_TOKEN), payload: { replaces: 1 } });
    expect(reissued.statusCode, reissued.body).toBe(201);
    const certifier = await staff('khuangpao', 'certifier', 'ผู้รับรอง อบต.ข่วงเปา');
    const { page, context } = await officerPage(certifier, '/staff/khuangpao/scan');
    await page.getByLabel('รหัสจาก QR บนบัตรสมาชิก').fill(token);
    await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
    await poll(() => page.getByTestId('scan-result').textContent()).toContain('บัตรนี้ถูกแทนที่แล้ว — ใช้ไม่ได้');
    expect(await page.getByTestId('scan-result').textContent()).toContain('บัตรใบที่ 1 ถูกแทนที่ด้วยบัตรใบที่ 2');
    await page.getByLabel('รหัสจาก QR บนบัตรสมาชิก').fill(reissued.json().token);
    await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
    await poll(() => page.getByRole('heading', { name: 'พบสมาชิก' }).count()).toBe(1);

    // The certifier holds no registrar role; and no one acts for an agency they are not on.
    await page.goto(`${web.base}/staff/khuangpao/enrol`);
    await poll(() => h1(page)).toContain('ท่านไม่มีบทบาท "นายทะเบียน"');
    await page.goto(`${web.base}/staff/nongsarai/scan`);
    await poll(() => h1(page)).toBe('ท่านไม่ได้เป็นเจ้าหน้าที่ของหน่วยงานนี้');
    await context.close();

    // A partner cashier has neither tool.
    const cashier = await staff('ptt', 'partner', 'พนักงานหน้าร้าน');
    const shop = await officerPage(cashier, '/staff/ptt/scan');
    await poll(() => h1(shop.page)).toContain('ท่านไม่มีบทบาท "นายทะเบียน / ผู้รับรองในพื้นที่"');
    await shop.context.close();
  });
});
