// The Nong Sarai model end to end in two browsers: a person of Khuang Pao records a deed with a photo
// and sees it waiting; the certifier of Khuang Pao sees it with the photo and approves it (the score
// rises by its points), refuses a rejection without a reason, records a village-meeting decision of
// two deeds, and hears of a deed someone else decided first. Another area's certifier never sees it.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_TOKEN, auth, nextNationalId } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, scoreOf } from '../support/helpers.js';
import { filePart, multipart } from '../support/evidence-files.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

const DEED = 'khuangpao.village-volunteer';
const DEED_TH = 'จิตอาสาพัฒนาหมู่บ้าน';
const DAY = 86_400_000;
const SLOW = 90_000;
const bangkokDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('declaring a deed and certifying it (sqlite)', { timeout: SLOW }, () => {
  let web: WebPlatform;
  let khuangpao: string;
  let person: { id: string; nationalId: string };
  let personPage: Page;
  let certifierPage: Page;
  const contexts: BrowserContext[] = [];
  const year = Number(bangkokDay(new Date()).slice(0, 4));
  const inject = (opts: InjectOptions) => web.platform.app.inject(opts);

  async function staff(agency: string, role: string, name: string): Promise<{ pid: string; name: string }> {
    const pid = nextNationalId();
    const r = await inject({ method: 'POST', url: `/api/v1/agencies/${agency}/staff`, headers: auth(ADMIN_TOKEN), payload: { nationalId: pid, role, label: name } });
    expect(r.statusCode, r.body).toBe(201);
    return { pid, name };
  }
  async function signedIn(who: { pid: string; name: string }, path: string): Promise<Page> {
    const context = await newPhoneContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, web.base, who, path);
    await page.waitForURL(`${web.base}${path}`);
    return page;
  }
  const statusOf = async (id: string) => (await web.platform.store.db.selectFrom('attestations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const queueCard = (page: Page, text: string) => page.getByTestId('queue-item').filter({ hasText: text });

  beforeAll(async () => {
    web = await openWebPlatform('sqlite', { now: new Date() });
    khuangpao = await agencyToken(web.platform.app, 'khuangpao');
    // Khuang Pao's seed catalogue has no self-declarable deed: the committee adds one (volunteer hours
    // with a photo), in force from ten days ago so that deeds of the last days count.
    web.platform.clock.set(new Date(Date.now() - 10 * DAY));
    const defined = await inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: auth(ADMIN_TOKEN),
      payload: {
        definition: {
          code: DEED,
          name: { th: DEED_TH, en: 'Village volunteer work' },
          domain: 'community',
          accountKinds: ['person'],
          owner: { kind: 'local', agency: 'khuangpao', area: '500204' },
          unit: 'hour',
          points: 5,
          caps: { maxPerYear: 50 },
          certification: 'local',
          evidence: 'document',
          selfDeclarable: true,
          volunteering: true,
        },
      },
    });
    expect(defined.statusCode, defined.body).toBe(201);
    web.platform.clock.set(new Date());
    person = await enrolPerson(web.platform.app, { areaCode: '500204' });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await web?.cleanup();
  });

  it('lets a person of Khuang Pao declare a deed with a photo and see it waiting for the certifier of Khuang Pao', async () => {
    personPage = await signedIn({ pid: person.nationalId, name: 'สมชาย ใจดี' }, '/me/declare');
    const page = personPage;
    const deed = page.getByLabel('ความดีที่ท่านทำ');
    await expect.poll(() => deed.locator('option').count()).toBeGreaterThan(1);
    const options = await deed.locator('option').allTextContents();
    expect(options.join('\n')).toContain(`${DEED_TH} · 5 คะแนนต่อชั่วโมง`);
    // Nong Sarai's 67 self-declarable deeds are for Nong Sarai's residents only.
    expect(options.join('\n')).not.toContain('ร่วมประชุมหมู่บ้านประจำเดือน');
    await deed.selectOption(DEED);
    await expect.poll(() => page.getByTestId('deed-details').textContent()).toContain('ต้องแนบรูปถ่ายหรือไฟล์ PDF');

    // Nothing but the deed: the summary names the hours and the missing evidence, and takes focus.
    await page.getByRole('button', { name: 'ส่งให้ผู้รับรอง' }).click();
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.textContent()).toContain('กรุณากรอกจำนวนชั่วโมง');
    expect(await summary.textContent()).toContain('ต้องแนบรูปถ่ายหรือไฟล์ PDF เป็นหลักฐาน');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);

    // A future day is refused in the browser; the day chosen reads in the Buddhist Era.
    const day = page.getByLabel('วันที่ทำความดี');
    await day.fill(bangkokDay(new Date(Date.now() + 2 * DAY)));
    await page.getByRole('button', { name: 'ส่งให้ผู้รับรอง' }).click();
    await expect.poll(() => summary.textContent()).toContain('ต้องไม่เป็นวันในอนาคต');
    const yesterday = bangkokDay(new Date(Date.now() - DAY));
    await day.fill(yesterday);
    expect(await page.locator('#day-be').textContent()).toContain(String(Number(yesterday.slice(0, 4)) + 543));

    // The browser's own checks: not a photo or PDF, a PDF too large.
    const chooser = page.locator('#evidence-file');
    await chooser.setInputFiles({ name: 'notes.html', mimeType: 'text/html', buffer: Buffer.from('<p>hello</p>') });
    await expect.poll(() => page.locator('.evidence').textContent()).toContain('notes.html: รับเฉพาะรูปภาพ');
    await chooser.setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x25) });
    await expect.poll(() => page.locator('.evidence').textContent()).toContain('big.pdf: ไฟล์ใหญ่เกิน 5 MB');
    expect(await page.getByTestId('evidence-item').count()).toBe(0);
    await expectAccessible(page, 'declare errors');
    await screenshots(page, 'declare-errors');

    // Afresh, as a person would fill it in.
    await page.reload();
    await deed.selectOption(DEED);
    await day.fill(yesterday);
    // Typed key by key: the field keeps the focus.
    await page.getByLabel('จำนวนชั่วโมง').pressSequentially('2.0');
    expect(await page.getByLabel('จำนวนชั่วโมง').inputValue()).toBe('2.0');
    await expect.poll(() => page.locator('#hours-points').textContent()).toContain('คิดเป็น 10 คะแนน');

    // A real photo, made here: uploaded with its progress, then previewed.
    const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 40, g: 150, b: 90 } } })
      .png()
      .toBuffer();
    await page.locator('#evidence-camera').setInputFiles({ name: 'garden.png', mimeType: 'image/png', buffer: png });
    const item = page.getByTestId('evidence-item');
    await expect.poll(() => item.getAttribute('data-state')).toBe('done');
    expect(await item.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
    await expectAccessible(page, 'declare form');
    await screenshots(page, 'declare-form');

    // A double tap sends one declaration.
    await page.getByRole('button', { name: 'ส่งให้ผู้รับรอง' }).dblclick();
    const done = page.getByTestId('declared');
    await expect.poll(() => done.textContent()).toContain('รอผู้รับรองความดีของตำบลข่วงเปาตรวจสอบ');
    const mine = page.getByTestId('my-deed').filter({ hasText: DEED_TH });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('pending');
    expect(await mine.textContent()).toContain('รอผู้รับรองของตำบลข่วงเปา');
    const history = (await inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/attestations?year=${year}`, headers: auth(ADMIN_TOKEN) })).json();
    const declared = history.items.filter((i: { indicator: string }) => i.indicator === DEED);
    expect(declared).toHaveLength(1);
    expect(declared[0]).toMatchObject({ issuer: 'self', status: 'pending', evidenceFiles: [{ mediaType: 'image/png' }] });
    await expectAccessible(page, 'declare done');
    await screenshots(page, 'declare-done');

    // Another person's account from this session: no declaration, no upload, no reading their files.
    const neighbour = await enrolPerson(web.platform.app, { areaCode: '500204' });
    const csrf = await csrfOf(page);
    const attempts = await page.evaluate(
      async ([other, csrf, photoUrl]) => {
        const headers = { 'x-csrf-token': csrf };
        const declared = await fetch(`/api/v1/accounts/${other}/declarations`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ ref: 'steal-1', indicator: 'khuangpao.village-volunteer', occurredAt: new Date().toISOString(), quantity: 1 }),
        });
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46])], { type: 'application/pdf' }), 'x.pdf');
        const uploaded = await fetch(`/api/v1/accounts/${other}/evidence`, { method: 'POST', headers, body: form });
        const own = await fetch(photoUrl);
        const theirs = await fetch(photoUrl.replace(/accounts\/[^/]+/, `accounts/${other}`));
        return [declared.status, (await declared.json()).error.code, uploaded.status, own.status, theirs.status];
      },
      [neighbour.id, csrf, declared[0].evidenceFiles[0].url] as const,
    );
    expect(attempts).toEqual([404, 'account_not_found', 404, 200, 404]);
  });

  it("keeps the deed out of another area's console and out of reach of staff without the role", async () => {
    const other = await staff('nongsarai', 'certifier', 'ผู้รับรอง หนองสาหร่าย');
    const r = await inject({
      method: 'POST',
      url: '/api/v1/agencies/khuangpao/staff',
      headers: auth(ADMIN_TOKEN),
      payload: { nationalId: other.pid, role: 'registrar', label: other.name },
    });
    expect(r.statusCode, r.body).toBe(201);
    const page = await signedIn(other, '/staff/nongsarai/certify');
    await expect.poll(() => page.getByTestId('queue-total').textContent()).toContain('ไม่มีรายการรอการตัดสิน');
    expect(await page.getByTestId('queue-item').count()).toBe(0);
    // Khuang Pao's registrar is not its certifier: the console says so and shows nothing.
    await page.goto(`${web.base}/staff/khuangpao/certify`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('ท่านไม่มีบทบาท "ผู้รับรองในพื้นที่"');
    expect(await page.getByTestId('queue-item').count()).toBe(0);
    // And the API says the same to the same session; Nong Sarai's certifier cannot read the photo either.
    const photoUrl = (await inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/attestations?year=${year}`, headers: auth(ADMIN_TOKEN) })).json().items[0].evidenceFiles[0]
      .url;
    const api = await page.evaluate(
      async (url) => [
        (await fetch('/api/v1/attestations/pending', { headers: { 'x-khwamdee-agency': 'khuangpao' } })).status,
        (await fetch(url, { headers: { 'x-khwamdee-agency': 'nongsarai' } })).status,
      ],
      photoUrl,
    );
    expect(api).toEqual([403, 404]);
    // An agency they are not on the staff of.
    await page.goto(`${web.base}/staff/trc/certify`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('ท่านไม่ได้เป็นเจ้าหน้าที่ของหน่วยงานนี้');
  });

  it('shows the certifier of Khuang Pao the deed with its photo; a rejection needs a reason; approval raises the score', async () => {
    const certifier = await staff('khuangpao', 'certifier', 'ผู้รับรอง ข่วงเปา');
    certifierPage = await signedIn(certifier, '/staff/khuangpao/certify');
    const page = certifierPage;
    const card = queueCard(page, 'สมชาย ใจดี').filter({ hasText: DEED_TH });
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.textContent();
    expect(text).toContain('10 คะแนนเมื่ออนุมัติ');
    expect(text).toContain('2 ชั่วโมง');
    expect(text).toContain('ตำบลข่วงเปา');
    expect(text).toContain('บันทึกด้วยตนเอง');
    expect(text).toContain('ส่งเข้ามาวันนี้');
    const photo = card.getByTestId('evidence-photo');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    await expectAccessible(page, 'certify queue');
    await screenshots(page, 'certify-queue');

    const before = (await scoreOf(web.platform.app, person.id, year)).points;
    const id = (await card.getAttribute('data-id'))!;
    await card.getByRole('button', { name: 'ไม่อนุมัติ' }).click();
    await card.getByRole('button', { name: 'ยืนยันไม่อนุมัติ' }).click();
    await expect.poll(() => card.locator('.field-message').textContent()).toContain('กรุณาระบุเหตุผลที่ไม่อนุมัติ');
    expect(await card.getByLabel('เหตุผลที่ไม่อนุมัติ').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await statusOf(id)).toBe('pending');
    // The server holds the same rule for whoever skips the browser.
    const bare = await page.evaluate(
      async ([id, csrf]) =>
        (
          await fetch(`/api/v1/attestations/${id}/certify`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-khwamdee-agency': 'khuangpao', 'x-csrf-token': csrf! },
            body: JSON.stringify({ decision: 'reject', reason: '   ' }),
          })
        ).json(),
      [id, await csrfOf(page)] as const,
    );
    expect(bare.error.code).toBe('reason_required');
    await card.getByRole('button', { name: 'ยกเลิก' }).click();

    await card.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain(`อนุมัติแล้ว: ${DEED_TH} ของ สมชาย ใจดี ได้ 10 คะแนน`);
    await expect.poll(() => card.count()).toBe(0);
    expect(await statusOf(id)).toBe('credited');
    expect((await scoreOf(web.platform.app, person.id, year)).points).toBe(before + 10);

    // The person sees it on the dashboard and on their declaration page.
    await personPage.goto(`${web.base}/me`);
    await expect.poll(() => personPage.getByTestId('score-points').textContent()).toContain(`${before + 10} จาก 1,000`);
    await personPage.goto(`${web.base}/me/declare`);
    await expect.poll(() => personPage.getByTestId('my-deed').filter({ hasText: DEED_TH }).getAttribute('data-status')).toBe('credited');
  });

  it('records two deeds as one village-meeting decision, listed afterwards', async () => {
    const page = certifierPage;
    // One more self-declaration with a JPEG, and a deed Khuang Pao's own staff recorded for a neighbour.
    const token = await personToken(web.platform.app, person.id);
    const jpeg = await sharp({ create: { width: 200, height: 150, channels: 3, background: '#c87828' } })
      .jpeg()
      .toBuffer();
    const { payload, headers } = multipart([filePart(jpeg)]);
    const up = await inject({ method: 'POST', url: `/api/v1/accounts/${person.id}/evidence`, headers: { ...headers, ...auth(token) }, payload });
    expect(up.statusCode, up.body).toBe(201);
    const occurredAt = new Date(Date.now() - 2 * DAY).toISOString();
    const d = await inject({
      method: 'POST',
      url: `/api/v1/accounts/${person.id}/declarations`,
      headers: auth(token),
      payload: { ref: 'meeting-1', indicator: DEED, occurredAt, quantity: 1.5, evidenceFiles: [up.json().sha256] },
    });
    expect(d.json().status, d.body).toBe('pending');
    const neighbour = await enrolPerson(web.platform.app, { areaCode: '500204' });
    const a = await attest(web.platform.app, khuangpao, { ref: `vm-${neighbour.id}`, subject: { accountId: neighbour.id }, indicator: 'khuangpao.village-meeting', occurredAt });
    expect(a.json().status, a.body).toBe('pending');

    await page.getByRole('button', { name: 'โหลดคิวใหม่' }).click();
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(2);
    await expect.poll(() => page.getByTestId('queue-item').filter({ hasText: 'บันทึกโดย องค์การบริหารส่วนตำบลข่วงเปา' }).count()).toBe(1);
    for (const card of await page.getByTestId('queue-item').all()) await card.getByLabel('เลือกเพื่อบันทึกในมติที่ประชุม').check();
    await expect.poll(() => page.getByTestId('meeting-item').count()).toBe(2);
    // Minutes are required.
    await page.getByRole('button', { name: 'บันทึกมติที่ประชุม (2 รายการ)' }).click();
    await expect.poll(() => page.locator('#meeting .error-summary').textContent()).toContain('กรุณากรอกเลขที่บันทึกการประชุม');
    await page.getByLabel('เลขที่บันทึกการประชุม').pressSequentially('หมู่ 3 ครั้งที่ 7/2569');
    expect(await page.getByLabel('เลขที่บันทึกการประชุม').inputValue()).toBe('หมู่ 3 ครั้งที่ 7/2569');
    await page.getByLabel('หมายเหตุ (ไม่บังคับ)').fill('ประชุมประจำเดือน ณ ศาลาหมู่บ้าน');
    await expectAccessible(page, 'certify meeting form');
    await screenshots(page, 'certify-meeting');
    await page.getByRole('button', { name: 'บันทึกมติที่ประชุม (2 รายการ)' }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('อนุมัติ 2 ไม่อนุมัติ 0 ได้คะแนน 2 รายการ');
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(0);
    const past = page.getByTestId('meeting').filter({ hasText: 'หมู่ 3 ครั้งที่ 7/2569' });
    await expect.poll(() => past.count()).toBe(1);
    expect(await past.textContent()).toContain('อนุมัติ 2 · ไม่อนุมัติ 0 · ได้คะแนน 2 รายการ');
    expect(await past.textContent()).toMatch(/25\d\d/);
    expect(await statusOf(d.json().id)).toBe('credited');
    expect(await statusOf(a.json().id)).toBe('credited');
    const meetings = (await inject({ method: 'GET', url: '/api/v1/certifications/meetings', headers: auth(khuangpao) })).json();
    expect(meetings.items).toHaveLength(1);
    expect(meetings.items[0]).toMatchObject({ minutesRef: 'หมู่ 3 ครั้งที่ 7/2569', counts: { approved: 2, rejected: 0, credited: 2 } });
  });

  it('says so when someone else decided a deed first, and refreshes the queue', async () => {
    const page = certifierPage;
    const neighbour = await enrolPerson(web.platform.app, { areaCode: '500204' });
    const a = await attest(web.platform.app, khuangpao, {
      ref: `race-${neighbour.id}`,
      subject: { accountId: neighbour.id },
      indicator: 'khuangpao.conservation',
      occurredAt: new Date(Date.now() - DAY).toISOString(),
    });
    expect(a.json().status, a.body).toBe('pending');
    await page.getByRole('button', { name: 'โหลดคิวใหม่' }).click();
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(1);
    const other = await inject({ method: 'POST', url: `/api/v1/attestations/${a.json().id}/certify`, headers: auth(khuangpao), payload: { decision: 'approve' } });
    expect(other.statusCode, other.body).toBe(200);
    await page.getByTestId('queue-item').getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('รายการนี้ไม่ได้รอการรับรองแล้ว');
    expect(await page.getByTestId('outcome').getAttribute('role')).toBe('alert');
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(0);

    // The same at a meeting: one of the two was decided meanwhile, so neither is, and the page names it.
    const [b, c] = await Promise.all(
      ['khuangpao.culture-religion', 'khuangpao.local-wisdom'].map((indicator) =>
        attest(web.platform.app, khuangpao, {
          ref: `race2-${indicator}-${neighbour.id}`,
          subject: { accountId: neighbour.id },
          indicator,
          occurredAt: new Date(Date.now() - DAY).toISOString(),
        }),
      ),
    );
    await page.getByRole('button', { name: 'โหลดคิวใหม่' }).click();
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(2);
    for (const card of await page.getByTestId('queue-item').all()) await card.getByLabel('เลือกเพื่อบันทึกในมติที่ประชุม').check();
    await page.getByLabel('เลขที่บันทึกการประชุม').fill('หมู่ 3 ครั้งที่ 8/2569');
    const first = await inject({ method: 'POST', url: `/api/v1/attestations/${b!.json().id}/certify`, headers: auth(khuangpao), payload: { decision: 'approve' } });
    expect(first.statusCode, first.body).toBe(200);
    await page.getByRole('button', { name: 'บันทึกมติที่ประชุม (2 รายการ)' }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('มติไม่ถูกบันทึก');
    expect(await page.getByTestId('outcome').textContent()).toContain('กิจกรรมวัฒนธรรม ประเพณี ศาสนา');
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(1);
    expect(await statusOf(c!.json().id)).toBe('pending');
    // The one left is still selected and can be decided at a meeting now.
    await expect.poll(() => page.getByTestId('meeting-item').count()).toBe(1);
    await page.getByRole('button', { name: 'บันทึกมติที่ประชุม (1 รายการ)' }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('อนุมัติ 1 ไม่อนุมัติ 0 ได้คะแนน 1 รายการ');
    expect(await statusOf(c!.json().id)).toBe('credited');
  });
});

async function csrfOf(page: Page): Promise<string> {
  return page.evaluate(async () => ((await (await fetch('/api/v1/me')).json()) as { csrfToken: string }).csrfToken);
}
