// A dispute through the web app (SQLite): the person contests a credit from the dashboard, the Red
// Cross's officer answers, the person contests the answer, the Ombudsman's reviewer decides. Then the
// person rates a partner after a redemption, and the public reads the per-agency figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { InjectOptions } from 'fastify';
import { ADMIN_TOKEN, auth, nextNationalId } from '../support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

const SLOW = 240_000;
const DAY = 86_400_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('disputes and ratings in the web app (sqlite)', { timeout: SLOW }, () => {
  let web: WebPlatform;
  let person: { id: string; nationalId: string };
  let creditId: string;
  const contexts: BrowserContext[] = [];
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
  const disputeRow = async () => web.platform.store.db.selectFrom('disputes').selectAll().where('account_id', '=', person.id).executeTakeFirst();

  beforeAll(async () => {
    web = await openWebPlatform('sqlite', { now: new Date() });
    person = await enrolPerson(web.platform.app, { consents: ['enrolment', 'health', 'statistics'] });
    const trc = await agencyToken(web.platform.app, 'trc');
    const r = await attest(web.platform.app, trc, {
      ref: `web-dispute-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: new Date(Date.now() - 2 * DAY).toISOString(),
      evidence: { donationNo: 'WD-1' },
    });
    expect(r.json().status, r.body).toBe('credited');
    creditId = (await web.platform.store.db.selectFrom('credits').select('id').where('attestation_id', '=', r.json().id).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await web?.cleanup();
  });

  it('files a dispute from a credit on the dashboard and follows it to the reviewer’s decision', async () => {
    const me = { pid: person.nationalId, name: 'สมชาย ใจดี' };
    const page = await signedIn(me, '/me');
    const credit = page.locator(`[data-credit-id="${creditId}"]`);
    await credit.getByRole('link', { name: 'คะแนนนี้ไม่ถูกต้อง? ยื่นคำร้อง' }).click();
    await page.waitForURL((u) => u.pathname === '/me/disputes/new');
    await expect.poll(() => page.locator('.dispute-subject').textContent()).toContain('บริจาคโลหิต');
    // Nothing written: the summary names the statement and takes focus.
    await page.getByRole('button', { name: 'ยื่นคำร้อง' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('กรุณาเล่าสิ่งที่เกิดขึ้น');
    await page.getByLabel('เล่าสิ่งที่เกิดขึ้น').fill('บริจาคเกล็ดเลือด ไม่ใช่เม็ดเลือดแดง ตามใบบริจาคเลขที่ WD-1');
    await expectAccessible(page, 'file dispute');
    await screenshots(page, 'dispute-file');
    await page.getByRole('button', { name: 'ยื่นคำร้อง' }).click();
    await expect.poll(() => page.getByTestId('dispute-sent').textContent()).toMatch(/ต้องตอบภายใน .*25\d\d/);
    const filed = await disputeRow();
    expect(filed).toMatchObject({ kind: 'wrong_credit', credit_id: creditId, respondent_code: 'trc', status: 'open' });

    await page.getByRole('link', { name: 'คำร้องของฉัน' }).click();
    await page.waitForURL(`${web.base}/me/disputes`);
    const card = page.getByTestId('dispute');
    await expect.poll(() => card.getAttribute('data-status')).toBe('open');
    expect(await card.getByTestId('due').textContent()).toMatch(/25\d\d/);
    await expectAccessible(page, 'my disputes');
    await screenshots(page, 'dispute-mine-open');

    // Someone who is not Red Cross staff is not let in; the Red Cross officer answers.
    const stranger = await signedIn({ pid: nextNationalId(), name: 'คนอื่น ทั่วไป' }, '/staff/trc/disputes');
    await expect.poll(() => stranger.locator('h1').textContent()).toBe('ท่านไม่ได้เป็นเจ้าหน้าที่ของหน่วยงานนี้');
    const officer = await signedIn(await staff('trc', 'issuer', 'พยาบาล ใจงาม'), '/staff/trc/disputes');
    const queueCard = officer.getByTestId('queue-respondent').getByTestId('dispute');
    await expect.poll(() => queueCard.count()).toBe(1);
    await queueCard.getByLabel('ไม่ยอมรับ').check();
    await queueCard.getByLabel('รายละเอียดคำตอบ').fill('ตรวจสอบใบบริจาคแล้ว เป็นการบริจาคเม็ดเลือดแดงจริง');
    await expectAccessible(officer, 'respondent queue');
    await screenshots(officer, 'dispute-respondent');
    await queueCard.getByRole('button', { name: 'ส่งคำตอบ' }).click();
    await expect.poll(async () => (await disputeRow())?.status).toBe('answered');
    await expect.poll(() => officer.getByTestId('queue-respondent').textContent()).toContain('ไม่มีคำร้องที่รออยู่');

    // The person reads the answer and contests it.
    await page.reload();
    await expect.poll(() => card.textContent()).toContain('หน่วยงานไม่ยอมรับ');
    await card.getByRole('button', { name: 'ไม่เห็นด้วย ส่งผู้พิจารณาอิสระ' }).click();
    await card.getByLabel('เหตุผลที่ไม่เห็นด้วย').fill('ใบบริจาคระบุว่าเป็นเกล็ดเลือด');
    await screenshots(page, 'dispute-mine-contest');
    await card.getByRole('button', { name: 'ส่งให้ผู้พิจารณาอิสระ' }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('escalated');

    // The Ombudsman's reviewer decides.
    const reviewer = await signedIn(await staff('ombudsman', 'reviewer', 'ยุติธรรม เที่ยงตรง'), '/staff/ombudsman/disputes');
    const review = reviewer.getByTestId('queue-reviewer').getByTestId('dispute');
    await expect.poll(() => review.count()).toBe(1);
    await review.getByLabel('คำร้องถูกต้อง ให้หน่วยงานแก้ไข').check();
    await review.getByLabel('เหตุผลของคำวินิจฉัย').fill('ใบบริจาคที่แนบระบุเกล็ดเลือด ให้สภากาชาดแก้ไข');
    await expectAccessible(reviewer, 'reviewer queue');
    await screenshots(reviewer, 'dispute-reviewer');
    await review.getByRole('button', { name: 'บันทึกคำวินิจฉัย' }).click();
    await expect.poll(async () => (await disputeRow())?.status).toBe('decided');
    expect((await disputeRow())?.review).toBe('upheld');

    await page.reload();
    await expect.poll(() => page.getByTestId('review').textContent()).toContain('สำนักงานผู้ตรวจการแผ่นดิน');
    await expectAccessible(page, 'my disputes decided');
    await screenshots(page, 'dispute-mine-decided');
  });

  it('asks for a rating on the dashboard after a redemption and keeps the comment for the partner', async () => {
    const token = await personToken(web.platform.app, person.id);
    const v = await inject({
      method: 'POST',
      url: `/api/v1/accounts/${person.id}/redemptions`,
      headers: auth(token),
      payload: { privilege: 'ptt.bluepoints', requestKey: `web-rk-${person.id}` },
    });
    expect(v.statusCode, v.body).toBe(201);
    const ptt = await agencyToken(web.platform.app, 'ptt');
    const c = await inject({ method: 'POST', url: '/api/v1/partner/vouchers/confirm', headers: auth(ptt), payload: { shortCode: v.json().shortCode } });
    expect(c.statusCode, c.body).toBe(200);

    const page = await signedIn({ pid: person.nationalId, name: 'สมชาย ใจดี' }, '/me');
    const prompt = page.getByTestId('rating-prompt');
    await expect.poll(() => prompt.textContent()).toContain('บริษัท ปตท.');
    await prompt.getByRole('button', { name: 'ส่งคะแนน' }).click();
    await expect.poll(() => prompt.locator('.error-summary').textContent()).toContain('กรุณาเลือกจำนวนดาว');
    await prompt.getByLabel('4 ดาว').check();
    await prompt.getByLabel('ความคิดเห็น (ไม่บังคับ)').fill('พนักงานบริการสุภาพ');
    await expectAccessible(page, 'rating prompt');
    await screenshots(page, 'rating-prompt');
    await prompt.getByRole('button', { name: 'ส่งคะแนน' }).click();
    await expect.poll(() => prompt.textContent()).toContain('ขอบคุณสำหรับความเห็น');
    const rows = await web.platform.store.db.selectFrom('ratings').selectAll().where('account_id', '=', person.id).execute();
    expect(rows).toEqual([expect.objectContaining({ agency_code: 'ptt', stars: 4, comment: 'พนักงานบริการสุภาพ', context: 'redemption' })]);

    // The partner's staff read the comment, without who wrote it.
    const cashier = await signedIn(await staff('ptt', 'partner', 'ประสิทธิ์ ขยันดี'), '/staff/ptt/disputes');
    await expect.poll(() => cashier.getByTestId('comments').textContent()).toContain('พนักงานบริการสุภาพ');
    await expectAccessible(cashier, 'partner comments');
    await screenshots(cashier, 'rating-comments');
  });

  it('shows the public figures per agency with small counts withheld, and no comment', async () => {
    const context = await newPhoneContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    // Today's answer and rating are counted from tomorrow (Bangkok): one of each, so withheld.
    await page.goto(`${web.base}/stats/agencies`);
    await expect.poll(() => page.locator('[data-agency="trc"]').textContent()).toContain('ยังไม่มีข้อมูล');
    // A new visitor (the answer is cacheable for 5 minutes, so this browser would keep today's).
    web.platform.clock.set(new Date(Date.now() + DAY));
    const tomorrow = await newPhoneContext(browser);
    contexts.push(tomorrow);
    const next = await tomorrow.newPage();
    await next.goto(`${web.base}/stats/agencies`);
    const trc = next.locator('[data-agency="trc"]');
    await expect.poll(() => trc.textContent()).toContain('ไม่เผยแพร่');
    expect(await next.locator('[data-agency="ptt"]').textContent()).toContain('ไม่เผยแพร่');
    expect(await next.getByTestId('agency-table').textContent()).not.toContain('พนักงานบริการสุภาพ');
    await expectAccessible(next, 'agency figures');
    await screenshots(next, 'stats-agencies');
  });
});
