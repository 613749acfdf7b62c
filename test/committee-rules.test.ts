// The committee's rules on SQLite and PostgreSQL: equivalence groups belong to the committee (the dsd
// attack on blood-donation is refused and the Red Cross credit stands), the positive-only check and
// its flag, backdating (window and closed years, judged at submission), and cap_exceeded that says
// which cap applied and when the person becomes eligible again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, rowCounts, scoreOf } from './support/helpers.js';
import { expectError } from './support/bad-input.js';

/** An error whose message is completed from its details (so not the catalogue's text verbatim). */
function refusal(res: { statusCode: number; body: string; json: <T>() => T }, code: string) {
  expect(res.statusCode, res.body).toBe(422);
  const e = res.json<{ error: { code: string; messages: { th: string; en: string }; details: unknown } }>().error;
  expect(e.code).toBe(code);
  expect(e.messages.th).toMatch(/[\u0E00-\u0E7F]/);
  return e;
}

const rule = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  name: { th: 'อบรมทักษะอาชีพ', en: 'Vocational skills course' },
  domain: 'learning',
  accountKinds: ['person'],
  owner: { kind: 'agency', agency: 'dsd' },
  unit: 'occurrence',
  points: 1,
  certification: 'auto',
  ...over,
});

describe.each(DB_KINDS)("the committee's rules (%s)", (kind) => {
  let p: TestPlatform;
  let trc: string;
  let dsd: string;
  let nongsarai: string;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-06-15T03:00:00Z'));
    trc = await agencyToken(p.app, 'trc');
    dsd = await agencyToken(p.app, 'dsd');
    nongsarai = await agencyToken(p.app, 'nongsarai');
  });
  afterAll(async () => p?.cleanup());

  const at = (iso: string) => p.clock.set(new Date(iso));
  const propose = (token: string, definition: Record<string, unknown>) =>
    p.app.inject({ method: 'POST', url: '/api/v1/indicators', headers: auth(token), payload: { definition } });
  const groupCall = (method: 'PUT' | 'DELETE', group: string, agency: string, token = ADMIN_TOKEN) =>
    p.app.inject({ method, url: `/api/v1/committee/groups/${group}/agencies/${agency}`, headers: auth(token) });
  const settings = (yearGraceDays: unknown, token = ADMIN_TOKEN) =>
    p.app.inject({ method: 'PUT', url: '/api/v1/committee/settings', headers: auth(token), payload: { yearGraceDays } });
  const redCell = (accountId: string, occurredAt: string) =>
    attest(p.app, trc, { ref: `rc-${++seq}`, subject: { accountId }, indicator: 'trc.blood.red-cell', occurredAt, evidence: { donationNo: `D-${seq}` } });

  it("refuses dsd's indicator in the Red Cross's blood-donation group, so the Red Cross credit stands", async () => {
    at('2026-06-15T03:00:00Z');
    // The attack: a 1-point dsd indicator in `blood-donation`, to learn from duplicate_deed who gave blood.
    const attack = refusal(await propose(dsd, rule('dsd.test.blood-lookup', { equivalenceGroup: 'blood-donation' })), 'equivalence_group_not_assigned');
    expect(attack.details).toEqual({ group: 'blood-donation', agency: 'dsd' });
    expect(attack.messages.th).toContain('"blood-donation"');
    expect(attack.messages.en).toContain('"blood-donation" is not assigned to your agency');
    // A group named after another agency's indicator code is someone else's act too.
    refusal(await propose(dsd, rule('dsd.test.stem-lookup', { equivalenceGroup: 'trc.stem-cell' })), 'equivalence_group_not_assigned');
    // Nor through a revision of an indicator the committee approved without a group.
    expect((await propose(dsd, rule('dsd.test.innocent'))).statusCode).toBe(201);
    const approve = await p.app.inject({ method: 'POST', url: '/api/v1/indicators/dsd.test.innocent/versions/1/approve', headers: auth(ADMIN_TOKEN), payload: {} });
    expect(approve.statusCode, approve.body).toBe(200);
    const revise = await p.app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/dsd.test.innocent',
      headers: auth(dsd),
      payload: { definition: rule('dsd.test.innocent', { equivalenceGroup: 'blood-donation' }), effectiveFrom: '2026-07-01T00:00:00+07:00' },
    });
    refusal(revise, 'equivalence_group_not_assigned');
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/indicators/dsd.test.blood-lookup' })).statusCode).toBe(404);
    // Only the approved innocent indicator (one version) was written.
    const written = await p.store.db.selectFrom('indicator_versions').select(['code', 'version']).where('code', 'like', 'dsd.test.%').execute();
    expect(written).toEqual([{ code: 'dsd.test.innocent', version: 1 }]);

    // The donor gives blood; dsd attests its own (group-less) deed the same day: both count, nothing is learned.
    const donor = await enrolPerson(p.app);
    const credit = await redCell(donor.id, '2026-06-15T09:00:00+07:00');
    expect(credit.json(), credit.body).toMatchObject({ status: 'credited', credit: { points: 70 } });
    const own = await attest(p.app, dsd, {
      ref: `dsd-${donor.id}`,
      subject: { nationalId: donor.nationalId },
      indicator: 'dsd.test.innocent',
      occurredAt: '2026-06-15T10:00:00+07:00',
    });
    expect(own.json(), own.body).toMatchObject({ status: 'credited' });
    expect((await scoreOf(p.app, donor.id, 2026)).earned).toBe(71);
  });

  it('lets the committee assign and take back groups; only the committee', async () => {
    const groups = await p.app.inject({ method: 'GET', url: '/api/v1/committee/groups', headers: auth(ADMIN_TOKEN) });
    expect(groups.statusCode, groups.body).toBe(200);
    const blood = groups.json().items.find((g: { group: string }) => g.group === 'blood-donation');
    expect(blood.agencies.map((a: { code: string }) => a.code).sort()).toEqual(['khuangpao', 'trc']);
    expect(blood.agencies[0].assignedBy).toBeNull();
    expect(blood.indicators).toEqual(expect.arrayContaining(['trc.blood.red-cell', 'trc.blood.plasma', 'khuangpao.blood-donation']));

    expectError(await groupCall('PUT', 'dsd-skills', 'dsd', dsd), 403, 'forbidden');
    expectError(await groupCall('PUT', 'dsd-skills', 'nobody'), 404, 'agency_not_found');
    expectError(await groupCall('PUT', 'Not A Group', 'dsd'), 400, 'validation_failed');
    expectError(await p.app.inject({ method: 'GET', url: '/api/v1/committee/groups', headers: auth(trc) }), 403, 'forbidden');
    expectError(await p.app.inject({ method: 'GET', url: '/api/v1/committee/groups' }), 401, 'unauthenticated');

    const assigned = await groupCall('PUT', 'dsd-skills', 'dsd');
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ changed: true, group: { group: 'dsd-skills', agencies: [{ code: 'dsd', assignedBy: { kind: 'admin' } }] } });
    expect((await groupCall('PUT', 'dsd-skills', 'dsd')).json().changed).toBe(false);
    expect((await propose(dsd, rule('dsd.test.skills-a', { equivalenceGroup: 'dsd-skills' }))).statusCode).toBe(201);

    const taken = await groupCall('DELETE', 'dsd-skills', 'dsd');
    expect(taken.json()).toMatchObject({ changed: true, group: { agencies: [] } });
    expect((await groupCall('DELETE', 'dsd-skills', 'dsd')).json().changed).toBe(false);
    refusal(await propose(dsd, rule('dsd.test.skills-b', { equivalenceGroup: 'dsd-skills' })), 'equivalence_group_not_assigned');
    // The committee's own write for an agency may use any group.
    const committeeWrite = await propose(ADMIN_TOKEN, rule('dsd.test.committee-grouped', { equivalenceGroup: 'dsd-skills' }));
    expect(committeeWrite.statusCode, committeeWrite.body).toBe(201);
    expect(committeeWrite.json().status).toBe('approved');
  });

  it('refuses indicators that reward reporting on others, in Thai and English, and flags the doubtful ones', async () => {
    for (const [name, path] of [
      [{ th: 'ช่วยเหลือตำรวจ', en: 'Help police identify suspects' }, 'name'],
      [{ th: 'ชี้ ตัว\u200Bผู้ต้องสงสัย', en: 'Community help' }, 'name'],
      [{ th: 'รายงานพฤติกรรมเพื่อนบ้าน', en: 'Neighbourhood care' }, 'name'],
      [{ th: 'อาสาสมัคร', en: 'Report   your NEIGHBOURS to the police' }, 'name'],
    ] as const) {
      const e = expectError(await propose(dsd, rule(`dsd.test.bad-${++seq}`, { name })), 422, 'rule_violates_principle');
      expect((e.details as { issues: Array<{ path: string }> }).issues[0]!.path).toBe(path);
    }
    const description = { th: 'ดี', en: 'Volunteers act as informants for the district office' };
    expectError(await propose(dsd, rule(`dsd.test.bad-${++seq}`, { description })), 422, 'rule_violates_principle');

    // Good deeds that report on one's own work pass, and the committee sees the words worth a look.
    const ok = await propose(dsd, rule('dsd.test.study-report', { name: { th: 'รายงานผลการเรียน', en: 'Report on the village clean-up' } }));
    expect(ok.statusCode, ok.body).toBe(201);
    const proposals = await p.app.inject({ method: 'GET', url: '/api/v1/committee/proposals', headers: auth(ADMIN_TOKEN) });
    const mine = proposals.json().items.find((i: { code: string }) => i.code === 'dsd.test.study-report');
    expect(mine.reportingOnOthers).toEqual(expect.arrayContaining(['รายงาน', 'report']));
    const plain = proposals.json().items.find((i: { code: string }) => i.code === 'dsd.test.skills-a');
    expect(plain.reportingOnOthers).toEqual([]);
  });

  it('refuses a deed older than its window and one in a closed year, storing nothing', async () => {
    at('2026-06-15T03:00:00Z');
    const person = await enrolPerson(p.app);
    const before = await rowCounts(p.store.db);
    const old = refusal(await redCell(person.id, '2025-06-14T09:00:00+07:00'), 'deed_too_old');
    expect(old.details).toEqual({ windowDays: 365, earliestAccepted: '2025-06-15', deedDay: '2025-06-14' });
    expect(old.messages.th).toContain('15 มิถุนายน พ.ศ. 2568');
    expect(old.messages.en).toContain('15 June 2025');
    const closed = refusal(await redCell(person.id, '2025-12-20T09:00:00+07:00'), 'year_closed');
    expect(closed.details).toEqual({ year: 2025, closedOn: '2026-03-02', graceDays: 60 });
    expect(closed.messages.th).toContain('พ.ศ. 2568');
    // File imports and batches take the same path.
    const batch = await p.app.inject({
      method: 'POST',
      url: '/api/v1/attestations/batch',
      headers: auth(trc),
      payload: {
        items: [{ ref: `b-${++seq}`, subject: { accountId: person.id }, indicator: 'trc.blood.red-cell', occurredAt: '2025-12-20T09:00:00+07:00', evidence: { donationNo: 'B' } }],
      },
    });
    expect(batch.json().items[0]).toMatchObject({ ok: false, error: { code: 'year_closed' } });
    expect(await rowCounts(p.store.db)).toEqual(before);

    // The committee sets the window on the rule and the grace period for everyone.
    const windowed = await propose(ADMIN_TOKEN, { ...rule('trc.test.short-window'), owner: { kind: 'agency', agency: 'trc' }, maxDeedAgeDays: 30 });
    expect(windowed.statusCode, windowed.body).toBe(201);
    at('2026-07-25T03:00:00Z');
    const short = await attest(p.app, trc, { ref: `w-${++seq}`, subject: { accountId: person.id }, indicator: 'trc.test.short-window', occurredAt: '2026-07-20T09:00:00+07:00' });
    expect(short.statusCode, short.body).toBe(201);
    const tooOld = await attest(p.app, trc, { ref: `w-${++seq}`, subject: { accountId: person.id }, indicator: 'trc.test.short-window', occurredAt: '2026-06-20T09:00:00+07:00' });
    expect(refusal(tooOld, 'deed_too_old').details).toEqual({ windowDays: 30, earliestAccepted: '2026-06-25', deedDay: '2026-06-20' });
    at('2026-06-15T03:00:00Z');
    // An agency cannot set the window itself.
    expectError(await propose(dsd, rule('dsd.test.long-window', { maxDeedAgeDays: 3000 })), 400, 'invalid_rule');
  });

  it('keeps the committee setting behind the committee and validates it', async () => {
    const read = await p.app.inject({ method: 'GET', url: '/api/v1/committee/settings', headers: auth(ADMIN_TOKEN) });
    expect(read.json()).toEqual({ yearGraceDays: 60, updatedAt: null, updatedBy: null });
    expectError(await settings(90, dsd), 403, 'forbidden');
    expectError(await settings(400), 400, 'validation_failed');
    expectError(await settings('60'), 400, 'validation_failed');
    expectError(
      await p.app.inject({ method: 'PUT', url: '/api/v1/committee/settings', headers: auth(ADMIN_TOKEN), payload: { yearGraceDays: 60, extra: 1 } }),
      400,
      'validation_failed',
    );
    expectError(await p.app.inject({ method: 'GET', url: '/api/v1/committee/settings', headers: auth(dsd) }), 403, 'forbidden');
  });

  it('credits a declaration made in time even when its year closes before the certifier decides', async () => {
    at('2026-12-21T03:00:00Z');
    const person = await enrolPerson(p.app, { areaCode: '710911' });
    const token = await personToken(p.app, person.id);
    const declare = (day: string) =>
      p.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${person.id}/declarations`,
        headers: auth(token),
        payload: { ref: `decl-${++seq}`, indicator: 'nongsarai.honesty.1', occurredAt: `${day}T19:00:00+07:00` },
      });
    const inTime = await declare('2026-12-20');
    expect(inTime.json(), inTime.body).toMatchObject({ status: 'pending' });

    at('2027-03-10T03:00:00Z');
    const late = refusal(await declare('2026-12-22'), 'year_closed');
    expect(late.details).toEqual({ year: 2026, closedOn: '2027-03-02', graceDays: 60 });
    // Judged by the declaration's submission date: the person keeps a deed declared in time.
    const approved = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${inTime.json().id}/certify`, headers: auth(nongsarai), payload: { decision: 'approve' } });
    expect(approved.json(), approved.body).toMatchObject({ status: 'credited', credit: { points: 5, year: 2026 } });

    // A longer grace period set by the committee reopens the year for new deeds.
    const set = await settings(100);
    expect(set.json()).toMatchObject({ yearGraceDays: 100, updatedBy: { kind: 'admin' } });
    expect((await declare('2026-12-22')).json()).toMatchObject({ status: 'pending' });
    expect((await settings(60)).json().yearGraceDays).toBe(60);
  });

  it("says which cap applied and when the person is eligible again, also in the person's history", async () => {
    at('2026-06-15T03:00:00Z');
    const person = await enrolPerson(p.app);
    expect((await redCell(person.id, '2026-06-01T09:00:00+07:00')).json().status).toBe('credited');
    const again = await redCell(person.id, '2026-06-10T09:00:00+07:00');
    expect(again.json()).toMatchObject({
      status: 'rejected',
      reason: { code: 'cap_exceeded', details: { cap: 'min_interval', caps: ['min_interval'], nextEligibleOn: '2026-08-24' } },
    });
    expect(again.json().reason.message.th).toContain('24 สิงหาคม พ.ศ. 2569');
    expect(again.json().reason.message.en).toContain('24 August 2026');
    // A retry replays the same answer, details included.
    const replay = await p.app.inject({
      method: 'POST',
      url: '/api/v1/attestations',
      headers: auth(trc),
      payload: {
        ref: `rc-${seq}`,
        subject: { accountId: person.id },
        indicator: 'trc.blood.red-cell',
        occurredAt: '2026-06-10T09:00:00+07:00',
        evidence: { donationNo: `D-${seq}` },
      },
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().reason).toEqual(again.json().reason);

    const history = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/attestations?year=2026`, headers: auth(await personToken(p.app, person.id)) });
    expect(history.statusCode, history.body).toBe(200);
    const refused = history.json().items.find((i: { status: string }) => i.status === 'rejected');
    expect(refused.reason).toMatchObject({ code: 'cap_exceeded', details: { cap: 'min_interval', nextEligibleOn: '2026-08-24' } });
    expect(refused.reason.message.th).toContain('พ.ศ. 2569');

    // Once in a lifetime: never again.
    const pledge = (n: number) =>
      attest(p.app, trc, {
        ref: `op-${person.id}-${n}`,
        subject: { accountId: person.id },
        indicator: 'trc.organ-pledge',
        occurredAt: `2026-06-0${n}T09:00:00+07:00`,
        evidence: { pledgeNo: `P${n}` },
      });
    expect((await pledge(1)).json().status).toBe('credited');
    expect((await pledge(2)).json().reason).toMatchObject({ code: 'cap_exceeded', details: { cap: 'lifetime', nextEligibleOn: null } });
  });
});
