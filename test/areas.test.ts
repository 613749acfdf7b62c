// The Thai administrative hierarchy, searchable by Thai and English names, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, openTestPlatform, type TestPlatform } from './support/platforms.js';

describe.each(DB_KINDS)('areas (%s)', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform(kind);
  });
  afterAll(async () => p?.cleanup());

  const get = async (url: string) => {
    const r = await p.app.inject({ method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };

  it('has the 77 provinces and hundreds of districts and thousands of subdistricts', async () => {
    const provinces = await get('/api/v1/areas?level=province&limit=200');
    expect(provinces.items).toHaveLength(77);
    const count = async (level: string) =>
      Number(
        (
          await p.store.db
            .selectFrom('areas')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('level', '=', level as 'province')
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('district')).toBeGreaterThan(900);
    expect(await count('subdistrict')).toBeGreaterThan(7000);
  });

  it.each([
    ['ข่วงเปา', '500204'],
    ['Khuang Pao', '500204'],
    ['khuang pao', '500204'],
    ['หนองสาหร่าย', '710911'],
  ])('finds %s', async (q, code) => {
    const r = await get(`/api/v1/areas?q=${encodeURIComponent(q)}`);
    expect(r.items.map((a: { code: string }) => a.code)).toContain(code);
  });

  it('shows an area with its district and province, tagged by settlement', async () => {
    const r = await get('/api/v1/areas/500204');
    expect(r).toMatchObject({ code: '500204', level: 'subdistrict', parentCode: '5002', name: { th: 'ข่วงเปา' } });
    expect(r.path.map((a: { code: string }) => a.code)).toEqual(['50', '5002']);
    expect(r.path[0].name.th).toBe('เชียงใหม่');
    expect(['urban', 'semi-urban', 'rural']).toContain(r.settlement);
    expect((await get('/api/v1/areas/1001')).settlement).toBe('urban');
  });

  it('lists the districts of a province', async () => {
    const r = await get('/api/v1/areas?parent=50&limit=200');
    expect(r.items.length).toBeGreaterThan(20);
    expect(r.items.every((a: { level: string; code: string }) => a.level === 'district' && a.code.startsWith('50'))).toBe(true);
  });

  it('answers an unknown code with area_not_found', async () => {
    const r = await p.app.inject({ method: 'GET', url: '/api/v1/areas/999999' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('area_not_found');
  });

  it('treats % and _ in a query as text, not wildcards', async () => {
    expect((await get('/api/v1/areas?q=%25')).items).toEqual([]);
  });
});
