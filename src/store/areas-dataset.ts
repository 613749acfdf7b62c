// The official Thai administrative hierarchy (77 provinces, districts, subdistricts with their DOPA
// codes), taken from the maintained thai-address-universal dataset with its geocode overlay, and for
// the rows that overlay leaves without a code (all of Bueng Kan among them) from areas-supplement.ts.
import { getDatabase, getProvinceAll, setEngMode, setGeoMode } from 'thai-address-universal';
import type { AreaRow } from './repos/areas.js';
import { findSupplement, SUPPLEMENTED_PROVINCE_NAMES } from './areas-supplement.js';

interface Row {
  province: string;
  district: string;
  sub_district: string;
  province_code?: string | undefined;
  district_code?: string | undefined;
  sub_district_code?: string | undefined;
}

async function rows(english: boolean): Promise<Row[]> {
  await setGeoMode(true);
  await setEngMode(english);
  await getProvinceAll();
  return getDatabase();
}

// A first urban/semi-urban/rural tag the committee can refine: Bangkok is urban, a province's
// "Mueang" (capital) district semi-urban, the rest rural.
function settlement(provinceCode: string, districtTh: string): AreaRow['settlement'] {
  if (provinceCode === '10') return 'urban';
  return districtTh.startsWith('เมือง') ? 'semi-urban' : 'rural';
}

export async function loadThaiAreas(): Promise<AreaRow[]> {
  const th = await rows(false);
  const en = await rows(true);
  await setEngMode(false);
  const english = new Map<string, Row>();
  for (const r of en) if (r.sub_district_code) english.set(r.sub_district_code, r);

  const out = new Map<string, AreaRow>();
  const add = (p: string, d: string, s: string, r: Row, e: Partial<Pick<Row, 'province' | 'district' | 'sub_district'>> | undefined) => {
    if (!out.has(p)) out.set(p, { code: p, level: 'province', parent_code: null, name_th: r.province, name_en: e?.province ?? r.province, settlement: p === '10' ? 'urban' : 'rural' });
    if (!out.has(d)) out.set(d, { code: d, level: 'district', parent_code: p, name_th: r.district, name_en: e?.district ?? r.district, settlement: settlement(p, r.district) });
    if (!out.has(s)) out.set(s, { code: s, level: 'subdistrict', parent_code: d, name_th: r.sub_district, name_en: e?.sub_district ?? r.sub_district, settlement: settlement(p, r.district) });
  };
  const missing: Row[] = [];
  for (const r of th) {
    const p = r.province_code;
    const d = r.district_code;
    const s = r.sub_district_code;
    // Rows without an official code (or, for Bueng Kan, with a wrong province code) take theirs from
    // the supplement, matched by Thai names, after the coded rows.
    if (!p || !d || !s || !/^\d{2}$/.test(p) || !/^\d{4}$/.test(d) || !/^\d{6}$/.test(s) || SUPPLEMENTED_PROVINCE_NAMES.has(r.province)) {
      missing.push(r);
      continue;
    }
    add(p, d, s, r, english.get(s));
  }
  for (const r of missing) {
    const m = findSupplement(r.province, r.district, r.sub_district);
    // Rows it has no code for (the Chumphon islands, which are not tambon) are left out; so is a row
    // whose package district code disagrees with the supplement's.
    if (!m || (r.district_code && /^\d{4}$/.test(r.district_code) && r.district_code !== m.district.code)) continue;
    add(m.province.code, m.district.code, m.subdistrict.code, r, { province: m.province.name_en, district: m.district.name_en, sub_district: m.subdistrict.name_en });
  }
  return [...out.values()];
}
