// The person's dashboard (/me) in chromium against a real server: exactly the score and credits the
// API reports, each credit's mark earned by the browser checking the public log itself (and failing
// loudly when a proof or a stored credit is changed), deeds waiting or refused with their reasons,
// past years with a text alternative, English, accessibility and the JavaScript the screen loads.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_TOKEN, auth, nextNationalId } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

const THAI = /[\u0E00-\u0E7F]/;
const thaiNumber = (n: number) => n.toLocaleString('th-TH');

let browser: Browser;
let web: WebPlatform;
let trc: string;
let khuangpao: string;
let seq = 0;
const now = new Date();
const year = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bangkok', year: 'numeric' }).format(now));
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

beforeAll(async () => {
  browser = await launchBrowser();
  // The sequencer runs only when a test says so, so "not yet in the log" is a state the test controls.
  web = await openWebPlatform('sqlite', { now, platform: { sequencer: { autoStart: false } } });
  trc = await agencyToken(web.platform.app, 'trc');
  khuangpao = await agencyToken(web.platform.app, 'khuangpao');
});
afterAll(async () => {
  await web?.cleanup();
  await browser?.close();
});

async function deed(token: string, accountId: string, indicator: string, occurredAt: string) {
  const r = await attest(web.platform.app, token, { ref: `dash-${++seq}`, subject: { accountId }, indicator, occurredAt, evidence: { n: String(seq) } });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json<{ id: string; status: string }>();
}
const certify = (id: string, payload: Record<string, unknown>) =>
  web.platform.app.inject({ method: 'POST', url: `/api/v1/attestations/${id}/certify`, headers: auth(khuangpao), payload });
const apiGet = async (url: string) => (await web.platform.app.inject({ method: 'GET', url, headers: auth(ADMIN_TOKEN) })).json();

/** A Khuang Pao resident enrolled last year with deeds of both years, waiting and refused ones. */
async function member() {
  web.platform.clock.set(new Date(Date.UTC(year - 1, 2, 1, 3)));
  const person = await enrolPerson(web.platform.app);
  expect((await deed(trc, person.id, 'trc.blood.red-cell', `${year - 1}-02-20T09:00:00+07:00`)).status).toBe('credited');
  expect((await deed(trc, person.id, 'trc.organ-pledge', `${year - 1}-02-21T09:00:00+07:00`)).status).toBe('credited');
  web.platform.clock.set(now);
  expect((await deed(trc, person.id, 'trc.blood.plasma', minutesAgo(120))).status).toBe('credited');
  const meeting = await deed(khuangpao, person.id, 'khuangpao.village-meeting', minutesAgo(110));
  expect((await certify(meeting.id, { decision: 'approve' })).statusCode).toBe(200);
  expect((await deed(khuangpao, person.id, 'khuangpao.conservation', minutesAgo(100))).status).toBe('pending');
  const culture = await deed(khuangpao, person.id, 'khuangpao.culture-religion', minutesAgo(90));
  expect((await certify(culture.id, { decision: 'reject', reason: 'ไม่พบรายชื่อในกิจกรรม' })).statusCode).toBe(200);
  // Pledged once for life last year: again this year is refused by the cap.
  expect((await deed(trc, person.id, 'trc.organ-pledge', minutesAgo(80))).status).toBe('rejected');
  return person;
}

async function openDashboard(person: { nationalId: string }, page: Page) {
  await signIn(page, web.base, { pid: person.nationalId, name: 'สมชาย ใจดี' }, '/me');
  await page.waitForURL(`${web.base}/me`);
  await page.getByTestId('score-points').waitFor();
}
const proofStates = (page: Page) => page.getByTestId('proof').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));

describe('the person dashboard (sqlite)', () => {
  it('shows exactly what the API reports and proves each credit in the browser', async () => {
    const person = await member();
    await web.platform.sequencer.integrateOnce();
    // Recorded after the last integration: not yet in the log when the page opens.
    expect((await deed(trc, person.id, 'trc.stem-cell', minutesAgo(60))).status).toBe('credited');

    const score = await apiGet(`/api/v1/accounts/${person.id}/score?year=${year}`);
    const credits = await apiGet(`/api/v1/accounts/${person.id}/credits?year=${year}`);
    const years = await apiGet(`/api/v1/accounts/${person.id}/years`);
    expect(credits.items).toHaveLength(3);
    expect(score.points).toBe(380);

    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const logFetches: string[] = [];
    const scripts: Array<{ url: string; bytes: Buffer }> = [];
    context.on('request', (r) => {
      if (/\/log\/(checkpoint|key)$/.test(r.url())) logFetches.push(new URL(r.url()).pathname);
    });
    context.on('response', async (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith('.js')) scripts.push({ url: path, bytes: await r.body().catch(() => Buffer.alloc(0)) });
    });
    await openDashboard(person, page);

    // The score and its domains, as the API computed them.
    expect(await page.getByTestId('score-points').textContent()).toContain(`${thaiNumber(score.points)} จาก ${thaiNumber(score.max)}`);
    for (const d of ['health', 'learning', 'community', 'safety', 'environment'])
      expect(await page.getByTestId(`domain-${d}`).textContent()).toContain(thaiNumber(score.byDomain[d]));

    // Every credit in words: the deed, points, names of who attested and certified, rule version, B.E. date.
    await expect.poll(() => page.getByTestId('credit').count()).toBe(credits.items.length);
    for (const c of credits.items) {
      const text = await page.locator(`[data-credit-id="${c.id}"]`).textContent();
      expect(text).toContain(c.indicatorName.th);
      expect(text).toContain(`+${thaiNumber(c.points)} คะแนน`);
      expect(text).toContain(`รับรองโดย ${c.issuerName.th}`);
      expect(text).toContain(`กฎฉบับที่ ${c.ruleVersion}`);
      expect(text).toMatch(new RegExp(`${year + 543}`));
      if (c.certifier) expect(text).toContain(`รับรองในพื้นที่โดย ${c.certifierName.th}`);
      expect(text).not.toContain('khuangpao');
    }

    // Integrated credits are verified by the browser against the signed checkpoint; the newest is not in the log yet.
    const size = Number((await web.app.inject({ method: 'GET', url: '/log/checkpoint' })).body.split('\n')[1]);
    await expect.poll(() => proofStates(page)).toEqual(credits.items.map((c: { logIndex: number | null }) => (c.logIndex === null ? 'pending' : 'verified')));
    const verified = page.locator('[data-state="verified"]').first();
    expect(await verified.textContent()).toContain('พิสูจน์แล้วในบันทึกสาธารณะ');
    expect(await verified.textContent()).toContain(`${thaiNumber(size)} รายการ`);
    expect(await verified.getByRole('link').getAttribute('href')).toBe('/log');
    expect(await page.locator('[data-state="pending"]').textContent()).toContain('กำลังบันทึกลงบันทึกสาธารณะ');
    // The log's key and checkpoint were fetched once for all the credits.
    expect(logFetches.sort()).toEqual(['/log/checkpoint', '/log/key']);

    // Deeds waiting for the certifier of the area, and refused ones with their reasons in plain Thai.
    const pending = await page.getByTestId('deed-pending').allTextContents();
    expect(pending).toHaveLength(1);
    expect(pending[0]).toContain('อนุรักษ์ธรรมชาติและสิ่งแวดล้อม');
    expect(pending[0]).toMatch(/รอ องค์การบริหารส่วนตำบลข่วงเปา.* ซึ่งเป็นผู้รับรองในพื้นที่ของท่านรับรอง/);
    const refused = (await page.getByTestId('deed-refused').allTextContents()).join('\n');
    expect(refused).toContain('เหตุผล: ผู้รับรองในพื้นที่ไม่อนุมัติ');
    expect(refused).toContain('คำอธิบายจากผู้รับรอง: “ไม่พบรายชื่อในกิจกรรม”');
    expect(refused).toContain('เหตุผล: ได้รับคะแนนตัวชี้วัดนี้แล้ว (ครั้งเดียวตลอดชีวิต)');

    // Past years: the chart's text alternative holds the numbers of the years API.
    expect(years.items.map((y: { year: number; points: number }) => [y.year, y.points])).toEqual([
      [year - 1, 270],
      [year, 380],
    ]);
    const rows = await page
      .getByTestId('years-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    // Newest first: year, points of the scale, then health, learning, community, safety, environment.
    expect(rows).toEqual([
      [`พ.ศ. ${year + 543}`, '380 จาก 1,000', '370', '0', '10', '0', '0'],
      [`พ.ศ. ${year + 542}`, '270 จาก 1,000', '270', '0', '0', '0', '0'],
    ]);
    expect(await page.getByTestId('years-chart').getAttribute('aria-hidden')).toBe('true');
    expect(await page.getByRole('table', { name: 'คะแนนความดีแต่ละปี (พ.ศ.) และแยกตามด้าน' }).count()).toBe(1);

    await expectAccessible(page, 'dashboard');
    await screenshots(page, 'me-dashboard');

    // The sequencer integrates the newest credit; the page notices by itself.
    await web.platform.sequencer.integrateOnce();
    await expect.poll(() => proofStates(page), { timeout: 15_000 }).toEqual(['verified', 'verified', 'verified']);

    // Last year, from the year selector: its score, its credits, also proved.
    // Chosen from the keyboard's focus: the new year's data arriving must not move the focus away.
    await page.getByLabel('ดูปี').focus();
    await page.getByLabel('ดูปี').selectOption({ label: `พ.ศ. ${year + 542}` });
    await page.waitForURL(`${web.base}/me?year=${year - 1}`);
    await expect.poll(() => page.getByTestId('score-points').textContent()).toContain('270 จาก 1,000');
    await expect.poll(() => proofStates(page)).toEqual(['verified', 'verified']);
    expect(await page.locator('#year').evaluate((e) => e === document.activeElement)).toBe(true);

    // What the screen's first visit loaded: the entry chunk and every chunk (and the worker) it asked for.
    const total = scripts.filter((s, i) => scripts.findIndex((x) => x.url === s.url) === i).reduce((n, s) => n + gzipSync(s.bytes, { level: 9 }).length, 0);
    console.log(`/me JavaScript on first visit: ${scripts.map((s) => s.url).join(', ')} = ${total} bytes gzip`);
    expect(total).toBeLessThan(150 * 1024);
    await context.close();
  });

  it('works in English on every text', async () => {
    const person = await member();
    await web.platform.sequencer.integrateOnce();
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await openDashboard(person, page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('My good deeds');
    await expect.poll(() => proofStates(page)).toEqual(['verified', 'verified']);
    const main = page.locator('main');
    const text = (await main.textContent()) ?? '';
    expect(text).toContain('80 of 1,000 points');
    expect(text).toContain('Attested by Thai Red Cross Society');
    expect(text).toContain('Proved in the public log');
    expect(text).toContain('Waiting for Khuang Pao Subdistrict Administrative Organization');
    expect(text).toContain('Reason: The local certifier did not approve it.');
    expect(text).toContain(`${year - 1} (B.E. ${year + 542})`);
    // Nothing in Thai is left but the certifier's own words.
    expect(text.replace('ไม่พบรายชื่อในกิจกรรม', '')).not.toMatch(THAI);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible(page, 'dashboard in English');
    await screenshots(page, 'me-dashboard-en');
    await context.close();
  });

  it('says loudly when a proof was changed on the way', async () => {
    const person = await member();
    await web.platform.sequencer.integrateOnce();
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    let tampered = '';
    await page.route('**/api/v1/accounts/*/credits*', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      const victim = body.items.find((c: { inclusion: { proof: string[] } | null }) => c.inclusion && c.inclusion.proof.length > 0);
      const bytes = Buffer.from(victim.inclusion.proof[0], 'base64');
      bytes[5]! ^= 0x01;
      victim.inclusion.proof[0] = bytes.toString('base64');
      tampered = victim.id;
      await route.fulfill({ response: res, json: body });
    });
    await openDashboard(person, page);
    await expect.poll(() => page.locator(`[data-credit-id="${tampered}"] [data-testid="proof"]`).getAttribute('data-state')).toBe('failed');
    const failed = await page.locator(`[data-credit-id="${tampered}"] [data-testid="proof"]`).textContent();
    expect(failed).toContain('ตรวจสอบกับบันทึกสาธารณะไม่ผ่าน');
    expect(failed).toContain('หลักฐานที่ได้รับไม่ได้พิสูจน์ว่ารายการนี้อยู่ในบันทึกสาธารณะ');
    expect(failed).toContain('ไม่ใช่ความผิดของท่าน');
    expect(await page.getByTestId('proof-alert').textContent()).toContain('มี 1 รายการที่ตรวจสอบกับบันทึกสาธารณะไม่ผ่าน');
    expect(await page.getByRole('alert').count()).toBeGreaterThanOrEqual(1);
    // The other credit still verifies.
    expect((await proofStates(page)).sort()).toEqual(['failed', 'verified']);
    await expectAccessible(page, 'dashboard with a failed proof');
    await screenshots(page, 'me-dashboard-proof-failed');
    await context.close();
  });

  it('says it cannot check, not that the check failed, when the log cannot be reached', async () => {
    const person = await member();
    await web.platform.sequencer.integrateOnce();
    const context = await newPhoneContext(browser);
    await context.route('**/log/checkpoint', (route) => route.abort('connectionrefused'));
    const page = await context.newPage();
    await openDashboard(person, page);
    await expect.poll(() => proofStates(page)).toEqual(['unavailable', 'unavailable']);
    expect(await page.getByTestId('proof').first().textContent()).toContain('ยังตรวจสอบกับบันทึกสาธารณะไม่ได้ในขณะนี้');
    expect(await page.getByTestId('proof-alert').count()).toBe(0);
    await context.close();
  });

  it('fails the mark of a credit whose stored row was changed after it was logged', async () => {
    const person = await member();
    await web.platform.sequencer.integrateOnce();
    const victim = await web.platform.store.db
      .selectFrom('credits')
      .select(['id', 'points'])
      .where('account_id', '=', person.id)
      .where('indicator_code', '=', 'trc.blood.plasma')
      .executeTakeFirstOrThrow();
    await web.platform.store.db
      .updateTable('credits')
      .set({ points: victim.points + 100 })
      .where('id', '=', victim.id)
      .execute();
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await openDashboard(person, page);
    const mark = page.locator(`[data-credit-id="${victim.id}"] [data-testid="proof"]`);
    await expect.poll(() => mark.getAttribute('data-state')).toBe('failed');
    expect(await mark.textContent()).toContain('ไม่ตรงกับที่เขียนไว้ในบันทึกสาธารณะ');
    expect(await page.locator(`[data-credit-id="${victim.id}"]`).textContent()).toContain('+170 คะแนน');
    expect((await proofStates(page)).sort()).toEqual(['failed', 'verified']);
    await context.close();
  });

  it('tells a Nong Sarai villager that their own records wait for the village meeting, and names the meeting that refused one', async () => {
    const nongsarai = await agencyToken(web.platform.app, 'nongsarai');
    const villager = await enrolPerson(web.platform.app, { areaCode: '710911' });
    const token = await personToken(web.platform.app, villager.id);
    const declare = async (indicator: string) => {
      const r = await web.platform.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${villager.id}/declarations`,
        headers: auth(token),
        payload: { ref: `decl-${++seq}`, indicator, occurredAt: minutesAgo(60) },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: string }>().id;
    };
    await declare('nongsarai.unity.1');
    const refused = await declare('nongsarai.unity.2');
    const today = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const decided = await web.platform.app.inject({
      method: 'POST',
      url: '/api/v1/certifications/meetings',
      headers: auth(nongsarai),
      payload: { meetingDate: today, minutesRef: 'NS-TEST/01', approve: [], reject: [{ id: refused, reason: 'ไม่ได้มาร่วมงาน' }] },
    });
    expect(decided.statusCode, decided.body).toBe(201);

    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await openDashboard(villager, page);
    const waiting = await page.getByTestId('deed-pending').textContent();
    expect(waiting).toContain('ร่วมประชุมหมู่บ้านประจำเดือน');
    expect(waiting).toContain('บันทึกด้วยตนเอง');
    expect(waiting).toContain('รอที่ประชุมหมู่บ้านหรือ สภาองค์กรชุมชนตำบลหนองสาหร่าย');
    const no = await page.getByTestId('deed-refused').textContent();
    expect(no).toContain('คำอธิบายจากผู้รับรอง: “ไม่ได้มาร่วมงาน”');
    expect(no).toContain('(บันทึกการประชุม NS-TEST/01)');
    expect(no).toMatch(new RegExp(`พิจารณาในที่ประชุมเมื่อ .*${year + 543}`));
    expect(await page.getByTestId('credit').count()).toBe(0);
    expect(await page.getByText('ยังไม่มีความดีที่ได้รับคะแนนในปีนี้').count()).toBe(1);
    // Enrolled this year: no past years to chart.
    expect(await page.getByTestId('years-chart').count()).toBe(0);
    await expectAccessible(page, 'dashboard of a villager');
    await screenshots(page, 'me-dashboard-village');
    await context.close();
  });

  it('reads the year from the address only when it is one, and asks a non-member to enrol', async () => {
    const person = await member();
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await openDashboard(person, page);
    for (const q of ['abc', '1999', String(year + 5), '2026.5']) {
      await page.goto(`${web.base}/me?year=${q}`);
      await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe(`คะแนนความดีปี พ.ศ. ${year + 543}`);
    }
    await context.close();

    const stranger = await newPhoneContext(browser);
    const other = await stranger.newPage();
    await signIn(other, web.base, { pid: nextNationalId(), name: 'ใหม่ ใจดี' }, '/me');
    await other.goto(`${web.base}/me`);
    await expect.poll(() => other.getByRole('link', { name: 'สมัครสมาชิก' }).getAttribute('href')).toBe('/enrol');
    await stranger.close();
  });
});
