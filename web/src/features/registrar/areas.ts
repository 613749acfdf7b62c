// The subdistricts an agency may enrol people in: its area scopes (a subdistrict, a district or a
// province code) expanded to subdistricts, each named with its district and province.
import { pick, type Lang } from '../../i18n';
import { type Area, getAgencies, getArea, listAreas } from './api';

export interface Subdistrict {
  code: string;
  name: Area['name'];
  district: Area['name'];
  province: Area['name'];
}

async function subdistrictsOf(scope: string): Promise<Subdistrict[]> {
  if (scope.length === 6) {
    const a = await getArea(scope);
    const [province, district] = a.path;
    return a.level === 'subdistrict' && province && district ? [{ code: a.code, name: a.name, district: district.name, province: province.name }] : [];
  }
  if (scope.length === 4) {
    const [district, items] = await Promise.all([getArea(scope), listAreas('subdistrict', scope)]);
    const province = district.path[0];
    return province ? items.map((s) => ({ code: s.code, name: s.name, district: district.name, province: province.name })) : [];
  }
  const districts = await listAreas('district', scope);
  return (await Promise.all(districts.map((d) => subdistrictsOf(d.code)))).flat();
}

/** Every subdistrict within the agency's area scopes, without repeats. */
export async function agencySubdistricts(agency: string): Promise<Subdistrict[]> {
  const found = (await getAgencies()).items.find((a) => a.code === agency);
  const all = (await Promise.all((found?.areaScopes ?? []).map(subdistrictsOf))).flat();
  return [...new Map(all.map((s) => [s.code, s])).values()];
}

export const sortByName = (items: Subdistrict[], lang: Lang) =>
  items
    .slice()
    .sort(
      (a, b) =>
        pick(a.province, lang).localeCompare(pick(b.province, lang), lang) ||
        pick(a.district, lang).localeCompare(pick(b.district, lang), lang) ||
        pick(a.name, lang).localeCompare(pick(b.name, lang), lang),
    );
