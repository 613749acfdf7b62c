// The official Thai administrative hierarchy (77 provinces, districts, subdistricts with their DOPA
// codes), taken from the maintained thai-address-universal dataset with its geocode overlay.
import { getDatabase, getProvinceAll, setEngMode, setGeoMode } from 'thai-address-universal';
import type { AreaRow } from './repos/areas.js';

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
  for (const r of th) {
    const p = r.province_code;
    const d = r.district_code;
    const s = r.sub_district_code;
    // A few postal-only rows carry no official code; they cannot be addressed by code, so they are left out.
    if (!p || !d || !s || !/^\d{2}$/.test(p) || !/^\d{4}$/.test(d) || !/^\d{6}$/.test(s)) continue;
    const e = english.get(s);
    if (!out.has(p)) out.set(p, { code: p, level: 'province', parent_code: null, name_th: r.province, name_en: e?.province ?? r.province, settlement: p === '10' ? 'urban' : 'rural' });
    if (!out.has(d)) out.set(d, { code: d, level: 'district', parent_code: p, name_th: r.district, name_en: e?.district ?? r.district, settlement: settlement(p, r.district) });
    if (!out.has(s)) out.set(s, { code: s, level: 'subdistrict', parent_code: d, name_th: r.sub_district, name_en: e?.sub_district ?? r.sub_district, settlement: settlement(p, r.district) });
  }
  return [...out.values()];
}
