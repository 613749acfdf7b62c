// What the committee's screen reads, on SQLite and PostgreSQL: the whole catalogue with every version
// in every status (an indicator never approved included), and privileges that mention a basic right
// flagged with the words found. Nobody but the committee reads either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRC_INDICATORS } from '../src/core/seed/indicators.js';
import { SAMPLE_STAFF, loadSampleData } from '../src/services/sample-data.js';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, enrolPerson, personToken } from './support/helpers.js';
import { expectError } from './support/bad-input.js';

type Json = Record<string, unknown>;
interface Version {
  version: number;
  status: string;
  points: number;
  refusalReason: string | null;
  effectiveFrom: string;
}
interface Entry {
  code: string;
  name: { th: string; en: string };
  ownerAgency: { code: string; name: { th: string; en: string } | null } | null;
  current: Version | null;
  versions: Version[];
}

const NOW = new Date('2027-03-01T03:00:00Z');

const newRule = (code: string): Json => ({
  code,
  name: { th: 'บริจาคโลหิตครบ 100 ครั้ง', en: '100th blood donation' },
  domain: 'health',
  accountKinds: ['person'],
  owner: { kind: 'agency', agency: 'trc' },
  unit: 'occurrence',
  points: 100,
  caps: { oncePerLifetime: true },
  certification: 'auto',
  evidence: 'reference',
  sensitive: 'health',
});

const privilege = (code: string, name: { th: string; en: string }): Json => ({
  code,
  partner: 'ptt',
  name,
  category: 'discount',
  kind: 'threshold',
  criteria: { minScore: 100 },
  nationwide: true,
  validFrom: '2027-04-01T00:00:00+07:00',
  validUntil: '2028-04-01T00:00:00+07:00',
});

describe.each(DB_KINDS)('the committee’s catalogue and flags (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let ptt: string;
  let committee: string;

  beforeAll(async () => {
    p = await openTestPlatform(kind, NOW);
    trc = await agencyToken(p.app, 'trc');
    ptt = await agencyToken(p.app, 'ptt');
    committee = await agencyToken(p.app, 'committee');
  });
  afterAll(async () => p?.cleanup());

  const catalogue = async (token = committee) => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/committee/catalogue', headers: auth(token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Entry[] }>().items;
  };
  const entry = async (code: string) => (await catalogue()).find((e) => e.code === code);

  it('lists every seed indicator in code order with its version in force and its owner', async () => {
    const items = await catalogue();
    const publicCodes = (await p.app.inject({ method: 'GET', url: '/api/v1/indicators' })).json<{ items: Array<{ code: string }> }>().items.map((i) => i.code);
    // Code order; nothing proposed yet, so exactly the public catalogue.
    expect(items.map((e) => e.code)).toEqual([...publicCodes].sort());
    const redCell = items.find((e) => e.code === 'trc.blood.red-cell');
    expect(redCell).toMatchObject({
      name: { th: 'บริจาคโลหิต (เม็ดเลือดแดง)' },
      ownerAgency: { code: 'trc', name: { th: 'สภากาชาดไทย', en: 'Thai Red Cross Society' } },
      current: { version: 1, status: 'approved', points: 70 },
      versions: [{ version: 1, status: 'approved', refusalReason: null }],
    });
    expect(items.find((e) => e.code.startsWith('nat.'))?.ownerAgency).toBeNull();
    // The admin is the committee too.
    expect((await catalogue(ADMIN_TOKEN)).length).toBe(items.length);
  });

  it('shows an indicator that exists only as a proposal, then its refusal with the reason', async () => {
    const code = 'trc.blood.hundredth';
    const proposed = await p.app.inject({ method: 'POST', url: '/api/v1/indicators', headers: auth(trc), payload: { definition: newRule(code) } });
    expect(proposed.statusCode, proposed.body).toBe(201);
    // Not in the public catalogue, but on the committee's.
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/indicators' })).json<{ items: Array<{ code: string }> }>().items.map((i) => i.code)).not.toContain(code);
    expect(await entry(code)).toMatchObject({ current: null, versions: [{ version: 1, status: 'proposed', points: 100 }] });

    const reason = 'ซ้ำกับการบริจาคโลหิตแต่ละครั้งซึ่งได้คะแนนอยู่แล้ว';
    const refused = await p.app.inject({ method: 'POST', url: `/api/v1/indicators/${code}/versions/1/refuse`, headers: auth(committee), payload: { reason } });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(await entry(code)).toMatchObject({ current: null, versions: [{ version: 1, status: 'refused', refusalReason: reason }] });
  });

  it('keeps the version in force beside a refused and a proposed revision, in version order', async () => {
    const code = 'trc.stem-cell';
    const rule = { ...(TRC_INDICATORS.find((i) => i.code === code) as Json) };
    const revise = (points: number) =>
      p.app.inject({
        method: 'PUT',
        url: `/api/v1/indicators/${code}`,
        headers: auth(trc),
        payload: { definition: { ...rule, points }, effectiveFrom: '2027-06-01T00:00:00+07:00' },
      });
    const r250 = await revise(250);
    expect(r250.statusCode, r250.body).toBe(201);
    await p.app.inject({ method: 'POST', url: `/api/v1/indicators/${code}/versions/2/refuse`, headers: auth(committee), payload: { reason: 'ยังไม่มีเหตุผลประกอบการลดคะแนน' } });
    expect((await revise(280)).statusCode).toBe(201);
    const e = await entry(code);
    expect(e?.current).toMatchObject({ version: 1, points: 300 });
    expect(e?.versions.map((v) => [v.version, v.status, v.points, v.refusalReason])).toEqual([
      [1, 'approved', 300, null],
      [2, 'refused', 250, 'ยังไม่มีเหตุผลประกอบการลดคะแนน'],
      [3, 'proposed', 280, null],
    ]);
  });

  it('flags a proposed privilege that mentions a basic right with the words found, and not an ordinary one', async () => {
    const pharmacy = await p.app.inject({
      method: 'POST',
      url: '/api/v1/privileges',
      headers: auth(ptt),
      payload: privilege('ptt.pharmacy-5', { th: 'ส่วนลดร้านยาในสถานีบริการ 5%', en: '5% off at station pharmacies' }),
    });
    expect(pharmacy.statusCode, pharmacy.body).toBe(201);
    const cafe = await p.app.inject({
      method: 'POST',
      url: '/api/v1/privileges',
      headers: auth(ptt),
      payload: privilege('ptt.cafe-10', { th: 'ส่วนลดกาแฟ 10%', en: '10% coffee discount' }),
    });
    expect(cafe.statusCode, cafe.body).toBe(201);
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/committee/proposals', headers: auth(committee) });
    const items = res.json<{ items: Array<Json & { code: string }> }>().items;
    expect(items.find((i) => i.code === 'ptt.pharmacy-5')).toMatchObject({ type: 'privilege', basicRights: [{ area: 'health', terms: ['ร้านยา', 'pharmacies'] }] });
    expect(items.find((i) => i.code === 'ptt.cafe-10')).toMatchObject({ type: 'privilege', basicRights: [] });
  });

  it('is read by the committee alone', async () => {
    for (const path of ['/api/v1/committee/catalogue', '/api/v1/committee/proposals']) {
      expectError(await p.app.inject({ method: 'GET', url: path }), 401, 'unauthenticated');
      expectError(await p.app.inject({ method: 'GET', url: path, headers: auth('not-a-token') }), 401, 'unauthenticated');
      // An agency owning indicators in it, a partner, and a person.
      expectError(await p.app.inject({ method: 'GET', url: path, headers: auth(trc) }), 403, 'forbidden');
      expectError(await p.app.inject({ method: 'GET', url: path, headers: auth(ptt) }), 403, 'forbidden');
      const person = await enrolPerson(p.app);
      expectError(await p.app.inject({ method: 'GET', url: path, headers: auth(await personToken(p.app, person.id)) }), 403, 'forbidden');
    }
  });
});

describe.each(DB_KINDS)('the demo’s committee (%s)', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-11-20T03:00:00Z'));
  });
  afterAll(async () => p?.cleanup());

  it('has a member and two proposals waiting from next year: a Red Cross points change and a PTT privilege', async () => {
    await loadSampleData(p.services, 2026, p.clock.now());
    const member = SAMPLE_STAFF.find((s) => s.agency === 'committee');
    expect(member?.roles).toEqual(['committee']);
    const staff = (await p.app.inject({ method: 'GET', url: '/api/v1/agencies/committee/staff', headers: auth(ADMIN_TOKEN) })).json<{ items: Json[] }>().items;
    expect(staff).toMatchObject([{ role: 'committee', label: member?.name }]);

    const items = (await p.app.inject({ method: 'GET', url: '/api/v1/committee/proposals', headers: auth(ADMIN_TOKEN) })).json<{ items: Json[] }>().items;
    // Proposed in the same instant (the test clock stands still): code order.
    expect(items).toMatchObject([
      { type: 'privilege', code: 'ptt.cafe-10', ownerAgency: { code: 'ptt' }, basicRights: [], privilege: { nationwide: true, stock: 50_000, criteria: { minScore: 100 } } },
      {
        type: 'indicator_version',
        code: 'trc.blood.platelets',
        version: 2,
        requestedEffectiveFrom: '2026-12-31T17:00:00.000Z',
        changes: ['points', 'caps.maxPerYear'],
        previous: { points: 70 },
        proposed: { points: 80, caps: { minIntervalDays: 14, maxPerYear: 24 } },
      },
    ]);
  });
});
