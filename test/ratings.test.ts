// Citizens' ratings on SQLite and PostgreSQL: after a certification, a declaration decision or a
// redemption, once per interaction, only by its person; the comment reaches the rated agency alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';
import { expectError } from './support/bad-input.js';

interface Person {
  id: string;
  token: string;
}

describe.each(DB_KINDS)('ratings (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let ptt: string;
  let nongsarai: string;
  let committee: string;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-11-20T03:00:00Z'), { webhooks: { autoStart: false } });
    trc = await agencyToken(p.app, 'trc');
    ptt = await agencyToken(p.app, 'ptt');
    nongsarai = await agencyToken(p.app, 'nongsarai');
    committee = await agencyToken(p.app, 'committee');
  });
  afterAll(async () => p?.cleanup());

  async function person(areaCode = '710911'): Promise<Person> {
    const a = await enrolPerson(p.app, { areaCode, consents: ['enrolment', 'health', 'statistics'] });
    return { id: a.id, token: await personToken(p.app, a.id) };
  }
  /** A self-declaration the Nong Sarai council decided. */
  async function decidedDeclaration(who: Person, decision: 'approve' | 'reject' = 'approve'): Promise<string> {
    const d = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${who.id}/declarations`,
      headers: auth(who.token),
      payload: { ref: `rd-${++seq}`, indicator: 'nongsarai.unity.1', occurredAt: '2026-11-10T19:00:00+07:00' },
    });
    expect(d.statusCode, d.body).toBe(201);
    const c = await p.app.inject({
      method: 'POST',
      url: `/api/v1/attestations/${d.json().id}/certify`,
      headers: auth(nongsarai),
      payload: decision === 'approve' ? { decision } : { decision, reason: 'ไม่มีรายชื่อในที่ประชุม' },
    });
    expect(c.statusCode, c.body).toBe(200);
    return d.json().id;
  }
  const rate = (who: Person, payload: Record<string, unknown>, token = who.token) =>
    p.app.inject({ method: 'POST', url: `/api/v1/accounts/${who.id}/ratings`, headers: auth(token), payload });
  const mine = async (who: Person) => (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${who.id}/ratings`, headers: auth(who.token) })).json();

  it('asks the person to rate a decided declaration, once, and nobody else may rate it', async () => {
    const malee = await person();
    const other = await person();
    const id = await decidedDeclaration(malee);
    const due = await mine(malee);
    expect(due.due).toEqual([
      expect.objectContaining({ interaction: { kind: 'attestation', id }, context: 'declaration', agency: expect.objectContaining({ code: 'nongsarai' }) }),
    ]);

    expectError(await rate(other, { interaction: { kind: 'attestation', id }, stars: 1 }), 404, 'interaction_not_found');
    expectError(await rate(malee, { interaction: { kind: 'attestation', id }, stars: 1 }, other.token), 404, 'account_not_found');
    expectError(await rate(malee, { interaction: { kind: 'attestation', id }, stars: 6 }), 400, 'validation_failed');
    expectError(await rate(malee, { interaction: { kind: 'attestation', id }, stars: 0 }), 400, 'validation_failed');
    expectError(await rate(malee, { interaction: { kind: 'redemption', id }, stars: 3 }), 404, 'interaction_not_found');

    // Two different ratings at once: one is recorded, the other refused.
    const both = await Promise.all([
      rate(malee, { interaction: { kind: 'attestation', id }, stars: 5, comment: 'เจ้าหน้าที่ใจดีมาก ตอบเร็ว' }),
      rate(malee, { interaction: { kind: 'attestation', id }, stars: 2 }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expectError(both.find((r) => r.statusCode === 409)!, 409, 'already_rated');
    const kept = both.find((r) => r.statusCode === 201)!.json();
    // The same rating again (a retry) is answered as before.
    const again = await rate(malee, { interaction: { kind: 'attestation', id }, stars: kept.stars, ...(kept.comment ? { comment: kept.comment } : {}) });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(kept.id);
    const rows = await p.store.db.selectFrom('ratings').selectAll().where('interaction_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    const after = await mine(malee);
    expect(after.due).toEqual([]);
    expect(after.items).toHaveLength(1);
  });

  it('rates a partner after a confirmed redemption, not before', async () => {
    const somchai = await person('500204');
    const r = await attest(p.app, trc, {
      ref: `rr-${++seq}`,
      subject: { accountId: somchai.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-11-01T09:00:00+07:00',
      evidence: { donationNo: `R${seq}` },
    });
    expect(r.json().status, r.body).toBe('credited');
    // An issuer's own credit (no certifier) is not an interaction to rate.
    expectError(await rate(somchai, { interaction: { kind: 'attestation', id: r.json().id }, stars: 4 }), 422, 'interaction_not_rateable');
    const v = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${somchai.id}/redemptions`,
      headers: auth(somchai.token),
      payload: { privilege: 'ptt.bluepoints', requestKey: `rk-${++seq}-abcd` },
    });
    expect(v.statusCode, v.body).toBe(201);
    expectError(await rate(somchai, { interaction: { kind: 'redemption', id: v.json().id }, stars: 4 }), 422, 'interaction_not_rateable');
    const c = await p.app.inject({ method: 'POST', url: '/api/v1/partner/vouchers/confirm', headers: auth(ptt), payload: { shortCode: v.json().shortCode } });
    expect(c.statusCode, c.body).toBe(200);
    const rated = await rate(somchai, { interaction: { kind: 'redemption', id: v.json().id }, stars: 4, comment: 'พนักงานปั๊มบริการดี' });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({ context: 'redemption', agency: { code: 'ptt' }, stars: 4 });
  });

  it('keeps comments for the rated agency alone and publishes ratings only from 10 raters', async () => {
    const raters: Person[] = [];
    for (let i = 0; i < 10; i++) raters.push(await person());
    for (const [i, who] of raters.entries()) {
      const id = await decidedDeclaration(who, i % 2 === 0 ? 'approve' : 'reject');
      const r = await rate(who, { interaction: { kind: 'attestation', id }, stars: 4, comment: `ความเห็นส่วนตัว ${i}` });
      expect(r.statusCode, r.body).toBe(201);
    }
    // The agency reads its comments, without who wrote them; the committee, the admin and others cannot.
    const own = await p.app.inject({ method: 'GET', url: '/api/v1/agencies/nongsarai/ratings', headers: auth(nongsarai) });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().items.map((i: { comment: string | null }) => i.comment)).toContain('ความเห็นส่วนตัว 3');
    expect(own.body).not.toContain(raters[3]!.id);
    for (const token of [committee, ADMIN_TOKEN, ptt, raters[0]!.token]) {
      expectError(await p.app.inject({ method: 'GET', url: '/api/v1/agencies/nongsarai/ratings', headers: auth(token) }), 403, 'forbidden');
    }
    const stats = async () => p.app.inject({ method: 'GET', url: '/api/v1/stats/agencies' });
    const figures = async () => (await stats()).json().items.find((i: { code: string }) => i.code === 'nongsarai').ratings;
    // Counted from the next Bangkok day: 11 ratings (10 + one from the first test) of which all but one are 4 stars.
    expect(await figures()).toEqual({ count: 0, mean: null, distribution: [1, 2, 3, 4, 5].map((stars) => ({ stars, count: 0 })) });
    p.clock.set(new Date('2026-11-21T03:00:00Z'));
    const published = await figures();
    expect(published.count).toBe(11);
    // The one other rating is a bucket of one person: withheld, and with it the smallest other bucket.
    const buckets = Object.fromEntries(published.distribution.map((d: { stars: number; count: number | null }) => [d.stars, d.count]));
    expect(Object.values(buckets).filter((c) => c === null).length).toBeGreaterThanOrEqual(2);
    expect(buckets[4] === null || buckets[4] >= 10).toBe(true);
    // The mean with the count would pin the withheld buckets, so it is withheld with them.
    expect(published.mean).toBeNull();
    const body = (await stats()).body;
    expect(body).not.toContain('ความเห็นส่วนตัว');
  });
});
