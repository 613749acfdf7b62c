// The person's rights on SQLite and PostgreSQL: consent per purpose with signed receipts (verified
// with jose against the published JWKS), withdrawal that stops processing at once, sharing with a
// partner given in the act of the first voucher, and the attacks on all of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JWK } from 'jose';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';

interface Receipt {
  id: string;
  purpose: string;
  action: 'give' | 'withdraw';
  at: string;
  noticeVersion: string;
  token: string;
}

describe.each(DB_KINDS)('consents (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let ptt: string;
  let khuangpao: string;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-11-20T03:00:00Z'), { webhooks: { autoStart: false }, sequencer: { autoStart: false } });
    trc = await agencyToken(p.app, 'trc');
    ptt = await agencyToken(p.app, 'ptt');
    khuangpao = await agencyToken(p.app, 'khuangpao');
  });
  afterAll(async () => p?.cleanup());

  async function person(consents = ['enrolment', 'health']) {
    const enrolled = await enrolPerson(p.app, { consents });
    return { ...enrolled, token: await personToken(p.app, enrolled.id) };
  }
  const donate = (accountId: string, occurredAt: string) =>
    attest(p.app, trc, { ref: `cs-${++seq}`, subject: { accountId }, indicator: 'trc.blood.red-cell', occurredAt, evidence: { donationNo: `CS-${seq}` } });
  const view = async (who: { id: string; token: string }) => {
    const r = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${who.id}/consents`, headers: auth(who.token) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ purposes: Array<{ purpose: string; given: boolean; withdrawal: string }>; receipts: Receipt[]; history: unknown[] }>();
  };
  const give = (who: { id: string; token: string }, purpose: string, token = who.token) =>
    p.app.inject({ method: 'POST', url: `/api/v1/accounts/${who.id}/consents`, headers: auth(token), payload: { purpose } });
  const withdraw = (who: { id: string; token: string }, purpose: string, token = who.token) =>
    p.app.inject({ method: 'DELETE', url: `/api/v1/accounts/${who.id}/consents/${encodeURIComponent(purpose)}`, headers: auth(token) });
  const verifyReceipt = async (token: string) => {
    const jwks = (await p.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{ keys: JWK[] }>();
    return jwtVerify(token, createLocalJWKSet(jwks), { typ: 'khwamdee-consent-receipt+jwt', algorithms: ['EdDSA'] });
  };

  it('someone enrolled without health adds it later: donations before are refused and not kept, donations after count', async () => {
    const me = await person(['enrolment']);
    const before = await donate(me.id, '2026-06-10T09:00:00+07:00');
    expect(before.json()).toMatchObject({ status: 'rejected', reason: { code: 'consent_missing' } });
    const stored = await p.store.db.selectFrom('attestations').select(['account_id', 'evidence']).where('id', '=', before.json().id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ account_id: null, evidence: null });

    const given = await give(me, 'health');
    expect(given.statusCode, given.body).toBe(201);
    const { receipt } = given.json<{ receipt: Receipt }>();
    expect(receipt).toMatchObject({ purpose: 'health', action: 'give', at: p.clock.now().toISOString(), noticeVersion: '2026-11' });
    // The receipt verifies with jose against the published JWKS and says what, when and which notice.
    const { payload, protectedHeader } = await verifyReceipt(receipt.token);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'khwamdee-consent-receipt+jwt' });
    expect(payload).toMatchObject({
      sub: me.id,
      jti: receipt.id,
      consent_receipt: { purpose: 'health', action: 'give', at: receipt.at, noticeVersion: '2026-11', accountId: me.id },
    });
    // Giving it again changes nothing and answers the same receipt.
    const again = await give(me, 'health');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ receipt, replayed: true });

    const after = await donate(me.id, '2026-11-19T09:00:00+07:00');
    expect(after.json(), after.body).toMatchObject({ status: 'credited', credit: { points: 70 } });
    const score = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/score?year=2026`, headers: auth(me.token) });
    expect(score.json().points).toBe(70);
  });

  it('withdrawing health stops at once: the next donation is refused consent_missing and kept against no one', async () => {
    const me = await person();
    expect((await donate(me.id, '2026-01-10T09:00:00+07:00')).json().status).toBe('credited');
    const w = await withdraw(me, 'health');
    expect(w.statusCode, w.body).toBe(200);
    const { receipt } = w.json<{ receipt: Receipt }>();
    expect(receipt).toMatchObject({ purpose: 'health', action: 'withdraw' });
    expect((await verifyReceipt(receipt.token)).payload).toMatchObject({ consent_receipt: { action: 'withdraw', purpose: 'health' } });
    // A second withdrawal (a retry) answers the same receipt.
    expect((await withdraw(me, 'health')).json()).toEqual({ receipt, replayed: true });
    // The POST form does the same.
    const viaPost = await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${me.id}/consents/health/withdraw`, headers: auth(me.token) });
    expect(viaPost.json()).toEqual({ receipt, replayed: true });

    const refused = await donate(me.id, '2026-06-10T09:00:00+07:00');
    expect(refused.json()).toMatchObject({ status: 'rejected', reason: { code: 'consent_missing' } });
    const row = await p.store.db.selectFrom('attestations').select('account_id').where('id', '=', refused.json().id).executeTakeFirstOrThrow();
    expect(row.account_id).toBeNull();
    const v = await view(me);
    expect(v.purposes.find((x) => x.purpose === 'health')).toMatchObject({ given: false });
    expect(v.receipts.map((r) => r.action)).toEqual(['withdraw']);
  });

  it('refuses to withdraw enrolment (that is leaving, at /me/leave) and unknown purposes with catalogue codes', async () => {
    const me = await person();
    const leave = await withdraw(me, 'enrolment');
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error).toMatchObject({ code: 'leaving_not_withdrawal', details: { leave: '/api/v1/me/leave' } });
    expect((await view(me)).purposes.find((x) => x.purpose === 'enrolment')).toMatchObject({ given: true, withdrawal: 'leaving' });
    for (const bad of ['marketing', 'sharing:', 'sharing:UPPER', 'health ', 'x'.repeat(61)]) {
      const r = await give(me, bad);
      expect(r.statusCode, bad).toBe(400);
      expect(['unknown_consent_purpose', 'validation_failed']).toContain(r.json().error.code);
    }
    // A sharing purpose names a partner that exists.
    const nobody = await give(me, 'sharing:nobody-here');
    expect(nobody.statusCode).toBe(404);
    expect((await give(me, 'sharing:trc')).statusCode).toBe(404);
    expect(await p.store.db.selectFrom('consent_receipts').select('id').where('account_id', '=', me.id).execute()).toEqual([]);
  });

  it('lets only the person act: another person, the admin, a registrar of the area get 404 and nothing changes', async () => {
    const me = await person(['enrolment']);
    const other = await person();
    const registrar = khuangpao;
    for (const token of [other.token, ADMIN_TOKEN, registrar, trc]) {
      expect((await give(me, 'health', token)).statusCode).toBe(404);
      expect((await withdraw(me, 'health', token)).statusCode).toBe(404);
      expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/consents`, headers: auth(token) })).statusCode).toBe(404);
      expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/export`, headers: auth(token) })).statusCode).toBe(404);
      expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/access-log`, headers: auth(token) })).statusCode).toBe(404);
    }
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/consents` })).statusCode).toBe(401);
    // Another person's receipt is not found under my id, nor mine under theirs.
    const mine = (await give(me, 'statistics')).json<{ receipt: Receipt }>().receipt;
    const wrong = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${other.id}/consents/receipts/${mine.id}`, headers: auth(other.token) });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('receipt_not_found');
    const file = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/consents/receipts/${mine.id}`, headers: auth(me.token) });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/^application\/jwt/);
    expect(file.body).toBe(mine.token);
    const live = await p.store.db.selectFrom('consents').select('purpose').where('account_id', '=', me.id).where('withdrawn_at', 'is', null).orderBy('purpose').execute();
    expect(live.map((r) => r.purpose)).toEqual(['enrolment', 'statistics']);
  });

  it('two gives and two withdrawals at once leave one live consent and one receipt each', async () => {
    const me = await person(['enrolment']);
    const gives = await Promise.all([give(me, 'health'), give(me, 'health'), give(me, 'health')]);
    expect(gives.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(gives.map((r) => r.json().receipt.id)).size).toBe(1);
    p.clock.advance(1000);
    const ws = await Promise.all([withdraw(me, 'health'), withdraw(me, 'health')]);
    expect(ws.map((r) => r.json().replayed).sort()).toEqual([false, true]);
    expect(new Set(ws.map((r) => r.json().receipt.id)).size).toBe(1);
    // Given again in the very same instant as the withdrawal: still one live consent.
    expect((await give(me, 'health')).statusCode).toBe(201);
    const rows = await p.store.db.selectFrom('consents').selectAll().where('account_id', '=', me.id).where('purpose', '=', 'health').execute();
    expect(rows.filter((r) => r.withdrawn_at === null)).toHaveLength(1);
    expect((await view(me)).receipts.map((r) => r.action)).toEqual(['give', 'withdraw', 'give']);
  });

  it('withdrawing statistics takes the person out of the public figures at once (not after the cache)', async () => {
    const people = [];
    for (let i = 0; i < 11; i++) {
      const someone = await person(['enrolment', 'health', 'statistics']);
      const r = await donate(someone.id, '2026-11-19T09:00:00+07:00');
      expect(r.json().status, r.body).toBe('credited');
      people.push(someone);
    }
    p.clock.advance(24 * 3600_000);
    const stats = async () => (await p.app.inject({ method: 'GET', url: '/api/v1/stats?year=2026' })).json<{ national: { people: number } }>().national.people;
    const before = await stats();
    expect(before).toBeGreaterThanOrEqual(11);
    expect((await withdraw(people[0]!, 'statistics')).statusCode).toBe(200);
    expect(await stats()).toBe(before - 1);
    expect((await give(people[0]!, 'statistics')).statusCode).toBe(201);
    expect(await stats()).toBe(before);
  });

  it('sharing with a partner is given with the first voucher; withdrawn, the partner can no longer confirm and no new voucher issues without a new consent', async () => {
    const me = await person();
    for (const d of ['2026-01-10', '2026-05-10', '2026-09-10']) expect((await donate(me.id, `${d}T09:00:00+07:00`)).json().status).toBe('credited');
    const redeem = (key: string, extra: Record<string, unknown> = {}) =>
      p.app.inject({ method: 'POST', url: `/api/v1/accounts/${me.id}/redemptions`, headers: auth(me.token), payload: { privilege: 'ptt.bluepoints', requestKey: key, ...extra } });
    // Two first vouchers at once: both issue, the consent is given once.
    const [first, parallel] = await Promise.all([redeem('share-key-0001'), redeem('share-key-000x')]);
    expect([first.statusCode, parallel.statusCode], first.body + parallel.body).toEqual([201, 201]);
    let v = await view(me);
    expect(v.purposes.find((x) => x.purpose === 'sharing:ptt')).toMatchObject({ given: true, kind: 'sharing' });
    expect(v.receipts.filter((r) => r.purpose === 'sharing:ptt').map((r) => r.action)).toEqual(['give']);
    const second = await redeem('share-key-0002');
    expect(second.statusCode).toBe(201);
    // Withdrawn: the counter can no longer confirm the voucher already issued.
    expect((await withdraw(me, 'sharing:ptt')).statusCode).toBe(200);
    const confirm = await p.app.inject({ method: 'POST', url: '/api/v1/partner/vouchers/confirm', headers: auth(ptt), payload: { shortCode: second.json().shortCode } });
    expect(confirm.statusCode).toBe(403);
    expect(confirm.json().error.code).toBe('consent_withdrawn');
    const refused = await redeem('share-key-0003');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'sharing_consent_withdrawn', details: { purpose: 'sharing:ptt', partner: 'ptt' } });
    // A retry of a voucher issued before still answers the same voucher (nothing new is processed).
    expect((await redeem('share-key-0002')).statusCode).toBe(200);
    // Given again in the act itself.
    const again = await redeem('share-key-0004', { shareWithPartner: true });
    expect(again.statusCode, again.body).toBe(201);
    v = await view(me);
    expect(v.receipts.filter((r) => r.purpose === 'sharing:ptt').map((r) => r.action)).toEqual(['give', 'withdraw', 'give']);
    const ok = await p.app.inject({ method: 'POST', url: '/api/v1/partner/vouchers/confirm', headers: auth(ptt), payload: { shortCode: second.json().shortCode } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('eligibility tokens: withdrawing sharing stops new tokens and the check of one already shown', async () => {
    const me = await person();
    for (const d of ['2026-01-10', '2026-05-10', '2026-09-10']) expect((await donate(me.id, `${d}T09:00:00+07:00`)).json().status).toBe('credited');
    const ask = (extra: Record<string, unknown> = {}) =>
      p.app.inject({ method: 'POST', url: `/api/v1/accounts/${me.id}/eligibility-tokens`, headers: auth(me.token), payload: { privilege: 'ptt.fuel-3', ...extra } });
    const verify = (token: string) => p.app.inject({ method: 'POST', url: '/api/v1/partner/eligibility/verify', headers: auth(ptt), payload: { token } });
    // Two first tokens at once: both issue, the consent is given once.
    const [t1, t0] = await Promise.all([ask(), ask()]);
    expect([t1.statusCode, t0.statusCode], t1.body + t0.body).toEqual([201, 201]);
    expect((await view(me)).receipts.filter((r) => r.purpose === 'sharing:ptt')).toHaveLength(1);
    const t2 = (await ask()).json().token as string;
    expect((await verify(t1.json().token)).statusCode).toBe(200);
    // The token itself still names no one (a pairwise pseudonym), though the platform records the check against the person.
    expect(decodeJwt(t2).sub).not.toBe(me.id);
    expect((await withdraw(me, 'sharing:ptt')).statusCode).toBe(200);
    const late = await verify(t2);
    expect(late.statusCode).toBe(403);
    expect(late.json().error.code).toBe('consent_withdrawn');
    expect((await ask()).json().error.code).toBe('sharing_consent_withdrawn');
    expect((await ask({ shareWithPartner: true })).statusCode).toBe(201);
  });
});
