// The issuer console in a browser: a Red Cross officer signs in, imports a file with one bad row
// (shown with its line, column and code; the good rows credited; the report downloaded as CSV),
// attests one deed through the form (credited +70; the same form sent again is a replay, not a
// second credit), and a DSD officer is neither offered nor allowed a Red Cross indicator.
import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, auth, nextNationalId } from '../support/platforms.js';
import { enrolPerson, scoreOf } from '../support/helpers.js';
import { openWebPlatform, type WebPlatform } from '../support/web-platform.js';
import { expectAccessible, launchBrowser, newPhoneContext, screenshots, signIn } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const HOUR = 3_600_000;
/** A `datetime-local` value in Bangkok (UTC+7) for a moment. */
const bangkokInput = (at: Date) => new Date(at.getTime() + 7 * HOUR).toISOString().slice(0, 16);
const bangkokYear = (at: Date) => new Date(at.getTime() + 7 * HOUR).getUTCFullYear();
/** Nothing wider than the 360 px phone: no sideways scrolling. */
async function expectFitsPhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}
/** A valid-looking ID whose last digit is wrong. */
const wrongCheckDigit = (id: string) => `${id.slice(0, 12)}${(Number(id[12]) + 1) % 10}`;

describe('the issuer console (sqlite)', () => {
  let web: WebPlatform;
  beforeAll(async () => {
    // The import runner is driven by the test, two rows at a time, so the progress can be watched.
    web = await openWebPlatform('sqlite', { now: new Date(), platform: { imports: { autoStart: false, chunkRows: 2 } } });
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
    await signIn(page, web.base, { pid, name: 'เจ้าหน้าที่ ใจดี' }, returnTo);
    await page.waitForURL(`${web.base}${returnTo}`);
    return page;
  }

  async function creditsOf(accountId: string, year: number, indicator: string) {
    const res = await web.platform.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/credits?year=${year}`, headers: auth(ADMIN_TOKEN) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Array<{ indicator: string; points: number }> }>().items.filter((c) => c.indicator === indicator);
  }

  it('imports a file: the bad row is reported by line and column, the good rows are credited, the report downloads', async () => {
    const pid = await staffMember('trc');
    const people = [await enrolPerson(web.platform.app), await enrolPerson(web.platform.app), await enrolPerson(web.platform.app)];
    const when = new Date(Date.now() - 26 * HOUR);
    const occurredAt = when.toISOString();
    const badId = wrongCheckDigit(nextNationalId());
    const rows = [
      ['ref', 'national_id', 'indicator', 'occurred_at', 'evidence_donationNo'],
      ['WEB-IMP-1', people[0]!.nationalId, 'trc.blood.red-cell', occurredAt, 'D-1'],
      ['WEB-IMP-2', people[1]!.nationalId, 'trc.blood.red-cell', occurredAt, 'D-2'],
      ['WEB-IMP-3', badId, 'trc.blood.red-cell', occurredAt, 'D-3'],
      ['WEB-IMP-4', people[2]!.nationalId, 'trc.blood.red-cell', occurredAt, 'D-4'],
    ];
    const file = Buffer.from(stringify(rows), 'utf8');

    // From the staff home to the tool, as an officer would: the tool's first calls act for the agency.
    const page = await signedIn(pid, '/staff/trc');
    await page.getByRole('link', { name: 'นำเข้าไฟล์ความดี (CSV)' }).click();
    await page.waitForURL(`${web.base}/staff/trc/import`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('นำเข้าไฟล์ความดี');
    // The expected columns, and the documented example file served with the app.
    const columns = await page.locator('.columns-table code').allTextContents();
    expect(columns).toEqual(expect.arrayContaining(['ref', 'national_id', 'indicator', 'occurred_at', 'evidence_<key>']));
    const example = page.getByRole('link', { name: 'ดาวน์โหลดไฟล์ตัวอย่าง (CSV)' });
    const exampleUrl = await example.getAttribute('href');
    const exampleRes = await page.request.get(`${web.base}${exampleUrl}`);
    expect(exampleRes.status()).toBe(200);
    expect(exampleRes.headers()['content-type']).toContain('text/csv');
    expect((await exampleRes.body()).equals(readFileSync(new URL('../../docs/exchange/attestations.example.csv', import.meta.url)))).toBe(true);
    await expect.poll(() => page.getByText('ยังไม่เคยส่งไฟล์').count()).toBe(1);

    // Nothing chosen: the form says so before anything is sent.
    await page.getByRole('button', { name: 'ส่งไฟล์', exact: true }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('กรุณาเลือกไฟล์ที่จะส่ง');

    // A file the server refuses as a whole: its catalogue message, and nothing queued.
    const fileInput = page.getByLabel('เลือกไฟล์ (.csv หรือ .jsonl)');
    await fileInput.setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('name,points\nสมชาย,70\n') });
    await page.getByRole('button', { name: 'ส่งไฟล์', exact: true }).click();
    await expect.poll(() => page.locator('.notice-error').first().textContent()).toContain('แถวหัวตาราง');
    expect(await page.getByTestId('import-status').count()).toBe(0);

    await fileInput.setInputFiles({ name: 'deeds.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'ส่งไฟล์', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-state').textContent()).toBe('รอคิวประมวลผล');
    // Only the header has been read so far.
    const queued = Number(await page.locator('progress.import-progress').getAttribute('value'));
    expect(queued).toBeLessThan(50);
    await screenshots(page, 'issuer-import-queued');

    // One chunk of two rows: the bar moves and says how far it is.
    await web.platform.services.imports.runOnce({ maxChunks: 1 });
    await expect.poll(() => page.getByTestId('import-state').textContent(), { timeout: 10_000 }).toBe('กำลังประมวลผล');
    const halfway = Number(await page.locator('progress.import-progress').getAttribute('value'));
    expect(halfway).toBeGreaterThan(queued);
    expect(halfway).toBeLessThan(100);
    expect(await page.getByTestId('import-progress-text').textContent()).toContain(`ประมวลผลแล้ว ${halfway}%`);

    await web.platform.services.imports.runOnce();
    await expect.poll(() => page.getByTestId('import-state').textContent(), { timeout: 10_000 }).toBe('ประมวลผลเสร็จแล้ว');
    expect(await page.locator('progress.import-progress').getAttribute('value')).toBe('100');
    expect(await page.getByTestId('total-rowsRead').locator('dd').textContent()).toBe('4');
    expect(await page.getByTestId('total-credited').locator('dd').textContent()).toBe('3');
    expect(await page.getByTestId('total-failed').locator('dd').textContent()).toBe('1');
    expect(await page.getByTestId('total-alreadyRecorded').locator('dd').textContent()).toBe('0');

    // The bad row, by its line in the file (the header is line 1), its column, code and Thai message.
    await expect.poll(() => page.getByTestId('error-row').count()).toBe(1);
    const cells = await page.getByTestId('error-row').first().locator('td').allTextContents();
    expect(cells[0]).toBe('4');
    expect(cells[1]).toBe('national_id');
    expect(cells[2]).toContain('invalid_national_id');
    expect(cells[3]).toContain('เลขประจำตัวประชาชนไม่ถูกต้อง');
    expect(await page.content()).not.toContain(badId);

    // The good rows are credited: the people's scores say so.
    for (const person of people) expect((await scoreOf(web.platform.app, person.id, bangkokYear(when))).points).toBe(70);

    // The same report as a CSV file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-errors').click()]);
    const reportPath = await download.path();
    const report = readFileSync(reportPath, 'utf8');
    expect(report.charCodeAt(0)).toBe(0xfeff);
    expect(report).toContain('row,ref,column,code,outcome,message_th,message_en,detail');
    expect(report).toMatch(/^4,WEB-IMP-3,national_id,invalid_national_id,failed,/m);
    expect(report).not.toContain(badId);

    // The agency's recent files list it.
    await expect.poll(() => page.getByTestId('recent-import').count()).toBe(1);
    expect(await page.getByTestId('recent-import').first().textContent()).toContain('deeds.csv');

    await expectFitsPhone(page);
    await expectAccessible(page, 'import');
    await screenshots(page, 'issuer-import');
    await page.context().close();
  });

  it('attests one deed through the form: credited +70, and the same form sent again is already recorded', async () => {
    const pid = await staffMember('trc');
    const person = await enrolPerson(web.platform.app);
    const unenrolled = nextNationalId();
    const when = new Date(Date.now() - HOUR);
    const year = bangkokYear(when);
    const page = await signedIn(pid, '/staff/trc/attest');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/attestations')) posts.push(r.url());
    });
    const submit = page.getByRole('button', { name: 'บันทึกความดี', exact: true });
    const nationalId = page.getByLabel('เลขประจำตัวประชาชน 13 หลักของผู้ทำความดี');

    // Only the agency's indicators, with their points.
    const select = page.getByLabel('ความดีที่รับรอง (ตัวชี้วัด)');
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
    const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => v.startsWith('trc.'))).toBe(true);
    expect(await select.locator('option[value="trc.blood.red-cell"]').textContent()).toContain('70 คะแนนต่อครั้ง');

    // A wrong check digit is caught before anything is sent.
    await nationalId.fill(wrongCheckDigit(person.nationalId));
    await select.selectOption('trc.blood.red-cell');
    await page.getByLabel('วันและเวลาที่ทำความดี (เวลาประเทศไทย)').fill(bangkokInput(when));
    await submit.click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('เลขตรวจสอบ');
    expect(posts).toHaveLength(0);
    // The evidence the indicator needs is asked for.
    expect(await page.locator('.error-summary').textContent()).toContain('ต้องมีเลขที่อ้างอิงหลักฐาน');
    expect(await page.getByTestId('indicator-facts').textContent()).toContain('ห่างกันอย่างน้อย 84 วัน');
    await expectFitsPhone(page);
    await expectAccessible(page, 'attest errors');
    await screenshots(page, 'issuer-attest-errors');

    // The catalogue's answer next to its field: a valid ID of someone not enrolled.
    await nationalId.fill(unenrolled);
    await page.getByLabel('เลขที่อ้างอิงหลักฐานของหน่วยงาน').fill('D-2569-7');
    await submit.click();
    await expect.poll(() => page.locator('#nationalId-error').textContent()).toContain('ยังไม่ได้ลงทะเบียน');
    expect(posts).toHaveLength(1);

    await nationalId.fill(person.nationalId);
    const ref = await page.getByLabel('เลขอ้างอิงรายการของหน่วยงาน').inputValue();
    expect(ref).toMatch(/^TRC-WEB-\d{8}-[0-9A-Z]{8}$/);
    await submit.click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain(`บันทึกแล้ว ได้รับ +70 คะแนน สำหรับปี พ.ศ. ${year + 543}`);
    expect(await page.getByTestId('outcome-replayed').count()).toBe(0);
    // The national ID is not shown back in full, nor put in the address.
    expect(await page.content()).not.toContain(person.nationalId);
    expect(page.url()).not.toContain(person.nationalId);
    expect(await page.locator('.kept-id').textContent()).toContain(person.nationalId.slice(-4));
    expect((await scoreOf(web.platform.app, person.id, year)).points).toBe(70);
    await expectFitsPhone(page);
    await expectAccessible(page, 'attest credited');
    await screenshots(page, 'issuer-attest');

    // The same form again: the ref makes it a replay, shown as already recorded, with no second credit.
    await submit.click();
    await expect.poll(() => page.getByTestId('outcome-replayed').count()).toBe(1);
    expect(await page.getByTestId('outcome').textContent()).toContain('บันทึกไว้แล้วก่อนหน้านี้');
    expect(await page.getByTestId('outcome').textContent()).toContain('+70');
    expect(posts).toHaveLength(3);
    expect(await creditsOf(person.id, year, 'trc.blood.red-cell')).toHaveLength(1);
    expect((await scoreOf(web.platform.app, person.id, year)).points).toBe(70);

    // The next deed: a fresh reference, the ID cleared; a double click sends one request.
    const other = await enrolPerson(web.platform.app);
    await page.getByRole('button', { name: 'บันทึกความดีรายการใหม่' }).click();
    expect(await nationalId.inputValue()).toBe('');
    expect(await page.getByLabel('เลขอ้างอิงรายการของหน่วยงาน').inputValue()).not.toBe(ref);
    await nationalId.fill(other.nationalId);
    await page.getByLabel('เลขที่อ้างอิงหลักฐานของหน่วยงาน').fill('D-2569-8');
    await submit.dblclick();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('+70');
    expect(posts).toHaveLength(4);
    expect(await creditsOf(other.id, year, 'trc.blood.red-cell')).toHaveLength(1);

    // A second red-cell donation the same day for the first person: recorded, no points, said in Thai.
    await page.getByRole('button', { name: 'บันทึกความดีรายการใหม่' }).click();
    await nationalId.fill(person.nationalId);
    await page.getByLabel('เลขที่อ้างอิงหลักฐานของหน่วยงาน').fill('D-2569-9');
    await submit.click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('บันทึกไว้แล้ว แต่ไม่ได้คะแนน: ความดีเดียวกันนี้ได้รับการบันทึกแล้วในวันเดียวกัน');
    expect(await creditsOf(person.id, year, 'trc.blood.red-cell')).toHaveLength(1);
    await page.context().close();
  });

  it('does not offer or allow a DSD issuer a Red Cross indicator, and keeps other agencies and roles out', async () => {
    const pid = await staffMember('dsd');
    const person = await enrolPerson(web.platform.app);
    const page = await signedIn(pid, '/staff/dsd/attest');
    const select = page.getByLabel('ความดีที่รับรอง (ตัวชี้วัด)');
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
    const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(values).toContain('dsd.skills.training-hours');
    expect(values.some((v) => v.startsWith('trc.'))).toBe(false);
    // Organisation indicators in its scopes are not offered for a person.
    expect(values).not.toContain('nat.org.staff-training');

    // An hourly indicator asks for the hours.
    await select.selectOption('dsd.skills.training-hours');
    await expect.poll(() => page.getByLabel('จำนวนชั่วโมง').count()).toBe(1);
    expect(await page.getByTestId('indicator-facts').textContent()).toContain('2 คะแนนต่อชั่วโมง');

    // Forced: a Red Cross option slipped into the list is refused by the server, next to the field.
    await select.evaluate((el) => {
      const o = document.createElement('option');
      o.value = 'trc.blood.red-cell';
      o.textContent = 'forced';
      el.append(o);
    });
    await select.selectOption('trc.blood.red-cell');
    await page.getByLabel('เลขประจำตัวประชาชน 13 หลักของผู้ทำความดี').fill(person.nationalId);
    await page.getByLabel('วันและเวลาที่ทำความดี (เวลาประเทศไทย)').fill(bangkokInput(new Date(Date.now() - HOUR)));
    await page.getByRole('button', { name: 'บันทึกความดี', exact: true }).click();
    await expect.poll(() => page.locator('#indicator-error').textContent()).toContain('นอกขอบเขต');
    await expectAccessible(page, 'attest out of scope');
    await screenshots(page, 'issuer-attest-out-of-scope');

    // And straight at the API with the session, as the form would send it.
    const answer = await page.evaluate(async (nationalId) => {
      const me = await (await fetch('/api/v1/me')).json();
      const res = await fetch('/api/v1/attestations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'x-khwamdee-agency': 'dsd' },
        body: JSON.stringify({
          ref: 'FORCED-1',
          subject: { nationalId },
          indicator: 'trc.blood.red-cell',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          evidence: { reference: 'x' },
        }),
      });
      return { status: res.status, code: (await res.json()).error?.code };
    }, person.nationalId);
    expect(answer).toEqual({ status: 403, code: 'out_of_scope' });
    expect((await scoreOf(web.platform.app, person.id, bangkokYear(new Date()))).points).toBe(0);

    // Another agency's console in the address: not theirs.
    await page.goto(`${web.base}/staff/trc/import`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('ท่านไม่ได้เป็นเจ้าหน้าที่ของหน่วยงานนี้');
    await page.context().close();

    // A member of the agency without the issuer role.
    const admin = await staffMember('trc', 'admin');
    const adminPage = await signedIn(admin, '/staff/trc/attest');
    await expect.poll(() => adminPage.locator('h1').textContent()).toContain('ท่านไม่มีบทบาท');
    await adminPage.context().close();
  });
});
