// The official Thai administrative hierarchy (77 provinces, their districts and subdistricts, keyed by
// their DOPA codes), read from the CSV files in ./areas-data/, which are copied from the public
// kongvut/thai-province-data dataset (release 3.0.0, MIT licence; see areas-data/README.md).
import { readFileSync } from 'node:fs';
import type { AreaRow } from './repos/areas.js';

// Reads one of the data files: a header line, then one comma-separated row per line (no field holds
// a comma or a quote, so there is no quoting), and a final newline.
function readCsv(file: string, header: string): string[][] {
  const text = readFileSync(new URL(`./areas-data/${file}`, import.meta.url), 'utf8');
  const lines = text.split('\n');
  if (lines[0] !== header || lines.pop() !== '') throw new Error(`areas-data/${file}: unexpected layout`);
  const width = header.split(',').length;
  return lines.slice(1).map((line, i) => {
    const fields = line.split(',');
    if (fields.length !== width || fields.some((f) => f === '')) throw new Error(`areas-data/${file}:${i + 2}: malformed row`);
    return fields;
  });
}

// A first urban/semi-urban/rural tag the committee can refine: Bangkok is urban, a province's
// "Mueang" (capital) district semi-urban, the rest rural.
function settlement(provinceCode: string, districtTh: string, districtCode: string): AreaRow['settlement'] {
  if (provinceCode === '10') return 'urban';
  // The capital district is numbered 01 (Phra Nakhon Si Ayutthaya is 1401 without "Mueang" in its name).
  return districtTh.startsWith('เมือง') || districtCode.endsWith('01') ? 'semi-urban' : 'rural';
}

export async function loadThaiAreas(): Promise<AreaRow[]> {
  const provinces = readCsv('provinces.csv', 'code,name_th,name_en');
  const districts = readCsv('districts.csv', 'code,province_code,name_th,name_en');
  const subdistricts = readCsv('subdistricts.csv', 'code,district_code,name_th,name_en');

  const out: AreaRow[] = [];
  const seen = new Set<string>();
  const add = (row: AreaRow, pattern: RegExp) => {
    if (!pattern.test(row.code) || seen.has(row.code)) throw new Error(`areas-data: bad or repeated code ${row.code}`);
    if (row.parent_code !== null && !(seen.has(row.parent_code) && row.code.startsWith(row.parent_code))) {
      throw new Error(`areas-data: ${row.code} is not under ${row.parent_code}`);
    }
    seen.add(row.code);
    out.push(row);
  };
  for (const [code = '', name_th = '', name_en = ''] of provinces) {
    add({ code, level: 'province', parent_code: null, name_th, name_en, settlement: code === '10' ? 'urban' : 'rural' }, /^\d{2}$/);
  }
  const districtTh = new Map<string, string>();
  for (const [code = '', parent = '', name_th = '', name_en = ''] of districts) {
    add({ code, level: 'district', parent_code: parent, name_th, name_en, settlement: settlement(parent, name_th, code) }, /^\d{4}$/);
    districtTh.set(code, name_th);
  }
  for (const [code = '', parent = '', name_th = '', name_en = ''] of subdistricts) {
    add({ code, level: 'subdistrict', parent_code: parent, name_th, name_en, settlement: settlement(parent.slice(0, 2), districtTh.get(parent) ?? '', parent) }, /^\d{6}$/);
  }
  return out;
}
