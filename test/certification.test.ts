// Local certification on SQLite and PostgreSQL (the Nong Sarai model): self-declarations with
// evidence reach the certifier's queue, decisions are taken one by one or at a village meeting, a
// rejection states its reason, and racing decisions credit a deed once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, rowCounts, scoreOf } from './support/helpers.js';
import { expectError, expectRejectedWithoutWrites } from './support/bad-input.js';
import { filePart, jpegWithGps, multipart } from './support/evidence-files.js';

interface Person {
  id: string;
  token: string;
}

describe.each(DB_KINDS)('certification (%s)', (kind) => {
  let p: TestPlatform;
  let nongsarai: string;
  let khuangpao: string;
  let trc: string;
  /** A second certifier for Nong Sarai and Khuang Pao (e.g. a provincial council). */
  let regional: string;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-07-20T03:00:00Z'));
    nongsarai = await agencyToken(p.app, 'nongsarai');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    trc = await agencyToken(p.app, 'trc');
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: auth(ADMIN_TOKEN),
      payload: { code: 'regional', name: { th: 'สภาองค์กรชุมชนระดับจังหวัด', en: 'Provincial community council' }, roles: ['certifier'], areaScopes: ['710911', '500204'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    regional = await agencyToken(p.app, 'regional');
  });
  afterAll(async () => p?.cleanup());

  const at = (iso: string) => p.clock.set(new Date(iso));
  async function villager(areaCode = '710911'): Promise<Person> {
    const a = await enrolPerson(p.app, { areaCode });
    return { id: a.id, token: await personToken(p.app, a.id) };
  }
  async function declare(person: Person, indicator: string, day: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${person.id}/declarations`,
      headers: auth(person.token),
      payload: { ref: `d-${++seq}`, indicator, occurredAt: `${day}T19:00:00+07:00`, ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('pending');
    return res.json().id;
  }
  const certify = (id: string, token: string, payload: Record<string, unknown>) =>
    p.app.inject({ method: 'POST', url: `/api/v1/attestations/${id}/certify`, headers: auth(token), payload });
  const meeting = (token: string, payload: Record<string, unknown>) => p.app.inject({ method: 'POST', url: '/api/v1/certifications/meetings', headers: auth(token), payload });
  const queue = async (token: string, query = '') => {
    const res = await p.app.inject({ method: 'GET', url: `/api/v1/attestations/pending${query}`, headers: auth(token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const history = async (person: Person) =>
    (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/attestations?year=2026`, headers: auth(person.token) })).json().items;
  const statusOf = async (id: string) => (await p.store.db.selectFrom('attestations').select(['status', 'meeting_id']).where('id', '=', id).executeTakeFirstOrThrow()).status;
  const creditsOf = async (id: string) =>
    Number(
      (
        await p.store.db
          .selectFrom('credits')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('attestation_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("brings a self-declaration with a photo to the certifier's queue with its evidence; approval raises the score", async () => {
    at('2026-07-20T03:00:00Z');
    const person = await villager();
    const { payload, headers } = multipart([filePart(await jpegWithGps())]);
    const up = await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${person.id}/evidence`, headers: { ...headers, ...auth(person.token) }, payload });
    expect(up.statusCode, up.body).toBe(201);
    const photo = up.json();
    const id = await declare(person, 'nongsarai.unity.1', '2026-07-05', { evidenceFiles: [photo.sha256], evidence: { meetingNo: 'หมู่ 3 ครั้งที่ 7' } });

    at('2026-07-23T05:00:00Z');
    const q = await queue(nongsarai, '?kind=declarations');
    const item = q.items.find((i: { id: string }) => i.id === id);
    expect(item).toEqual({
      id,
      kind: 'declaration',
      ageDays: 3,
      submittedAt: '2026-07-20T03:00:00.000Z',
      occurredAt: '2026-07-05T12:00:00.000Z',
      quantity: 1,
      hours: null,
      ruleVersion: 1,
      points: 5,
      account: { id: person.id, displayName: 'สมชาย ใจดี', subdistrict: { code: '710911', name: { th: 'หนองสาหร่าย', en: 'Nong Sarai' } } },
      indicator: {
        code: 'nongsarai.unity.1',
        name: { th: 'ร่วมประชุมหมู่บ้านประจำเดือน', en: 'Attend the monthly village meeting' },
        domain: 'community',
        virtue: { code: 'unity', name: { th: 'ความสามัคคี', en: 'Unity' } },
      },
      issuer: { kind: 'self', code: 'self', name: { th: 'บันทึกด้วยตนเอง', en: 'Self-declared' } },
      evidence: { fields: { meetingNo: 'หมู่ 3 ครั้งที่ 7' }, files: [{ sha256: photo.sha256, mediaType: 'image/jpeg', size: photo.size, url: photo.url }] },
    });
    const file = await p.app.inject({ method: 'GET', url: item.evidence.files[0].url, headers: auth(nongsarai) });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');

    // Another area's certifier: not in its queue, cannot decide it, cannot read the photo.
    expect((await queue(khuangpao)).items.map((i: { id: string }) => i.id)).not.toContain(id);
    expectError(await certify(id, khuangpao, { decision: 'approve' }), 403, 'out_of_scope');
    expectError(await p.app.inject({ method: 'GET', url: item.evidence.files[0].url, headers: auth(khuangpao) }), 404, 'evidence_not_found');
    expectError(await certify(id, trc, { decision: 'approve' }), 403, 'forbidden');
    expectError(await certify(id, person.token, { decision: 'approve' }), 403, 'forbidden');

    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(0);
    const ok = await certify(id, nongsarai, { decision: 'approve' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'credited', credit: { points: 5, year: 2026 } });
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(5);
    expect((await queue(nongsarai)).items.map((i: { id: string }) => i.id)).not.toContain(id);

    const [deed] = await history(person);
    expect(deed).toMatchObject({
      id,
      issuer: 'self',
      issuerName: null,
      status: 'credited',
      certifier: 'nongsarai',
      certifierName: { th: 'สภาองค์กรชุมชนตำบลหนองสาหร่าย อำเภอพนมทวน จังหวัดกาญจนบุรี', en: 'Nong Sarai Community Council, Phanom Thuan, Kanchanaburi' },
      meeting: null,
      reason: null,
      evidenceFiles: [{ sha256: photo.sha256, mediaType: 'image/jpeg', size: photo.size, url: photo.url }],
    });
  });

  it('pages the queue oldest first with filters for kind, indicator and a subdistrict within its areas', async () => {
    const ids: string[] = [];
    for (const [i, when] of ['2026-07-01T03:00:00Z', '2026-07-02T03:00:00Z', '2026-07-04T03:00:00Z'].entries()) {
      at(when);
      ids.push(await declare(await villager(), 'nongsarai.honesty.1', `2026-06-2${i}`));
    }
    at('2026-07-03T03:00:00Z');
    const kpPerson = await villager('500204');
    const kp = await attest(p.app, khuangpao, {
      ref: `kp-q-${kpPerson.id}`,
      subject: { accountId: kpPerson.id },
      indicator: 'khuangpao.village-meeting',
      occurredAt: '2026-07-01T19:00:00+07:00',
    });
    expect(kp.json().status, kp.body).toBe('pending');
    at('2026-07-10T03:00:00Z');

    const first = await queue(regional, '?indicator=nongsarai.honesty.1&limit=2');
    expect(first.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 2));
    expect(first.items.map((i: { ageDays: number }) => i.ageDays)).toEqual([9, 8]);
    expect(first.total).toBe(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await queue(regional, `?indicator=nongsarai.honesty.1&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(2));
    expect(second.nextCursor).toBeNull();

    const attestations = await queue(regional, '?kind=attestations&subdistrict=500204');
    expect(attestations.items.every((i: { kind: string; account: { subdistrict: { code: string } } }) => i.kind === 'attestation' && i.account.subdistrict.code === '500204')).toBe(
      true,
    );
    expect(attestations.items.find((i: { id: string }) => i.id === kp.json().id)).toMatchObject({
      issuer: { kind: 'agency', code: 'khuangpao', name: { en: 'Khuang Pao Subdistrict Administrative Organization, Chom Thong, Chiang Mai' } },
      account: { subdistrict: { code: '500204', name: { th: 'ข่วงเปา', en: 'Khuang Pao' } } },
      evidence: { fields: null, files: [] },
    });
    const declarations = await queue(regional, '?kind=declarations&subdistrict=710911');
    expect(declarations.items.length).toBeGreaterThanOrEqual(3);
    expect(declarations.items.every((i: { issuer: { kind: string } }) => i.issuer.kind === 'self')).toBe(true);
    const all = await queue(regional, '?limit=500');
    const submitted = all.items.map((i: { submittedAt: string }) => i.submittedAt);
    expect(submitted).toEqual([...submitted].sort());
    expect(all.items.map((i: { id: string }) => i.id)).toContain(kp.json().id);
    // Nong Sarai's own queue never shows Khuang Pao's people.
    expect((await queue(nongsarai, '?limit=500')).items.every((i: { account: { subdistrict: { code: string } } }) => i.account.subdistrict.code === '710911')).toBe(true);

    const get = (token: string, query: string) => p.app.inject({ method: 'GET', url: `/api/v1/attestations/pending${query}`, headers: auth(token) });
    expectError(await get(regional, '?subdistrict=710901'), 403, 'out_of_scope');
    expectError(await get(nongsarai, '?subdistrict=500204'), 403, 'out_of_scope');
    expectError(await get(regional, '?cursor=not-a-cursor'), 400, 'invalid_cursor');
    expectError(await get(regional, '?kind=everything'), 400, 'validation_failed');
    expectError(await get(regional, '?subdistrict=71'), 400, 'validation_failed');
    expectError(await get(trc, ''), 403, 'forbidden');
    expectError(await get(ADMIN_TOKEN, ''), 403, 'forbidden');
    const doc = (await p.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/api/v1/attestations/pending'].get.responses['200'].content['application/json'].schema.properties.items.items.properties).toHaveProperty('ageDays');
  });

  it('requires a reason to reject, stores it and shows it to the person', async () => {
    at('2026-07-20T03:00:00Z');
    const person = await villager();
    const id = await declare(person, 'nongsarai.generosity.1', '2026-07-12');
    for (const payload of [{ decision: 'reject' }, { decision: 'reject', reason: '   ' }])
      await expectRejectedWithoutWrites(p.store.db, () => certify(id, nongsarai, payload), 400, 'reason_required');
    expect(await statusOf(id)).toBe('pending');
    const reason = 'ไม่มีรายชื่อในบันทึกการบริจาคของหมู่บ้าน';
    const res = await certify(id, nongsarai, { decision: 'reject', reason });
    expect(res.json()).toMatchObject({ status: 'rejected', reason: { code: 'certifier_rejected' } });
    const [deed] = await history(person);
    expect(deed).toMatchObject({ status: 'rejected', certifier: 'nongsarai', reason: { code: 'certifier_rejected', note: reason, message: { th: expect.any(String) } } });
    expect((await scoreOf(p.app, person.id, 2026)).points).toBe(0);
  });

  it('records a village meeting as one decision: every listed deed decided, the person sees the meeting', async () => {
    at('2026-07-20T03:00:00Z');
    const people = [await villager(), await villager(), await villager(), await villager()];
    const ids = await Promise.all(people.map((person) => declare(person, 'nongsarai.gratitude.1', '2026-07-10')));
    const [a, b, c, d] = ids;
    const body = {
      meetingDate: '2026-07-18',
      minutesRef: 'NS-2569/07',
      note: 'ประชุมหมู่บ้านประจำเดือนกรกฎาคม',
      approve: [a, b, c],
      reject: [{ id: d, reason: 'ไม่ได้มาร่วมงาน' }],
    };
    const res = await meeting(nongsarai, body);
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({
      certifier: { code: 'nongsarai', name: { en: 'Nong Sarai Community Council, Phanom Thuan, Kanchanaburi' } },
      officer: null,
      meetingDate: '2026-07-18',
      meetingYearBE: 2569,
      minutesRef: 'NS-2569/07',
      note: 'ประชุมหมู่บ้านประจำเดือนกรกฎาคม',
      counts: { approved: 3, rejected: 1, credited: 3 },
      createdAt: '2026-07-20T03:00:00.000Z',
    });
    expect(m.items).toHaveLength(4);
    expect(m.items.find((i: { attestationId: string }) => i.attestationId === d)).toMatchObject({
      decision: 'reject',
      status: 'rejected',
      reason: { code: 'certifier_rejected', note: 'ไม่ได้มาร่วมงาน' },
      credit: null,
    });
    expect(m.items.find((i: { attestationId: string }) => i.attestationId === a)).toMatchObject({
      decision: 'approve',
      status: 'credited',
      credit: { points: 5, year: 2026 },
      account: { id: people[0]!.id, displayName: 'สมชาย ใจดี' },
    });
    const rows = await p.store.db.selectFrom('attestations').select(['id', 'meeting_id', 'status', 'certifier_code']).where('id', 'in', ids).execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.meeting_id === m.id && r.certifier_code === 'nongsarai')).toBe(true);
    for (const person of people.slice(0, 3)) expect((await scoreOf(p.app, person.id, 2026)).points).toBe(5);
    expect((await scoreOf(p.app, people[3]!.id, 2026)).points).toBe(0);

    const [deed] = await history(people[0]!);
    expect(deed).toMatchObject({
      status: 'credited',
      certifierName: { th: 'สภาองค์กรชุมชนตำบลหนองสาหร่าย อำเภอพนมทวน จังหวัดกาญจนบุรี' },
      meeting: { id: m.id, date: '2026-07-18', yearBE: 2569, minutesRef: 'NS-2569/07' },
    });
    expect((await history(people[3]!))[0]).toMatchObject({ status: 'rejected', reason: { note: 'ไม่ได้มาร่วมงาน' }, meeting: { minutesRef: 'NS-2569/07' } });

    // A retry (lists in another order) replays the decision; the same minutes with other content conflict.
    const before = await rowCounts(p.store.db);
    const retry = await meeting(nongsarai, { ...body, approve: [c, a, b] });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json().id).toBe(m.id);
    expectError(await meeting(nongsarai, { ...body, note: 'อื่น' }), 409, 'ref_conflict');
    expect(await rowCounts(p.store.db)).toEqual(before);

    // The certifier's own meetings only.
    const list = await p.app.inject({ method: 'GET', url: '/api/v1/certifications/meetings', headers: auth(nongsarai) });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(m.id);
    expect(list.json().items[0]).not.toHaveProperty('items');
    const one = await p.app.inject({ method: 'GET', url: `/api/v1/certifications/meetings/${m.id}`, headers: auth(nongsarai) });
    expect(one.json()).toEqual(m);
    expectError(await p.app.inject({ method: 'GET', url: `/api/v1/certifications/meetings/${m.id}`, headers: auth(khuangpao) }), 404, 'meeting_not_found');
    expectError(await p.app.inject({ method: 'GET', url: `/api/v1/certifications/meetings/${m.id}`, headers: auth(regional) }), 404, 'meeting_not_found');
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/certifications/meetings', headers: auth(khuangpao) })).json().items.map((i: { id: string }) => i.id)).not.toContain(
      m.id,
    );
    expectError(await p.app.inject({ method: 'GET', url: '/api/v1/certifications/meetings', headers: auth(trc) }), 403, 'forbidden');
    expectError(await p.app.inject({ method: 'GET', url: '/api/v1/certifications/meetings', headers: auth(people[0]!.token) }), 403, 'forbidden');

    // A later meeting comes first; pages follow the cursor.
    const e = await declare(people[0]!, 'nongsarai.gratitude.2', '2026-07-19');
    expect((await meeting(nongsarai, { meetingDate: '2026-07-19', minutesRef: 'NS-2569/08', approve: [e] })).statusCode).toBe(201);
    const page1 = (await p.app.inject({ method: 'GET', url: '/api/v1/certifications/meetings?limit=1', headers: auth(nongsarai) })).json();
    expect(page1.items.map((i: { minutesRef: string }) => i.minutesRef)).toEqual(['NS-2569/08']);
    const page2 = (await p.app.inject({ method: 'GET', url: `/api/v1/certifications/meetings?limit=1&cursor=${page1.nextCursor}`, headers: auth(nongsarai) })).json();
    expect(page2.items.map((i: { minutesRef: string }) => i.minutesRef)).toEqual(['NS-2569/07']);
  });

  it('refuses a meeting with any item out of scope, not pending, unknown or after the meeting, changing nothing', async () => {
    at('2026-07-20T03:00:00Z');
    const [x, y] = [await villager(), await villager()];
    const a = await declare(x, 'nongsarai.diligence.1', '2026-07-11');
    const b = await declare(y, 'nongsarai.diligence.1', '2026-07-11');
    const kpPerson = await villager('500204');
    const foreign = (
      await attest(p.app, khuangpao, {
        ref: `kp-m-${kpPerson.id}`,
        subject: { accountId: kpPerson.id },
        indicator: 'khuangpao.village-meeting',
        occurredAt: '2026-07-01T19:00:00+07:00',
      })
    ).json().id as string;
    const done = await declare(x, 'nongsarai.diligence.2', '2026-07-11');
    expect((await certify(done, nongsarai, { decision: 'approve' })).statusCode).toBe(200);
    const late = await declare(y, 'nongsarai.diligence.3', '2026-07-19');
    const unknown = '01900000-0000-7000-8000-000000000000';
    const base = { meetingDate: '2026-07-18', minutesRef: 'NS-BAD' };
    const refused = async (payload: Record<string, unknown>, status: number, code: Parameters<typeof expectError>[2]) =>
      expectRejectedWithoutWrites(p.store.db, () => meeting(nongsarai, { ...base, ...payload }), status, code);

    const scope = await refused({ approve: [a, foreign, b] }, 403, 'out_of_scope');
    expect(scope.details).toEqual({ items: [{ id: foreign, code: 'out_of_scope' }] });
    const mixed = await refused({ approve: [a, done], reject: [{ id: unknown, reason: 'ไม่มี' }] }, 404, 'attestation_not_found');
    expect(mixed.details).toEqual({
      items: [
        { id: unknown, code: 'attestation_not_found' },
        { id: done, code: 'not_pending' },
      ].sort((m, n) => m.id.localeCompare(n.id)),
    });
    expect((await refused({ approve: [b, done] }, 409, 'not_pending')).details).toEqual({ items: [{ id: done, code: 'not_pending' }] });
    expect((await refused({ approve: [a, late] }, 422, 'deed_after_meeting')).details).toEqual({ items: [{ id: late, code: 'deed_after_meeting' }] });
    await refused({ meetingDate: '2026-07-21', approve: [a] }, 422, 'meeting_date_in_future');
    expect((await refused({ approve: [a], reject: [{ id: b, reason: ' ' }] }, 400, 'reason_required')).details).toEqual({ items: [b] });
    await refused({ approve: [a, a] }, 400, 'validation_failed');
    await refused({ approve: [a], reject: [{ id: a, reason: 'สองครั้ง' }] }, 400, 'validation_failed');
    await refused({ approve: [] }, 400, 'validation_failed');
    await refused({ minutesRef: '  ', approve: [a] }, 400, 'validation_failed');
    await refused({ meetingDate: '2026-02-30', approve: [a] }, 400, 'validation_failed');
    await refused({ meetingDate: '18/07/2569', approve: [a] }, 400, 'validation_failed');
    await refused({ approve: ['not-a-uuid'] }, 400, 'validation_failed');
    await expectRejectedWithoutWrites(p.store.db, () => meeting(trc, { ...base, approve: [a] }), 403, 'forbidden');
    await expectRejectedWithoutWrites(p.store.db, () => meeting(khuangpao, { ...base, approve: [a] }), 403, 'out_of_scope');
    expect([await statusOf(a), await statusOf(b), await statusOf(foreign)]).toEqual(['pending', 'pending', 'pending']);
  });

  describe('under concurrency', () => {
    async function three(indicator: string): Promise<string[]> {
      const people = [await villager(), await villager(), await villager()];
      return Promise.all(people.map((person) => declare(person, indicator, '2026-07-15')));
    }

    it('credits once when the same certifier, or two certifiers, approve one deed at once', async () => {
      at('2026-07-20T03:00:00Z');
      for (const tokens of [
        [nongsarai, nongsarai],
        [nongsarai, regional],
      ]) {
        const person = await villager();
        const id = await declare(person, 'nongsarai.thrift.1', '2026-07-15');
        const results = await Promise.all(tokens.map((t) => certify(id, t!, { decision: 'approve' })));
        expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
        expectError(results.find((r) => r.statusCode === 409)!, 409, 'not_pending');
        expect(await creditsOf(id)).toBe(1);
        expect((await scoreOf(p.app, person.id, 2026)).points).toBe(5);
      }
    });

    it('lets one of a meeting and a single decision win on the same deed', async () => {
      at('2026-07-20T03:00:00Z');
      for (let round = 0; round < 3; round++) {
        const ids = await three('nongsarai.thrift.2');
        const [m, single] = await Promise.all([
          meeting(nongsarai, { meetingDate: '2026-07-18', minutesRef: `RACE-${kind}-${round}`, approve: ids }),
          certify(ids[1]!, regional, { decision: 'reject', reason: 'ซ้ำ' }),
        ]);
        if (m.statusCode === 201) {
          expectError(single, 409, 'not_pending');
          expect(await Promise.all(ids.map(creditsOf))).toEqual([1, 1, 1]);
        } else {
          expect(single.statusCode, single.body).toBe(200);
          expect(expectError(m, 409, 'not_pending').details).toEqual({ items: [{ id: ids[1], code: 'not_pending' }] });
          expect(await Promise.all(ids.map(creditsOf))).toEqual([0, 0, 0]);
          expect([await statusOf(ids[0]!), await statusOf(ids[2]!)]).toEqual(['pending', 'pending']);
        }
      }
    });

    it('serialises two meetings listing the same deeds in opposite order (no deadlock), and replays a twin', async () => {
      at('2026-07-20T03:00:00Z');
      for (let round = 0; round < 4; round++) {
        const ids = await three('nongsarai.thrift.3');
        const [m1, m2] = await Promise.all([
          meeting(nongsarai, { meetingDate: '2026-07-18', minutesRef: `ORDER-${round}-A`, approve: ids }),
          meeting(regional, { meetingDate: '2026-07-18', minutesRef: `ORDER-${round}-B`, approve: [...ids].reverse() }),
        ]);
        expect([m1.statusCode, m2.statusCode].sort(), `${m1.body} ${m2.body}`).toEqual([201, 409]);
        expectError([m1, m2].find((r) => r.statusCode === 409)!, 409, 'not_pending');
        expect(await Promise.all(ids.map(creditsOf))).toEqual([1, 1, 1]);
      }
      const ids = await three('nongsarai.thrift.3');
      const twin = { meetingDate: '2026-07-18', minutesRef: 'TWIN', approve: ids };
      const [t1, t2] = await Promise.all([meeting(nongsarai, twin), meeting(nongsarai, twin)]);
      expect([t1.statusCode, t2.statusCode].sort()).toEqual([200, 201]);
      expect(t1.json().id).toBe(t2.json().id);
      expect(await Promise.all(ids.map(creditsOf))).toEqual([1, 1, 1]);
    });
  });
});
