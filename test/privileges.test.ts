// Privileges end to end on SQLite and PostgreSQL: catalogue, balance, redemption, vouchers,
// eligibility tokens verified offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, scoreOf } from './support/helpers.js';

describe.each(DB_KINDS)('privileges (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let ptt: string;
  let khuangpao: string;
  let seq = 0;

  beforeAll(async () => {
    // Webhook events are counted in the outbox, never sent (nothing listens on the URL, on loopback).
    p = await openTestPlatform(kind, new Date('2026-11-20T03:00:00Z'), { webhooks: { autoStart: false, allowLoopback: true } });
    trc = await agencyToken(p.app, 'trc');
    ptt = await agencyToken(p.app, 'ptt');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    const hook = await p.app.inject({ method: 'PUT', url: '/api/v1/partner/webhook', headers: auth(ptt), payload: { url: 'http://127.0.0.1:9/khwamdee' } });
    expect(hook.statusCode, hook.body).toBeLessThan(300);
  });
  afterAll(async () => p?.cleanup());

  /** A person with `donations` red-cell donations (70 points each) this year. */
  async function personWith(donations: number, areaCode = '500204') {
    const person = await enrolPerson(p.app, { areaCode });
    for (let i = 0; i < donations; i++) {
      const r = await attest(p.app, trc, {
        ref: `pv-${++seq}`,
        subject: { accountId: person.id },
        indicator: 'trc.blood.red-cell',
        occurredAt: `2026-${String(1 + i * 3).padStart(2, '0')}-10T09:00:00+07:00`,
        evidence: { donationNo: `PV-${seq}` },
      });
      expect(r.json().status, r.body).toBe('credited');
    }
    return { ...person, token: await personToken(p.app, person.id) };
  }
  const redeem = (person: { id: string; token: string }, privilege: string, requestKey = `rk-${++seq}-xxxx`) =>
    p.app.inject({ method: 'POST', url: `/api/v1/accounts/${person.id}/redemptions`, headers: auth(person.token), payload: { privilege, requestKey } });
  const balanceOf = async (person: { id: string; token: string }) =>
    (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/balance`, headers: auth(person.token) })).json().balance as number;
  const confirm = (payload: Record<string, string>, token = ptt) => p.app.inject({ method: 'POST', url: '/api/v1/partner/vouchers/confirm', headers: auth(token), payload });

  it('publishes the seeded PTT privileges and hides a proposal until the committee approves it', async () => {
    const list = await p.app.inject({ method: 'GET', url: '/api/v1/privileges?partner=ptt' });
    expect(
      list
        .json()
        .items.map((i: { code: string }) => i.code)
        .sort(),
    ).toEqual(['ptt.bluepoints', 'ptt.fuel-3', 'ptt.fuel-5']);
    const proposal = {
      code: 'ptt.car-wash',
      partner: 'ptt',
      name: { th: 'ล้างรถฟรี', en: 'Free car wash' },
      category: 'voucher',
      kind: 'exchange',
      cost: 30,
      stock: 2,
      nationwide: true,
      validFrom: '2026-01-01T00:00:00+07:00',
      validUntil: '2027-12-31T00:00:00+07:00',
    };
    const proposed = await p.app.inject({ method: 'POST', url: '/api/v1/privileges', headers: auth(ptt), payload: proposal });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json().status).toBe('proposed');
    const visible = async () => (await p.app.inject({ method: 'GET', url: '/api/v1/privileges' })).json().items.map((i: { code: string }) => i.code);
    expect(await visible()).not.toContain('ptt.car-wash');
    expect((await p.app.inject({ method: 'POST', url: '/api/v1/privileges/ptt.car-wash/approve', headers: auth(ptt) })).statusCode).toBe(403);
    expect((await p.app.inject({ method: 'POST', url: '/api/v1/privileges/ptt.car-wash/approve', headers: auth(ADMIN_TOKEN) })).json().status).toBe('approved');
    expect(await visible()).toContain('ptt.car-wash');
    const own = await p.app.inject({ method: 'GET', url: '/api/v1/partner/privileges', headers: auth(ptt) });
    expect(own.json().items.find((i: { code: string }) => i.code === 'ptt.car-wash').remaining).toBe(2);
  });

  it('refuses a privilege in a basic-rights category and one for another partner', async () => {
    const bad = {
      code: 'ptt.hospital',
      partner: 'ptt',
      name: { th: 'ลัดคิวโรงพยาบาล', en: 'Priority hospital queue' },
      category: 'discount',
      kind: 'threshold',
      criteria: { minScore: 100 },
      nationwide: true,
      validFrom: '2026-01-01T00:00:00+07:00',
      validUntil: '2027-12-31T00:00:00+07:00',
    };
    const r = await p.app.inject({ method: 'POST', url: '/api/v1/privileges', headers: auth(ADMIN_TOKEN), payload: bad });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('privilege_touches_basic_rights');
    const other = await p.app.inject({
      method: 'POST',
      url: '/api/v1/privileges',
      headers: auth(ptt),
      payload: { ...bad, code: 'khuangpao.x', partner: 'khuangpao', name: { th: 'ส่วนลด', en: 'Discount' } },
    });
    expect(other.statusCode).toBe(403);
  });

  it('debits the balance on redemption without lowering the score, and replays a retried request', async () => {
    const person = await personWith(2);
    expect(await balanceOf(person)).toBe(140);
    const r = await redeem(person, 'ptt.bluepoints', 'retry-key-0001');
    expect(r.statusCode, r.body).toBe(201);
    const voucher = r.json();
    expect(voucher).toMatchObject({ privilege: 'ptt.bluepoints', partner: 'ptt', points: 50, status: 'issued' });
    expect(voucher.shortCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(voucher.qrSvg).toMatch(/^<svg/);
    const again = await redeem(person, 'ptt.bluepoints', 'retry-key-0001');
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(voucher.id);
    expect(await balanceOf(person)).toBe(90);
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(140);

    // The list of my vouchers and the voucher's QR as an image; nobody else's.
    const mine = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/redemptions`, headers: auth(person.token) });
    const { token: _token, qrSvg: _qr, ...view } = voucher;
    expect(mine.json().items).toEqual([view]);
    const qr = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/redemptions/${voucher.id}/qr.svg`, headers: auth(person.token) });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(qr.body).toMatch(/^<svg/);
    const stranger = await personWith(0);
    for (const url of [`/api/v1/accounts/${person.id}/redemptions`, `/api/v1/accounts/${person.id}/redemptions/${voucher.id}/qr.svg`]) {
      const r = await p.app.inject({ method: 'GET', url, headers: auth(stranger.token) });
      expect(r.statusCode, url).toBe(404);
    }
    const strangersOwn = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${stranger.id}/redemptions/${voucher.id}/qr.svg`, headers: auth(stranger.token) });
    expect(strangersOwn.json().error.code).toBe('voucher_not_found');
  });

  it('lets exactly one of two concurrent redemptions through when together they exceed the balance', async () => {
    const person = await personWith(1);
    const results = await Promise.all([redeem(person, 'ptt.bluepoints'), redeem(person, 'ptt.bluepoints'), redeem(person, 'ptt.bluepoints')]);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 422).map((r) => r.json().error.code)).toEqual(['insufficient_balance', 'insufficient_balance']);
    expect(await balanceOf(person)).toBe(20);
    const debits = await p.store.db.selectFrom('debits').selectAll().where('account_id', '=', person.id).execute();
    expect(debits).toHaveLength(1);
    // Every debit is backed by a redemption of this account.
    const redemption = await p.store.db.selectFrom('redemptions').selectAll().where('id', '=', debits[0]!.redemption_id).executeTakeFirstOrThrow();
    expect(redemption.account_id).toBe(person.id);
  });

  it('confirms a voucher once: a second confirm answers 409 voucher_already_used with when and what; another partner cannot', async () => {
    const person = await personWith(1);
    const v = (await redeem(person, 'ptt.bluepoints')).json();
    expect((await confirm({ shortCode: v.shortCode }, khuangpao)).statusCode).toBe(404);
    const first = await confirm({ shortCode: v.shortCode });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'confirmed', confirmedAt: p.clock.now().toISOString() });
    // The scanned QR and the short code name the same voucher: both are refused the second time.
    for (const again of [await confirm({ token: v.token }), await confirm({ shortCode: v.shortCode.toLowerCase() })]) {
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json().error).toMatchObject({
        code: 'voucher_already_used',
        details: { voucherId: v.id, privilege: 'ptt.bluepoints', confirmedAt: first.json().confirmedAt },
      });
      // 2026-11-20T03:00Z is 10:00 in Bangkok, B.E. 2569.
      expect(again.json().error.message).toBe('บัตรกำนัลนี้ถูกใช้ไปแล้ว เมื่อวันที่ 20 พฤศจิกายน พ.ศ. 2569 เวลา 10:00 น.');
      expect(again.json().error.messages.en).toBe('This voucher was already used on 20 November 2026 at 10:00 (Bangkok time).');
    }
    const english = await p.app.inject({
      method: 'POST',
      url: '/api/v1/partner/vouchers/confirm',
      headers: { ...auth(ptt), 'accept-language': 'en' },
      payload: { shortCode: v.shortCode },
    });
    expect(english.json().error.message).toContain('already used on 20 November 2026');
    const rows = await p.store.db.selectFrom('redemptions').select(['status', 'confirmed_at']).where('id', '=', v.id).execute();
    expect(rows).toEqual([{ status: 'confirmed', confirmed_at: first.json().confirmedAt }]);
    const events = await p.store.db.selectFrom('webhook_outbox').select('payload').where('event_type', '=', 'redemption.confirmed').execute();
    expect(events.filter((e) => JSON.parse(e.payload).data.voucherId === v.id)).toHaveLength(1);
    const stats = await p.app.inject({ method: 'GET', url: '/api/v1/partner/stats', headers: auth(ptt) });
    expect(stats.json().items).toContainEqual(expect.objectContaining({ privilege: 'ptt.bluepoints', status: 'confirmed' }));
  });

  it('lets exactly one of two simultaneous confirms of a voucher through: one 200, one 409, one webhook, no extra leaf', async () => {
    const person = await personWith(1);
    const v = (await redeem(person, 'ptt.bluepoints')).json();
    const results = await Promise.all([confirm({ shortCode: v.shortCode }), confirm({ token: v.token })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    const winner = results.find((r) => r.statusCode === 200)!;
    expect(loser.json().error).toMatchObject({ code: 'voucher_already_used', details: { privilege: 'ptt.bluepoints', confirmedAt: winner.json().confirmedAt } });
    const events = await p.store.db.selectFrom('webhook_outbox').select('payload').where('event_type', '=', 'redemption.confirmed').execute();
    expect(events.filter((e) => JSON.parse(e.payload).data.voucherId === v.id)).toHaveLength(1);
    const leaves = await p.store.db.selectFrom('log_entries').select('kind').where('ref_id', '=', v.id).execute();
    expect(leaves).toEqual([{ kind: 'redemption' }]);
    const debits = await p.store.db.selectFrom('debits').select(['kind', 'points']).where('redemption_id', '=', v.id).execute();
    expect(debits).toEqual([{ kind: 'redeem', points: 50 }]);
  });

  it('expires an unconfirmed voucher and refunds it', async () => {
    const person = await personWith(1);
    const v = (await redeem(person, 'ptt.bluepoints')).json();
    const late = await redeem(person, 'ptt.bluepoints');
    expect(late.json().error.code).toBe('insufficient_balance');
    expect(await balanceOf(person)).toBe(20);
    const start = p.clock.now();
    p.clock.advance(25 * 3600_000);
    try {
      expect(await p.services.redemptions.expireDue()).toBeGreaterThanOrEqual(1);
      expect(await balanceOf(person)).toBe(70);
      const c = await confirm({ shortCode: v.shortCode });
      expect(c.statusCode).toBe(409);
      expect(c.json().error.code).toBe('voucher_expired');
      const debits = await p.store.db.selectFrom('debits').select(['kind', 'points']).where('redemption_id', '=', v.id).orderBy('kind').execute();
      expect(debits).toEqual([
        { kind: 'redeem', points: 50 },
        { kind: 'refund', points: -50 },
      ]);
      // Both the debit and its refund are leaves of the public log, naming no one.
      const leaves = await p.store.db.selectFrom('log_entries').select(['kind', 'leaf']).where('ref_id', '=', v.id).orderBy('seq').execute();
      expect(leaves.map((l) => l.kind)).toEqual(['redemption', 'refund']);
      expect(JSON.parse(leaves[0]!.leaf)).toMatchObject({ kind: 'redemption', privilege: 'ptt.bluepoints', partner: 'ptt', points: 50 });
      expect(leaves.map((l) => l.leaf).join()).not.toContain(person.id);
      // The served entries are rendered from the redemption rows and match what was appended.
      await p.sequencer.integrateOnce();
      const indices = await p.store.db.selectFrom('log_entries').select('leaf_index').where('ref_id', '=', v.id).execute();
      for (const { leaf_index } of indices) {
        const proof = await p.app.inject({ method: 'GET', url: `/api/v1/log/inclusion?index=${leaf_index}` });
        expect(proof.statusCode, proof.body).toBe(200);
      }
    } finally {
      p.clock.set(start);
    }
  });

  it('keeps the Khuang Pao minimum balance of 150 after an exchange for goods', async () => {
    const poorer = await personWith(3); // 210: 210 − 100 = 110 < 150
    const refused = await redeem(poorer, 'khuangpao.rice-5kg');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('minimum_balance');
    const richer = await personWith(4); // 280 − 100 = 180
    expect((await redeem(richer, 'khuangpao.rice-5kg')).statusCode).toBe(201);
    const outsider = await personWith(4, '710911');
    expect((await redeem(outsider, 'khuangpao.rice-5kg')).json().error.code).toBe('privilege_unavailable');
  });

  it('issues an eligibility token that verifies offline with only the JWKS and reveals nothing about the person', async () => {
    const person = await personWith(2); // score 140
    const ask = () => p.app.inject({ method: 'POST', url: `/api/v1/accounts/${person.id}/eligibility-tokens`, headers: auth(person.token), payload: { privilege: 'ptt.fuel-3' } });
    const no = await ask();
    expect(no.statusCode).toBe(422);
    expect(no.json().error).toMatchObject({ code: 'not_eligible', details: { criteria: { minScore: 150 }, achieved: { score: 140 } } });
    await attest(p.app, trc, {
      ref: `pv-${++seq}`,
      subject: { accountId: person.id },
      indicator: 'trc.organ-pledge',
      occurredAt: '2026-08-01T09:00:00+07:00',
      evidence: { pledgeNo: 'O-1' },
    });
    const yes = await ask();
    expect(yes.statusCode, yes.body).toBe(201);
    const { token } = yes.json();
    // A countdown needs no clock agreement: the seconds left come with the token and match its claims.
    expect(yes.json().expiresIn).toBe(300);
    expect(decodeJwt(token).exp! - decodeJwt(token).iat!).toBe(300);

    const claims = decodeJwt(token);
    const text = JSON.stringify({ header: decodeProtectedHeader(token), claims });
    expect(text).not.toContain(person.nationalId);
    expect(text).not.toContain(person.id);
    expect(text).not.toContain('สมชาย');
    expect(Object.keys(claims).sort()).toEqual(['aud', 'eligible', 'exp', 'iat', 'iss', 'jti', 'privilege', 'sub']);
    expect(text).not.toMatch(/\b(140|340)\b/);

    const jwks = (await p.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const keys = createLocalJWKSet(jwks);
    const now = p.clock.now();
    const offline = await jwtVerify(token, keys, { audience: 'ptt', currentDate: now });
    expect(offline.payload).toMatchObject({ privilege: 'ptt.fuel-3', eligible: true });
    await expect(jwtVerify(token, keys, { audience: 'khuangpao', currentDate: now })).rejects.toThrow();
    await expect(jwtVerify(token, keys, { audience: 'ptt', currentDate: new Date(now.getTime() + 10 * 60_000) })).rejects.toThrow();

    // The pseudonym is stable for one partner and differs between people.
    const again = decodeJwt((await ask()).json().token);
    expect(again.sub).toBe(claims.sub);
    const other = await personWith(3);
    const otherToken = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${other.id}/eligibility-tokens`,
      headers: auth(other.token),
      payload: { privilege: 'ptt.fuel-3' },
    });
    expect(decodeJwt(otherToken.json().token).sub).not.toBe(claims.sub);

    const verify = (t: string, as = ptt) => p.app.inject({ method: 'POST', url: '/api/v1/partner/eligibility/verify', headers: auth(as), payload: { token: t } });
    const once = await verify(token);
    expect(once.json()).toMatchObject({ valid: true, privilege: 'ptt.fuel-3', subject: claims.sub });
    expect((await verify(token)).json().error.code).toBe('token_already_used');
    expect((await verify(otherToken.json().token, khuangpao)).json().error.code).toBe('invalid_token');
  });

  it('evaluates the Nong Sarai loan tiers from distinct virtues and indicators', async () => {
    const person = await enrolPerson(p.app, { areaCode: '710911' });
    const token = await personToken(p.app, person.id);
    const nongsarai = await agencyToken(p.app, 'nongsarai');
    // 11 indicators across 4 virtues, declared by the person and certified by the council.
    const codes = ['gratitude.1', 'gratitude.2', 'gratitude.3', 'honesty.1', 'honesty.2', 'honesty.3', 'generosity.1', 'generosity.2', 'generosity.3', 'unity.1', 'unity.2'];
    for (const [i, c] of codes.entries()) {
      const d = await p.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${person.id}/declarations`,
        headers: auth(token),
        payload: { ref: `ns-${i}`, indicator: `nongsarai.${c}`, occurredAt: `2026-03-${String(i + 1).padStart(2, '0')}T10:00:00+07:00` },
      });
      const ok = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${d.json().id}/certify`, headers: auth(nongsarai), payload: { decision: 'approve' } });
      expect(ok.json().status, ok.body).toBe('credited');
    }
    const ach = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/achievements?year=2026`, headers: auth(token) });
    expect(ach.json()).toMatchObject({ distinctVirtues: 4, distinctIndicators: 11, score: 55 });
    const ask = (privilege: string) => p.app.inject({ method: 'POST', url: `/api/v1/accounts/${person.id}/eligibility-tokens`, headers: auth(token), payload: { privilege } });
    expect((await ask('nongsarai-cfi.loan-20k')).statusCode).toBe(201);
    expect((await ask('nongsarai-cfi.loan-40k')).json().error.code).toBe('not_eligible');
  });
});

describe.each(DB_KINDS)('balance expiry policy (%s)', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-06-15T03:00:00Z'));
  });
  afterAll(async () => p?.cleanup());

  it('reminds the person ahead, then expires unused points of a year without touching the score', async () => {
    const trc = await agencyToken(p.app, 'trc');
    const person = await enrolPerson(p.app);
    const token = await personToken(p.app, person.id);
    await attest(p.app, trc, {
      ref: `exp-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-02-01T09:00:00+07:00',
      evidence: { donationNo: 'X-1' },
    });
    const retro = await p.app.inject({
      method: 'PUT',
      url: '/api/v1/policies/balance-expiry',
      headers: auth(ADMIN_TOKEN),
      payload: { yearsValid: 0, effectiveFrom: '2026-01-01T00:00:00+07:00' },
    });
    expect(retro.json().error.code).toBe('retroactive_change');
    expect(
      (await p.app.inject({ method: 'PUT', url: '/api/v1/policies/balance-expiry', headers: auth(token), payload: { yearsValid: 0, effectiveFrom: '2026-07-01T00:00:00+07:00' } }))
        .statusCode,
    ).toBe(403);
    const set = await p.app.inject({
      method: 'PUT',
      url: '/api/v1/policies/balance-expiry',
      headers: auth(ADMIN_TOKEN),
      payload: { yearsValid: 0, effectiveFrom: '2026-07-01T00:00:00+07:00' },
    });
    expect(set.statusCode, set.body).toBe(201);
    const balance = async () => (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/balance`, headers: auth(token) })).json();
    const start = p.clock.now();
    try {
      expect(await balance()).toMatchObject({ balance: 70, expired: 0, reminders: [], policy: null });
      p.clock.set(new Date('2026-11-20T03:00:00Z'));
      const soon = await balance();
      expect(soon).toMatchObject({ balance: 70, expired: 0, policy: { yearsValid: 0 } });
      expect(soon.reminders).toEqual([expect.objectContaining({ points: 70, expiresAt: '2026-12-31T17:00:00.000Z' })]);
      expect(soon.reminders[0].message.th).toContain('2570');
      p.clock.set(new Date('2027-01-02T03:00:00Z'));
      expect(await balance()).toMatchObject({ balance: 0, expired: 70, earned: 70 });
      expect((await scoreOf(p.app, person.id, 2026)).points).toBe(70);
      const r = await p.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${person.id}/redemptions`,
        headers: auth(token),
        payload: { privilege: 'ptt.bluepoints', requestKey: 'after-expiry-1' },
      });
      expect(r.json().error.code).toBe('insufficient_balance');
      const policies = (await p.app.inject({ method: 'GET', url: '/api/v1/policies/balance-expiry' })).json();
      expect(policies.items).toEqual([{ version: 1, yearsValid: 0, effectiveFrom: '2026-06-30T17:00:00.000Z' }]);
    } finally {
      p.clock.set(start);
    }
  });
});
