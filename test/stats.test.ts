// Public statistics end to end on SQLite and PostgreSQL: only people who consented are counted,
// nothing under 10 people is published, and no subtraction of published figures reveals a small one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson } from './support/helpers.js';

type Domain = 'health' | 'learning' | 'community' | 'safety' | 'environment';
const DOMAINS: Domain[] = ['health', 'learning', 'community', 'safety', 'environment'];

interface Cell {
  people: number | null;
  credits: number | null;
  points: number | null;
  suppressed: boolean;
}
interface YearStats {
  year: number;
  yearBE: number;
  asOf: string;
  minimumCount: number;
  national: Cell;
  domains: Array<Cell & { code: Domain; name: { th: string; en: string } }>;
  provinces: Array<Cell & { code: string; name: { th: string; en: string }; domains: Record<Domain, Cell> }>;
}

/** The deeds each fixture person gets, by domain: indicator, issuer, points. */
const DEED: Record<'health' | 'learning' | 'community', { indicator: string; issuer: 'trc' | 'dsd' | 'khuangpao'; points: number }> = {
  health: { indicator: 'trc.blood.red-cell', issuer: 'trc', points: 70 },
  learning: { indicator: 'nat.person.skills-course', issuer: 'dsd', points: 30 },
  community: { indicator: 'nat.person.volunteer', issuer: 'khuangpao', points: 30 },
};

interface Spec {
  area: string;
  /** Consented to the statistics purpose. */
  counted: boolean;
  domains: Array<keyof typeof DEED>;
  /** Also a red-cell donation in 2025. */
  lastYear?: boolean;
}

const repeat = (n: number, s: Spec): Spec[] => Array.from({ length: n }, () => s);
// Bangkok 25 (5 of them also in learning, 12 also gave blood in 2025), Chiang Mai 20 (12 health +
// volunteering), Bueng Kan exactly 3 counted (and 8 who did not consent), Kanchanaburi 15 counted
// (and 10 who did not consent).
const FIXTURE: Spec[] = [
  ...repeat(12, { area: '100101', counted: true, domains: ['health'], lastYear: true }),
  ...repeat(8, { area: '100102', counted: true, domains: ['health'] }),
  ...repeat(5, { area: '100101', counted: true, domains: ['health', 'learning'] }),
  ...repeat(12, { area: '500204', counted: true, domains: ['health', 'community'] }),
  ...repeat(8, { area: '500204', counted: true, domains: ['community'] }),
  ...repeat(3, { area: '380101', counted: true, domains: ['health'] }),
  ...repeat(8, { area: '380102', counted: false, domains: ['health'] }),
  ...repeat(15, { area: '710911', counted: true, domains: ['learning'] }),
  ...repeat(10, { area: '710911', counted: false, domains: ['learning'], lastYear: true }),
];

/** What the published figures truly describe: the counted people of the fixture in 2026. */
function truth(filter: (s: Spec) => boolean, domain?: Domain) {
  const who = FIXTURE.filter((s) => s.counted && filter(s) && (domain ? (s.domains as string[]).includes(domain) : true));
  const deeds = who.flatMap((s) => s.domains.filter((d) => !domain || d === domain));
  return { people: who.length, credits: deeds.length, points: deeds.reduce((sum, d) => sum + DEED[d].points, 0) };
}
const inProvince = (code: string) => (s: Spec) => s.area.startsWith(code);

/** Every group whose total is the sum of its members, with the fixture's truth for each member. */
function groups(y: YearStats) {
  const prov = (code: string) => y.provinces.find((p) => p.code === code)!;
  return [
    { name: 'provinces → national', total: y.national, members: y.provinces.map((p) => ({ cell: p as Cell, truth: truth(inProvince(p.code)) })), peopleAdditive: true },
    { name: 'domains → national', total: y.national, members: y.domains.map((d) => ({ cell: d as Cell, truth: truth(() => true, d.code) })), peopleAdditive: false },
    ...y.provinces.map((p) => ({
      name: `domains of ${p.code}`,
      total: p as Cell,
      members: DOMAINS.map((d) => ({ cell: p.domains[d], truth: truth(inProvince(p.code), d) })),
      peopleAdditive: false,
    })),
    ...y.domains.map((d) => ({
      name: `provinces of ${d.code}`,
      total: d as Cell,
      members: y.provinces.map((p) => ({ cell: prov(p.code).domains[d.code], truth: truth(inProvince(p.code), d.code) })),
      peopleAdditive: true,
    })),
  ];
}

/** Every object in the answer that carries a people figure. */
function cellsIn(value: unknown, out: Cell[] = []): Cell[] {
  if (Array.isArray(value)) for (const v of value) cellsIn(v, out);
  else if (value && typeof value === 'object') {
    if ('people' in value) out.push(value as Cell);
    for (const v of Object.values(value)) cellsIn(v, out);
  }
  return out;
}

describe.each(DB_KINDS)('public statistics (%s)', (kind) => {
  let p: TestPlatform;
  const ids: Array<{ spec: Spec; id: string }> = [];
  const get = (url: string, headers: Record<string, string> = {}) => p.app.inject({ method: 'GET', url, headers });
  const stats = async (year = 2026): Promise<YearStats> => {
    const res = await get(`/api/v1/stats?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-06-15T03:00:00Z'), { sequencer: { autoStart: false }, webhooks: { autoStart: false } });
    const tokens = { trc: await agencyToken(p.app, 'trc'), dsd: await agencyToken(p.app, 'dsd'), khuangpao: await agencyToken(p.app, 'khuangpao') };
    let ref = 0;
    const credit = async (accountId: string, domain: keyof typeof DEED, occurredAt: string) => {
      const d = DEED[domain];
      // Last year's deeds were sent last year (a closed year takes no credit today); this year's today.
      const today = p.clock.now();
      if (occurredAt.startsWith('2025')) p.clock.set(new Date(Date.parse(occurredAt) + 86_400_000));
      const r = await attest(p.app, tokens[d.issuer], { ref: `st-${++ref}`, subject: { accountId }, indicator: d.indicator, occurredAt, evidence: { reference: `R-${ref}` } });
      p.clock.set(today);
      expect(r.json().status, r.body).toBe('credited');
    };
    for (const spec of FIXTURE) {
      const consents = spec.counted ? ['enrolment', 'health', 'statistics'] : ['enrolment', 'health'];
      const { id } = await enrolPerson(p.app, { areaCode: spec.area, consents });
      ids.push({ spec, id });
      for (const d of spec.domains) await credit(id, d, '2026-03-10T09:00:00+07:00');
      if (spec.lastYear) await credit(id, 'health', '2025-05-10T09:00:00+07:00');
    }
    // The fixture is recorded as of today: last year's credits (sent last year, since a closed year
    // takes none now) are dated today like the rest, so that nothing is published before tomorrow.
    await p.store.db.updateTable('credits').set({ created_at: p.clock.now().toISOString() }).where('year', '=', 2025).execute();
    // A community with the statistics consent and its own credits: communities are not counted.
    const community = await p.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: auth(ADMIN_TOKEN),
      payload: { kind: 'community', displayName: 'ชุมชนบ้านทดสอบ', areaCode: '380101', consents: ['enrolment', 'statistics'] },
    });
    expect(community.statusCode, community.body).toBe(201);
    for (let i = 0; i < 3; i++) {
      const r = await attest(p.app, tokens.khuangpao, {
        ref: `st-community-${i}`,
        subject: { accountId: community.json().id },
        indicator: 'nat.community.waste-sorting',
        occurredAt: `2026-0${i + 2}-01T09:00:00+07:00`,
        evidence: { reference: `C-${i}` },
      });
      expect(r.json().status, r.body).toBe('credited');
    }
  }, 120_000);
  afterAll(async () => p?.cleanup());

  it('counts only credits recorded before today (Bangkok): the deeds of today are not published yet', async () => {
    const y = await stats();
    expect(y.asOf).toBe('2026-06-14T17:00:00.000Z');
    expect(y.national).toEqual({ people: 0, credits: 0, points: 0, suppressed: false });
    expect((await get('/api/v1/stats/years')).json().items).toEqual([]);
    // The next day (Bangkok), yesterday's credits are counted.
    p.clock.advance(24 * 3600_000);
  });

  it('publishes the year: 77 provinces by DOPA code, 5 domains, the province × domain table, in Thai and English', async () => {
    const y = await stats();
    expect(y).toMatchObject({ year: 2026, yearBE: 2569, asOf: '2026-06-15T17:00:00.000Z', minimumCount: 10 });
    expect(y.provinces).toHaveLength(77);
    expect(y.provinces.map((x) => x.code)).toEqual([...y.provinces.map((x) => x.code)].sort());
    expect(y.provinces.find((x) => x.code === '38')!.name).toEqual({ th: 'บึงกาฬ', en: 'Bueng Kan' });
    expect(y.domains.map((d) => d.code)).toEqual(DOMAINS);
    expect(y.domains[0]!.name.th).toBe('สุขภาพกายและใจ');
    for (const x of y.provinces) expect(Object.keys(x.domains)).toEqual(DOMAINS);
  });

  it('counts nobody without the statistics consent, and no community', async () => {
    const y = await stats();
    // 63 counted people; the 18 who did not consent and the community would make it 81 and 82.
    expect(y.national).toEqual({ ...truth(() => true), suppressed: false });
    expect(y.national.people).toBe(63);
    const domain = (d: Domain) => y.domains.find((x) => x.code === d)!;
    expect(domain('health')).toMatchObject({ ...truth(() => true, 'health'), suppressed: false });
    expect(domain('learning')).toMatchObject({ people: 20, credits: 20, points: 600, suppressed: false });
    expect(domain('community')).toMatchObject({ people: 20, suppressed: false });
    expect(domain('environment')).toMatchObject({ people: 0, credits: 0, points: 0, suppressed: false });
    // Bangkok and Chiang Mai as they are; provinces without counted people are zeros.
    expect(y.provinces.find((x) => x.code === '10')).toMatchObject({ people: 25, credits: 30, points: 25 * 70 + 5 * 30, suppressed: false });
    expect(y.provinces.find((x) => x.code === '50')).toMatchObject({ ...truth(inProvince('50')), suppressed: false });
    expect(y.provinces.find((x) => x.code === '50')!.domains.community).toEqual({ people: 20, credits: 20, points: 600, suppressed: false });
    expect(y.provinces.find((x) => x.code === '54')).toMatchObject({ people: 0, credits: 0, points: 0, suppressed: false });
  });

  it('suppresses the 3-person province with its credits and points, and nothing under 10 appears anywhere', async () => {
    const y = await stats();
    const bk = y.provinces.find((x) => x.code === '38')!;
    expect(bk).toMatchObject({ people: null, credits: null, points: null, suppressed: true });
    expect(bk.domains.health).toEqual({ people: null, credits: null, points: null, suppressed: true });
    // Bangkok's 5 learners are withheld, and so is a complement beside them in Bangkok's row.
    expect(y.provinces.find((x) => x.code === '10')!.domains.learning.suppressed).toBe(true);
    for (const c of cellsIn(y)) {
      if (c.suppressed) expect([c.people, c.credits, c.points]).toEqual([null, null, null]);
      else expect(c.people === 0 || c.people! >= 10, JSON.stringify(c)).toBe(true);
    }
    const years = (await get('/api/v1/stats/years')).json();
    for (const c of cellsIn(years)) expect(c.suppressed || c.people === 0 || c.people! >= 10).toBe(true);
  });

  it('no total minus the published rest reveals fewer than 10 people, in people, credits or points', async () => {
    const y = await stats();
    let attacks = 0;
    for (const g of groups(y)) {
      const hidden = g.members.filter((m) => m.cell.suppressed);
      if (g.total.suppressed) {
        expect(hidden.length, g.name).toBeGreaterThanOrEqual(1);
        continue;
      }
      for (const f of ['people', 'credits', 'points'] as const) {
        if (f === 'people' && !g.peopleAdditive) continue;
        attacks++;
        const residual = g.total[f]! - g.members.filter((m) => !m.cell.suppressed).reduce((s, m) => s + m.cell[f]!, 0);
        // The residual is what the withheld members hold together; it must match the truth ...
        expect(residual, `${g.name} ${f}`).toBe(hidden.reduce((s, m) => s + m.truth[f], 0));
        // ... and never stand for one withheld cell, nor for fewer than 10 people.
        expect(hidden.length === 0 || hidden.length >= 2, g.name).toBe(true);
        const described = g.peopleAdditive ? hidden.reduce((s, m) => s + m.truth.people, 0) : Math.max(0, ...hidden.map((m) => m.truth.people));
        expect(described === 0 || described >= 10, `${g.name} − published ${f} describes ${described}`).toBe(true);
      }
    }
    // 2 national groups, 77 province rows and 5 domain columns, each attacked in every figure that adds up there.
    expect(attacks).toBeGreaterThan(150);
    // Totals equal the sums they should: people add up over provinces; credits and points over domains.
    const provincePeople = y.provinces.reduce((s, x) => s + (x.people ?? 0), 0);
    expect(provincePeople).toBeLessThan(y.national.people!);
    expect(y.domains.reduce((s, d) => s + d.credits!, 0)).toBe(y.national.credits);
    expect(y.domains.reduce((s, d) => s + d.points!, 0)).toBe(y.national.points);
    // People in two domains are in both: the domains' people do not add up to the nation's.
    expect(y.domains.reduce((s, d) => s + d.people!, 0)).toBeGreaterThan(y.national.people!);
  });

  it('gives the same national figures in /stats/years as in /stats?year, for every year', async () => {
    const res = await get('/api/v1/stats/years');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const years = res.json();
    expect(years.asOf).toBe('2026-06-15T17:00:00.000Z');
    expect(years.items.map((i: { year: number }) => i.year)).toEqual([2025, 2026]);
    // 2025: the 12 Bangkok donors who consented; the 10 in Kanchanaburi who did not are not counted.
    expect(years.items[0]).toEqual({ year: 2025, yearBE: 2568, people: 12, credits: 12, points: 840, suppressed: false });
    for (const item of years.items) {
      const { year, yearBE, ...national } = item;
      const y = await stats(year);
      expect(y.national).toEqual(national);
      expect(y.yearBE).toBe(yearBE);
    }
    const y2025 = await stats(2025);
    expect(y2025.provinces.find((x) => x.code === '10')).toMatchObject({ people: 12, suppressed: false });
    expect(y2025.provinces.find((x) => x.code === '71')).toMatchObject({ people: 0, suppressed: false });
  });

  it('answers a year without data with zeros, and the current year by default', async () => {
    const empty = await stats(2031);
    expect(empty.national).toEqual({ people: 0, credits: 0, points: 0, suppressed: false });
    expect(empty.provinces).toHaveLength(77);
    const current = await get('/api/v1/stats');
    expect(current.statusCode).toBe(200);
    expect(current.json().year).toBe(2026);
    expect(current.json().national.people).toBe(63);
  });

  it('serves the cached answer for 5 minutes: a withdrawn consent counts at the next computation', async () => {
    const donor = ids.find((x) => x.spec.area === '100102')!;
    const db = p.store.db;
    await db.updateTable('consents').set({ withdrawn_at: p.clock.now().toISOString() }).where('account_id', '=', donor.id).where('purpose', '=', 'statistics').execute();
    expect((await stats()).national.people).toBe(63);
    p.clock.advance(5 * 60_000);
    const after = await stats();
    expect(after.national.people).toBe(62);
    expect(after.provinces.find((x) => x.code === '10')).toMatchObject({ people: 24, suppressed: false });
    // Someone who left is not counted either.
    const leaver = ids.find((x) => x.spec.area === '500204')!;
    await db.updateTable('accounts').set({ status: 'left' }).where('id', '=', leaver.id).execute();
    p.clock.advance(5 * 60_000);
    expect((await stats()).national.people).toBe(61);
    // Restore the fixture for the tests after this one.
    await db.updateTable('consents').set({ withdrawn_at: null }).where('account_id', '=', donor.id).execute();
    await db.updateTable('accounts').set({ status: 'active' }).where('id', '=', leaver.id).execute();
    p.clock.advance(5 * 60_000);
    expect((await stats()).national.people).toBe(63);
  });

  it('a credit recorded today changes nothing until tomorrow', async () => {
    const trc = await agencyToken(p.app, 'trc');
    const person = await enrolPerson(p.app, { areaCode: '540101', consents: ['enrolment', 'health', 'statistics'] });
    const r = await attest(p.app, trc, {
      ref: 'st-today',
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-06-16T08:00:00+07:00',
      evidence: { donationNo: 'T-1' },
    });
    expect(r.json().status, r.body).toBe('credited');
    p.clock.advance(5 * 60_000);
    const today = await stats();
    expect(today.national.people).toBe(63);
    p.clock.advance(24 * 3600_000);
    const tomorrow = await stats();
    expect(tomorrow.national.people).toBe(64);
    // Phrae's one person is withheld, not shown.
    expect(tomorrow.provinces.find((x) => x.code === '54')!.suppressed).toBe(true);
  });

  it('gives every caller at once the same answer', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => get('/api/v1/stats?year=2026')));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });

  it('needs no sign-in; refuses bad input with the error catalogue', async () => {
    expect((await get('/api/v1/stats?year=2026')).statusCode).toBe(200);
    for (const year of ['abc', '1999', '2201', '2026.5', '', '-1', '2026;drop']) {
      const res = await get(`/api/v1/stats?year=${encodeURIComponent(year)}`);
      expect(res.statusCode, `year=${year}`).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    // A bad token is refused as anywhere else; a good one changes nothing.
    expect((await get('/api/v1/stats', auth('not-a-token'))).statusCode).toBe(401);
    expect((await get('/api/v1/stats?year=2026', auth(ADMIN_TOKEN))).json().national.people).toBe(64);
    expect((await p.app.inject({ method: 'POST', url: '/api/v1/stats' })).statusCode).toBe(404);
    expect((await get('/api/v1/stats/2026')).statusCode).toBe(404);
  });

  it('documents both endpoints with complete response schemas in OpenAPI, as public', async () => {
    const doc = (await get('/docs/json')).json();
    const stats = doc.paths['/api/v1/stats'].get;
    expect(stats.security).toEqual([]);
    const schema = stats.responses['200'].content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['year', 'yearBE', 'asOf', 'minimumCount', 'national', 'domains', 'provinces']));
    const province = schema.properties.provinces.items;
    expect(Object.keys(province.properties.domains.properties)).toEqual(DOMAINS);
    expect(province.properties.people).toMatchObject({ type: 'integer', nullable: true, minimum: 0 });
    const years = doc.paths['/api/v1/stats/years'].get;
    expect(years.security).toEqual([]);
    expect(years.responses['200'].content['application/json'].schema.properties.items.items.required).toEqual(
      expect.arrayContaining(['year', 'yearBE', 'people', 'credits', 'points', 'suppressed']),
    );
  });
});
