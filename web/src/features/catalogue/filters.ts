// The catalogue's search as it appears in the address (/catalogue?q=&domain=&province=&district=),
// read defensively: a hand-edited address never reaches the API as a bad request.
import type { ListQuery } from './api';

export const DOMAINS = ['health', 'learning', 'community', 'safety', 'environment'] as const;
export type Domain = (typeof DOMAINS)[number];

export interface Filters {
  q: string;
  domain: Domain | '';
  province: string;
  district: string;
}

export function readFilters(query: Record<string, string | undefined>): Filters {
  const q = (query.q ?? '').trim().slice(0, 100);
  const domain = (DOMAINS as readonly string[]).includes(query.domain ?? '') ? (query.domain as Domain) : '';
  const province = /^\d{2}$/.test(query.province ?? '') ? query.province! : '';
  const district = province && /^\d{4}$/.test(query.district ?? '') && query.district!.startsWith(province) ? query.district! : '';
  return { q, domain, province, district };
}

export function filtersToSearch(f: Filters): string {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set('q', f.q.trim());
  if (f.domain) params.set('domain', f.domain);
  if (f.province) params.set('province', f.province);
  if (f.province && f.district) params.set('district', f.district);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function filtersToQuery(f: Filters): ListQuery {
  const area = f.district || f.province;
  return { ...(f.q ? { q: f.q } : {}), ...(f.domain ? { domain: f.domain } : {}), ...(area ? { area } : {}) };
}
