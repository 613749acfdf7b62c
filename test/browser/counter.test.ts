// A cashier at a PTT counter, on a phone: confirms a voucher a member redeemed (typed short code and a
// photo of its QR), is stopped loudly when the same voucher comes back, and checks an eligibility QR
// once. Against the real server, its database and the built web app (SQLite).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { ADMIN_TOKEN, auth, nextNationalId } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from '../support/helpers.js';
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

// Each test is a whole flow in a real browser: longer than the default timeout on a busy machine.
describe('the privilege counter (sqlite)', { timeout: 120_000 }, () => {
  let web: WebPlatform;
  let member: { id: string; nationalId: string; token: string };
  let ptt: string;
  let seq = 0;

  beforeAll(async () => {
    web = await openWebPlatform('sqlite', { now: new Date() });
    const trc = await agencyToken(web.platform.app, 'trc');
    ptt = await agencyToken(web.platform.app, 'ptt');
    const enrolled = await enrolPerson(web.platform.app);
    // 70 + 200 = 270 points this year: enough for vouchers of 50 and for the 3% fuel discount (score ≥ 150).
    for (const [i, indicator] of ['trc.blood.red-cell', 'trc.organ-pledge'].entries()) {
      const r = await attest(web.platform.app, trc, {
        ref: `counter-${enrolled.id}-${i}`,
        subject: { accountId: enrolled.id },
        indicator,
        occurredAt: new Date(web.platform.clock.now().getTime() - (i + 1) * 3_600_000).toISOString(),
        evidence: { ref: `C-${i}` },
      });
      expect(r.json().status, r.body).toBe('credited');
    }
    member = { ...enrolled, token: await personToken(web.platform.app, enrolled.id) };
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
  async function redeem() {
    const r = await web.platform.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${member.id}/redemptions`,
      headers: auth(member.token),
      payload: { privilege: 'ptt.bluepoints', requestKey: `counter-key-${++seq}` },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; shortCode: string; token: string }>();
  }
  async function eligibilityToken() {
    const r = await web.platform.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${member.id}/eligibility-tokens`,
      headers: auth(member.token),
      payload: { privilege: 'ptt.fuel-3' },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ token: string }>().token;
  }
  const confirmations = async (voucherId: string) => web.platform.store.db.selectFrom('redemptions').select(['status', 'confirmed_at']).where('id', '=', voucherId).execute();
  const qrPng = (text: string) => QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 480 });
  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  async function cashierPage(agency = 'ptt', who?: { pid: string; name: string }) {
    const cashier = who ?? (await staff(agency, 'partner', 'พนักงานหน้าร้าน'));
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await signIn(page, web.base, cashier, `/staff/${agency}/counter`);
    await page.waitForURL(`${web.base}/staff/${agency}/counter`);
    return { page, context, requests, cashier };
  }

  it('confirms a typed code once and refuses the second confirm loudly, with the date in B.E.', async () => {
    const voucher = await redeem();
    const { page, context, requests } = await cashierPage();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('จุดให้บริการสิทธิประโยชน์');

    // Forgiving: lower case with a space in the middle.
    const typed = `${voucher.shortCode.slice(0, 4).toLowerCase()} ${voucher.shortCode.slice(4).toLowerCase()}`;
    await page.getByLabel('รหัสบัตรกำนัล 8 ตัว').fill(typed);
    await page.getByRole('button', { name: 'ยืนยันการใช้บัตรกำนัล' }).click();
    const result = page.getByTestId('voucher-result');
    await poll(() => result.getAttribute('data-tone')).toBe('go');
    const ok = (await result.textContent()) ?? '';
    expect(ok).toContain('ยืนยันแล้ว — มอบสินค้าได้');
    expect(ok).toContain('แลก 50 คะแนนความดี เป็น 5 คะแนนบลูการ์ด');
    expect(ok).toContain('50 คะแนน');
    expect(ok).toMatch(/25\d\d/);
    const first = await confirmations(voucher.id);
    expect(first).toEqual([{ status: 'confirmed', confirmed_at: expect.any(String) }]);
    // Ready for the next customer.
    expect(await page.getByLabel('รหัสบัตรกำนัล 8 ตัว').inputValue()).toBe('');
    expect(await focusedId(page)).toBe('voucher-code');
    await screenshots(page, 'counter-confirmed');

    // The same voucher again (the cashier presses once more, or the customer comes back).
    await page.getByLabel('รหัสบัตรกำนัล 8 ตัว').fill(voucher.shortCode);
    await page.keyboard.press('Enter');
    await poll(() => result.getAttribute('data-tone')).toBe('stop');
    // Its heading, as a screen reader reads it (the icon is hidden from it).
    expect(await result.getByRole('heading', { level: 3, name: 'ใช้ไปแล้ว — ห้ามมอบสินค้าซ้ำ', exact: true }).count()).toBe(1);
    const refused = (await result.textContent()) ?? '';
    const confirmedAt = new Date(first[0]!.confirmed_at!);
    const be = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { timeZone: 'Asia/Bangkok', day: 'numeric', month: 'short', year: 'numeric' }).format(confirmedAt);
    expect(refused).toContain(`บัตรกำนัลนี้ถูกยืนยันไปแล้วเมื่อ ${be}`);
    expect(be).toMatch(/25\d\d$/);
    // The banner is red with white text.
    const colours = await result.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
    expect(colours).toEqual(['rgb(165, 14, 14)', 'rgb(255, 255, 255)']);
    expect(await focusedId(page)).toBe('voucher-code');

    // The API shows exactly one confirmation, at the first time.
    expect(await confirmations(voucher.id)).toEqual(first);
    const mine = await web.platform.app.inject({ method: 'GET', url: `/api/v1/accounts/${member.id}/redemptions`, headers: auth(member.token) });
    expect(mine.json().items.filter((v: { id: string }) => v.id === voucher.id)).toEqual([expect.objectContaining({ status: 'confirmed', confirmedAt: first[0]!.confirmed_at })]);
    const stats = await web.platform.app.inject({ method: 'GET', url: '/api/v1/partner/stats', headers: auth(ptt) });
    expect(stats.json().items).toContainEqual(expect.objectContaining({ privilege: 'ptt.bluepoints', status: 'confirmed', count: 1 }));

    await expectAccessible(page, 'counter with a refusal');
    await screenshots(page, 'counter-already-used');
    // Typing alone never loaded the QR decoder.
    expect(requests.filter((u) => /jsQR/i.test(u))).toEqual([]);
    await context.close();
  });

  it('reads the voucher QR from a photo (loading the decoder only then) and stops the second photo', async () => {
    const voucher = await redeem();
    const { page, context, requests } = await cashierPage();
    await page.getByLabel('รหัสบัตรกำนัล 8 ตัว').waitFor();
    expect(requests.filter((u) => /jsQR/i.test(u))).toEqual([]);
    const photo = { name: 'voucher.png', mimeType: 'image/png', buffer: await qrPng(voucher.token) };
    await page.locator('#voucher-file').setInputFiles(photo);
    const result = page.getByTestId('voucher-result');
    await poll(() => result.getAttribute('data-tone')).toBe('go');
    expect(requests.filter((u) => /jsQR/i.test(u)).length).toBe(1);
    expect(await confirmations(voucher.id)).toEqual([{ status: 'confirmed', confirmed_at: expect.any(String) }]);
    await page.locator('#voucher-file').setInputFiles(photo);
    await poll(() => result.getAttribute('data-tone')).toBe('stop');
    expect(await result.getByRole('heading', { level: 3, name: 'ใช้ไปแล้ว — ห้ามมอบสินค้าซ้ำ', exact: true }).count()).toBe(1);

    // A photo without a QR code says so and sends nothing.
    const blank = await sharp({ create: { width: 200, height: 120, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    await page.locator('#voucher-file').setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: blank });
    await poll(() => page.getByTestId('voucher-scan-status').textContent()).toContain('ไม่พบ QR ในรูปนี้');
    await context.close();
  });

  it('says not found, not valid and which panel a QR belongs to', async () => {
    const { page, context } = await cashierPage();
    const field = page.getByLabel('รหัสบัตรกำนัล 8 ตัว');
    const result = page.getByTestId('voucher-result');
    // Too short: the field says why and keeps the text to correct.
    await field.fill('abc');
    await page.getByRole('button', { name: 'ยืนยันการใช้บัตรกำนัล' }).click();
    await poll(() => page.locator('#voucher-code-error').textContent()).toContain('ต้องมี 8 ตัว');
    expect(await field.inputValue()).toBe('abc');
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill('ZZZZ2345');
    await page.getByRole('button', { name: 'ยืนยันการใช้บัตรกำนัล' }).click();
    await poll(() => result.getByRole('heading', { level: 3, name: 'ไม่พบบัตรกำนัลนี้ — ห้ามมอบสินค้า', exact: true }).count()).toBe(1);

    // An eligibility QR in the voucher field is not sent (and so not used up).
    const token = await eligibilityToken();
    await field.fill(token);
    await page.getByRole('button', { name: 'ยืนยันการใช้บัตรกำนัล' }).click();
    await poll(() => result.getAttribute('data-tone')).toBe('info');
    expect(await result.textContent()).toContain('QR นี้เป็น QR ตรวจสิทธิ์');
    const used = await web.platform.store.db.selectFrom('used_tokens').selectAll().execute();
    expect(used).toEqual([]);

    // A voucher token whose signature was altered is refused as not valid.
    const voucher = await redeem();
    const forged = `${voucher.token.slice(0, -6)}${voucher.token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`;
    await field.fill(forged);
    await page.getByRole('button', { name: 'ยืนยันการใช้บัตรกำนัล' }).click();
    await poll(() => result.getByRole('heading', { level: 3, name: 'QR นี้ไม่ใช่บัตรกำนัลที่ถูกต้อง — ห้ามมอบสินค้า', exact: true }).count()).toBe(1);
    expect(await confirmations(voucher.id)).toEqual([{ status: 'issued', confirmed_at: null }]);
    await context.close();
  });

  it('verifies an eligibility QR once, showing only a short reference, and refuses it the second time', async () => {
    const token = await eligibilityToken();
    const { page, context } = await cashierPage();
    await page.getByLabel('รหัสจาก QR ตรวจสิทธิ์').waitFor();
    await page.locator('#eligibility-file').setInputFiles({ name: 'eligibility.png', mimeType: 'image/png', buffer: await qrPng(token) });
    const result = page.getByTestId('eligibility-result');
    await poll(() => result.getAttribute('data-tone')).toBe('go');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('มีสิทธิ์: ส่วนลดน้ำมัน 3%');
    expect(text).toMatch(/รหัสอ้างอิงสมาชิก: [A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(text).not.toContain('สมชาย');
    expect(text).not.toContain(member.nationalId);
    expect(await focusedId(page)).toBe('eligibility-token');
    expect(await web.platform.store.db.selectFrom('used_tokens').select('partner_code').execute()).toEqual([{ partner_code: 'ptt' }]);
    await screenshots(page, 'counter-eligible');

    await page.getByLabel('รหัสจาก QR ตรวจสิทธิ์').fill(token);
    await page.getByRole('button', { name: 'ตรวจและใช้สิทธิ์' }).click();
    await poll(() => result.getAttribute('data-tone')).toBe('stop');
    expect(await result.getByRole('heading', { level: 3, name: 'QR นี้ใช้ไปแล้ว — ห้ามให้สิทธิ์ซ้ำ', exact: true }).count()).toBe(1);
    expect(await web.platform.store.db.selectFrom('used_tokens').select('partner_code').execute()).toEqual([{ partner_code: 'ptt' }]);
    await expectAccessible(page, 'counter eligibility refused');

    // English for the officer who prefers it: no Thai left in the panels' own words.
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Privilege counter');
    expect(await page.getByRole('button', { name: 'Confirm the voucher' }).count()).toBe(1);
    await context.close();
  });

  it('reads the voucher QR with the camera, which stops once it has read it', async () => {
    const voucher = await redeem();
    // A fake camera that films the voucher's QR on a white page (Motion JPEG, looped by chromium).
    const dir = mkdtempSync(join(tmpdir(), 'khwamdee-camera-'));
    const frame = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#ffffff' } })
      .composite([{ input: await qrPng(voucher.token), left: 80, top: 0 }])
      .resize(640, 480, { fit: 'contain', background: '#ffffff' })
      .jpeg({ quality: 90 })
      .toBuffer();
    const video = join(dir, 'voucher.mjpeg');
    writeFileSync(video, Buffer.concat(Array.from({ length: 5 }, () => frame)));
    const camera = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    try {
      const cashier = await staff('ptt', 'partner', 'พนักงานกะดึก');
      const context = await newPhoneContext(camera);
      await context.grantPermissions(['camera'], { origin: web.base });
      const page = await context.newPage();
      await signIn(page, web.base, cashier, '/staff/ptt/counter');
      await page.getByRole('button', { name: 'สแกน QR ด้วยกล้อง' }).first().click();
      const result = page.getByTestId('voucher-result');
      await poll(() => result.getAttribute('data-tone'), { timeout: 15_000 }).toBe('go');
      expect(await confirmations(voucher.id)).toEqual([{ status: 'confirmed', confirmed_at: expect.any(String) }]);
      // The camera is off again: no live track, the preview hidden, the button back.
      expect(await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement | null)?.srcObject ?? null)).toBeNull();
      expect(await page.locator('video').first().isHidden()).toBe(true);
      expect(await page.getByRole('button', { name: 'สแกน QR ด้วยกล้อง' }).count()).toBe(2);
      await context.close();
    } finally {
      await camera.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps other agencies and other roles out, and another partner cannot confirm a PTT voucher', async () => {
    const voucher = await redeem();
    // A certifier of Khuang Pao is not on PTT's staff, and holds no partner role in Khuang Pao.
    const certifier = await staff('khuangpao', 'certifier', 'เจ้าหน้าที่ อบต.');
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, certifier, '/staff/ptt/counter');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ท่านไม่ได้เป็นเจ้าหน้าที่ของหน่วยงานนี้');
    await page.goto(`${web.base}/staff/khuangpao/counter`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('ท่านไม่มีบทบาท');
    await context.close();

    // Khuang Pao's own counter does not know PTT's vouchers.
    const other = await cashierPage('khuangpao');
    await other.page.getByLabel('รหัสบัตรกำนัล 8 ตัว').fill(voucher.shortCode);
    await other.page.getByRole('button', { name: 'ยืนยันการใช้บัตรกำนัล' }).click();
    await poll(() => other.page.getByTestId('voucher-result').getByRole('heading', { level: 3, name: 'ไม่พบบัตรกำนัลนี้ — ห้ามมอบสินค้า', exact: true }).count()).toBe(1);
    expect(await confirmations(voucher.id)).toEqual([{ status: 'issued', confirmed_at: null }]);
    await other.context.close();
  });
});
