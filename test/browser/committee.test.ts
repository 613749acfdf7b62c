// The committee's screen and an agency administrator's staff screen in chromium, against a real
// server: what the committee approves in the browser is what the API then credits; a refusal needs a
// reason and shows in the history; a role granted on /people opens the API to that person, and stops
// when revoked; staff without the role see why and the API refuses them too. SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TRC_INDICATORS } from '../../src/core/seed/indicators.js';
import { ADMIN_TOKEN, auth, nextNationalId } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

type Json = Record<string, unknown>;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** A fetch from the signed-in page itself (its session cookie), acting for `agency`. */
const apiFromPage = (page: Page, path: string, agency?: string) =>
  page.evaluate(
    async ([p, a]) => {
      const res = await fetch(p as string, { headers: a ? { 'x-khwamdee-agency': a } : {} });
      return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
    },
    [path, agency] as const,
  );

// Long flows in a real browser on a shared two-core machine: more time than a unit test.
describe('the committee and agency staff in the web app (sqlite)', { timeout: 120_000 }, () => {
  let web: WebPlatform;
  let trc: string;
  let ptt: string;
  let committeeKey: string;

  beforeAll(async () => {
    web = await openWebPlatform('sqlite', { now: new Date() });
    trc = await agencyToken(web.platform.app, 'trc');
    ptt = await agencyToken(web.platform.app, 'ptt');
    committeeKey = await agencyToken(web.platform.app, 'committee');
  });
  afterAll(async () => web?.cleanup());

  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: Json) =>
    web.platform.app.inject({ method, url, headers: auth(token), ...(payload ? { payload } : {}) });
  const grant = async (agency: string, role: string, label: string) => {
    const pid = nextNationalId();
    const res = await inject('POST', `/api/v1/agencies/${agency}/staff`, ADMIN_TOKEN, { nationalId: pid, role, label });
    expect(res.statusCode, res.body).toBe(201);
    return { pid, name: label };
  };
  const now = () => web.platform.clock.now().toISOString();
  const card = (page: Page, code: string) => page.locator(`[data-testid="proposal"][data-code="${code}"]`);

  it('lets a committee member approve an indicator in the browser, after which the API credits it', async () => {
    const code = 'trc.blood.hundredth';
    const start = web.platform.clock.now();
    const DAY = 86_400_000;
    web.platform.clock.set(new Date(start.getTime() - 3 * DAY));
    const proposed = await inject('POST', '/api/v1/indicators', trc, {
      definition: {
        code,
        name: { th: 'บริจาคโลหิตครบ 100 ครั้ง', en: '100th blood donation' },
        domain: 'health',
        accountKinds: ['person'],
        owner: { kind: 'agency', agency: 'trc' },
        unit: 'occurrence',
        points: 100,
        caps: { oncePerLifetime: true },
        certification: 'auto',
        evidence: 'reference',
        sensitive: 'health',
      },
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const plasma = TRC_INDICATORS.find((i) => i.code === 'trc.blood.plasma') as Json;
    web.platform.clock.set(new Date(start.getTime() - DAY));
    const later = new Date(start.getTime() + 30 * DAY).toISOString();
    expect(
      (await inject('PUT', '/api/v1/indicators/trc.blood.plasma', trc, { definition: { ...plasma, points: 90, caps: { minIntervalDays: 28 } }, effectiveFrom: later })).statusCode,
    ).toBe(201);
    web.platform.clock.set(start);
    const privilege = await inject('POST', '/api/v1/privileges', ptt, {
      code: 'ptt.pharmacy-5',
      partner: 'ptt',
      name: { th: 'ส่วนลดร้านยาในสถานีบริการ 5%', en: '5% off at station pharmacies' },
      category: 'discount',
      kind: 'threshold',
      criteria: { minScore: 200 },
      stock: 10_000,
      nationwide: true,
      validFrom: now(),
      validUntil: later,
    });
    expect(privilege.statusCode, privilege.body).toBe(201);

    // Not yet approved: the issuer cannot credit it.
    const person = await enrolPerson(web.platform.app);
    const deed = (ref: string) => ({ ref, subject: { accountId: person.id }, indicator: code, occurredAt: now(), evidence: { ref: 'D-100' } });
    const early = await attest(web.platform.app, trc, deed('hundredth-early'));
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json().error.code).toBe('indicator_not_approved');

    const member = await grant('committee', 'committee', 'กรรมการ ทดสอบระบบ');
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, member, '/staff/committee/committee');
    await page.waitForURL(`${web.base}/staff/committee/committee`);
    await expect.poll(() => page.getByTestId('proposal').count()).toBe(3);
    // Oldest first, with its age; the revision side by side with what changed; the privilege flagged.
    expect(await page.getByTestId('proposal').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual([code, 'trc.blood.plasma', 'ptt.pharmacy-5']);
    expect(await card(page, code).textContent()).toContain('รอมาแล้ว 3 วัน');
    expect(await card(page, 'trc.blood.plasma').textContent()).toContain('รอมาแล้ว 1 วัน');
    expect(await card(page, 'ptt.pharmacy-5').textContent()).toContain('เสนอวันนี้');
    expect(await card(page, code).textContent()).toContain('ตัวชี้วัดใหม่');
    const revision = card(page, 'trc.blood.plasma');
    expect(await revision.getByTestId('changed-points').textContent()).toMatch(/70 คะแนนต่อครั้ง.*90 คะแนนต่อครั้ง/);
    expect(await revision.getByTestId('changed-caps.minIntervalDays').textContent()).toMatch(/14 วัน.*28 วัน/);
    expect(await revision.textContent()).toMatch(/25\d\d/);
    expect(await card(page, 'ptt.pharmacy-5').getByTestId('basic-rights-flag').textContent()).toContain('“ร้านยา”');
    await expectAccessible(page, 'committee queue');
    await screenshots(page, 'committee');

    await card(page, code).getByRole('button', { name: /^อนุมัติ/ }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('อนุมัติ “บริจาคโลหิตครบ 100 ครั้ง” แล้ว');
    await expect.poll(() => card(page, code).count()).toBe(0);
    const approved = (await inject('GET', `/api/v1/indicators/${code}`, committeeKey)).json();
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { kind: 'agency', agency: 'committee' } });
    const credited = await attest(web.platform.app, trc, deed('hundredth-after'));
    expect(credited.statusCode, credited.body).toBe(201);
    expect(credited.json()).toMatchObject({ status: 'credited', credit: { points: 100 } });

    // A refusal without a reason is stopped on the page and nothing is decided.
    await revision.getByRole('button', { name: /^ไม่อนุมัติ/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await revision.getByRole('button', { name: 'ยืนยันไม่อนุมัติ' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('กรุณาระบุเหตุผลที่ไม่อนุมัติ');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await revision.getByLabel('เหตุผลที่ไม่อนุมัติ').fill('   ');
    await revision.getByRole('button', { name: 'ยืนยันไม่อนุมัติ' }).click();
    await expect.poll(() => revision.locator('.field-message').textContent()).toContain('กรุณาระบุเหตุผล');
    const still = (await inject('GET', '/api/v1/indicators/trc.blood.plasma', committeeKey)).json<{ versions: Array<{ status: string }> }>();
    expect(still.versions.map((v) => v.status)).toEqual(['approved', 'proposed']);
    await expectAccessible(page, 'committee refusal errors');
    await screenshots(page, 'committee-refuse-errors');

    const reason = 'ขอข้อมูลประกอบการเพิ่มคะแนนและการเว้นระยะ 28 วันก่อน';
    await revision.getByLabel('เหตุผลที่ไม่อนุมัติ').fill(reason);
    await revision.getByRole('button', { name: 'ยืนยันไม่อนุมัติ' }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('ไม่อนุมัติ “บริจาคพลาสมา”');
    const refused = (await inject('GET', '/api/v1/indicators/trc.blood.plasma', committeeKey)).json<{ versions: Json[] }>();
    expect(refused.versions[1]).toMatchObject({ status: 'refused', refusalReason: reason });

    // The catalogue history shows the refusal with its reason, and the new indicator in force.
    await page.getByLabel('ค้นหาตัวชี้วัด').fill('trc.blood.plasma');
    const entry = page.locator('[data-testid="catalogue-entry"][data-code="trc.blood.plasma"]');
    await entry.locator('summary').click();
    const v2 = entry.locator('[data-testid="version"][data-version="2"]');
    await expect.poll(() => v2.getAttribute('data-status')).toBe('refused');
    expect(await v2.textContent()).toContain(reason);
    expect(await entry.locator('[data-testid="version"][data-version="1"]').textContent()).toContain('ใช้อยู่ขณะนี้');
    await expectAccessible(page, 'committee catalogue');
    await screenshots(page, 'committee-catalogue');
    await page.getByLabel('ค้นหาตัวชี้วัด').fill('');
    await page.getByLabel('ค้นหาตัวชี้วัด').fill(code);
    const hundredth = page.locator(`[data-testid="catalogue-entry"][data-code="${code}"]`);
    expect(await hundredth.locator('summary').textContent()).toContain('ใช้อยู่: รุ่นที่ 1 · 100 คะแนนต่อครั้ง');
    await hundredth.locator('summary').click();
    expect(await hundredth.locator('[data-testid="version"]').getAttribute('data-status')).toBe('approved');

    // Another member decides the privilege first: said plainly, and the list is read again.
    expect((await inject('POST', '/api/v1/privileges/ptt.pharmacy-5/approve', committeeKey)).statusCode).toBe(200);
    await card(page, 'ptt.pharmacy-5').getByRole('button', { name: /^อนุมัติ/ }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('กรรมการท่านอื่นพิจารณา “ส่วนลดร้านยาในสถานีบริการ 5%” ไปแล้ว');
    await expect.poll(() => page.getByTestId('proposal').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 2, name: /รอการพิจารณา/ }).textContent()).toContain('0 รายการ');
    await screenshots(page, 'committee-already-decided');

    // English works too, with nothing Thai left in the frame of the screen.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('National Good-Deed Committee');
    expect(await page.getByTestId('outcome').textContent()).toContain('Another committee member has already decided on “5% off at station pharmacies”');
    expect(await page.locator('main').textContent()).not.toMatch(/[\u0E00-\u0E7F]/);
    await context.close();
  });

  it('lets an agency administrator grant a role on /people that opens the API to that person, until revoked', async () => {
    const admin = await grant('khuangpao', 'admin', 'ผู้ดูแล ข่วงเปา');
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, admin, '/staff/khuangpao/people');
    await page.waitForURL(`${web.base}/staff/khuangpao/people`);
    await expect.poll(() => page.getByTestId('grant').count()).toBe(1);
    expect(await page.locator('.lead').textContent()).toContain('ไม่ได้มาจากระบบยืนยันตัวตน');
    // Only the roles Khuang Pao holds, and its administrator; not the committee's.
    const offered = await page.getByRole('radio').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(offered).toEqual(['admin', 'issuer', 'certifier', 'registrar', 'partner']);
    await expectAccessible(page, 'people');
    await screenshots(page, 'people');

    // Nothing filled, then a national ID with a wrong check digit.
    await page.getByRole('button', { name: 'มอบบทบาท' }).click();
    await expect.poll(() => page.locator('.error-summary li').count()).toBe(3);
    const certifier = { pid: nextNationalId(), name: 'ผู้รับรอง ใหม่' };
    const wrong = certifier.pid.slice(0, 12) + String((Number(certifier.pid[12]) + 1) % 10);
    await page.getByLabel('ชื่อ–นามสกุลของเจ้าหน้าที่').fill(certifier.name);
    await page.getByLabel('เลขประจำตัวประชาชน 13 หลัก').fill(wrong);
    await page.getByLabel(/ผู้รับรองในพื้นที่/).check();
    await page.getByRole('button', { name: 'มอบบทบาท' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('กรุณากรอกเลขประจำตัวประชาชน 13 หลักให้ถูกต้อง');
    await expectAccessible(page, 'people errors');
    await screenshots(page, 'people-errors');

    // Typed the way it is printed on the card, with dashes.
    const printed = `${certifier.pid[0]}-${certifier.pid.slice(1, 5)}-${certifier.pid.slice(5, 10)}-${certifier.pid.slice(10, 12)}-${certifier.pid[12]}`;
    await page.getByLabel('เลขประจำตัวประชาชน 13 หลัก').fill(printed);
    await page.getByRole('button', { name: 'มอบบทบาท' }).click();
    await expect.poll(() => page.getByTestId('people-notice').textContent()).toContain('มอบบทบาท “ผู้รับรองในพื้นที่” ให้ ผู้รับรอง ใหม่ แล้ว');
    await expect.poll(() => page.getByTestId('grant').count()).toBe(2);
    // The national ID is never shown back: not in the field, not anywhere on the page.
    expect(await page.getByLabel('เลขประจำตัวประชาชน 13 หลัก').inputValue()).toBe('');
    const html = await page.content();
    expect(html).not.toContain(certifier.pid);
    expect(html).not.toContain(certifier.pid.slice(-4));
    const row = page.getByTestId('grant').filter({ hasText: certifier.name });
    expect(await row.textContent()).toMatch(/ผู้รับรองในพื้นที่ · มอบเมื่อ \d+ .+ 25\d\d/);

    // The new certifier signs in and reads Khuang Pao's certification queue through the API.
    const other = await newPhoneContext(browser);
    const certPage = await other.newPage();
    await signIn(certPage, web.base, certifier, '/staff/khuangpao');
    expect((await apiFromPage(certPage, '/api/v1/attestations/pending', 'khuangpao')).status).toBe(200);

    // Revoked after a confirmation: the same request is refused at once.
    await row.getByRole('button', { name: /ถอนบทบาท/ }).click();
    expect(await row.textContent()).toContain('ถอนบทบาท “ผู้รับรองในพื้นที่” ของ ผู้รับรอง ใหม่?');
    await screenshots(page, 'people-revoke');
    await row.getByRole('button', { name: 'ยืนยันถอนบทบาท' }).click();
    await expect.poll(() => page.getByTestId('people-notice').textContent()).toContain('ถอนบทบาท “ผู้รับรองในพื้นที่” ของ ผู้รับรอง ใหม่ แล้ว');
    await expect.poll(() => page.getByTestId('grant').count()).toBe(1);
    const after = await apiFromPage(certPage, '/api/v1/attestations/pending', 'khuangpao');
    expect(after.status).toBe(403);
    expect(after.body.error?.code).toBe('forbidden');
    await other.close();

    // Another agency's staff are not this administrator's: the screen says so and the API does not confirm the agency.
    await page.goto(`${web.base}/staff/trc/people`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('ท่านไม่ได้เป็นเจ้าหน้าที่ของหน่วยงานนี้');
    expect((await apiFromPage(page, '/api/v1/agencies/trc/staff', 'khuangpao')).body.error?.code).toBe('agency_not_found');
    expect((await apiFromPage(page, '/api/v1/agencies/trc/staff', 'trc')).status).toBe(403);
    await context.close();
  });

  it('shows staff without the committee role why, and the API refuses them', async () => {
    const officer = await grant('khuangpao', 'certifier', 'เจ้าหน้าที่ รับรอง');
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await signIn(page, web.base, officer, '/staff/khuangpao/committee');
    await page.waitForURL(`${web.base}/staff/khuangpao/committee`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('ท่านไม่มีบทบาท "คณะกรรมการ" ในหน่วยงานนี้');
    expect(await page.getByTestId('proposal').count()).toBe(0);
    for (const path of ['/api/v1/committee/proposals', '/api/v1/committee/catalogue']) {
      const r = await apiFromPage(page, path, 'khuangpao');
      expect(r.status).toBe(403);
      expect(r.body.error?.code).toBe('forbidden');
    }
    // Nor may they decide, whatever the page shows.
    const decide = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/privileges/ptt.fuel-3/refuse', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'x-khwamdee-agency': 'khuangpao' },
        body: JSON.stringify({ reason: 'test' }),
      });
      return res.status;
    });
    expect(decide).toBe(403);
    await expectAccessible(page, 'committee role missing');
    await screenshots(page, 'committee-role-missing');
    // The administrator's screen is not theirs either.
    await page.goto(`${web.base}/staff/khuangpao/people`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('ท่านไม่มีบทบาท "ผู้ดูแลหน่วยงาน" ในหน่วยงานนี้');
    await context.close();
  });
});
