// "Who looked at my record", on SQLite and PostgreSQL: every read by staff (with the purpose they
// must state) or by a partner at its counter appears in the person's access log; the person's own
// reads and reading the log itself do not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';

interface Entry {
  id: string;
  at: string;
  who: { kind: string; agency: { code: string; name: { th: string; en: string } | null } | null; officer: string | null };
  what: string;
  purpose: { code: string; note: string | null };
}

describe.each(DB_KINDS)('access log (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let ptt: string;
  let khuangpao: string;
  let nongsarai: string;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-11-20T03:00:00Z'), { webhooks: { autoStart: false }, sequencer: { autoStart: false } });
    trc = await agencyToken(p.app, 'trc');
    ptt = await agencyToken(p.app, 'ptt');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    nongsarai = await agencyToken(p.app, 'nongsarai');
  });
  afterAll(async () => p?.cleanup());

  async function person(areaCode = '500204') {
    const enrolled = await enrolPerson(p.app, { areaCode });
    return { ...enrolled, token: await personToken(p.app, enrolled.id) };
  }
  const logOf = async (who: { id: string; token: string }, query = '') => {
    const r = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${who.id}/access-log${query}`, headers: auth(who.token) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ items: Entry[]; nextCursor: string | null }>();
  };
  const rows = async (accountId: string) =>
    Number(
      (
        await p.store.db
          .selectFrom('access_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('records the assisted enrolment, then a staff read with its stated purpose; the person sees who, when and why', async () => {
    const me = await person();
    let log = await logOf(me);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ who: { kind: 'admin', agency: null }, what: 'POST /api/v1/accounts', purpose: { code: 'assisted_enrolment' } });

    p.clock.advance(60_000);
    const read = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/credits?year=2026`, headers: auth(khuangpao, 'member_support') });
    expect(read.statusCode, read.body).toBe(200);
    log = await logOf(me);
    expect(log.items[0]).toMatchObject({
      at: p.clock.now().toISOString(),
      who: { kind: 'agency', agency: { code: 'khuangpao', name: { th: expect.stringContaining('ข่วงเปา') } } },
      what: 'GET /api/v1/accounts/:id/credits',
      purpose: { code: 'member_support', note: null },
    });
  });

  it('refuses a staff read without a purpose, with an unknown one, or "other" without a note, and records nothing', async () => {
    const me = await person();
    const before = await rows(me.id);
    const get = (headers: Record<string, string>, query = '') => p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/score${query}`, headers });
    const cases: Array<[Record<string, string>, string, string]> = [
      [auth(khuangpao, null), '', 'access_purpose_required'],
      [auth(ADMIN_TOKEN, null), '', 'access_purpose_required'],
      [auth(khuangpao, 'curiosity'), '', 'invalid_access_purpose'],
      [auth(khuangpao, 'other'), '', 'invalid_access_purpose'],
      [auth(khuangpao, null), '?purpose=nosy', 'invalid_access_purpose'],
      [{ ...auth(khuangpao, 'audit'), 'x-khwamdee-purpose-note': '%E0%A4%A' }, '', 'invalid_access_purpose'],
      [{ ...auth(khuangpao, 'audit'), 'x-khwamdee-purpose-note': encodeURIComponent('ก'.repeat(201)) }, '', 'invalid_access_purpose'],
    ];
    for (const [headers, query, code] of cases) {
      const r = await get(headers, query);
      expect(r.statusCode, `${JSON.stringify(headers)} ${query}`).toBe(400);
      expect(r.json().error).toMatchObject({ code, messages: { th: expect.any(String), en: expect.any(String) } });
    }
    expect(await rows(me.id)).toBe(before);
    // A Thai note, URI-encoded in its header, or the query form.
    const note = 'ตรวจตามคำร้องเรียนเลขที่ 12';
    expect((await get({ ...auth(khuangpao, 'other'), 'x-khwamdee-purpose-note': encodeURIComponent(note) })).statusCode).toBe(200);
    expect((await get(auth(khuangpao, null), `?purpose=dispute&purposeNote=${encodeURIComponent('คำร้อง 7')}`)).statusCode).toBe(200);
    const log = await logOf(me);
    expect(log.items.slice(0, 2).map((e) => e.purpose)).toEqual([
      { code: 'dispute', note: 'คำร้อง 7' },
      { code: 'other', note },
    ]);
  });

  it('does not record the person reading their own record, nor reading the log; staff without access learn nothing and leave no row', async () => {
    const me = await person();
    const before = await rows(me.id);
    for (const url of [`/api/v1/accounts/${me.id}`, `/api/v1/accounts/${me.id}/score`, `/api/v1/accounts/${me.id}/credits`, `/api/v1/accounts/${me.id}/balance`])
      expect((await p.app.inject({ method: 'GET', url, headers: auth(me.token, null) })).statusCode).toBe(200);
    await logOf(me);
    await logOf(me);
    expect(await rows(me.id)).toBe(before);
    // Another area's certifier, an issuer and another person: 404, no row.
    for (const token of [nongsarai, trc, (await person()).token])
      expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}`, headers: auth(token) })).statusCode).toBe(404);
    expect(await rows(me.id)).toBe(before);
  });

  it('records a lookup by national ID, a card scan, and one row per person per request however many reads it makes', async () => {
    const me = await person();
    const before = await rows(me.id);
    const lookup = await p.app.inject({ method: 'POST', url: '/api/v1/accounts/lookup', headers: auth(khuangpao, 'assisted_enrolment'), payload: { nationalId: me.nationalId } });
    expect(lookup.statusCode, lookup.body).toBe(200);
    const card = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/card`, headers: auth(me.token) });
    const scan = await p.app.inject({ method: 'POST', url: '/api/v1/accounts/scan', headers: auth(khuangpao, 'card'), payload: { token: card.json().token } });
    expect(scan.statusCode, scan.body).toBe(200);
    expect(await rows(me.id)).toBe(before + 2);
    const log = await logOf(me);
    expect(log.items.slice(0, 2).map((e) => [e.what, e.purpose.code])).toEqual([
      ['POST /api/v1/accounts/scan', 'card'],
      ['POST /api/v1/accounts/lookup', 'assisted_enrolment'],
    ]);
  });

  it("records each person in a certifier's queue page, and a partner's voucher confirmation and eligibility check", async () => {
    const villager = await person('710911');
    const declared = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${villager.id}/declarations`,
      headers: auth(villager.token),
      payload: { ref: `al-${++seq}`, indicator: 'nongsarai.generosity.1', occurredAt: '2026-11-12T19:00:00+07:00' },
    });
    expect(declared.json().status, declared.body).toBe('pending');
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/attestations/pending', headers: auth(nongsarai, null) })).json().error.code).toBe('access_purpose_required');
    const queue = await p.app.inject({ method: 'GET', url: '/api/v1/attestations/pending', headers: auth(nongsarai, 'certification') });
    expect(queue.statusCode, queue.body).toBe(200);
    expect((await logOf(villager)).items[0]).toMatchObject({
      who: { agency: { code: 'nongsarai' } },
      what: 'GET /api/v1/attestations/pending',
      purpose: { code: 'certification' },
    });

    const donor = await person();
    for (const d of ['2026-01-10', '2026-05-10', '2026-09-10']) {
      const r = await attest(p.app, trc, {
        ref: `al-${++seq}`,
        subject: { accountId: donor.id },
        indicator: 'trc.blood.red-cell',
        occurredAt: `${d}T09:00:00+07:00`,
        evidence: { donationNo: `AL-${seq}` },
      });
      expect(r.json().status).toBe('credited');
    }
    const voucher = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${donor.id}/redemptions`,
      headers: auth(donor.token),
      payload: { privilege: 'ptt.bluepoints', requestKey: 'al-voucher-1' },
    });
    // The partner states no purpose: the platform records the counter's own.
    const confirmed = await p.app.inject({ method: 'POST', url: '/api/v1/partner/vouchers/confirm', headers: auth(ptt, null), payload: { shortCode: voucher.json().shortCode } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const token = (
      await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${donor.id}/eligibility-tokens`, headers: auth(donor.token), payload: { privilege: 'ptt.fuel-3' } })
    ).json().token;
    expect((await p.app.inject({ method: 'POST', url: '/api/v1/partner/eligibility/verify', headers: auth(ptt, null), payload: { token } })).statusCode).toBe(200);
    const log = await logOf(donor);
    expect(log.items.slice(0, 2).map((e) => [e.who.agency?.code, e.what, e.purpose.code])).toEqual([
      ['ptt', 'partner:eligibility', 'eligibility_check'],
      ['ptt', 'partner:voucher', 'redemption'],
    ]);
  });

  it('pages newest first with a cursor, and refuses a forged cursor', async () => {
    const me = await person();
    for (let i = 0; i < 4; i++) {
      p.clock.advance(1000);
      await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}`, headers: auth(ADMIN_TOKEN, 'audit') });
    }
    const first = await logOf(me, '?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await logOf(me, `?limit=2&cursor=${first.nextCursor}`);
    const third = await logOf(me, `?limit=2&cursor=${second.nextCursor}`);
    const all = [...first.items, ...second.items, ...third.items];
    expect(all).toHaveLength(5);
    expect(third.nextCursor).toBeNull();
    expect([...all].sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)))).toEqual(all);
    const bad = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/access-log?cursor=nope`, headers: auth(me.token) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_cursor');
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/access-log?limit=1000`, headers: auth(me.token) })).statusCode).toBe(400);
  });
});
