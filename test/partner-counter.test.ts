// What the counter screen relies on when a person shows an old QR code: an expired voucher token still
// names its voucher (so the answer is "expired" or, loudly, "already used", never a vague "invalid"),
// and an expired eligibility token says it expired — while forged and other partners' tokens stay invalid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';

describe.each(DB_KINDS)('old QR codes at the counter (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let ptt: string;
  let khuangpao: string;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-11-20T03:00:00Z'), { webhooks: { autoStart: false } });
    trc = await agencyToken(p.app, 'trc');
    ptt = await agencyToken(p.app, 'ptt');
    khuangpao = await agencyToken(p.app, 'khuangpao');
  });
  afterAll(async () => p?.cleanup());

  /** A person with three red-cell donations this year (210 points: enough for ptt.fuel-3 and a few exchanges). */
  async function person() {
    const who = await enrolPerson(p.app);
    for (const month of ['01', '04', '07']) {
      const r = await attest(p.app, trc, {
        ref: `pc-${++seq}`,
        subject: { accountId: who.id },
        indicator: 'trc.blood.red-cell',
        occurredAt: `2026-${month}-10T09:00:00+07:00`,
        evidence: { donationNo: `PC-${seq}` },
      });
      expect(r.json().status, r.body).toBe('credited');
    }
    return { ...who, token: await personToken(p.app, who.id) };
  }
  const voucher = async (who: { id: string; token: string }) => {
    const r = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${who.id}/redemptions`,
      headers: auth(who.token),
      payload: { privilege: 'ptt.bluepoints', requestKey: `pc-key-${++seq}` },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; shortCode: string; token: string; expiresAt: string }>();
  };
  const confirm = (payload: Record<string, string>, as = ptt) => p.app.inject({ method: 'POST', url: '/api/v1/partner/vouchers/confirm', headers: auth(as), payload });
  const verify = (token: string, as = ptt) => p.app.inject({ method: 'POST', url: '/api/v1/partner/eligibility/verify', headers: auth(as), payload: { token } });
  /** Runs `fn` with the clock moved forward, then puts it back. */
  async function later<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    const start = p.clock.now();
    p.clock.advance(ms);
    try {
      return await fn();
    } finally {
      p.clock.set(start);
    }
  }

  it('answers voucher_already_used for the QR of a confirmed voucher scanned after its token expired', async () => {
    const v = await voucher(await person());
    const first = await confirm({ shortCode: v.shortCode.toLowerCase() });
    expect(first.statusCode, first.body).toBe(200);
    const again = await later(25 * 3600_000, () => confirm({ token: v.token }));
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'voucher_already_used', details: { voucherId: v.id, confirmedAt: first.json().confirmedAt } });
    const rows = await p.store.db.selectFrom('redemptions').select(['status', 'confirmed_at']).where('id', '=', v.id).execute();
    expect(rows).toEqual([{ status: 'confirmed', confirmed_at: first.json().confirmedAt }]);
  });

  it('answers voucher_expired (and refunds) for the QR of a voucher nobody confirmed in time', async () => {
    const who = await person();
    const v = await voucher(who);
    const late = await later(25 * 3600_000, () => confirm({ token: v.token }));
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'voucher_expired', details: { expiresAt: v.expiresAt } });
    const debits = await p.store.db.selectFrom('debits').select(['kind', 'points']).where('redemption_id', '=', v.id).orderBy('kind').execute();
    expect(debits).toEqual([
      { kind: 'redeem', points: 50 },
      { kind: 'refund', points: -50 },
    ]);
  });

  it('keeps an expired voucher token of another partner, or an altered one, invalid', async () => {
    const v = await voucher(await person());
    const foreign = await later(25 * 3600_000, () => confirm({ token: v.token }, khuangpao));
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.code).toBe('invalid_token');
    const [h, claims, sig] = v.token.split('.') as [string, string, string];
    const forgedClaims = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), code: 'ZZZZZZZZ' })).toString('base64url');
    const forged = await later(25 * 3600_000, () => confirm({ token: `${h}.${forgedClaims}.${sig}` }));
    expect(forged.json().error.code).toBe('invalid_token');
    // Nothing was confirmed or refunded by the refused attempts.
    const rows = await p.store.db.selectFrom('redemptions').select('status').where('id', '=', v.id).execute();
    expect(rows).toEqual([{ status: 'issued' }]);
  });

  it('says an eligibility token expired rather than calling it invalid; forged and foreign ones stay invalid', async () => {
    const who = await person();
    const issued = await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${who.id}/eligibility-tokens`, headers: auth(who.token), payload: { privilege: 'ptt.fuel-3' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const { token, expiresAt } = issued.json<{ token: string; expiresAt: string }>();
    const old = await later(6 * 60_000, () => verify(token));
    expect(old.statusCode, old.body).toBe(422);
    expect(old.json().error).toMatchObject({ code: 'token_expired', details: { expiredAt: new Date(Math.floor(Date.parse(expiresAt) / 1000) * 1000).toISOString() } });
    expect((await later(6 * 60_000, () => verify(token, khuangpao))).json().error.code).toBe('invalid_token');
    const tampered = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await later(6 * 60_000, () => verify(tampered))).json().error.code).toBe('invalid_token');
    // In time it is accepted once, and the late attempts used nothing up.
    expect((await verify(token)).json()).toMatchObject({ valid: true, privilege: 'ptt.fuel-3' });
    expect((await verify(token)).json().error.code).toBe('token_already_used');
  });
});
