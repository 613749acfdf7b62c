// What a person's dashboard reads, on SQLite and PostgreSQL: the score of every year since enrolment,
// credits with the names of who attested and certified them, and whom a pending deed waits for.
// Another person, an issuer and another area's certifier get the same 404 as no account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';

describe.each(DB_KINDS)("a person's own record (%s)", (kind) => {
  let p: TestPlatform;
  let trc: string;
  let khuangpao: string;
  let nongsarai: string;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2024-03-01T03:00:00Z'));
    trc = await agencyToken(p.app, 'trc');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    nongsarai = await agencyToken(p.app, 'nongsarai');
  });
  afterAll(async () => p?.cleanup());

  const get = (url: string, token: string) => p.app.inject({ method: 'GET', url, headers: auth(token) });
  async function credit(token: string, accountId: string, indicator: string, occurredAt: string) {
    const r = await attest(p.app, token, { ref: `rec-${++seq}`, subject: { accountId }, indicator, occurredAt, evidence: { n: String(seq) } });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json<{ id: string; status: string }>();
  }

  it('answers the score of every year from enrolment to now, equal to each year’s own score', async () => {
    p.clock.set(new Date('2024-03-01T03:00:00Z'));
    const person = await enrolPerson(p.app);
    const token = await personToken(p.app, person.id);
    expect((await credit(trc, person.id, 'trc.blood.red-cell', '2024-02-20T09:00:00+07:00')).status).toBe('credited');
    expect((await credit(trc, person.id, 'trc.organ-pledge', '2024-02-21T09:00:00+07:00')).status).toBe('credited');
    p.clock.set(new Date('2026-06-15T03:00:00Z'));
    expect((await credit(trc, person.id, 'trc.stem-cell', '2026-06-01T09:00:00+07:00')).status).toBe('credited');

    const res = await get(`/api/v1/accounts/${person.id}/years`, token);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.accountId).toBe(person.id);
    expect(body.items.map((y: { year: number; yearBE: number; points: number; max: number }) => [y.year, y.yearBE, y.points, y.max])).toEqual([
      [2024, 2567, 270, 1000],
      [2025, 2568, 0, 1000],
      [2026, 2569, 300, 1000],
    ]);
    expect(body.items[0].byDomain).toEqual({ health: 270, learning: 0, community: 0, safety: 0, environment: 0 });
    for (const y of body.items) {
      const one = (await get(`/api/v1/accounts/${person.id}/score?year=${y.year}`, token)).json();
      expect(y).toEqual({ year: one.year, yearBE: one.yearBE, points: one.points, earned: one.earned, max: one.max, byDomain: one.byDomain });
    }
  });

  it('is one empty year for someone who enrolled this year', async () => {
    const person = await enrolPerson(p.app);
    const res = await get(`/api/v1/accounts/${person.id}/years`, await personToken(p.app, person.id));
    expect(res.json().items).toEqual([
      { year: 2026, yearBE: 2569, points: 0, earned: 0, max: 1000, byDomain: { health: 0, learning: 0, community: 0, safety: 0, environment: 0 } },
    ]);
  });

  it("refuses another person's years, an issuer's and another area's certifier's with the same 404", async () => {
    const me = await enrolPerson(p.app);
    const other = await enrolPerson(p.app);
    const token = await personToken(p.app, me.id);
    for (const [url, who] of [
      [`/api/v1/accounts/${other.id}/years`, token],
      [`/api/v1/accounts/${me.id}/years`, trc],
      [`/api/v1/accounts/${me.id}/years`, nongsarai],
      [`/api/v1/accounts/01890000-0000-7000-8000-000000000000/years`, ADMIN_TOKEN],
    ] as const) {
      const r = await get(url, who);
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error.code).toBe('account_not_found');
    }
    // The certifier and registrar of the person's own area may read it, as they may read the score.
    expect((await get(`/api/v1/accounts/${me.id}/years`, khuangpao)).statusCode).toBe(200);
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/years` })).statusCode).toBe(401);
    for (const bad of ['not-an-id', '..%2F..%2Flog', `${me.id}x`, "1' OR '1'='1"]) {
      const r = await get(`/api/v1/accounts/${bad}/years`, token);
      expect([400, 404], bad).toContain(r.statusCode);
      expect(r.json().error.code).toMatch(/^[a-z_]+$/);
    }
    // The same request twice at once answers the same.
    const [a, b] = await Promise.all([get(`/api/v1/accounts/${me.id}/years`, token), get(`/api/v1/accounts/${me.id}/years`, token)]);
    expect(a.json()).toEqual(b.json());
  });

  it('names the attesting and certifying agencies of each credit, and whom pending deeds wait for', async () => {
    const person = await enrolPerson(p.app);
    const token = await personToken(p.app, person.id);
    await credit(trc, person.id, 'trc.blood.plasma', '2026-06-02T09:00:00+07:00');
    const local = await credit(khuangpao, person.id, 'khuangpao.village-meeting', '2026-06-03T19:00:00+07:00');
    expect(local.status).toBe('pending');
    const waiting = await credit(khuangpao, person.id, 'khuangpao.conservation', '2026-06-04T10:00:00+07:00');
    const approved = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${local.id}/certify`, headers: auth(khuangpao), payload: { decision: 'approve' } });
    expect(approved.statusCode, approved.body).toBe(200);

    const credits = (await get(`/api/v1/accounts/${person.id}/credits?year=2026`, token)).json().items;
    expect(credits).toEqual([
      expect.objectContaining({
        indicator: 'khuangpao.village-meeting',
        issuer: 'khuangpao',
        issuerName: { th: expect.stringContaining('ข่วงเปา'), en: expect.stringContaining('Khuang Pao') },
        certifier: 'khuangpao',
        certifierName: { th: expect.stringContaining('ข่วงเปา'), en: expect.stringContaining('Khuang Pao') },
      }),
      expect.objectContaining({
        indicator: 'trc.blood.plasma',
        issuer: 'trc',
        issuerName: { th: 'สภากาชาดไทย', en: 'Thai Red Cross Society' },
        certifier: null,
        certifierName: null,
      }),
    ]);

    const history = (await get(`/api/v1/accounts/${person.id}/attestations?year=2026`, token)).json();
    expect(history.areaCertifiers).toEqual([{ code: 'khuangpao', name: { th: expect.stringContaining('ข่วงเปา'), en: expect.stringContaining('Khuang Pao') } }]);
    expect(history.items.find((i: { id: string }) => i.id === waiting.id)).toMatchObject({ status: 'pending', reason: null });
    // Nong Sarai's people wait for Nong Sarai's council, not for Khuang Pao.
    const villager = await enrolPerson(p.app, { areaCode: '710911' });
    const theirs = (await get(`/api/v1/accounts/${villager.id}/attestations?year=2026`, await personToken(p.app, villager.id))).json();
    expect(theirs.areaCertifiers.map((c: { code: string }) => c.code)).toEqual(['nongsarai']);
  });
});
