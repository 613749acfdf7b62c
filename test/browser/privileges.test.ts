// A member's privileges and certificates in the web app, against the real API and database: an
// exchange (a double click and a lost answer still make one voucher and one debit), the balance that
// drops while the yearly score stays, a threshold code the partner verifies from the QR on screen,
// a plain-Thai refusal, and certificates that download and verify. Both databases for the flows;
// accessibility and screenshots on SQLite.
import { readFileSync } from 'node:fs';
import jsQRModule from 'jsqr';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, auth } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, scoreOf } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

// jsqr is CommonJS whose typings declare an ES default export; at run time the function is both the module and its `default`.
const jsQR = (jsQRModule as unknown as { default: typeof import('jsqr').default }).default;

const NOW = new Date('2026-11-20T03:00:00Z'); // 10:00 on 20 November B.E. 2569 in Bangkok
const NAME = 'สมชาย ใจดี';
// Whole flows in a real browser on a shared 2-core machine: more time than a unit test.
const FLOW_MS = 120_000;

/**
 * Reads the QR code an <img> on the screen shows, as a scanner would: the picture the page displays,
 * painted at scanner resolution (a screenshot of a fractional-pixel rendering defeats jsQR), decoded.
 */
async function scanQr(img: Locator): Promise<string> {
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0)).toBe(true);
  const size = 720;
  const png = await img.evaluate((el, n) => {
    const canvas = document.createElement('canvas');
    canvas.width = n;
    canvas.height = n;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, n, n);
    g.drawImage(el as HTMLImageElement, 40, 40, n - 80, n - 80);
    return canvas.toDataURL('image/png');
  }, size);
  const { data, info } = await sharp(Buffer.from(png.slice(png.indexOf(',') + 1), 'base64'))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
  if (!found) throw new Error('no QR code could be read from the screen');
  return found.data;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe.each(['sqlite', 'postgres'] as const)('privileges and certificates in the web app (%s)', (kind) => {
  let web: WebPlatform;
  let trc: string;
  let ptt: string;
  let khuangpao: string;
  let seq = 0;
  beforeAll(async () => {
    web = await openWebPlatform(kind, { now: NOW, platform: { webhooks: { autoStart: false } } });
    [trc, ptt, khuangpao] = await Promise.all([agencyToken(web.platform.app, 'trc'), agencyToken(web.platform.app, 'ptt'), agencyToken(web.platform.app, 'khuangpao')]);
    // Points of 2569 stay exchangeable until 1 January 2570: inside the 90 days of reminders.
    const policy = await web.platform.app.inject({
      method: 'PUT',
      url: '/api/v1/policies/balance-expiry',
      headers: auth(ADMIN_TOKEN),
      payload: { yearsValid: 0, effectiveFrom: NOW.toISOString() },
    });
    expect(policy.statusCode, policy.body).toBe(201);
  });
  afterAll(async () => web?.cleanup());

  const app = () => web.platform.app;
  const db = () => web.platform.store.db;

  /** A Khuang Pao resident with the given Red Cross deeds of this year, credited. */
  async function member(deeds: string[]) {
    const person = await enrolPerson(app(), { areaCode: '500204' });
    for (const [i, indicator] of deeds.entries()) {
      const r = await attest(app(), trc, {
        ref: `web-priv-${kind}-${++seq}`,
        subject: { accountId: person.id },
        indicator,
        occurredAt: `2026-0${3 + i}-10T09:00:00+07:00`,
        evidence: { ref: `WP-${seq}` },
      });
      expect(r.json().status, r.body).toBe('credited');
    }
    return { ...person, token: await personToken(app(), person.id) };
  }

  async function openAs(person: { nationalId: string }, path: string): Promise<Page> {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, { pid: person.nationalId, name: NAME }, path);
    await page.waitForURL(`${web.base}${path}`);
    return page;
  }

  const counts = async (accountId: string) => ({
    redemptions: (await db().selectFrom('redemptions').select('id').where('account_id', '=', accountId).execute()).length,
    debits: (await db().selectFrom('debits').select('id').where('account_id', '=', accountId).where('kind', '=', 'redeem').execute()).length,
  });
  const balanceOf = async (accountId: string) =>
    (await app().inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/balance`, headers: auth(ADMIN_TOKEN) })).json<{ balance: number }>().balance;

  it(
    'redeems with a double tap: one voucher (code and QR the partner accepts), one debit; the balance drops and the yearly score does not',
    async () => {
      const person = await member(['trc.blood.red-cell', 'trc.organ-pledge']); // 70 + 200
      const page = await openAs(person, '/me/privileges');
      await expect.poll(() => page.getByTestId('balance').textContent()).toBe('270 คะแนน');
      expect(await page.getByTestId('year-score').textContent()).toBe('คะแนนความดีประจำปี พ.ศ. 2569: 270 คะแนน');
      expect(await page.getByTestId('reminders').textContent()).toContain('270 คะแนนจะหมดอายุวันที่ 1 ม.ค. 2570');

      const sent: Array<{ privilege: string; requestKey: string }> = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith(`/api/v1/accounts/${person.id}/redemptions`)) sent.push(r.postDataJSON());
      });
      const card = page.locator('[data-testid="exchange-privilege"][data-code="ptt.bluepoints"]');
      await card.getByRole('button', { name: 'แลกสิทธิ์นี้' }).click();
      const confirm = card.getByTestId('confirm');
      expect(await confirm.textContent()).toContain('คะแนนที่ใช้แลกได้จะเหลือ 220 คะแนน');
      // A double tap faster than the screen can disable the button: two clicks in one task.
      await confirm.getByRole('button', { name: 'ยืนยัน แลก 50 คะแนน' }).evaluate((b) => {
        (b as HTMLButtonElement).click();
        (b as HTMLButtonElement).click();
      });

      const voucher = card.getByTestId('voucher');
      await voucher.waitFor();
      const code = await voucher.getByTestId('short-code').getAttribute('data-code');
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      // Large and spaced for reading out: two groups of four.
      expect(await voucher.getByTestId('short-code').locator('[aria-hidden="true"]').textContent()).toBe(`${code!.slice(0, 4)} ${code!.slice(4)}`);
      // A screen reader spells it one character at a time.
      expect(await voucher.getByTestId('short-code').locator('.visually-hidden').textContent()).toBe(code!.split('').join(' '));
      expect(await voucher.textContent()).toContain('ใช้ได้ถึง 21 พ.ย. 2569');
      expect(await voucher.textContent()).toContain('บริษัท ปตท.');

      // Two requests with one key: one voucher and one debit.
      await expect.poll(() => sent.length).toBe(2);
      expect(new Set(sent.map((s) => s.requestKey)).size).toBe(1);
      expect(await counts(person.id)).toEqual({ redemptions: 1, debits: 1 });
      // The same key again (a retry from anywhere) answers the same voucher and spends nothing more.
      const replay = await app().inject({
        method: 'POST',
        url: `/api/v1/accounts/${person.id}/redemptions`,
        headers: auth(person.token),
        payload: sent[0],
      });
      expect(replay.statusCode).toBe(200);
      expect(replay.json().shortCode).toBe(code);
      expect(await counts(person.id)).toEqual({ redemptions: 1, debits: 1 });

      // The balance drops; the yearly score (on screen and in the API) does not.
      await expect.poll(() => page.getByTestId('balance').textContent()).toBe('220 คะแนน');
      expect(await page.getByTestId('year-score').textContent()).toContain('270 คะแนน');
      expect(await balanceOf(person.id)).toBe(220);
      expect((await scoreOf(app(), person.id, 2026)).points).toBe(270);

      // My vouchers lists it, ready, with its own QR image from the API.
      const mine = page.getByTestId('my-voucher');
      await expect.poll(() => mine.count()).toBe(1);
      expect(await mine.getAttribute('data-status')).toBe('issued');
      expect(await mine.textContent()).toContain('พร้อมใช้');
      if (kind === 'sqlite') {
        await expectAccessible(page, 'privileges after an exchange');
        await screenshots(page, 'privileges');
      }

      // The partner scans the QR on screen and confirms it: the list then says it was used.
      const token = await scanQr(voucher.getByTestId('voucher-qr'));
      expect(await scanQr(mine.getByTestId('voucher-qr'))).toBe(token);
      const confirmed = await app().inject({ method: 'POST', url: '/api/v1/partner/vouchers/confirm', headers: auth(ptt), payload: { token } });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json().shortCode).toBe(code);
      await page.reload();
      await expect.poll(() => page.getByTestId('my-voucher').getAttribute('data-status')).toBe('confirmed');
      expect(await page.getByTestId('my-voucher').textContent()).toContain('ใช้แล้ว');
      await page.context().close();
    },
    FLOW_MS,
  );

  it(
    'answers a retry after a lost answer with the same voucher, charged once',
    async () => {
      const person = await member(['trc.blood.red-cell']);
      const page = await openAs(person, '/me/privileges');
      const keys: string[] = [];
      let first = true;
      // The first exchange reaches the server, but its answer is lost on the way back.
      await page.route(`**/api/v1/accounts/${person.id}/redemptions`, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        keys.push(route.request().postDataJSON().requestKey);
        if (first) {
          first = false;
          await route.fetch();
          await route.abort('connectionreset');
        } else await route.continue();
      });
      const card = page.locator('[data-testid="exchange-privilege"][data-code="ptt.bluepoints"]');
      await card.getByRole('button', { name: 'แลกสิทธิ์นี้' }).click();
      await card.getByRole('button', { name: 'ยืนยัน แลก 50 คะแนน' }).click();
      const refusal = card.getByTestId('refusal');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('เชื่อมต่อไม่ได้ จึงยังไม่ทราบผล');
      expect(await refusal.textContent()).toContain('ไม่ถูกหักคะแนนซ้ำ');
      expect(await counts(person.id)).toEqual({ redemptions: 1, debits: 1 });
      await refusal.getByRole('button', { name: 'ลองอีกครั้ง' }).click();
      await card.getByTestId('voucher').waitFor();
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      const issued = await db().selectFrom('redemptions').select('short_code').where('account_id', '=', person.id).executeTakeFirstOrThrow();
      expect(await card.getByTestId('short-code').getAttribute('data-code')).toBe(issued.short_code);
      expect(await counts(person.id)).toEqual({ redemptions: 1, debits: 1 });
      expect(await balanceOf(person.id)).toBe(20);
      await page.context().close();
    },
    FLOW_MS,
  );

  it(
    'shows whether a threshold is reached and makes a 5-minute code the partner verifies from the screen',
    async () => {
      const person = await member(['trc.blood.red-cell', 'trc.organ-pledge']); // 270: ≥ 150, not ≥ 300
      const context = await newPhoneContext(browser);
      await context.clock.install({ time: NOW });
      const page = await context.newPage();
      await signIn(page, web.base, { pid: person.nationalId, name: NAME }, '/me/privileges');
      const fuel3 = page.locator('[data-testid="threshold-privilege"][data-code="ptt.fuel-3"]');
      const fuel5 = page.locator('[data-testid="threshold-privilege"][data-code="ptt.fuel-5"]');
      await fuel3.waitFor();
      expect(await fuel3.getByTestId('reached').textContent()).toBe('ผ่านเกณฑ์แล้ว');
      expect(await fuel3.textContent()).toContain('คะแนนความดีปี พ.ศ. 2569 ตั้งแต่ 150 คะแนน (ท่านมี 270)');
      expect(await fuel5.getByTestId('reached').textContent()).toContain('ยังไม่ถึงเกณฑ์');
      expect(await fuel5.getByRole('button').count()).toBe(0);

      await fuel3.getByRole('button', { name: 'แสดงที่จุดบริการ' }).click();
      const pass = fuel3.getByTestId('eligibility-pass');
      await pass.waitFor();
      expect(await pass.textContent()).toContain('แสดงรหัสนี้ที่จุดบริการของ บริษัท ปตท.');
      await expect.poll(() => pass.getByTestId('countdown').textContent()).toMatch(/^ใช้ได้อีก [45]:\d\d นาที$/);
      const before = await pass.getByTestId('countdown').textContent();
      await context.clock.fastForward(2000);
      await expect.poll(() => pass.getByTestId('countdown').textContent()).not.toBe(before);
      if (kind === 'sqlite') {
        await expectAccessible(page, 'privileges with an eligibility code');
        await screenshots(page, 'privileges-eligibility');
      }

      // The counter reads the QR and checks it online, once; it names no one.
      const token = await scanQr(pass.getByTestId('eligibility-qr'));
      const verify = () => app().inject({ method: 'POST', url: '/api/v1/partner/eligibility/verify', headers: auth(ptt), payload: { token } });
      const ok = await verify();
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ valid: true, privilege: 'ptt.fuel-3' });
      expect(ok.json().subject).not.toContain(person.id);
      expect((await verify()).json().error.code).toBe('token_already_used');
      // Another partner cannot use it.
      const other = await app().inject({ method: 'POST', url: '/api/v1/partner/eligibility/verify', headers: auth(khuangpao), payload: { token } });
      expect(other.json().error.code).toBe('invalid_token');

      // After five minutes the code is gone from the screen; a new one is a new token.
      await context.clock.fastForward('05:01');
      await expect.poll(() => pass.textContent()).toContain('รหัสนี้หมดเวลาแล้ว');
      expect(await pass.getByTestId('eligibility-qr').count()).toBe(0);
      await pass.getByRole('button', { name: 'สร้างรหัสใหม่' }).click();
      await pass.getByTestId('eligibility-qr').waitFor();
      expect(await scanQr(pass.getByTestId('eligibility-qr'))).not.toBe(token);
      await context.close();
    },
    FLOW_MS,
  );

  it(
    'refuses in plain Thai, with what to do, when the balance is not enough; nothing is taken',
    async () => {
      const person = await member(['trc.blood.red-cell']); // 70
      const page = await openAs(person, '/me/privileges');
      // Khuang Pao rice: 100 points with 150 left afterwards. Said before anyone presses anything.
      const rice = page.locator('[data-testid="exchange-privilege"][data-code="khuangpao.rice-5kg"]');
      await rice.waitFor();
      expect(await rice.textContent()).toContain('ยังแลกไม่ได้: ต้องมีคะแนนที่ใช้แลกได้ 250 คะแนน ท่านมี 70 คะแนน');
      expect(await rice.getByRole('button', { name: 'แลกสิทธิ์นี้' }).isDisabled()).toBe(true);

      // The screen still shows 70 when the balance has already gone to 20 elsewhere: the API decides.
      const elsewhere = await app().inject({
        method: 'POST',
        url: `/api/v1/accounts/${person.id}/redemptions`,
        headers: auth(person.token),
        payload: { privilege: 'ptt.bluepoints', requestKey: `elsewhere-${kind}-0001` },
      });
      expect(elsewhere.statusCode).toBe(201);
      const card = page.locator('[data-testid="exchange-privilege"][data-code="ptt.bluepoints"]');
      await card.getByRole('button', { name: 'แลกสิทธิ์นี้' }).click();
      await card.getByRole('button', { name: 'ยืนยัน แลก 50 คะแนน' }).click();
      const refusal = card.getByTestId('refusal');
      await refusal.waitFor();
      expect(await refusal.getAttribute('data-code')).toBe('insufficient_balance');
      const text = await refusal.textContent();
      expect(text).toContain('คะแนนที่ใช้แลกได้ยังไม่พอ: สิทธิ์นี้ใช้ 50 คะแนน ท่านมี 20 คะแนน');
      expect(text).toContain('เมื่อทำความดีเพิ่มอีก 30 คะแนนก็แลกได้');
      expect(await refusal.getByRole('link', { name: 'ดูกิจกรรมความดีใกล้บ้าน' }).getAttribute('href')).toBe('/catalogue');
      await expect.poll(() => page.getByTestId('balance').textContent()).toBe('20 คะแนน');
      expect(await counts(person.id)).toEqual({ redemptions: 1, debits: 1 });
      if (kind === 'sqlite') {
        await expectAccessible(page, 'privileges with a refusal');
        await screenshots(page, 'privileges-refusal');
      }
      // The same refusal in English once the person switches language.
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => refusal.textContent()).toContain('Not enough exchangeable points: this costs 50 and you have 20.');
      expect(await page.getByTestId('balance').textContent()).toBe('20 points');

      // The session cannot reach another person's vouchers or spend their points.
      const other = await member(['trc.organ-pledge']);
      const attempts = await page.evaluate(async (otherId) => {
        const me = await (await fetch('/api/v1/me')).json();
        const list = await fetch(`/api/v1/accounts/${otherId}/redemptions`);
        const spend = await fetch(`/api/v1/accounts/${otherId}/redemptions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ privilege: 'ptt.bluepoints', requestKey: 'not-mine-0001' }),
        });
        return [list.status, spend.status];
      }, other.id);
      expect(attempts).toEqual([404, 404]);
      expect(await counts(other.id)).toEqual({ redemptions: 0, debits: 0 });
      await page.context().close();
    },
    FLOW_MS,
  );

  it(
    'downloads certificates with sensible names, says what they contain, and checks them: valid, or invalid after a change',
    async () => {
      const person = await member(['trc.blood.red-cell', 'trc.organ-pledge']);
      const volunteered = await attest(app(), khuangpao, {
        ref: `web-priv-${kind}-${++seq}`,
        subject: { accountId: person.id },
        indicator: 'nat.person.volunteer',
        occurredAt: '2026-10-01T08:00:00+07:00',
        hours: 3,
        evidence: { activityNo: 'WV-1' },
      });
      expect(volunteered.json().status, volunteered.body).toBe('credited');
      await web.platform.sequencer.catchUp();
      const page = await openAs(person, '/me/certificates');
      expect(await page.getByLabel('ปีของใบรับรอง').inputValue()).toBe('2026');
      expect(await page.getByLabel('ปีของใบรับรอง').locator('option:checked').textContent()).toBe('พ.ศ. 2569');

      const publicVerify = (jwt: string) => app().inject({ method: 'POST', url: '/api/v1/certificates/verify', payload: { jwt } });
      async function download(section: Locator, button: string | RegExp): Promise<{ name: string; jwt: string }> {
        const [file] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: button }).click()]);
        return { name: file.suggestedFilename(), jwt: readFileSync((await file.path())!, 'utf8') };
      }

      const annual = await download(page.getByTestId('certificate-annual-statement'), 'ดาวน์โหลดใบรับรอง: รายงานสรุปความดีประจำปี พ.ศ. 2569');
      expect(annual.name).toBe('khwamdee-annual-statement-BE2569.jwt');
      const checked = await publicVerify(annual.jwt);
      expect(checked.statusCode, checked.body).toBe(200);
      expect(checked.json().credential.credentialSubject.name).toBe(NAME);
      const summary = page.getByTestId('certificate-annual-statement').getByTestId('certificate-summary');
      expect(await summary.textContent()).toContain(`${NAME} มีคะแนนความดีปี พ.ศ. 2569`);
      expect(await summary.textContent()).toContain('คะแนนความดีประจำปี300 จากเต็ม 1,000');

      const hours = await download(page.getByTestId('certificate-volunteer-hours'), 'ดาวน์โหลดใบรับรอง: ใบรับรองชั่วโมงจิตอาสา พ.ศ. 2569');
      expect(hours.name).toBe('khwamdee-volunteer-hours-BE2569.jwt');
      expect((await publicVerify(hours.jwt)).statusCode).toBe(200);
      expect(await page.getByTestId('certificate-volunteer-hours').textContent()).toContain('ทำกิจกรรมจิตอาสารวม 3 ชั่วโมง');

      const donation = page.locator('[data-testid="certificate-credit"]').filter({ hasText: 'บริจาคโลหิต' }).first();
      const one = await download(donation, 'ดาวน์โหลดใบรับรอง: บริจาคโลหิต (เม็ดเลือดแดง)');
      expect(one.name).toBe('khwamdee-credit-trc.blood.red-cell-BE2569-03-10.jwt');
      const oneChecked = await publicVerify(one.jwt);
      expect(oneChecked.json().credential.credentialSubject.achievement.humanCode).toBe('trc.blood.red-cell');
      expect(await donation.getByTestId('certificate-summary').textContent()).toContain('วันที่: 10 มี.ค. 2569');

      // Anyone checks it here: the downloaded file uploaded, then the text with one character changed.
      const box = page.locator('.verify-box');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), box.getByRole('button', { name: 'หรือเลือกไฟล์ใบรับรอง' }).click()]);
      await chooser.setFiles({ name: annual.name, mimeType: 'application/vc+jwt', buffer: Buffer.from(annual.jwt) });
      await expect.poll(() => box.locator('#certificate-file-name').textContent()).toBe(annual.name);
      await box.getByRole('button', { name: 'ตรวจสอบใบรับรอง' }).click();
      await expect.poll(() => box.getByTestId('verify-result').getAttribute('data-valid')).toBe('true');
      expect(await box.getByTestId('verify-result').textContent()).toContain('ใบรับรองนี้ถูกต้อง');
      if (kind === 'sqlite') {
        await expectAccessible(page, 'certificates');
        await screenshots(page, 'certificates');
      }
      const [h, p, s] = annual.jwt.split('.') as [string, string, string];
      const i = Math.floor(p.length / 2);
      const changed = [h, p.slice(0, i) + (p[i] === 'A' ? 'B' : 'A') + p.slice(i + 1), s].join('.');
      await box.getByLabel('วางเนื้อหาใบรับรอง').fill(changed);
      await box.getByRole('button', { name: 'ตรวจสอบใบรับรอง' }).click();
      await expect.poll(() => box.getByTestId('verify-result').getAttribute('data-valid')).toBe('false');
      expect(await box.getByTestId('verify-result').textContent()).toContain('ใบรับรองนี้ไม่ถูกต้อง');
      expect((await publicVerify(changed)).json().error.code).toBe('invalid_certificate');
      // Not a certificate at all: said beside the box, nothing sent.
      await box.getByLabel('วางเนื้อหาใบรับรอง').fill('สวัสดี');
      await box.getByRole('button', { name: 'ตรวจสอบใบรับรอง' }).click();
      await expect.poll(() => page.locator('.error-summary').textContent()).toContain('ข้อความนี้ไม่ใช่ใบรับรอง');

      // A year without deeds: the API's nothing_to_certify in words, with the year in B.E.
      await page.getByLabel('ปีของใบรับรอง').selectOption('2025');
      await expect.poll(() => page.locator('#annual-title').textContent()).toBe('รายงานสรุปความดีประจำปี พ.ศ. 2568');
      const empty = page.getByTestId('certificate-annual-statement');
      await empty.getByRole('button').click();
      await expect.poll(() => empty.textContent()).toContain('ยังไม่มีความดีที่ได้รับเครดิตสำหรับใบรับรองนี้ในปี พ.ศ. 2568');
      await page.context().close();

      // Someone who is not signed in (an employer) checks the file on the same page.
      const visitor = await newPhoneContext(browser);
      const vpage = await visitor.newPage();
      await vpage.goto(`${web.base}/me/certificates`);
      await vpage.getByRole('heading', { level: 1, name: 'ใบรับรองความดี' }).waitFor();
      await vpage.getByLabel('วางเนื้อหาใบรับรอง').fill(`${hours.jwt}\n`);
      await vpage.getByRole('button', { name: 'ตรวจสอบใบรับรอง' }).click();
      await expect.poll(() => vpage.getByTestId('verify-result').getAttribute('data-valid')).toBe('true');
      expect(await vpage.getByTestId('verify-result').textContent()).toContain('ใบรับรองชั่วโมงจิตอาสา ปี พ.ศ. 2569');
      if (kind === 'sqlite') {
        await expectAccessible(vpage, 'certificates, signed out');
        await screenshots(vpage, 'certificates-visitor');
      }
      await visitor.close();
    },
    FLOW_MS,
  );
});
