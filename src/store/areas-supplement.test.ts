// The official codes supplied for the package rows that have none (all of Bueng Kan, a few Bangkok
// khwaeng and single tambon elsewhere), merged by loadThaiAreas().
import { beforeAll, describe, expect, it } from 'vitest';
import { loadThaiAreas } from './areas-dataset.js';
import { SUPPLEMENT_DISTRICTS, SUPPLEMENT_PROVINCES, SUPPLEMENT_SUBDISTRICTS, findSupplement } from './areas-supplement.js';
import type { AreaRow } from './repos/areas.js';

describe('areas supplement data', () => {
  it('nests every code in its parent and repeats none', () => {
    const codes = [...SUPPLEMENT_PROVINCES, ...SUPPLEMENT_DISTRICTS, ...SUPPLEMENT_SUBDISTRICTS].map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of SUPPLEMENT_DISTRICTS) expect(d.code).toMatch(new RegExp(`^${d.parent_code}\\d{2}$`));
    for (const s of SUPPLEMENT_SUBDISTRICTS) expect(s.code).toMatch(new RegExp(`^${s.parent_code}\\d{2}$`));
  });

  it('finds a row by its province, district and subdistrict Thai names, in the package spelling', () => {
    expect(findSupplement('บึงกาฬ', 'ปากคาด', 'สมสนุก')?.subdistrict.code).toBe('380505');
    expect(findSupplement('นครสวรรค์', 'เมืองนครสวรรค์', 'วัดไทรย์')?.subdistrict.code).toBe('600113');
    expect(findSupplement('บึงกาฬ', 'เมืองบึงกาฬ', 'สมสนุก')).toBeUndefined();
    expect(findSupplement('ชุมพร', 'เมืองชุมพร', 'เกาะมัตโพน')).toBeUndefined();
  });
});

describe('loadThaiAreas with the supplement', () => {
  let areas: AreaRow[];
  let byCode: Map<string, AreaRow>;
  const level = (l: AreaRow['level']) => areas.filter((a) => a.level === l);
  beforeAll(async () => {
    areas = await loadThaiAreas();
    byCode = new Map(areas.map((a) => [a.code, a]));
  });

  it('has the 77 provinces with unique two-digit codes, Bueng Kan as 38 and no 97', () => {
    const provinces = level('province');
    expect(provinces).toHaveLength(77);
    expect(provinces.every((p) => /^\d{2}$/.test(p.code) && p.parent_code === null)).toBe(true);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(77);
    expect(byCode.get('38')).toMatchObject({ level: 'province', name_th: 'บึงกาฬ', name_en: 'Bueng Kan' });
    expect(byCode.has('97')).toBe(false);
    expect(areas.some((a) => a.code.startsWith('97'))).toBe(false);
  });

  it('repeats no code', () => {
    expect(new Set(areas.map((a) => a.code)).size).toBe(areas.length);
  });

  it('puts every district under its province code', () => {
    for (const d of level('district')) {
      expect(d.code).toMatch(/^\d{4}$/);
      expect(byCode.get(d.parent_code ?? '')?.level).toBe('province');
      expect(d.code.startsWith(d.parent_code ?? '-'), d.code).toBe(true);
    }
  });

  it('gives every subdistrict a six-digit code and an existing district', () => {
    for (const s of level('subdistrict')) {
      expect(s.code).toMatch(/^\d{6}$/);
      expect(byCode.get(s.parent_code ?? '')?.level).toBe('district');
    }
  });

  it('puts every supplemented subdistrict, and every one in Bueng Kan, under its district code', () => {
    const supplemented = SUPPLEMENT_SUBDISTRICTS.map((s) => byCode.get(s.code));
    expect(supplemented.every((s) => s !== undefined)).toBe(true);
    const inBuengKan = level('subdistrict').filter((s) => s.parent_code?.startsWith('38'));
    for (const s of [...supplemented, ...inBuengKan]) expect(s?.code.startsWith(s.parent_code ?? '-'), s?.code).toBe(true);
  });

  // Blocked on the package, not on the supplement: about a thousand of its coded rows carry a geocode
  // that belongs to another (often the pre-split) district, e.g. เหนือคลอง 8108 / คลองขนาน 810107.
  it.todo('puts every subdistrict under its district code');

  it('has Bueng Kan with its 8 districts and 53 subdistricts', () => {
    const districts = level('district').filter((d) => d.parent_code === '38');
    expect(districts.map((d) => d.code).sort()).toEqual(['3801', '3802', '3803', '3804', '3805', '3806', '3807', '3808']);
    expect(byCode.get('3801')).toMatchObject({ name_th: 'เมืองบึงกาฬ', name_en: 'Mueang Bueng Kan', settlement: 'semi-urban' });
    expect(byCode.get('3804')).toMatchObject({ name_th: 'เซกา', name_en: 'Seka', settlement: 'rural' });
    expect(level('subdistrict').filter((s) => s.code.startsWith('38'))).toHaveLength(53);
  });

  it.each([
    ['380101', '3801', 'บึงกาฬ', 'Bueng Kan'],
    ['380106', '3801', 'โคกก่อง', 'Khok Kong'],
    ['380401', '3804', 'เซกา', 'Seka'],
    ['380505', '3805', 'สมสนุก', 'Som Sanuk'],
    ['380802', '3808', 'หนองเดิ่น', 'Nong Doen'],
    ['104302', '1043', 'รามอินทรา', 'Ram Inthra'],
    ['103605', '1036', 'สนามบิน', 'Sanam Bin'],
    ['102009', '1020', 'อรุณอัมรินทร์', 'Arun Ammarin'],
    ['600113', '6001', 'วัดไทรย์', 'Wat Sai'],
    ['910303', '9103', 'อุไดเจริญ', 'Udai Charoen'],
  ])('gives %s (%s) its source code, with the package Thai name', (code, parent, th, en) => {
    expect(byCode.get(code)).toMatchObject({ level: 'subdistrict', parent_code: parent, name_th: th, name_en: en });
  });

  it('keeps the settlement rule for supplemented rows', () => {
    expect(byCode.get('104302')?.settlement).toBe('urban');
    expect(byCode.get('380101')?.settlement).toBe('semi-urban');
    expect(byCode.get('380505')?.settlement).toBe('rural');
  });

  it('does not turn the Chumphon islands the package lists as rows into subdistricts', () => {
    const chumphon = level('subdistrict').filter((s) => s.code.startsWith('86'));
    expect(chumphon.length).toBeGreaterThan(60);
    expect(chumphon.some((s) => s.name_th.startsWith('เกาะ') || s.name_th.startsWith('หมู่เกาะ'))).toBe(false);
  });
});
