// The good-deed catalogue over HTTP on SQLite and PostgreSQL: agencies publish opportunities, anyone
// browses them nearest first, and a person's prediction is the credit the deed then earns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, scoreOf } from './support/helpers.js';
import { expectError } from './support/bad-input.js';
import type { ErrorCode } from '../src/core/errors.js';
import { loadSampleData } from '../src/services/sample-data.js';

// 10:00 on 20 Nov 2026 in Bangkok: December is ahead, most of 2026 behind.
const NOW = new Date('2026-11-20T03:00:00Z');

type Json = Record<string, unknown>;
interface Item {
  id: string;
  title: { th: string; en: string | null };
  status: string;
  place: { areaCode: string };
  proximity: string | null;
  startsAt: string;
}

describe.each(DB_KINDS)('good-deed opportunities (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let dsd: string;
  let khuangpao: string;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, NOW);
    trc = await agencyToken(p.app, 'trc');
    dsd = await agencyToken(p.app, 'dsd');
    khuangpao = await agencyToken(p.app, 'khuangpao');
  });
  afterAll(async () => p?.cleanup());

  const bloodDrive = (over: Json = {}): Json => ({
    title: { th: 'รับบริจาคโลหิต อำเภอจอมทอง', en: 'Blood drive, Chom Thong' },
    indicator: 'trc.blood.red-cell',
    startsAt: '2026-12-18T08:30:00+07:00',
    endsAt: '2026-12-18T15:30:00+07:00',
    place: { name: 'โรงพยาบาลจอมทอง', areaCode: '500203' },
    ...over,
  });
  const publish = (token: string | undefined, body: unknown) =>
    p.app.inject({ method: 'POST', url: '/api/v1/opportunities', headers: token ? auth(token) : {}, payload: body as Json });
  async function published(token: string, body: Json): Promise<Item & Json> {
    const r = await publish(token, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  }
  const list = async (query: string, token?: string) => {
    const r = await p.app.inject({ method: 'GET', url: `/api/v1/opportunities?${query}`, headers: token ? auth(token) : {} });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ items: Item[]; nextCursor: string | null }>();
  };
  const opportunityCount = async () =>
    Number(
      (
        await p.store.db
          .selectFrom('opportunities')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** A refusal with the catalogue's envelope that wrote nothing. */
  async function refusedWithoutWrites(send: () => Promise<Parameters<typeof expectError>[0]>, status: number, code: ErrorCode) {
    const before = await opportunityCount();
    const e = expectError(await send(), status, code);
    expect(await opportunityCount()).toBe(before);
    return e;
  }
  async function withClock<T>(at: string, run: () => Promise<T>): Promise<T> {
    p.clock.set(new Date(at));
    try {
      return await run();
    } finally {
      p.clock.set(NOW);
    }
  }

  describe('publishing', () => {
    it('publishes with the names of the indicator, the agency and the areas, and serves it to anyone', async () => {
      const o = await published(
        trc,
        bloodDrive({
          description: { th: 'นำบัตรประจำตัวประชาชนมาด้วย' },
          capacity: 150,
          contact: { phone: '053-341 004', email: 'donate@example.org', url: 'https://blooddonationthai.com/#today' },
          place: { name: 'โรงพยาบาลจอมทอง', areaCode: '500203', address: 'ตำบลบ้านหลวง อำเภอจอมทอง' },
        }),
      );
      expect(o).toMatchObject({
        status: 'published',
        agency: { code: 'trc', name: { th: 'สภากาชาดไทย', en: 'Thai Red Cross Society' } },
        title: { th: 'รับบริจาคโลหิต อำเภอจอมทอง', en: 'Blood drive, Chom Thong' },
        description: { th: 'นำบัตรประจำตัวประชาชนมาด้วย', en: null },
        indicator: { code: 'trc.blood.red-cell', domain: 'health', points: 70, unit: 'occurrence', certification: 'auto', sensitive: 'health', ruleVersion: 1 },
        startsAt: '2026-12-18T01:30:00.000Z',
        endsAt: '2026-12-18T08:30:00.000Z',
        startsOn: { date: '2026-12-18', th: '18 ธ.ค. 2569', en: '18 Dec 2026' },
        capacity: 150,
        contact: { phone: '053-341 004', email: 'donate@example.org', url: 'https://blooddonationthai.com/' },
        proximity: null,
        cancelledAt: null,
      });
      expect(o.place).toEqual({
        name: 'โรงพยาบาลจอมทอง',
        address: 'ตำบลบ้านหลวง อำเภอจอมทอง',
        areaCode: '500203',
        areas: [
          { code: '50', level: 'province', name: { th: 'เชียงใหม่', en: 'Chiang Mai' } },
          { code: '5002', level: 'district', name: { th: 'จอมทอง', en: 'Chom Thong' } },
          { code: '500203', level: 'subdistrict', name: { th: 'บ้านหลวง', en: 'Ban Luang' } },
        ],
      });
      const detail = await p.app.inject({ method: 'GET', url: `/api/v1/opportunities/${o.id}` });
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toEqual(o);
      // The agency's own ref and the request fingerprint stay inside.
      expect(Object.keys(o)).not.toContain('ref');
      expect(detail.body).not.toMatch(/request_hash|requestHash/);
    });

    it('answers a retry with the same ref as the first publication, also when both arrive at once', async () => {
      const body = bloodDrive({ ref: `retry-${++seq}` });
      const [a, b] = await Promise.all([publish(trc, body), publish(trc, body)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
      expect(a.json().id).toBe(b.json().id);
      const again = await publish(trc, body);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(a.json().id);
      const rows = await p.store.db
        .selectFrom('opportunities')
        .select('id')
        .where('ref', '=', body.ref as string)
        .execute();
      expect(rows).toHaveLength(1);
      await refusedWithoutWrites(() => publish(trc, { ...body, capacity: 10 }), 409, 'ref_conflict');
      // Another agency's ref space is its own.
      const theirs = await publish(khuangpao, { ...body, indicator: 'khuangpao.conservation', place: { name: 'ศาลา', areaCode: '500204' } });
      expect(theirs.statusCode, theirs.body).toBe(201);
    });

    it('lets only issuers publish, and only for indicators in their scope that are in force when it starts', async () => {
      const person = await enrolPerson(p.app);
      const personTok = await personToken(p.app, person.id);
      await refusedWithoutWrites(() => publish(undefined, bloodDrive()), 401, 'unauthenticated');
      await refusedWithoutWrites(() => publish(personTok, bloodDrive()), 403, 'forbidden');
      await refusedWithoutWrites(() => publish(ADMIN_TOKEN, bloodDrive()), 403, 'forbidden');
      await refusedWithoutWrites(async () => publish(await agencyToken(p.app, 'ptt'), bloodDrive()), 403, 'forbidden');
      await refusedWithoutWrites(() => publish(dsd, bloodDrive()), 403, 'out_of_scope');
      await refusedWithoutWrites(() => publish(trc, bloodDrive({ indicator: 'khuangpao.conservation' })), 403, 'out_of_scope');
      await refusedWithoutWrites(() => publish(trc, bloodDrive({ indicator: 'trc.blood.unknown' })), 422, 'unknown_indicator');

      // A DSD course under an indicator the committee announced from 1 June 2027.
      const defined = await p.app.inject({
        method: 'POST',
        url: '/api/v1/indicators',
        headers: auth(ADMIN_TOKEN),
        payload: {
          definition: {
            code: 'dsd.skills.digital-course',
            name: { th: 'สำเร็จหลักสูตรทักษะดิจิทัล', en: 'Complete a digital skills course' },
            domain: 'learning',
            accountKinds: ['person'],
            owner: { kind: 'agency', agency: 'dsd' },
            unit: 'occurrence',
            points: 40,
            certification: 'auto',
          },
          effectiveFrom: '2027-06-01T00:00:00+07:00',
        },
      });
      expect(defined.statusCode, defined.body).toBe(201);
      const course = (startsAt: string, endsAt: string) => ({
        title: { th: 'หลักสูตรทักษะดิจิทัล' },
        indicator: 'dsd.skills.digital-course',
        startsAt,
        endsAt,
        place: { name: 'สถาบันพัฒนาฝีมือแรงงาน 10 เชียงใหม่', areaCode: '5001' },
      });
      await refusedWithoutWrites(() => publish(dsd, course('2027-05-31T09:00:00+07:00', '2027-05-31T16:00:00+07:00')), 422, 'indicator_not_in_force');
      const ok = await published(dsd, course('2027-06-01T09:00:00+07:00', '2027-06-03T16:00:00+07:00'));
      expect(ok.indicator).toMatchObject({ code: 'dsd.skills.digital-course', points: 40 });
      expect(ok.place).toMatchObject({ areaCode: '5001', areas: [{ code: '50' }, { code: '5001', name: { en: 'Mueang Chiang Mai' } }] });
    });

    it('refuses bad input with the error catalogue and writes nothing', async () => {
      const issues = (e: { details?: unknown }) => (e.details as { issues: Array<{ path: string; message: string }> }).issues;
      const bad: Array<[string, unknown, string | RegExp]> = [
        ['a javascript: link', bloodDrive({ contact: { url: 'javascript:alert(document.cookie)' } }), 'body.contact.url'],
        ['a data: link', bloodDrive({ contact: { url: 'data:text/html,<script>alert(1)</script>' } }), 'body.contact.url'],
        ['credentials in the link', bloodDrive({ contact: { url: 'http://user:pass@x.example/' } }), 'body.contact.url'],
        ['a relative link', bloodDrive({ contact: { url: '/admin' } }), 'body.contact.url'],
        ['an empty contact', bloodDrive({ contact: {} }), 'body.contact'],
        ['a phone with letters', bloodDrive({ contact: { phone: 'call me' } }), 'body.contact.phone'],
        ['a bad e-mail', bloodDrive({ contact: { email: 'not-an-address' } }), 'body.contact.email'],
        ['a start without offset', bloodDrive({ startsAt: '2026-12-18T08:30:00' }), 'body.startsAt'],
        ['an end before the start', bloodDrive({ endsAt: '2026-12-18T07:00:00+07:00' }), 'body.endsAt'],
        ['an end equal to the start', bloodDrive({ endsAt: '2026-12-18T08:30:00+07:00' }), 'body.endsAt'],
        ['longer than 366 days', bloodDrive({ endsAt: '2027-12-19T08:30:01+07:00' }), 'body.endsAt'],
        ['no Thai title', bloodDrive({ title: { en: 'Blood drive' } }), 'body.title.th'],
        ['a blank Thai title', bloodDrive({ title: { th: '   ' } }), 'body.title.th'],
        ['an area code of 5 digits', bloodDrive({ place: { name: 'x', areaCode: '50020' } }), 'body.place.areaCode'],
        ['a capacity of 0', bloodDrive({ capacity: 0 }), 'body.capacity'],
        ['a fractional capacity', bloodDrive({ capacity: 1.5 }), 'body.capacity'],
        ['a status set by the client', bloodDrive({ status: 'cancelled' }), /^body\.?$/],
        ['an unknown field', bloodDrive({ points: 1000 }), /^body\.?$/],
        ['an indicator that is not a code', bloodDrive({ indicator: "trc'; drop table opportunities; --" }), 'body.indicator'],
      ];
      for (const [label, body, path] of bad) {
        const e = await refusedWithoutWrites(() => publish(trc, body), 400, 'validation_failed');
        const paths = issues(e).map((i) => i.path);
        expect(
          paths.some((x) => (typeof path === 'string' ? x === path : path.test(x))),
          `${label}: ${paths.join(', ')}`,
        ).toBe(true);
      }
      const link = await refusedWithoutWrites(() => publish(trc, bloodDrive({ contact: { url: 'http://user:pass@x.example/' } })), 400, 'validation_failed');
      expect(issues(link)[0]!.message).toBe('credentials are not allowed in the URL');
      await refusedWithoutWrites(() => publish(trc, bloodDrive({ place: { name: 'x', areaCode: '999999' } })), 404, 'area_not_found');
      await refusedWithoutWrites(() => publish(trc, bloodDrive({ startsAt: '2026-11-01T08:30:00+07:00', endsAt: '2026-11-01T15:30:00+07:00' })), 422, 'opportunity_ended');
      await refusedWithoutWrites(
        () => p.app.inject({ method: 'POST', url: '/api/v1/opportunities', headers: { ...auth(trc), 'content-type': 'application/json' }, payload: '{"title":' }),
        400,
        'invalid_json',
      );
    });

    it('keeps a link to 169.254.169.254 as data and never fetches any link', async () => {
      const calls: unknown[] = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
        calls.push(args[0]);
        return realFetch(...args);
      }) as typeof fetch;
      try {
        const o = await published(trc, bloodDrive({ contact: { url: 'http://169.254.169.254/latest/meta-data/' } }));
        expect((o.contact as { url: string }).url).toBe('http://169.254.169.254/latest/meta-data/');
        await p.app.inject({ method: 'GET', url: `/api/v1/opportunities/${o.id}` });
        await list('q=Chom');
      } finally {
        globalThis.fetch = realFetch;
      }
      expect(calls).toEqual([]);
    });
  });

  describe('changing and cancelling', () => {
    it('lets only the publishing agency change or cancel; any other agency gets 404', async () => {
      const o = await published(trc, bloodDrive({ title: { th: 'รับบริจาคโลหิต ก่อนแก้ไข' } }));
      const patch = (token: string | undefined, body: unknown, id = o.id) =>
        p.app.inject({ method: 'PATCH', url: `/api/v1/opportunities/${id}`, headers: token ? auth(token) : {}, payload: body as Json });
      const cancel = (token: string | undefined, id = o.id) => p.app.inject({ method: 'POST', url: `/api/v1/opportunities/${id}/cancel`, headers: token ? auth(token) : {} });
      const person = await enrolPerson(p.app);
      const personTok = await personToken(p.app, person.id);

      expectError(await patch(dsd, { capacity: 5 }), 404, 'opportunity_not_found');
      expectError(await patch(khuangpao, { capacity: 5 }), 404, 'opportunity_not_found');
      expectError(await cancel(dsd), 404, 'opportunity_not_found');
      expectError(await patch(personTok, { capacity: 5 }), 403, 'forbidden');
      expectError(await cancel(ADMIN_TOKEN), 403, 'forbidden');
      expectError(await patch(undefined, { capacity: 5 }), 401, 'unauthenticated');
      expectError(await patch(trc, { capacity: 5 }, '01900000-0000-7000-8000-000000000000'), 404, 'opportunity_not_found');
      expect((await p.app.inject({ method: 'GET', url: `/api/v1/opportunities/${o.id}` })).json()).toMatchObject({ title: { th: 'รับบริจาคโลหิต ก่อนแก้ไข' }, capacity: null });

      expectError(await patch(trc, {}), 400, 'validation_failed');
      expectError(await patch(trc, { endsAt: '2026-12-18T08:00:00+07:00' }), 400, 'validation_failed');
      expectError(await patch(trc, { contact: { url: 'javascript:alert(1)' } }), 400, 'validation_failed');
      expectError(await patch(trc, { indicator: 'khuangpao.conservation' }), 403, 'out_of_scope');
      expectError(await patch(trc, { place: { name: 'x', areaCode: '999999' } }), 404, 'area_not_found');
      expectError(await patch(trc, { agency: 'dsd' }), 400, 'validation_failed');
      expectError(await patch(trc, { status: 'cancelled' }), 400, 'validation_failed');

      const changed = await patch(trc, {
        title: { th: 'รับบริจาคโลหิต (เลื่อนวัน)', en: 'Blood drive (new date)' },
        startsAt: '2026-12-19T08:30:00+07:00',
        endsAt: '2026-12-19T15:30:00+07:00',
        capacity: 80,
        contact: { url: 'https://blooddonationthai.com/' },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({
        title: { en: 'Blood drive (new date)' },
        startsOn: { date: '2026-12-19' },
        capacity: 80,
        contact: { url: 'https://blooddonationthai.com/' },
      });
      const cleared = await patch(trc, { capacity: null, contact: null, description: null });
      expect(cleared.json()).toMatchObject({ capacity: null, contact: null, description: null });

      const cancelled = await cancel(trc);
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledAt: NOW.toISOString() });
      const again = await cancel(trc);
      expect(again.json()).toEqual(cancelled.json());
      expectError(await patch(trc, { capacity: 5 }), 409, 'opportunity_cancelled');

      expect((await list('q=เลื่อนวัน')).items).toEqual([]);
      expect((await list('q=เลื่อนวัน&status=cancelled')).items.map((i) => i.id)).toEqual([o.id]);
      expect((await p.app.inject({ method: 'GET', url: `/api/v1/opportunities/${o.id}` })).json().status).toBe('cancelled');
    });

    it('cancels once when two cancellations arrive at once', async () => {
      const o = await published(trc, bloodDrive());
      const both = await Promise.all([0, 1].map(() => p.app.inject({ method: 'POST', url: `/api/v1/opportunities/${o.id}/cancel`, headers: auth(trc) })));
      expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
      expect(both[0]!.json()).toEqual(both[1]!.json());
      expect(both[0]!.json().status).toBe('cancelled');
    });
  });

  describe('listing', () => {
    const tag = 'SORTTEST';
    let ids: Record<'banLuang' | 'khuangPao' | 'cmCity' | 'bangkok' | 'chiangMaiWide' | 'khuangPaoLater', string>;

    beforeAll(async () => {
      const make = async (token: string, name: string, indicator: string, areaCode: string, day: string, th = `${tag} ${name}`) =>
        (
          await published(token, {
            title: { th, en: `${tag} ${name} event` },
            indicator,
            startsAt: `${day}T09:00:00+07:00`,
            endsAt: `${day}T12:00:00+07:00`,
            place: { name, areaCode },
          })
        ).id;
      ids = {
        banLuang: await make(trc, 'Ban Luang blood', 'trc.blood.red-cell', '500203', '2026-12-18', `${tag} รับบริจาคโลหิต บ้านหลวง`),
        khuangPao: await make(khuangpao, 'Khuang Pao clean-up', 'khuangpao.conservation', '500204', '2026-12-05'),
        cmCity: await make(dsd, 'Chiang Mai course', 'nat.person.skills-course', '5001', '2026-12-01'),
        bangkok: await make(trc, 'Bangkok blood', 'trc.blood.red-cell', '100101', '2026-12-02'),
        chiangMaiWide: await make(trc, 'Chiang Mai province blood', 'trc.blood.red-cell', '50', '2026-12-03'),
        khuangPaoLater: await make(khuangpao, 'Khuang Pao meeting', 'khuangpao.village-meeting', '500204', '2027-01-10'),
      };
    });
    const idsOf = (r: { items: Item[] }) => r.items.map((i) => i.id);

    it('sorts by proximity to a subdistrict, then by start', async () => {
      const r = await list(`q=${tag}&near=500204`);
      expect(idsOf(r)).toEqual([ids.khuangPao, ids.khuangPaoLater, ids.banLuang, ids.cmCity, ids.chiangMaiWide, ids.bangkok]);
      expect(r.items.map((i) => i.proximity)).toEqual(['subdistrict', 'subdistrict', 'district', 'province', 'province', 'elsewhere']);
      expect(idsOf(await list(`q=${tag}`))).toEqual([ids.cmCity, ids.bangkok, ids.chiangMaiWide, ids.khuangPao, ids.banLuang, ids.khuangPaoLater]);
    });

    it('pages with a cursor through the same order, and refuses a made-up cursor', async () => {
      const all = idsOf(await list(`q=${tag}&near=500204`));
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: Item[]; nextCursor: string | null } = await list(`q=${tag}&near=500204&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...idsOf(page));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(pages).toBe(2);
      const fake = Buffer.from(JSON.stringify([9, 'x', 1])).toString('base64url');
      expectError(await p.app.inject({ method: 'GET', url: `/api/v1/opportunities?cursor=${fake}` }), 400, 'validation_failed');
      expectError(await p.app.inject({ method: 'GET', url: '/api/v1/opportunities?cursor=%00%01' }), 400, 'validation_failed');
    });

    it('filters by area at any level, domain, indicator, title words and dates', async () => {
      const q = (s: string) => list(`q=${tag}&${s}`);
      expect(new Set(idsOf(await q('area=5002')))).toEqual(new Set([ids.khuangPao, ids.khuangPaoLater, ids.banLuang, ids.chiangMaiWide]));
      expect(new Set(idsOf(await q('area=500204')))).toEqual(new Set([ids.khuangPao, ids.khuangPaoLater, ids.chiangMaiWide]));
      expect(new Set(idsOf(await q('area=50')))).toEqual(new Set([ids.khuangPao, ids.khuangPaoLater, ids.banLuang, ids.cmCity, ids.chiangMaiWide]));
      expect(idsOf(await q('area=10'))).toEqual([ids.bangkok]);
      expect(idsOf(await q('domain=learning'))).toEqual([ids.cmCity]);
      expect(new Set(idsOf(await q('domain=community')))).toEqual(new Set([ids.khuangPaoLater]));
      expect(idsOf(await q('indicator=trc.blood.red-cell'))).toEqual([ids.bangkok, ids.chiangMaiWide, ids.banLuang]);
      expect(idsOf(await q('indicator=trc.blood.red-cell&domain=learning'))).toEqual([]);
      expect(idsOf(await list(`q=${encodeURIComponent(`${tag} รับบริจาคโลหิต`)}`))).toEqual([ids.banLuang]);
      expect(idsOf(await list('q=sorttest%20KHUANG%20pao'))).toEqual([ids.khuangPao, ids.khuangPaoLater]);
      expect(idsOf(await q('agency=dsd'))).toEqual([ids.cmCity]);
      expect(idsOf(await q('from=2026-12-18'))).toEqual([ids.banLuang, ids.khuangPaoLater]);
      expect(idsOf(await q('to=2026-12-02'))).toEqual([ids.cmCity, ids.bangkok]);
      expect(idsOf(await q('from=2026-12-02&to=2026-12-03'))).toEqual([ids.bangkok, ids.chiangMaiWide]);
      expect(idsOf(await q(`to=${encodeURIComponent('2026-12-01T09:00:00+07:00')}`))).toEqual([ids.cmCity]);
      // LIKE wildcards and quotes are searched for literally.
      expect(idsOf(await list('q=%25'))).toEqual([]);
      expect(idsOf(await list('q=_'))).toEqual([]);
      expect(idsOf(await list(`q=${encodeURIComponent("' or 1=1 --")}`))).toEqual([]);
    });

    it('shows only ongoing and upcoming ones by default', async () => {
      await withClock('2026-12-05T03:00:00Z', async () => {
        // 10:00 on 5 Dec: the Khuang Pao clean-up (09:00–12:00) is still on; 1–3 Dec are over.
        expect(idsOf(await list(`q=${tag}`))).toEqual([ids.khuangPao, ids.banLuang, ids.khuangPaoLater]);
        expect(idsOf(await list(`q=${tag}&from=2026-12-01`))).toHaveLength(6);
      });
    });

    it('refuses bad filters with the error catalogue', async () => {
      const get = (qs: string) => p.app.inject({ method: 'GET', url: `/api/v1/opportunities?${qs}` });
      for (const qs of [
        'limit=101',
        'limit=0',
        'limit=x',
        'near=50',
        'near=5002',
        'area=5',
        'domain=wealth',
        'from=2026-02-30',
        'to=tomorrow',
        'indicator=NOT_A_CODE',
        'status=deleted',
      ])
        expectError(await get(qs), 400, 'validation_failed');
      expectError(await get('near=999999'), 404, 'area_not_found');
      expectError(await get('area=9999'), 404, 'area_not_found');
      expectError(await p.app.inject({ method: 'GET', url: '/api/v1/opportunities/nope' }), 404, 'opportunity_not_found');
      expectError(await p.app.inject({ method: 'GET', url: '/api/v1/opportunities', headers: auth('not-a-token') }), 401, 'unauthenticated');
    });

    it('puts each person’s prediction on their own list, nearest their home', async () => {
      const person = await enrolPerson(p.app, { areaCode: '500204' });
      const token = await personToken(p.app, person.id);
      const r = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/opportunities?q=${tag}`, headers: auth(token) });
      expect(r.statusCode, r.body).toBe(200);
      const items = r.json().items as Array<Item & { prediction: { points: number; outcome: string; reason: { code: string } | null; opportunity: { id: string } } }>;
      expect(items.map((i) => i.id)).toEqual([ids.khuangPao, ids.khuangPaoLater, ids.banLuang, ids.cmCity, ids.chiangMaiWide, ids.bangkok]);
      expect(items.map((i) => [i.prediction.points, i.prediction.outcome])).toEqual([
        [10, 'pending'],
        [10, 'pending'],
        [70, 'credited'],
        [30, 'credited'],
        [70, 'credited'],
        [70, 'credited'],
      ]);
      expect(items.every((i) => i.prediction.opportunity.id === i.id)).toBe(true);

      // Someone from Ban Luang sees Ban Luang first, and the Khuang Pao deeds as not for them.
      const neighbour = await enrolPerson(p.app, { areaCode: '500203' });
      const nt = await personToken(p.app, neighbour.id);
      const theirs = (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${neighbour.id}/opportunities?q=${tag}`, headers: auth(nt) })).json().items as typeof items;
      expect(theirs[0]!.id).toBe(ids.banLuang);
      expect(theirs.find((i) => i.id === ids.khuangPao)!.prediction).toMatchObject({ points: 0, outcome: 'rejected', reason: { code: 'not_applicable_area' } });

      // Only the person: not another person, not the staff of their area, not the admin.
      for (const t of [nt, khuangpao, ADMIN_TOKEN])
        expectError(await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/opportunities`, headers: auth(t) }), 404, 'account_not_found');
      expectError(await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/opportunities` }), 401, 'unauthenticated');
    });
  });

  describe('predictions', () => {
    let n = 0;
    const predict = (person: { id: string; token: string }, qs: string) =>
      p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/predictions?${qs}`, headers: auth(person.token) });
    async function prediction(person: { id: string; token: string }, qs: string) {
      const r = await predict(person, qs);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    }
    async function personWith(deeds: Array<[string, string, (string | number)?]>, opts: { areaCode?: string; consents?: string[] } = {}) {
      const person = await enrolPerson(p.app, opts);
      for (const [indicator, occurredAt, quantity] of deeds) {
        const token = indicator.startsWith('trc.') ? trc : indicator.startsWith('khuangpao.') || indicator.startsWith('nat.person.volunteer') ? khuangpao : dsd;
        const r = await attest(p.app, token, {
          ref: `hist-${++n}`,
          subject: { accountId: person.id },
          indicator,
          occurredAt,
          evidence: { ref: `H-${n}` },
          ...(quantity === undefined ? {} : { quantity }),
        });
        expect(r.json().status, r.body).toMatch(/credited|pending/);
      }
      return { ...person, token: await personToken(p.app, person.id) };
    }
    async function opportunity(token: string, body: Json) {
      return (await published(token, body)).id;
    }

    it('answers for an opportunity or for an indicator and day, and explains a refusal in B.E.', async () => {
      const donor = await personWith([['trc.blood.red-cell', '2026-10-01T09:00:00+07:00']]);
      const o = await opportunity(trc, bloodDrive());
      const onDrive = await prediction(donor, `opportunity=${o}`);
      expect(onDrive).toMatchObject({
        accountId: donor.id,
        indicator: { code: 'trc.blood.red-cell', domain: 'health', ruleVersion: 1 },
        opportunity: { id: o, title: { th: 'รับบริจาคโลหิต อำเภอจอมทอง' } },
        on: { date: '2026-12-18', th: '18 ธ.ค. 2569', en: '18 Dec 2026' },
        year: 2026,
        yearBE: 2569,
        quantity: 1,
        points: 0,
        scoreGain: 0,
        nominalPoints: 70,
        outcome: 'rejected',
        reason: { code: 'cap_exceeded' },
        caps: ['minIntervalDays'],
        nextEligibleOn: { date: '2026-12-24', th: '24 ธ.ค. 2569', en: '24 Dec 2026' },
        explanation: { th: 'ต้องเว้นระยะอย่างน้อย 84 วันจากครั้งก่อน ทำได้อีกครั้งตั้งแต่ 24 ธ.ค. 2569' },
        score: { earned: 70, points: 70, max: 1000 },
        consent: { purpose: 'health', given: true },
      });
      expect(await prediction(donor, 'indicator=trc.blood.red-cell&on=2026-12-24')).toMatchObject({
        points: 70,
        scoreGain: 70,
        outcome: 'credited',
        reason: null,
        nextEligibleOn: null,
      });
      expect(await prediction(donor, 'indicator=trc.blood.red-cell&on=2026-12-23')).toMatchObject({ points: 0, nextEligibleOn: { date: '2026-12-24' } });
      // Today by default: 20 Nov, 50 days after the donation.
      expect(await prediction(donor, 'indicator=trc.blood.red-cell')).toMatchObject({ on: { date: '2026-11-20' }, points: 0, nextEligibleOn: { date: '2026-12-24' } });
      // Once per lifetime: no date to wait for.
      const pledged = await personWith([['trc.organ-pledge', '2026-03-01T09:00:00+07:00']]);
      expect(await prediction(pledged, 'indicator=trc.organ-pledge&on=2027-05-01')).toMatchObject({
        points: 0,
        reason: { code: 'cap_exceeded' },
        caps: ['oncePerLifetime'],
        nextEligibleOn: null,
      });
    });

    it('predicts nothing for health data without the health consent, and says how to give it', async () => {
      const person = await personWith([], { consents: ['enrolment'] });
      const o = await opportunity(trc, bloodDrive());
      const pr = await prediction(person, `opportunity=${o}`);
      expect(pr).toMatchObject({ points: 0, scoreGain: 0, outcome: 'rejected', reason: { code: 'consent_missing' }, consent: { purpose: 'health', given: false } });
      expect(pr.consent.howTo.th).toMatch(/ข้อมูลสุขภาพ/);
      expect(pr.consent.howTo.en).toMatch(/"health" consent/);
      expect(pr.reason.message.th).toMatch(/[\u0E00-\u0E7F]/);
    });

    it('predicts the refusal an attestation of a deed too old or in a closed year would get, in its words', async () => {
      const person = await personWith([]);
      // Today is 20 Nov 2026: the 365-day window starts 20 Nov 2025, and 2025 closed on 2 Mar 2026 (60 days' grace).
      for (const [on, code, words] of [
        ['2025-11-19', 'deed_too_old', /20 พฤศจิกายน พ\.ศ\. 2568/],
        ['2025-12-10', 'year_closed', /2 มีนาคม พ\.ศ\. 2569/],
      ] as const) {
        const pr = await prediction(person, `indicator=nat.person.volunteer&on=${on}`);
        expect(pr, on).toMatchObject({ points: 0, scoreGain: 0, outcome: 'rejected', reason: { code }, caps: [], nextEligibleOn: null });
        expect(pr.explanation.th).toMatch(words);
        const r = await attest(p.app, khuangpao, {
          ref: `late-${on}`,
          subject: { accountId: person.id },
          indicator: 'nat.person.volunteer',
          occurredAt: `${on}T09:00:00+07:00`,
          evidence: { ref: `L-${on}` },
        });
        expect(r.statusCode, r.body).toBe(422);
        // The very words of the refusal, dates included.
        expect(r.json().error).toMatchObject({ code, messages: pr.explanation });
      }
      expect(await prediction(person, 'indicator=nat.person.volunteer&on=2026-01-05')).toMatchObject({ points: 30, reason: null });
    });

    it('refuses what it cannot answer with the error catalogue', async () => {
      const person = await personWith([]);
      const other = await personWith([]);
      const o = await opportunity(trc, bloodDrive());
      for (const qs of [
        '',
        `opportunity=${o}&indicator=trc.blood.red-cell`,
        `opportunity=${o}&on=2026-12-18`,
        'indicator=trc.blood.red-cell&on=2026-02-30',
        'indicator=Bad%20Code',
      ])
        expectError(await predict(person, qs), 400, 'validation_failed');
      expectError(await predict(person, `opportunity=${o}&quantity=2`), 400, 'invalid_quantity');
      expectError(await predict(person, 'opportunity=01900000-0000-7000-8000-000000000000'), 404, 'opportunity_not_found');
      expectError(await predict(person, 'indicator=trc.blood.unknown'), 422, 'unknown_indicator');
      expectError(await predict(person, 'indicator=trc.blood.red-cell&on=2019-06-01'), 422, 'indicator_not_in_force');
      // Another person's predictions, or the staff's: 404, as if the account did not exist.
      expectError(await predict({ id: other.id, token: person.token }, `opportunity=${o}`), 404, 'account_not_found');
      expectError(await predict({ id: person.id, token: trc }, `opportunity=${o}`), 404, 'account_not_found');
      expectError(await predict({ id: person.id, token: ADMIN_TOKEN }, `opportunity=${o}`), 404, 'account_not_found');
      expectError(await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/predictions?opportunity=${o}` }), 401, 'unauthenticated');
    });

    describe('the prediction is the credit the deed then earns on that day', () => {
      interface Case {
        label: string;
        history: Array<[string, string, (string | number)?]>;
        consents?: string[];
        areaCode?: string;
        issuer: () => string;
        opportunity: Json;
        /** When the issuer attests it (on the opportunity's day). */
        occurredAt: string;
        quantity?: number;
        expected: { points: number; scoreGain: number; status: 'credited' | 'pending' | 'rejected'; reason?: string };
      }
      const kpDrive = (day: string, indicator = 'khuangpao.conservation'): Json => ({
        title: { th: 'จิตอาสาพัฒนาหมู่บ้าน' },
        indicator,
        startsAt: `${day}T07:00:00+07:00`,
        endsAt: `${day}T11:00:00+07:00`,
        place: { name: 'ศาลาอเนกประสงค์หมู่บ้าน', areaCode: '500204' },
      });
      const course = (day: string, hours: number): Json => ({
        title: { th: 'อบรมช่างซ่อมเครื่องใช้ไฟฟ้า' },
        indicator: 'dsd.skills.training-hours',
        startsAt: `${day}T09:00:00+07:00`,
        endsAt: new Date(Date.parse(`${day}T09:00:00+07:00`) + hours * 3_600_000).toISOString(),
        place: { name: 'สถาบันพัฒนาฝีมือแรงงาน 10 เชียงใหม่', areaCode: '5001' },
      });
      // Once a month from January, and twice in November: twelve, all before "now".
      const twelveVolunteerDeeds = Array.from({ length: 12 }, (_, i): [string, string] => [
        'nat.person.volunteer',
        i < 11 ? `2026-${String(i + 1).padStart(2, '0')}-05T09:00:00+07:00` : '2026-11-10T09:00:00+07:00',
      ]);
      const cases: Case[] = [
        {
          label: 'a first donation',
          history: [],
          issuer: () => trc,
          opportunity: bloodDrive(),
          occurredAt: '2026-12-18T10:15:00+07:00',
          expected: { points: 70, scoreGain: 70, status: 'credited' },
        },
        {
          label: 'a donation on the 84th day after the last one, at an earlier hour than it',
          history: [['trc.blood.red-cell', '2026-09-25T16:00:00+07:00']],
          issuer: () => trc,
          opportunity: bloodDrive(),
          occurredAt: '2026-12-18T08:31:00+07:00',
          expected: { points: 70, scoreGain: 70, status: 'credited' },
        },
        {
          label: 'a donation on the 83rd day',
          history: [['trc.blood.red-cell', '2026-09-26T08:00:00+07:00']],
          issuer: () => trc,
          opportunity: bloodDrive(),
          occurredAt: '2026-12-18T15:00:00+07:00',
          expected: { points: 0, scoreGain: 0, status: 'rejected', reason: 'cap_exceeded' },
        },
        {
          label: 'a donation with 980 points already this year: cut to the 20 left under the ceiling',
          history: [
            ['trc.stem-cell', '2026-02-01T09:00:00+07:00'],
            ['trc.body-pledge', '2026-02-02T09:00:00+07:00'],
            ['trc.organ-pledge', '2026-02-03T09:00:00+07:00'],
            ['trc.blood.red-cell', '2026-03-01T09:00:00+07:00'],
            ['trc.blood.red-cell', '2026-06-01T09:00:00+07:00'],
            ['dsd.skills.training-hours', '2026-07-01T09:00:00+07:00', 20],
          ],
          issuer: () => trc,
          opportunity: bloodDrive(),
          occurredAt: '2026-12-18T09:00:00+07:00',
          expected: { points: 20, scoreGain: 20, status: 'credited' },
        },
        {
          label: 'a six-hour course with 110 of 120 training points this year',
          history: [
            ['dsd.skills.training-hours', '2026-03-01T09:00:00+07:00', 24],
            ['dsd.skills.training-hours', '2026-03-02T09:00:00+07:00', 24],
            ['dsd.skills.training-hours', '2026-03-03T09:00:00+07:00', 7],
          ],
          issuer: () => dsd,
          opportunity: course('2026-12-10', 6),
          occurredAt: '2026-12-10T15:00:00+07:00',
          quantity: 6,
          expected: { points: 10, scoreGain: 10, status: 'credited' },
        },
        {
          label: 'a village clean-up, credited after the SAO certifies it',
          history: [],
          issuer: () => khuangpao,
          opportunity: kpDrive('2026-12-05'),
          occurredAt: '2026-12-05T11:00:00+07:00',
          expected: { points: 10, scoreGain: 10, status: 'pending' },
        },
        {
          label: 'a red-cell donation on a day Khuang Pao already recorded a blood donation',
          history: [['khuangpao.blood-donation', '2026-11-19T09:00:00+07:00']],
          issuer: () => trc,
          opportunity: bloodDrive({ startsAt: '2026-11-19T08:30:00+07:00', endsAt: '2026-11-25T15:30:00+07:00' }),
          occurredAt: '2026-11-19T13:00:00+07:00',
          expected: { points: 0, scoreGain: 0, status: 'rejected', reason: 'duplicate_deed' },
        },
        {
          label: 'a donation without the health consent',
          history: [],
          consents: ['enrolment'],
          issuer: () => trc,
          opportunity: bloodDrive(),
          occurredAt: '2026-12-18T09:00:00+07:00',
          expected: { points: 0, scoreGain: 0, status: 'rejected', reason: 'consent_missing' },
        },
        {
          label: 'the 13th volunteering of the year',
          history: twelveVolunteerDeeds,
          issuer: () => khuangpao,
          opportunity: kpDrive('2026-12-20', 'nat.person.volunteer'),
          occurredAt: '2026-12-20T10:00:00+07:00',
          expected: { points: 0, scoreGain: 0, status: 'rejected', reason: 'cap_exceeded' },
        },
        {
          label: 'volunteering again on 3 January, when the yearly count starts over',
          history: twelveVolunteerDeeds,
          issuer: () => khuangpao,
          opportunity: kpDrive('2027-01-03', 'nat.person.volunteer'),
          occurredAt: '2027-01-03T10:00:00+07:00',
          expected: { points: 30, scoreGain: 30, status: 'credited' },
        },
      ];

      it.each(cases)('$label', async (c) => {
        const person = await personWith(c.history, { consents: c.consents ?? ['enrolment', 'health'], areaCode: c.areaCode ?? '500204' });
        const o = await opportunity(c.issuer(), c.opportunity);
        const predicted = await prediction(person, `opportunity=${o}`);
        const year = Number(predicted.year);
        const before = await scoreOf(p.app, person.id, year);
        expect(predicted.score).toEqual({ earned: before.earned, points: before.points, max: before.max });

        const result = await withClock(new Date(Date.parse(c.occurredAt) + 60_000).toISOString(), async () => {
          const r = await attest(p.app, c.issuer(), {
            ref: `deed-${++n}`,
            subject: { accountId: person.id },
            indicator: predicted.indicator.code,
            occurredAt: c.occurredAt,
            evidence: { ref: `D-${n}` },
            ...(c.quantity === undefined ? {} : { quantity: c.quantity }),
          });
          expect(r.statusCode, r.body).toBe(201);
          let body = r.json();
          if (body.status === 'pending') {
            expect(predicted.outcome).toBe('pending');
            const certified = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${body.id}/certify`, headers: auth(khuangpao), payload: { decision: 'approve' } });
            expect(certified.statusCode, certified.body).toBe(200);
            body = { ...certified.json(), status: 'pending' };
          }
          return body;
        });
        const after = await scoreOf(p.app, person.id, year);

        expect({ points: predicted.points, scoreGain: predicted.scoreGain, outcome: predicted.outcome, reason: predicted.reason?.code }).toEqual({
          points: c.expected.points,
          scoreGain: c.expected.scoreGain,
          outcome: c.expected.status,
          reason: c.expected.reason,
        });
        expect(result.status).toBe(c.expected.status);
        expect(result.credit?.points ?? 0).toBe(predicted.points);
        expect(result.reason?.code).toBe(c.expected.reason);
        expect(after.points - before.points).toBe(predicted.scoreGain);
        expect(after.earned - before.earned).toBe(predicted.points);
      });
    });
  });
});

describe.each(DB_KINDS)('sample opportunities (%s)', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform(kind, NOW);
  });
  afterAll(async () => p?.cleanup());

  it('seeds a blood drive in Chom Thong, a DSD course in Chiang Mai and a Khuang Pao clean-up in the weeks ahead', async () => {
    const sample = await loadSampleData(p.services, 2026, NOW);
    expect(sample.opportunities).toHaveLength(3);
    const somsri = sample.people[0]!;
    const token = (await p.services.agencies.createPersonToken({ kind: 'admin' }, somsri.id)).token;
    const r = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${somsri.id}/opportunities`, headers: auth(token) });
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as Array<{
      agency: { code: string };
      indicator: { code: string };
      startsOn: { date: string };
      proximity: string;
      prediction: { points: number; outcome: string };
    }>;
    expect(items.map((i) => [i.agency.code, i.indicator.code, i.proximity])).toEqual([
      ['khuangpao', 'khuangpao.conservation', 'subdistrict'],
      ['trc', 'trc.blood.red-cell', 'district'],
      ['dsd', 'dsd.skills.training-hours', 'province'],
    ]);
    // 20 Nov 2026 is a Friday: the clean-up is on Saturday 28 Nov, the drive on 4 Dec, the course on 11 Dec.
    expect(items.map((i) => i.startsOn.date)).toEqual(['2026-11-28', '2026-12-04', '2026-12-11']);
    // Somsri gave red cells on 2 May: December is open again; the six-hour course is 12 points.
    expect(items.map((i) => [i.prediction.points, i.prediction.outcome])).toEqual([
      [10, 'pending'],
      [70, 'credited'],
      [12, 'credited'],
    ]);
  });
});
