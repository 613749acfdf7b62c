// The Thai administrative hierarchy loaded from areas-data/ (kongvut/thai-province-data 3.0.0): the
// official DOPA codes, each nested in its parent's code, with Thai and English names.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadThaiAreas } from './areas-dataset.js';
import type { AreaRow } from './repos/areas.js';

describe('loadThaiAreas', () => {
  let areas: AreaRow[];
  let byCode: Map<string, AreaRow>;
  const level = (l: AreaRow['level']) => areas.filter((a) => a.level === l);
  beforeAll(async () => {
    areas = await loadThaiAreas();
    byCode = new Map(areas.map((a) => [a.code, a]));
  });

  it('has the 77 provinces with unique two-digit codes', () => {
    const provinces = level('province');
    expect(provinces).toHaveLength(77);
    expect(provinces.every((p) => /^\d{2}$/.test(p.code) && p.parent_code === null)).toBe(true);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(77);
    expect(byCode.get('38')).toMatchObject({ level: 'province', name_th: 'บึงกาฬ', name_en: 'Bueng Kan' });
    expect(byCode.get('50')).toMatchObject({ level: 'province', name_th: 'เชียงใหม่', name_en: 'Chiang Mai' });
    expect(byCode.get('10')).toMatchObject({ level: 'province', name_th: 'กรุงเทพมหานคร', settlement: 'urban' });
    expect(byCode.has('97')).toBe(false);
  });

  it('has over 900 districts and over 7,000 subdistricts', () => {
    expect(level('district').length).toBeGreaterThanOrEqual(900);
    expect(level('subdistrict').length).toBeGreaterThanOrEqual(7000);
  });

  it('repeats no code', () => {
    expect(new Set(areas.map((a) => a.code)).size).toBe(areas.length);
  });

  it('puts every district under its province code', () => {
    const bad = level('district').filter((d) => !/^\d{4}$/.test(d.code) || byCode.get(d.parent_code ?? '')?.level !== 'province' || !d.code.startsWith(d.parent_code ?? '-'));
    expect(bad.map((d) => `${d.code} ${d.parent_code}`)).toEqual([]);
  });

  it('puts every subdistrict under its district code', () => {
    const bad = level('subdistrict').filter((s) => !/^\d{6}$/.test(s.code) || byCode.get(s.parent_code ?? '')?.level !== 'district' || !s.code.startsWith(s.parent_code ?? '-'));
    expect(bad.map((s) => `${s.code} ${s.parent_code}`)).toEqual([]);
  });

  it('gives every area a Thai and an English name', () => {
    expect(areas.filter((a) => a.name_th.trim() === '' || a.name_en.trim() === '').map((a) => a.code)).toEqual([]);
    expect(areas.filter((a) => /[^\u0E00-\u0E7F .()-]/.test(a.name_th)).map((a) => a.code)).toEqual([]);
  });

  it.each([
    ['500204', 'ข่วงเปา', '5002', 'จอมทอง', '50', 'เชียงใหม่'],
    ['710911', 'หนองสาหร่าย', '7109', 'พนมทวน', '71', 'กาญจนบุรี'],
    ['380101', 'บึงกาฬ', '3801', 'เมืองบึงกาฬ', '38', 'บึงกาฬ'],
  ])('has %s %s in %s %s, %s %s', (code, th, district, districtTh, province, provinceTh) => {
    expect(byCode.get(code)).toMatchObject({ level: 'subdistrict', parent_code: district, name_th: th });
    expect(byCode.get(district)).toMatchObject({ level: 'district', parent_code: province });
    expect(byCode.get(district)?.name_th.endsWith(districtTh)).toBe(true);
    expect(byCode.get(province)).toMatchObject({ level: 'province', name_th: provinceTh });
  });

  it('has Bueng Kan with its 8 districts and 53 subdistricts', () => {
    expect(
      level('district')
        .filter((d) => d.parent_code === '38')
        .map((d) => d.code),
    ).toEqual(['3801', '3802', '3803', '3804', '3805', '3806', '3807', '3808']);
    expect(level('subdistrict').filter((s) => s.code.startsWith('38'))).toHaveLength(53);
  });

  it('leaves out the municipalities the source lists as districts', () => {
    expect(byCode.has('7074')).toBe(false);
    expect(byCode.has('9077')).toBe(false);
    expect(level('district').some((d) => d.name_th.startsWith('ท้องถิ่น'))).toBe(false);
  });

  it('tags settlement: Bangkok urban, a Mueang district and its subdistricts semi-urban, the rest rural', () => {
    expect(byCode.get('1001')?.settlement).toBe('urban');
    expect(byCode.get('100101')?.settlement).toBe('urban');
    expect(byCode.get('3801')).toMatchObject({ name_th: 'เมืองบึงกาฬ', settlement: 'semi-urban' });
    expect(byCode.get('380101')?.settlement).toBe('semi-urban');
    expect(byCode.get('5002')?.settlement).toBe('rural');
    expect(byCode.get('500204')?.settlement).toBe('rural');
    expect(byCode.get('50')?.settlement).toBe('rural');
    expect(byCode.get('1401')).toMatchObject({ name_th: 'พระนครศรีอยุธยา', settlement: 'semi-urban' });
    for (const a of areas) {
      if (a.level === 'province') continue;
      const district = a.level === 'district' ? a : byCode.get(a.parent_code ?? '');
      const capital = district?.name_th.startsWith('เมือง') || district?.code.endsWith('01');
      const expected = a.code.startsWith('10') ? 'urban' : capital ? 'semi-urban' : 'rural';
      expect(a.settlement, a.code).toBe(expected);
    }
  });
});
