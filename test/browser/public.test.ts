// The public pages, no sign-in: the statistics dashboard never shows a count under the minimum
// (table, map titles and labels), the log page verifies the checkpoint in the browser, and "check a
// credit" verifies a real credit and fails loudly on a tampered proof or entry. SQLite.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_TOKEN, auth } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots } from './browser.js';

/** A digit 1–9 standing alone: what a people count under 10 would look like. */
const SMALL_COUNT = /(^|[^\d,.])[1-9]([^\d,.]|$)/;
const WITHHELD_PEOPLE = 'ไม่เปิดเผย (อาจน้อยกว่า 10 คน)';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('the public pages (sqlite)', () => {
  let web: WebPlatform;
  /** Log index of one real credit. */
  let creditIndex = -1;
  let treeSize = 0;

  beforeAll(async () => {
    web = await openWebPlatform('sqlite', { now: new Date('2026-06-15T03:00:00Z'), platform: { sequencer: { autoStart: false } } });
    const app = web.platform.app;
    const trc = await agencyToken(app, 'trc');
    // Bueng Kan 3 people, Bangkok 10, Kanchanaburi 12, all consenting to statistics, one red-cell
    // donation each. Bueng Kan is withheld for being small; Bangkok (the smallest other province)
    // as its complement, or national − Kanchanaburi would reveal it; Kanchanaburi is published.
    let n = 0;
    for (const [area, count] of [
      ['380101', 3],
      ['100101', 10],
      ['710911', 12],
    ] as const)
      for (let i = 0; i < count; i++) {
        const person = await enrolPerson(app, { areaCode: area, consents: ['enrolment', 'health', 'statistics'] });
        const r = await attest(app, trc, {
          ref: `pub-${++n}`,
          subject: { accountId: person.id },
          indicator: 'trc.blood.red-cell',
          occurredAt: '2026-06-10T09:00:00+07:00',
          evidence: { donationNo: `P-${n}` },
        });
        expect(r.json().status, r.body).toBe('credited');
        if (area === '710911' && i === 0) {
          await web.platform.sequencer.integrateOnce();
          const credits = await app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2026`, headers: auth(ADMIN_TOKEN) });
          creditIndex = credits.json().items[0].logIndex;
        }
      }
    await web.platform.sequencer.integrateOnce();
    treeSize = Number((await app.inject({ method: 'GET', url: '/log/checkpoint' })).body.split('\n')[1]);
    // The statistics count deeds recorded before the start of the Bangkok day: tomorrow they count.
    web.platform.clock.advance(24 * 3600_000);
  });
  afterAll(async () => web?.cleanup());

  async function phonePage(): Promise<Page> {
    const context = await newPhoneContext(browser);
    return context.newPage();
  }

  /** /stats opened on a phone, its table and province rows. */
  async function statsPage() {
    const page = await phonePage();
    const scripts = new Map<string, Buffer>();
    page.on('response', async (res) => {
      if (res.url().endsWith('.js')) scripts.set(res.url(), await res.body().catch(() => Buffer.alloc(0)));
    });
    await page.goto(`${web.base}/stats`);
    const table = page.getByTestId('province-table');
    const row = (code: string) => table.locator(`tr[data-code="${code}"]`);
    const people = (code: string) => row(code).locator('td[data-measure="people"]');
    await expect.poll(() => people('71').textContent()).toBe('12');
    await expect.poll(() => page.locator('#province-map a').count()).toBe(77);
    return { page, scripts, table, row, people };
  }

  it('shows the 12 and never a count under 10, in the table or on the map', async () => {
    const { page, scripts, table, row, people } = await statsPage();
    expect(await people('38').textContent()).toBe(WITHHELD_PEOPLE);
    expect(await people('10').textContent()).toBe(WITHHELD_PEOPLE);
    // People, deeds and points are withheld together: one cell across the three figures.
    expect(await people('38').getAttribute('colspan')).toBe('3');
    expect(await row('38').locator('td').count()).toBe(1);
    expect(await page.getByTestId('national').textContent()).toContain('25 คน');
    expect(await table.locator('tbody tr').count()).toBe(77);
    for (const text of await table.locator('td[data-measure="people"]').allTextContents()) expect(text).not.toMatch(SMALL_COUNT);

    // The map: 77 provinces, each a link named with its figure, and its tooltip the same.
    const provinces = page.locator('#province-map a');
    const labels = await provinces.evaluateAll((links) =>
      links.map((a) => ({ code: a.dataset.code, label: a.getAttribute('aria-label') ?? '', title: a.querySelector('title')?.textContent ?? '' })),
    );
    for (const l of labels) {
      expect(l.title).toBe(l.label);
      expect(l.label.split(': ')[1], l.code).not.toMatch(SMALL_COUNT);
    }
    expect(labels.find((l) => l.code === '71')?.label).toBe('กาญจนบุรี: 12 คน');
    expect(labels.find((l) => l.code === '38')?.label).toBe(`บึงกาฬ: ${WITHHELD_PEOPLE}`);
    expect(await page.locator('#province-map a[data-code="38"] path').getAttribute('class')).toContain('fill-withheld');
    // Drawn as Thailand, not as the globe around it: Chiang Mai is a province-sized shape in the north.
    const box = await page.locator('#province-map a[data-code="50"] path').evaluate((p) => {
      const b = (p as SVGPathElement).getBBox();
      return { width: b.width, y: b.y };
    });
    expect(box.width).toBeGreaterThan(20);
    expect(box.width).toBeLessThan(120);
    expect(box.y).toBeLessThan(150);
    // Nowhere on the page is a person count under 10 ("3 คน").
    expect(await page.locator('main').textContent()).not.toMatch(/(^|[^\d,])[1-9] คน/);

    // First load of /stats, the map included: at most 400 KB of gzip-compressed JavaScript.
    const gzipped = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
    console.log(`/stats first load: ${scripts.size} scripts, ${(gzipped / 1024).toFixed(1)} KB gzip`);
    expect([...scripts.keys()].some((u) => u.includes('ProvinceMap'))).toBe(true);
    expect(gzipped).toBeLessThanOrEqual(400 * 1024);
    await page.context().close();
  }, 60_000);

  it('names a province from the keyboard and sorts with the withheld figures last', async () => {
    const { page, table } = await statsPage();
    await page.locator('#province-map a[data-code="71"]').focus();
    expect(await page.locator('.map-detail').textContent()).toBe('กาญจนบุรี: 12 คน');

    const peopleHeader = table.getByRole('button', { name: /ผู้ร่วม/ });
    await peopleHeader.click();
    expect(await table.locator('thead th').nth(1).getAttribute('aria-sort')).toBe('descending');
    expect(await table.locator('tbody tr').first().getAttribute('data-code')).toBe('71');
    const lastTwo = async () => (await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).slice(-2).sort();
    expect(await lastTwo()).toEqual(['10', '38']);
    await peopleHeader.click();
    expect(await table.locator('thead th').nth(1).getAttribute('aria-sort')).toBe('ascending');
    expect(await lastTwo()).toEqual(['10', '38']);
    await page.context().close();
  }, 60_000);

  it('is accessible, reads the same in English, and answers a year outside the statistics', async () => {
    const { page, people } = await statsPage();
    await expectAccessible(page, 'stats');
    await screenshots(page, 'public-stats');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => people('38').textContent()).toBe('Withheld (may be fewer than 10)');
    // The catalogue's error, not an empty page.
    await page.goto(`${web.base}/stats?year=1999`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The request is not valid.');
    await page.context().close();
  }, 60_000);

  it('shows the checkpoint verified in the browser, and refuses a forged one', async () => {
    const page = await phonePage();
    await page.goto(`${web.base}/log`);
    const key = (await web.platform.app.inject({ method: 'GET', url: '/log/key' })).body;
    const origin = key.split('+')[0];
    await expect.poll(() => page.getByTestId('checkpoint-status').textContent()).toBe(`✓ ลายมือชื่อถูกต้อง ลงนามโดย ${origin}`);
    expect(await page.getByTestId('checkpoint-size').textContent()).toBe(`${treeSize} รายการ`);
    expect(await page.getByTestId('checkpoint').textContent()).toContain(origin);
    expect(await page.getByTestId('checkpoint').textContent()).toContain('ลงนามเมื่อ');
    expect(await page.locator('.command').textContent()).toBe(`npx khwamdee log verify ${web.base}`);
    await expectAccessible(page, 'log');
    await screenshots(page, 'public-log');

    // A checkpoint whose size was changed no longer carries a valid signature.
    await page.route('**/log/checkpoint', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()).replace(`\n${treeSize}\n`, `\n${treeSize + 1}\n`) });
    });
    await page.reload();
    await expect.poll(() => page.getByTestId('checkpoint-status').textContent()).toContain('ลายมือชื่อของจุดตรวจสอบไม่ถูกต้อง');
    await page.context().close();
  }, 60_000);

  it('checks a real credit by its log index, and refuses an index that is not in the log', async () => {
    expect(creditIndex).toBeGreaterThanOrEqual(0);
    const page = await phonePage();
    await page.goto(`${web.base}/log/check?index=${creditIndex}`);
    const result = page.getByTestId('check-result');
    await expect.poll(() => result.getAttribute('data-status')).toBe('verified');
    expect(await result.locator('h2').textContent()).toBe(`✓ ผ่านการตรวจสอบ: รายการที่ ${creditIndex} อยู่ในบันทึกสาธารณะและไม่ถูกแก้ไข`);
    const entry = page.getByTestId('entry');
    await expect.poll(() => entry.textContent()).toContain('สภากาชาดไทย');
    expect(await entry.textContent()).toContain('70 คะแนน');
    expect(await entry.textContent()).toContain('พ.ศ. 2569');
    expect(await entry.textContent()).toContain('trc.blood.red-cell');
    await expectAccessible(page, 'log-check');
    await screenshots(page, 'public-log-check');

    // Bad input is answered beside the field, and so is an index past the end of the log.
    const input = page.getByLabel('ลำดับรายการในบันทึก');
    await input.fill('abc');
    await page.getByRole('button', { name: 'ตรวจสอบ', exact: true }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('กรุณากรอกลำดับรายการเป็นตัวเลข 0 ขึ้นไป');
    await input.fill(String(treeSize));
    await page.getByRole('button', { name: 'ตรวจสอบ', exact: true }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain(`บันทึกมี ${treeSize} รายการ`);
    // An index in the address that is not one is refused the same way, never fetched.
    await page.goto(`${web.base}/log/check?index=-1`);
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('กรุณากรอกลำดับรายการเป็นตัวเลข 0 ขึ้นไป');
    expect(await result.count()).toBe(0);
    await page.goto(`${web.base}/log/check?index=${treeSize}`);
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain(`บันทึกมี ${treeSize} รายการ`);
    await expectAccessible(page, 'log-check errors');
    await screenshots(page, 'public-log-check-errors');

    await page.context().close();
  }, 60_000);

  it('shows FAILED when the proof or the entry is tampered with', async () => {
    const page = await phonePage();
    const result = page.getByTestId('check-result');
    // One flipped bit in the proof: FAILED.
    await page.route('**/api/v1/log/inclusion**', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      const first = Buffer.from(body.proof[0], 'base64');
      first[0]! ^= 1;
      await route.fulfill({ response: res, json: { ...body, proof: [first.toString('base64'), ...body.proof.slice(1)] } });
    });
    await page.goto(`${web.base}/log/check?index=${creditIndex}`);
    await expect.poll(() => result.getAttribute('data-status')).toBe('failed');
    expect(await result.locator('h2').textContent()).toBe(`✗ ตรวจสอบไม่ผ่าน: รายการที่ ${creditIndex}`);
    expect(await result.textContent()).toContain('เส้นทางพิสูจน์ไม่นำจากรายการนี้ไปถึงรหัสรากที่ลงนามไว้');
    await expectAccessible(page, 'log-check failed');
    await screenshots(page, 'public-log-check-failed');
    await page.unroute('**/api/v1/log/inclusion**');

    // The entry served with more points than were logged: the proof is whole, the entry is not.
    await page.route('**/log/tile/entries/**', async (route) => {
      const res = await route.fetch();
      const bytes = Buffer.from(await res.body());
      const text = bytes.toString('latin1').replaceAll('"points":70', '"points":99');
      await route.fulfill({ response: res, body: Buffer.from(text, 'latin1') });
    });
    await page.goto(`${web.base}/log/check?index=${creditIndex}`);
    await expect.poll(() => result.getAttribute('data-status')).toBe('failed');
    expect(await result.textContent()).toContain('เนื้อหารายการที่ได้รับในตอนนี้ไม่ตรงกับที่บันทึกไว้เดิม');
    await page.context().close();
  }, 60_000);

  it('serves the pages about the log as the app, and the log files as themselves', async () => {
    const html = { accept: 'text/html' };
    for (const path of ['/log', '/log/check', '/stats']) {
      const res = await fetch(`${web.base}${path}`, { headers: html });
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<div id="app">');
    }
    const cp = await fetch(`${web.base}/log/checkpoint`, { headers: html });
    expect(cp.headers.get('content-type')).toContain('text/plain');
    expect((await cp.text()).split('\n')[1]).toBe(String(treeSize));
    const missing = await fetch(`${web.base}/log/tile/entries/999`, { headers: html });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });
});
