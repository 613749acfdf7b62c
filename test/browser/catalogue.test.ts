// The good-deed catalogue in the browser: the points a recommendation predicts are the points the
// deed then earns; a second donation inside the interval says from which day (B.E.); anyone can
// search the catalogue and the indicators without signing in; an issuer publishes, edits and
// cancels through its own screen. SQLite for every screen; the prediction flow on PostgreSQL too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_TOKEN, auth, nextNationalId } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, scoreOf } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

// 10:00 on 20 Nov 2026 in Bangkok.
const NOW = new Date('2026-11-20T03:00:00Z');
const DONATION_DAY = new Date('2026-12-05T05:00:00Z');
const SECOND_DAY = new Date('2026-12-20T05:00:00Z');

type Json = Record<string, unknown>;
interface Listed {
  id: string;
  title: { th: string };
  status: string;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe.each(['sqlite', 'postgres'] as const)('the good-deed catalogue in the web app (%s)', (kind) => {
  let web: WebPlatform;
  let trc: string;
  let dsd: string;
  let khuangpao: string;
  const ids: Record<string, string> = {};

  const inject = (method: 'GET' | 'POST', url: string, token?: string, payload?: Json) =>
    web.platform.app.inject({ method, url, headers: token ? auth(token) : {}, ...(payload ? { payload } : {}) });
  async function publish(token: string, body: Json): Promise<string> {
    const r = await inject('POST', '/api/v1/opportunities', token, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  }
  const publicList = async (query: string) => {
    const r = await inject('GET', `/api/v1/opportunities?limit=100&${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ items: Listed[] }>().items;
  };
  /** A context whose page clock agrees with the platform's (the API's "now" and the page's). */
  async function context(at: Date): Promise<BrowserContext> {
    const ctx = await newPhoneContext(browser);
    await ctx.clock.setFixedTime(at);
    return ctx;
  }
  const cardIds = (page: Page) => page.getByTestId('opportunity').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  const card = (page: Page, id: string) => page.locator(`[data-testid="opportunity"][data-id="${id}"]`);

  beforeAll(async () => {
    web = await openWebPlatform(kind, { now: NOW });
    [trc, dsd, khuangpao] = (await Promise.all(['trc', 'dsd', 'khuangpao'].map((a) => agencyToken(web.platform.app, a)))) as [string, string, string];
    ids.blood = await publish(trc, {
      title: { th: 'รับบริจาคโลหิต โรงพยาบาลจอมทอง', en: 'Blood drive, Chom Thong Hospital' },
      description: { th: 'งดอาหารไขมันสูงก่อนบริจาค นำบัตรประชาชนมาด้วย' },
      indicator: 'trc.blood.red-cell',
      startsAt: '2026-12-05T08:30:00+07:00',
      endsAt: '2026-12-05T15:30:00+07:00',
      place: { name: 'โรงพยาบาลจอมทอง', areaCode: '500203', address: 'อาคารผู้ป่วยนอก ชั้น 2' },
      capacity: 120,
      contact: { phone: '053-341 004', email: 'blood@example.org', url: 'https://blood.redcross.or.th/donate' },
    });
    ids.forest = await publish(khuangpao, {
      title: { th: 'ปลูกป่าชุมชนข่วงเปา' },
      indicator: 'khuangpao.conservation',
      startsAt: '2026-12-10T07:00:00+07:00',
      endsAt: '2026-12-10T11:00:00+07:00',
      place: { name: 'ป่าชุมชนบ้านข่วงเปา', areaCode: '500204' },
    });
    ids.course = await publish(dsd, {
      title: { th: 'ทดสอบมาตรฐานฝีมือช่างไฟฟ้า' },
      indicator: 'dsd.skills.standard-test',
      startsAt: '2026-12-12T09:00:00+07:00',
      endsAt: '2026-12-12T16:00:00+07:00',
      place: { name: 'สถาบันพัฒนาฝีมือแรงงาน', areaCode: '100101' },
      capacity: 40,
    });
  });
  afterAll(async () => web?.cleanup());

  it('predicts the points a blood drive gives, and the credit on that day is exactly that', async () => {
    web.platform.clock.set(NOW);
    const person = await enrolPerson(web.platform.app, { areaCode: '500204', consents: ['enrolment', 'health'] });
    const ctx = await context(NOW);
    const page = await ctx.newPage();
    await signIn(page, web.base, { pid: person.nationalId, name: 'สมชาย ใจดี' }, '/catalogue');
    await page.waitForURL(`${web.base}/catalogue`);
    await card(page, ids.blood!).getByTestId('predicted-points').waitFor();

    // Nearest home first: the same subdistrict, then the same district, then elsewhere.
    expect(await cardIds(page)).toEqual([ids.forest, ids.blood, ids.course]);
    const blood = card(page, ids.blood!);
    expect(await blood.locator('.opp-near').textContent()).toBe('ในอำเภอของท่าน');
    const predicted = Number(await blood.getByTestId('predicted-points').getAttribute('data-points'));
    expect(await blood.getByTestId('predicted-points').textContent()).toBe(`ท่านจะได้ ${predicted} คะแนน`);
    expect(await blood.getByTestId('score-gain').textContent()).toContain(`นับเป็นคะแนนปี พ.ศ. 2569 ได้ ${predicted} คะแนน`);
    const text = (await blood.textContent()) ?? '';
    expect(text).toContain('เสาร์ 5 ธ.ค. 2569 เวลา 08:30–15:30\u00a0น.');
    expect(text).toContain('บ้านหลวง, จอมทอง, เชียงใหม่');
    expect(text).toContain('สภากาชาดไทย');
    expect(text).toContain('120 คน');
    expect(text).toContain('บริจาคโลหิต (เม็ดเลือดแดง) · 70 คะแนนต่อครั้ง');
    // The platform's own answer for this person says the same.
    const token = await personToken(web.platform.app, person.id);
    const api = (await inject('GET', `/api/v1/accounts/${person.id}/predictions?opportunity=${ids.blood}`, token)).json();
    expect(predicted).toBe(api.points);
    expect(predicted).toBe(70);
    const link = blood.locator('a.opp-url');
    expect(await link.getAttribute('href')).toBe('https://blood.redcross.or.th/donate');
    expect(await link.getAttribute('rel')).toContain('noopener');
    expect(await blood.getByRole('link', { name: 'โทร 053-341 004' }).getAttribute('href')).toBe('tel:053341004');
    if (kind === 'sqlite') {
      await expectAccessible(page, 'catalogue, signed in');
      await screenshots(page, 'catalogue-member');
    }

    // The Red Cross attests the donation on that day: the score rises by exactly the prediction.
    const year = 2026;
    const before = await scoreOf(web.platform.app, person.id, year);
    web.platform.clock.set(DONATION_DAY);
    const credited = await attest(web.platform.app, trc, {
      ref: `drive-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-12-05T10:15:00+07:00',
      evidence: { ref: 'TRC-CT-0001' },
    });
    expect(credited.json(), credited.body).toMatchObject({ status: 'credited', credit: { points: predicted, year } });
    const after = await scoreOf(web.platform.app, person.id, year);
    expect(after.points - before.points).toBe(predicted);

    // A second drive within 84 days: not yet, and from which day, in the Buddhist Era.
    ids[`again-${kind}`] = await publish(trc, {
      title: { th: 'รับบริจาคโลหิตเคลื่อนที่ ตลาดจอมทอง' },
      indicator: 'trc.blood.red-cell',
      startsAt: '2026-12-20T09:00:00+07:00',
      endsAt: '2026-12-20T14:00:00+07:00',
      place: { name: 'ตลาดจอมทอง', areaCode: '500203' },
    });
    const again = ids[`again-${kind}`]!;
    // Two weeks later the session has expired: the person signs in again.
    await ctx.clock.setFixedTime(DONATION_DAY);
    await signIn(page, web.base, { pid: person.nationalId, name: 'สมชาย ใจดี' }, '/catalogue');
    const notYet = card(page, again).getByTestId('next-eligible');
    await notYet.waitFor();
    // 5 Dec 2026 + 84 days = 27 Feb 2027 = 27 ก.พ. 2570.
    expect(await notYet.getAttribute('data-date')).toBe('2027-02-27');
    expect(await notYet.textContent()).toBe('บริจาคโลหิต (เม็ดเลือดแดง) ได้อีกครั้งตั้งแต่ 27 ก.พ. 2570');
    expect(await card(page, again).getByTestId('prediction').textContent()).toContain('ครั้งนี้ยังไม่ได้คะแนน');
    if (kind === 'sqlite') {
      await expectAccessible(page, 'catalogue, not yet');
      await card(page, again).scrollIntoViewIfNeeded();
      await screenshots(page, 'catalogue-not-yet');
    }
    if (kind === 'sqlite') {
      // The same answer in English, with the Gregorian date.
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => notYet.textContent()).toBe('Red-cell blood donation counts again from 27 Feb 2027');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Good-deed activities');
      await screenshots(page, 'catalogue-not-yet-en');
      await page.getByRole('button', { name: 'ไทย' }).click();
      await expect.poll(() => notYet.textContent()).toContain('ได้อีกครั้งตั้งแต่');
    }
    // …and the deed on that day indeed earns nothing.
    web.platform.clock.set(SECOND_DAY);
    const refused = await attest(web.platform.app, trc, {
      ref: `again-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-12-20T10:00:00+07:00',
      evidence: { ref: 'TRC-CT-0002' },
    });
    expect(refused.json()).toMatchObject({ status: 'rejected', reason: { code: 'cap_exceeded' } });
    expect((await scoreOf(web.platform.app, person.id, year)).points).toBe(after.points);

    // The person's own page shows the risen score.
    await ctx.clock.setFixedTime(SECOND_DAY);
    await signIn(page, web.base, { pid: person.nationalId, name: 'สมชาย ใจดี' }, '/me');
    await expect.poll(() => page.getByTestId('score-points').textContent()).toContain(`${after.points} จาก 1,000`);
    await ctx.close();
    web.platform.clock.set(NOW);
  }, 90_000);

  // The screens themselves, on SQLite (the API beneath them is tested on both databases).
  if (kind === 'sqlite') {
    it('shows a person without consent how to give it, on the opportunity’s own page', async () => {
      web.platform.clock.set(NOW);
      const person = await enrolPerson(web.platform.app, { areaCode: '500204', consents: ['enrolment'] });
      const ctx = await context(NOW);
      const page = await ctx.newPage();
      await signIn(page, web.base, { pid: person.nationalId, name: 'สมศรี ใจงาม' }, `/catalogue/${ids.blood}`);
      const box = page.getByTestId('prediction');
      await box.waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('รับบริจาคโลหิต โรงพยาบาลจอมทอง');
      expect(await box.textContent()).toContain('ต้องให้ความยินยอมข้อมูลสุขภาพก่อน');
      expect(await box.textContent()).toContain('ที่เจ้าหน้าที่ลงทะเบียนของ อบต./เทศบาล');
      expect(await page.locator('.opp-description').textContent()).toContain('นำบัตรประชาชนมาด้วย');
      await expectAccessible(page, 'opportunity page');
      await screenshots(page, 'opportunity-detail');
      // An id that does not exist is a page that says so.
      await page.goto(`${web.base}/catalogue/no-such-opportunity`);
      await page.getByRole('heading', { name: 'ไม่พบกิจกรรมนี้' }).waitFor();
      await ctx.close();
    }, 90_000);

    it('lists and filters without signing in, by domain, province and district, with "more"', async () => {
      web.platform.clock.set(NOW);
      for (let i = 0; i < 11; i++)
        await publish(dsd, {
          title: { th: `อบรมช่างเชื่อมรุ่นที่ ${i + 1}` },
          indicator: 'dsd.skills.training-hours',
          startsAt: `2026-12-${String(14 + i).padStart(2, '0')}T09:00:00+07:00`,
          endsAt: `2026-12-${String(14 + i).padStart(2, '0')}T15:00:00+07:00`,
          place: { name: 'ศูนย์พัฒนาฝีมือแรงงานกรุงเทพ', areaCode: '100101' },
        });
      const ctx = await context(NOW);
      const page = await ctx.newPage();
      await page.goto(`${web.base}/catalogue`);
      await page.getByTestId('opportunity').first().waitFor();
      expect(await page.getByRole('link', { name: /เข้าสู่ระบบเพื่อดูกิจกรรมใกล้บ้าน/ }).count()).toBe(1);
      expect(await page.getByTestId('prediction').count()).toBe(0);
      // The first page, then "more" with the API's cursor until the list is complete.
      const all = await publicList('');
      expect(await cardIds(page)).toEqual(all.slice(0, 10).map((o) => o.id));
      await expectAccessible(page, 'catalogue, public');
      await screenshots(page, 'catalogue-public');
      await page.getByRole('button', { name: 'แสดงกิจกรรมเพิ่มเติม' }).click();
      await expect.poll(() => page.getByTestId('opportunity').count()).toBe(Math.min(20, all.length));
      // Focus moves to the first of the new ones.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`opp-${all[10]!.id}-link`);
      while (await page.getByRole('button', { name: 'แสดงกิจกรรมเพิ่มเติม' }).count()) {
        const n = await page.getByTestId('opportunity').count();
        await page.getByRole('button', { name: 'แสดงกิจกรรมเพิ่มเติม' }).click();
        await expect.poll(() => page.getByTestId('opportunity').count()).toBeGreaterThan(n);
      }
      expect(await cardIds(page)).toEqual(all.map((o) => o.id));
      expect(await page.getByTestId('result-count').textContent()).toBe(`แสดง ${all.length} กิจกรรม`);

      // By domain.
      await page.getByLabel('ด้าน').selectOption({ label: 'การเรียนรู้ตลอดชีวิต' });
      await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
      await page.waitForURL(/domain=learning/);
      await expect.poll(() => cardIds(page)).toEqual((await publicList('domain=learning')).slice(0, 10).map((o) => o.id));
      expect((await page.getByTestId('opportunity').allTextContents()).every((t) => t.includes('การเรียนรู้ตลอดชีวิต'))).toBe(true);

      // By province, then district (the domain cleared).
      await page.getByRole('button', { name: 'ล้างการค้นหา' }).click();
      await page.waitForURL(`${web.base}/catalogue`);
      await page.getByLabel('จังหวัด').selectOption({ label: 'เชียงใหม่' });
      await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
      await page.waitForURL(/province=50/);
      const chiangMai = (await publicList('area=50')).map((o) => o.id);
      expect(chiangMai).toEqual(expect.arrayContaining([ids.blood, ids.forest]));
      expect(chiangMai).not.toContain(ids.course);
      await expect.poll(() => cardIds(page)).toEqual(chiangMai);
      await page.getByLabel('อำเภอ/เขต').selectOption({ label: 'จอมทอง' });
      await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
      await page.waitForURL(/district=5002/);
      await expect.poll(() => cardIds(page)).toEqual((await publicList('area=5002')).map((o) => o.id));
      // Words and a domain together; nothing found says so.
      await page.getByLabel('คำค้น').fill('โลหิต');
      await page.getByLabel('ด้าน').selectOption({ label: 'สิ่งแวดล้อมและทรัพยากร' });
      await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
      await expect.poll(() => page.getByTestId('result-count').textContent()).toContain('ไม่พบกิจกรรม');
      // A hand-made address with nonsense filters still shows the list rather than an error.
      await page.goto(`${web.base}/catalogue?domain=punishment&province=x&district=9999`);
      await page.getByTestId('opportunity').first().waitFor();
      expect(await page.locator('.notice-error').count()).toBe(0);
      await ctx.close();
    }, 90_000);

    it('shows the indicators by domain, searchable, with caps, attesters and certification in words', async () => {
      const ctx = await context(NOW);
      const page = await ctx.newPage();
      await page.goto(`${web.base}/indicators`);
      await page.getByTestId('indicator').first().waitFor();
      const all = (await inject('GET', '/api/v1/indicators')).json<{ items: Array<{ code: string; domain: string }> }>().items;
      expect(await page.getByTestId('indicator').count()).toBe(all.length);
      await page.getByLabel('คำค้น').fill('โลหิต');
      await expect.poll(() => page.getByTestId('indicator').count()).toBeLessThan(all.length);
      const red = page.locator('[data-testid="indicator"][data-code="trc.blood.red-cell"]');
      const redText = (await red.textContent()) ?? '';
      expect(redText).toContain('70 คะแนนต่อครั้ง');
      expect(redText).toContain('เว้นระยะอย่างน้อย 84 วันจากครั้งก่อน');
      expect(redText).toContain('สภากาชาดไทย');
      expect(redText).toContain('ได้คะแนนทันทีเมื่อหน่วยงานบันทึก');
      expect(redText).toContain('ข้อมูลสุขภาพ');
      const kp = page.locator('[data-testid="indicator"][data-code="khuangpao.blood-donation"]');
      expect(await kp.getByTestId('certification').textContent()).toContain('ต้องได้รับการรับรองจากผู้รับรองในพื้นที่');
      expect(await kp.textContent()).toContain('ข่วงเปา, จอมทอง, เชียงใหม่');
      await expectAccessible(page, 'indicators');
      await screenshots(page, 'indicators');
      await page.getByLabel('คำค้น').fill('');
      await page.getByLabel('ด้าน').selectOption({ label: 'คุณภาพชีวิตและความปลอดภัย' });
      const safety = all.filter((i) => i.domain === 'safety').length;
      await expect.poll(() => page.getByTestId('indicator').count()).toBe(safety);
      await page.getByLabel('สำหรับ').selectOption({ label: 'องค์กร' });
      await expect.poll(() => page.locator('[data-testid="indicator"][data-code="nat.org.safe-workplace"]').count()).toBe(1);
      expect(await page.locator('[data-testid="indicator"][data-code="nat.community.anti-drug"]').count()).toBe(0);
      // Once per lifetime and a yearly points cap, in words.
      await page.getByLabel('ด้าน').selectOption({ label: 'ทุกด้าน' });
      await page.getByLabel('สำหรับ').selectOption({ label: 'ทุกประเภทบัญชี' });
      expect(await page.locator('[data-code="trc.organ-pledge"]').textContent()).toContain('ได้คะแนนครั้งเดียวตลอดชีวิต');
      expect(await page.locator('[data-code="dsd.skills.training-hours"]').textContent()).toContain('รวมไม่เกิน 120 คะแนนต่อปี');
      await ctx.close();
    }, 90_000);

    it('lets an issuer publish, edit and cancel through its own screen, and no one else', async () => {
      web.platform.clock.set(NOW);
      const officer = nextNationalId();
      const grant = await inject('POST', '/api/v1/agencies/trc/staff', ADMIN_TOKEN, { nationalId: officer, role: 'issuer', label: 'พยาบาล ใจดี' });
      expect(grant.statusCode, grant.body).toBe(201);
      const ctx = await context(NOW);
      const page = await ctx.newPage();
      await signIn(page, web.base, { pid: officer, name: 'พยาบาล ใจดี' }, '/staff/trc/opportunities');
      await page.getByRole('heading', { level: 1, name: 'กิจกรรมความดีของหน่วยงาน' }).waitFor();
      // The Red Cross's own list holds the blood drive published through the API, not other agencies'.
      await page.getByTestId('own-opportunity').first().waitFor();
      const own = await page.getByTestId('own-opportunity').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      expect(own).toContain(ids.blood);
      expect(own).not.toContain(ids.course);
      await expectAccessible(page, 'staff opportunities');
      await screenshots(page, 'staff-opportunities');

      await page.getByRole('link', { name: 'ประกาศกิจกรรมใหม่' }).click();
      await page.getByRole('heading', { level: 1, name: 'ประกาศกิจกรรมความดี' }).waitFor();
      // Only the Red Cross's indicators can be chosen.
      const options = await page.locator('#indicator option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
      expect(options.length).toBeGreaterThan(0);
      expect(options.every((o) => o.startsWith('trc.'))).toBe(true);
      // Nothing filled: the summary names each missing field and takes focus.
      await page.getByRole('button', { name: 'ประกาศกิจกรรม', exact: true }).click();
      const summary = page.locator('.error-summary');
      await summary.waitFor();
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
      expect(await summary.textContent()).toContain('กรุณากรอกชื่อกิจกรรมภาษาไทย');
      expect(await summary.textContent()).toContain('กรุณาเลือกตำบลที่จัดกิจกรรม');
      await expectAccessible(page, 'publish form with errors');
      await screenshots(page, 'opportunity-form-errors');

      const title = 'รับบริจาคเกล็ดเลือด ศูนย์บริการโลหิตแห่งชาติ สาขาเชียงใหม่';
      await page.getByLabel('ชื่อกิจกรรม (ภาษาไทย)').fill(title);
      await page.getByLabel('ชื่อกิจกรรม (ภาษาอังกฤษ)').fill('Platelet donation day');
      await page.getByLabel('ความดีที่บันทึกให้ผู้มาร่วม (ตัวชี้วัด)').selectOption('trc.blood.platelets');
      await page.getByLabel('รายละเอียด (ภาษาไทย)').fill('ลงทะเบียนล่วงหน้าทางโทรศัพท์');
      await page.getByLabel('วันเริ่ม').fill('2026-12-28');
      expect(await page.getByTestId('startDate-be').textContent()).toBe('จันทร์ 28 ธ.ค. 2569');
      await page.getByLabel('เวลาเริ่ม').fill('09:00');
      await page.getByLabel('วันสิ้นสุด').fill('2026-12-28');
      await page.getByLabel('เวลาสิ้นสุด').fill('12:00');
      await page.getByLabel('ชื่อสถานที่').fill('ศูนย์บริการโลหิต เชียงใหม่');
      await page.getByLabel('จังหวัด').selectOption({ label: 'เชียงใหม่' });
      await page.getByLabel('อำเภอ/เขต').selectOption({ label: 'จอมทอง' });
      await page.getByLabel('ตำบล/แขวง').selectOption({ label: 'บ้านหลวง' });
      await page.getByLabel(/จำนวนที่รับ/).fill('50');
      await page.getByLabel(/โทรศัพท์/).fill('053-222 333');
      // A script link is refused before it is ever sent.
      await page.getByLabel(/เว็บไซต์/).fill('javascript:alert(1)');
      await page.getByRole('button', { name: 'ประกาศกิจกรรม', exact: true }).click();
      await expect.poll(() => summary.textContent()).toContain('ลิงก์ต้องขึ้นต้นด้วย https:// หรือ http://');
      expect(await summary.textContent()).not.toContain('กรุณากรอกชื่อกิจกรรม');
      await page.getByLabel(/เว็บไซต์/).fill('https://blood.redcross.or.th/platelets');
      await expectAccessible(page, 'publish form');
      await screenshots(page, 'opportunity-form');
      // Pressed twice: one opportunity.
      await page.getByRole('button', { name: 'ประกาศกิจกรรม', exact: true }).dblclick();
      await page.waitForURL(/\/staff\/trc\/opportunities\?done=published/);
      await page.getByTestId('done').waitFor();
      const mine = (await publicList('agency=trc')).filter((o) => o.title.th === title);
      expect(mine).toHaveLength(1);
      const created = (await inject('GET', `/api/v1/opportunities/${mine[0]!.id}`)).json();
      expect(created).toMatchObject({
        title: { th: title, en: 'Platelet donation day' },
        description: { th: 'ลงทะเบียนล่วงหน้าทางโทรศัพท์', en: null },
        indicator: { code: 'trc.blood.platelets' },
        startsAt: '2026-12-28T02:00:00.000Z',
        endsAt: '2026-12-28T05:00:00.000Z',
        place: { name: 'ศูนย์บริการโลหิต เชียงใหม่', areaCode: '500203', address: null },
        capacity: 50,
        contact: { phone: '053-222 333', email: null, url: 'https://blood.redcross.or.th/platelets' },
      });

      // Edit: only what changed is sent.
      await page.getByRole('link', { name: `แก้ไข ${title}` }).click();
      await page.getByRole('heading', { level: 1, name: 'แก้ไขกิจกรรมความดี' }).waitFor();
      expect(await page.getByLabel('วันเริ่ม').inputValue()).toBe('2026-12-28');
      expect(await page.getByLabel('เวลาเริ่ม').inputValue()).toBe('09:00');
      await page.getByLabel(/จำนวนที่รับ/).fill('80');
      await page.getByLabel(/โทรศัพท์/).fill('');
      await page.getByRole('button', { name: 'บันทึกการแก้ไข' }).click();
      await page.waitForURL(/done=saved/);
      expect((await inject('GET', `/api/v1/opportunities/${created.id}`)).json()).toMatchObject({
        capacity: 80,
        contact: { phone: null, url: 'https://blood.redcross.or.th/platelets' },
        title: { th: title },
      });

      // Cancel, in two steps; it leaves the public catalogue.
      await page.getByRole('button', { name: `ยกเลิก ${title}` }).click();
      await page.getByRole('button', { name: 'ยืนยันการยกเลิก' }).click();
      await expect.poll(() => page.getByTestId('done').textContent()).toContain(`ยกเลิก “${title}” แล้ว`);
      expect((await inject('GET', `/api/v1/opportunities/${created.id}`)).json().status).toBe('cancelled');
      expect((await publicList('')).map((o) => o.id)).not.toContain(created.id);
      await page.getByLabel('แสดง').selectOption('cancelled');
      await expect.poll(() => page.getByTestId('own-opportunity').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toContain(created.id);
      // The public page says it was cancelled.
      await page.goto(`${web.base}/catalogue/${created.id}`);
      await page.getByTestId('cancelled').waitFor();

      // Not another agency's screen, nor another agency's opportunity.
      await page.goto(`${web.base}/staff/dsd/opportunities`);
      await page.getByRole('heading', { level: 1, name: 'ท่านไม่ได้เป็นเจ้าหน้าที่ของหน่วยงานนี้' }).waitFor();
      await page.goto(`${web.base}/staff/trc/opportunities/${ids.course}/edit`);
      await page.getByRole('heading', { level: 1, name: 'ไม่พบกิจกรรมนี้ในหน่วยงานของท่าน' }).waitFor();
      const patch = await page.evaluate(async (id) => {
        const me = await (await fetch('/api/v1/me')).json();
        const r = await fetch(`/api/v1/opportunities/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'x-khwamdee-agency': 'trc' },
          body: JSON.stringify({ capacity: 1 }),
        });
        return r.status;
      }, ids.course!);
      expect(patch).toBe(404);
      await ctx.close();

      // A staff member of the Red Cross without the issuer role is told so.
      const admin = nextNationalId();
      expect((await inject('POST', '/api/v1/agencies/trc/staff', ADMIN_TOKEN, { nationalId: admin, role: 'admin', label: 'ผู้ดูแล' })).statusCode).toBe(201);
      const ctx2 = await context(NOW);
      const page2 = await ctx2.newPage();
      await signIn(page2, web.base, { pid: admin, name: 'ผู้ดูแล' }, '/staff/trc/opportunities/new');
      await page2.getByRole('heading', { level: 1, name: /ท่านไม่มีบทบาท "ผู้รับรองความดี"/ }).waitFor();
      await ctx2.close();
    }, 120_000);
  }
});
