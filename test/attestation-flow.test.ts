// The core platform end to end over HTTP, on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, rowCounts, scoreOf } from './support/helpers.js';

describe.each(DB_KINDS)('good deeds become points (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let khuangpao: string;
  let nongsarai: string;

  beforeAll(async () => {
    // "Now" is early 2027 so that deeds from late 2026 and the turn of the year are in the past.
    p = await openTestPlatform(kind, new Date('2027-02-01T03:00:00Z'));
    trc = await agencyToken(p.app, 'trc');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    nongsarai = await agencyToken(p.app, 'nongsarai');
  });
  afterAll(async () => p?.cleanup());

  it('credits a Red Cross red-cell donation with 70 points; a replay changes nothing; 10 days later is cap_exceeded', async () => {
    const person = await enrolPerson(p.app);
    const deed = {
      ref: `trc-${person.id}-1`,
      subject: { nationalId: person.nationalId },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-05-01T09:00:00+07:00',
      evidence: { donationNo: 'D-1' },
    };
    const first = await attest(p.app, trc, deed);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'credited', credit: { points: 70, year: 2026 } });
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(70);

    const before = await rowCounts(p.store.db);
    const replay = await attest(p.app, trc, deed);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    expect(await rowCounts(p.store.db)).toEqual(before);
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(70);

    const conflicting = await attest(p.app, trc, { ...deed, occurredAt: '2026-05-02T09:00:00+07:00' });
    expect(conflicting.statusCode).toBe(409);
    expect(conflicting.json().error.code).toBe('ref_conflict');

    const second = await attest(p.app, trc, { ...deed, ref: `trc-${person.id}-2`, occurredAt: '2026-05-11T09:00:00+07:00' });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ status: 'rejected', reason: { code: 'cap_exceeded' } });
    expect(second.json().credit).toBeUndefined();
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(70);
  });

  it('counts the minimum interval in Bangkok calendar days, across the new year, in both directions', async () => {
    const person = await enrolPerson(p.app);
    let n = 0;
    const donate = async (occurredAt: string) =>
      (
        await attest(p.app, trc, {
          ref: `days-${person.id}-${++n}`,
          subject: { accountId: person.id },
          indicator: 'trc.blood.red-cell',
          occurredAt,
          evidence: { donationNo: `DD-${n}` },
        })
      ).json();
    // 18 Dec 2026 at 23:00 Bangkok; the 84 days end on 12 Mar 2027, whatever the hour.
    expect(await donate('2026-12-18T23:00:00+07:00')).toMatchObject({ status: 'credited' });
    p.clock.set(new Date('2027-03-13T03:00:00Z'));
    // 2026 would be closed by now (60 days' grace end on 2 March): the committee keeps it open longer.
    const grace = (yearGraceDays: number) => p.app.inject({ method: 'PUT', url: '/api/v1/committee/settings', headers: auth(ADMIN_TOKEN), payload: { yearGraceDays } });
    expect((await grace(90)).statusCode).toBe(200);
    try {
      expect(await donate('2027-03-11T23:59:00+07:00')).toMatchObject({
        status: 'rejected',
        reason: { code: 'cap_exceeded', details: { cap: 'min_interval', nextEligibleOn: '2027-03-12' }, message: { th: expect.stringContaining('12 มีนาคม พ.ศ. 2570') } },
      });
      // 83 days and 1 hour after by the clock, but the 84th calendar day.
      expect(await donate('2027-03-12T00:00:00+07:00')).toMatchObject({ status: 'credited', credit: { points: 70, year: 2027 } });
      // A late-arriving earlier deed is measured against both neighbours.
      expect(await donate('2026-09-26T08:00:00+07:00')).toMatchObject({ status: 'rejected', reason: { code: 'cap_exceeded' } });
      expect(await donate('2026-09-25T08:00:00+07:00')).toMatchObject({ status: 'credited' });
    } finally {
      await grace(60);
      p.clock.set(new Date('2027-02-01T03:00:00Z'));
    }
  });

  it('counts 23:30 on 31 Dec (Bangkok) in that year and 00:10 on 1 Jan in the next', async () => {
    const a = await enrolPerson(p.app);
    const b = await enrolPerson(p.app);
    const late = await attest(p.app, trc, {
      ref: `ny-${a.id}`,
      subject: { nationalId: a.nationalId },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-12-31T23:30:00+07:00',
      evidence: { donationNo: 'D-2' },
    });
    const early = await attest(p.app, trc, {
      ref: `ny-${b.id}`,
      subject: { nationalId: b.nationalId },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2027-01-01T00:10:00+07:00',
      evidence: { donationNo: 'D-3' },
    });
    expect(late.json().credit).toMatchObject({ points: 70, year: 2026 });
    expect(early.json().credit).toMatchObject({ points: 70, year: 2027 });
    // The same instants written in UTC fall on the same Bangkok years.
    expect((await scoreOf(p.app, a.id, 2026)).points).toBe(70);
    expect((await scoreOf(p.app, a.id, 2027)).points).toBe(0);
    expect((await scoreOf(p.app, b.id, 2027)).points).toBe(70);
    expect((await scoreOf(p.app, b.id, 2026)).points).toBe(0);
  });

  it('keeps a local indicator pending until the certifier of the area approves; another area gets 403', async () => {
    const person = await enrolPerson(p.app, { areaCode: '500204' });
    const res = await attest(p.app, khuangpao, {
      ref: `kp-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'khuangpao.village-meeting',
      occurredAt: '2026-07-01T19:00:00+07:00',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id, status } = res.json();
    expect(status).toBe('pending');
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(0);

    const queue = await p.app.inject({ method: 'GET', url: '/api/v1/attestations/pending', headers: auth(khuangpao) });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(id);
    const otherQueue = await p.app.inject({ method: 'GET', url: '/api/v1/attestations/pending', headers: auth(nongsarai) });
    expect(otherQueue.json().items.map((i: { id: string }) => i.id)).not.toContain(id);

    const before = await rowCounts(p.store.db);
    const foreign = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${id}/certify`, headers: auth(nongsarai), payload: { decision: 'approve' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('out_of_scope');
    expect(await rowCounts(p.store.db)).toEqual(before);
    const issuerOnly = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${id}/certify`, headers: auth(trc), payload: { decision: 'approve' } });
    expect(issuerOnly.statusCode).toBe(403);

    const ok = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${id}/certify`, headers: auth(khuangpao), payload: { decision: 'approve' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'credited', credit: { points: 10, year: 2026 } });
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(10);
    const again = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${id}/certify`, headers: auth(khuangpao), payload: { decision: 'approve' } });
    expect(again.statusCode).toBe(409);
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(10);

    const credits = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2026`, headers: auth(ADMIN_TOKEN) });
    expect(credits.json().items).toEqual([
      expect.objectContaining({ indicator: 'khuangpao.village-meeting', points: 10, ruleVersion: 1, issuer: 'khuangpao', certifier: 'khuangpao' }),
    ]);
  });

  it('records a certifier rejection with its reason and no credit', async () => {
    const person = await enrolPerson(p.app);
    const res = await attest(p.app, khuangpao, {
      ref: `kp-rej-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'khuangpao.conservation',
      occurredAt: '2026-07-02T10:00:00+07:00',
    });
    const rejected = await p.app.inject({
      method: 'POST',
      url: `/api/v1/attestations/${res.json().id}/certify`,
      headers: auth(khuangpao),
      payload: { decision: 'reject', reason: 'ไม่พบรายชื่อในกิจกรรม' },
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: { code: 'certifier_rejected' } });
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(0);
  });

  it('never lets a yearly score pass 1,000 for a person or 5,000 for an organisation', async () => {
    const def = (code: string, kinds: string[]) => ({
      definition: {
        code,
        name: { th: 'ทดสอบ', en: 'Test deed' },
        domain: 'community',
        accountKinds: kinds,
        owner: { kind: 'agency', agency: 'trc' },
        unit: 'occurrence',
        points: 300,
        certification: 'auto',
      },
    });
    for (const [code, kinds] of [
      ['trc.test.person-big', ['person']],
      ['trc.test.org-big', ['organisation']],
    ] as const) {
      const r = await p.app.inject({
        method: 'POST',
        url: '/api/v1/indicators',
        headers: auth(ADMIN_TOKEN),
        payload: { ...def(code, [...kinds]), effectiveFrom: '2027-02-01T03:00:00Z' },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    // Both indicators take effect now; the deeds come on the following days (one act of a kind a day).
    p.clock.set(new Date('2027-02-25T03:00:00Z'));
    const person = await enrolPerson(p.app);
    const results = [];
    for (let d = 1; d <= 5; d++) {
      const r = await attest(p.app, trc, {
        ref: `big-${person.id}-${d}`,
        subject: { accountId: person.id },
        indicator: 'trc.test.person-big',
        occurredAt: `2027-02-0${d + 1}T10:00:00+07:00`,
      });
      results.push(r.json());
    }
    // 300 + 300 + 300, then the fourth is cut to the 100 left, and the fifth finds nothing left.
    expect(results.slice(0, 3).map((r) => r.credit)).toEqual(Array(3).fill({ points: 300, year: 2027, pointsRequested: 300, cutReason: null }));
    expect(results[3]).toMatchObject({ status: 'credited', credit: { points: 100, pointsRequested: 300, cutReason: 'yearly_ceiling' } });
    expect(results[4]).toMatchObject({ status: 'rejected', reason: { code: 'yearly_ceiling_reached', details: { year: 2027, max: 1000, pointsRequested: 300 } } });
    expect(results[4].reason.message.th).toContain('พ.ศ. 2570');
    // The score is the sum of its credits, the domains add up to it, and the balance holds no more.
    const score = await scoreOf(p.app, person.id, 2027);
    expect(score).toMatchObject({ points: 1000, earned: 1000, max: 1000 });
    expect(Object.values(score.byDomain as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(1000);
    const credits = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2027`, headers: auth(ADMIN_TOKEN) });
    expect(credits.json().items.reduce((sum: number, c: { points: number }) => sum + c.points, 0)).toBe(1000);
    const balance = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/balance`, headers: auth(ADMIN_TOKEN) });
    expect(balance.statusCode, balance.body).toBe(200);
    expect(balance.json()).toMatchObject({ earned: 1000, balance: 1000 });

    const org = await p.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: auth(ADMIN_TOKEN),
      payload: { kind: 'organisation', displayName: 'สหกรณ์บ้านข่วงเปา', areaCode: '500204', consents: ['enrolment'] },
    });
    expect(org.statusCode, org.body).toBe(201);
    const orgId = org.json().id as string;
    const items = Array.from({ length: 20 }, (_, i) => ({
      ref: `org-${orgId}-${i}`,
      subject: { accountId: orgId },
      indicator: 'trc.test.org-big',
      occurredAt: `2027-02-${String(i + 2).padStart(2, '0')}T10:00:00+07:00`,
    }));
    const batch = await p.app.inject({ method: 'POST', url: '/api/v1/attestations/batch', headers: auth(trc), payload: { items } });
    expect(batch.statusCode, batch.body).toBe(200);
    const statuses = batch.json().items.map((i: { result?: { status: string; credit?: { points: number } } }) => `${i.result?.status}:${i.result?.credit?.points ?? 0}`);
    expect(statuses).toEqual([...Array(16).fill('credited:300'), 'credited:200', ...Array(3).fill('rejected:0')]);
    expect(await scoreOf(p.app, orgId, 2027)).toMatchObject({ points: 5000, earned: 5000, max: 5000 });
    p.clock.set(new Date('2027-02-01T03:00:00Z'));
  });

  it('credits one act once: the same blood donation from Khuang Pao on the same day is duplicate_deed', async () => {
    const person = await enrolPerson(p.app);
    const trcDeed = await attest(p.app, trc, {
      ref: `dup-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-08-01T08:00:00+07:00',
      evidence: { donationNo: 'D-9' },
    });
    expect(trcDeed.json().status).toBe('credited');
    const kp = await attest(p.app, khuangpao, {
      ref: `dup-kp-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'khuangpao.blood-donation',
      occurredAt: '2026-08-01T15:00:00+07:00',
    });
    expect(kp.json()).toMatchObject({ status: 'rejected', reason: { code: 'duplicate_deed' } });
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(70);
  });

  it('refuses health data without the health consent and keeps it unlinked from the person', async () => {
    const person = await enrolPerson(p.app, { consents: ['enrolment'] });
    const r = await attest(p.app, trc, {
      ref: `noconsent-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-08-01T08:00:00+07:00',
      evidence: { donationNo: 'D-10' },
    });
    expect(r.json()).toMatchObject({ status: 'rejected', reason: { code: 'consent_missing' } });
    const stored = await p.store.db.selectFrom('attestations').selectAll().where('id', '=', r.json().id).executeTakeFirstOrThrow();
    expect(stored.account_id).toBeNull();
    expect(stored.evidence).toBeNull();
  });

  it('answers every concurrent replay of one ref with the same attestation and credits it once', async () => {
    const person = await enrolPerson(p.app);
    const deed = {
      ref: `race-${person.id}`,
      subject: { nationalId: person.nationalId },
      indicator: 'trc.blood.plasma',
      occurredAt: '2026-09-01T08:00:00+07:00',
      evidence: { donationNo: 'P-1' },
    };
    const results = await Promise.all(Array.from({ length: 12 }, () => attest(p.app, trc, deed)));
    const ids = new Set(results.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(11);
    const credits = await p.store.db.selectFrom('credits').select('id').where('account_id', '=', person.id).execute();
    expect(credits).toHaveLength(1);
    const leaves = await p.store.db.selectFrom('log_entries').select('seq').where('ref_id', '=', credits[0]!.id).execute();
    expect(leaves).toHaveLength(1);
  });

  it('serialises concurrent different deeds for one person so caps hold', async () => {
    const person = await enrolPerson(p.app);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        attest(p.app, trc, {
          ref: `cap-race-${person.id}-${i}`,
          subject: { accountId: person.id },
          indicator: 'trc.organ-pledge',
          occurredAt: `2026-10-0${i + 1}T08:00:00+07:00`,
          evidence: { pledgeNo: `O-${i}` },
        }),
      ),
    );
    expect(results.filter((r) => r.json().status === 'credited')).toHaveLength(1);
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(200);
  });

  it('lets a person read only their own score and credits', async () => {
    const me = await enrolPerson(p.app);
    const other = await enrolPerson(p.app);
    const token = await personToken(p.app, me.id);
    const own = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/score?year=2026`, headers: auth(token) });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ accountId: me.id, year: 2026, yearBE: 2569, max: 1000 });
    for (const url of [`/api/v1/accounts/${other.id}/score`, `/api/v1/accounts/${other.id}/credits`, `/api/v1/accounts/${other.id}`]) {
      const r = await p.app.inject({ method: 'GET', url, headers: auth(token) });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('account_not_found');
    }
    // An issuer attests but cannot browse people's records.
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/score`, headers: auth(trc) })).statusCode).toBe(404);
    // The certifier of the area can; another area's cannot.
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/score`, headers: auth(khuangpao) })).statusCode).toBe(200);
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/score`, headers: auth(nongsarai) })).statusCode).toBe(404);
  });

  it('applies a rule change only from its effective date and refuses a retroactive one', async () => {
    const v2 = {
      code: 'dsd.skills.standard-test',
      name: { th: 'ผ่านการทดสอบมาตรฐานฝีมือแรงงาน', en: 'Pass a national skill-standard test' },
      domain: 'learning',
      accountKinds: ['person'],
      owner: { kind: 'agency', agency: 'dsd' },
      unit: 'occurrence',
      points: 60,
      caps: { maxPerYear: 2 },
      certification: 'auto',
      evidence: 'reference',
      sdgs: [4, 8],
    };
    const retro = await p.app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/dsd.skills.standard-test',
      headers: auth(ADMIN_TOKEN),
      payload: { definition: v2, effectiveFrom: '2026-01-01T00:00:00+07:00' },
    });
    expect(retro.statusCode).toBe(422);
    expect(retro.json().error.code).toBe('retroactive_change');
    const ok = await p.app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/dsd.skills.standard-test',
      headers: auth(ADMIN_TOKEN),
      payload: { definition: v2, effectiveFrom: '2027-02-10T00:00:00+07:00' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ version: 2, points: 60 });

    const dsd = await agencyToken(p.app, 'dsd');
    const person = await enrolPerson(p.app);
    const before = await attest(p.app, dsd, {
      ref: `dsd-${person.id}-1`,
      subject: { accountId: person.id },
      indicator: 'dsd.skills.standard-test',
      occurredAt: '2027-01-20T10:00:00+07:00',
      evidence: { certificateNo: 'C-1' },
    });
    expect(before.json().credit).toMatchObject({ points: 50, year: 2027 });
    p.clock.set(new Date('2027-02-15T03:00:00Z'));
    const after = await attest(p.app, dsd, {
      ref: `dsd-${person.id}-2`,
      subject: { accountId: person.id },
      indicator: 'dsd.skills.standard-test',
      occurredAt: '2027-02-12T10:00:00+07:00',
      evidence: { certificateNo: 'C-2' },
    });
    expect(after.json().credit).toMatchObject({ points: 60, year: 2027 });
    const credits = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2027`, headers: auth(ADMIN_TOKEN) });
    expect(
      credits
        .json()
        .items.map((c: { ruleVersion: number; points: number }) => [c.ruleVersion, c.points])
        .sort(),
    ).toEqual([
      [1, 50],
      [2, 60],
    ]);
    p.clock.set(new Date('2027-02-01T03:00:00Z'));
  });

  it('lets a person declare a self-declarable deed that the community certifier then approves', async () => {
    const person = await enrolPerson(p.app, { areaCode: '710911' });
    const token = await personToken(p.app, person.id);
    const declare = (payload: Record<string, unknown>, account = person.id) =>
      p.app.inject({ method: 'POST', url: `/api/v1/accounts/${account}/declarations`, headers: auth(token), payload });
    const res = await declare({ ref: 'meeting-2026-07', indicator: 'nongsarai.unity.1', occurredAt: '2026-07-05T19:00:00+07:00' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', ref: 'meeting-2026-07' });
    const replay = await declare({ ref: 'meeting-2026-07', indicator: 'nongsarai.unity.1', occurredAt: '2026-07-05T19:00:00+07:00' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(res.json().id);

    const notSelf = await declare({ ref: 'blood', indicator: 'trc.blood.red-cell', occurredAt: '2026-07-05T19:00:00+07:00' });
    expect(notSelf.json().error.code).toBe('not_self_declarable');
    const other = await enrolPerson(p.app, { areaCode: '710911' });
    expect((await declare({ ref: 'x', indicator: 'nongsarai.unity.1', occurredAt: '2026-07-05T19:00:00+07:00' }, other.id)).statusCode).toBe(404);

    const approve = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${res.json().id}/certify`, headers: auth(nongsarai), payload: { decision: 'approve' } });
    expect(approve.json()).toMatchObject({ status: 'credited', credit: { points: 5, year: 2026 } });
    const list = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/attestations?year=2026`, headers: auth(token) });
    expect(list.json().items).toEqual([expect.objectContaining({ indicator: 'nongsarai.unity.1', issuer: 'self', status: 'credited', certifier: 'nongsarai' })]);
  });

  it('keeps a local catalogue to the residents of its area and explains refusals to the person', async () => {
    const outsider = await enrolPerson(p.app, { areaCode: '710911' });
    const r = await attest(p.app, khuangpao, {
      ref: `outsider-${outsider.id}`,
      subject: { accountId: outsider.id },
      indicator: 'khuangpao.village-meeting',
      occurredAt: '2026-07-01T19:00:00+07:00',
    });
    expect(r.statusCode).toBe(422);
    // To the issuer the same answer as for someone not enrolled, without details.
    expect(r.json().error.code).toBe('subject_not_enrolled');
    expect(r.json().error.details).toBeUndefined();

    const person = await enrolPerson(p.app);
    await attest(p.app, trc, {
      ref: `expl-${person.id}-1`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-03-01T09:00:00+07:00',
      evidence: { donationNo: 'E-1' },
    });
    await attest(p.app, trc, {
      ref: `expl-${person.id}-2`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-03-20T09:00:00+07:00',
      evidence: { donationNo: 'E-2' },
    });
    const token = await personToken(p.app, person.id);
    const list = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/attestations?year=2026`, headers: auth(token) });
    const items = list.json().items as Array<{ status: string; reason: { code: string; message: { th: string } } | null }>;
    expect(items.map((i) => i.status)).toEqual(['rejected', 'credited']);
    expect(items[0]!.reason?.code).toBe('cap_exceeded');
    expect(items[0]!.reason?.message.th).toMatch(/เพดาน/);
  });
});
