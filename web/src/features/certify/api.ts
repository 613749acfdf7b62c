// The calls of the certifier's console, made for the agency in the address (the staff gate sets the
// header). Evidence files are read with that header too, so photos come as blobs, not <img src>.
import { api, fetchFile, type paths, unwrap } from '../../api/client';

type Pending = paths['/api/v1/attestations/pending']['get'];
export type QueueQuery = NonNullable<Pending['parameters']['query']>;
export type QueuePage = Pending['responses'][200]['content']['application/json'];
export type QueueItem = QueuePage['items'][number];
export type Decision = paths['/api/v1/attestations/{id}/certify']['post']['requestBody']['content']['application/json'];
export type MeetingBody = paths['/api/v1/certifications/meetings']['post']['requestBody']['content']['application/json'];
export type Meeting = paths['/api/v1/certifications/meetings']['get']['responses'][200]['content']['application/json']['items'][number];
type Area = { code: string; name: { th: string; en: string } };

export const PAGE_SIZE = 50;

export const getQueue = (q: Omit<QueueQuery, 'limit'>) => unwrap(api.GET('/api/v1/attestations/pending', { params: { query: { ...q, limit: PAGE_SIZE } } }));

export const certify = (id: string, body: Decision) => unwrap(api.POST('/api/v1/attestations/{id}/certify', { params: { path: { id } }, body }));

export const recordMeeting = (body: MeetingBody) => unwrap(api.POST('/api/v1/certifications/meetings', { body }));

export const getMeetings = (limit = 5) => unwrap(api.GET('/api/v1/certifications/meetings', { params: { query: { limit } } })).then((r) => r.items);

export const readEvidence = (url: string) => fetchFile(url);

const areasUnder = async (parent: string, level: 'district' | 'subdistrict'): Promise<Area[]> =>
  (await unwrap(api.GET('/api/v1/areas', { params: { query: { parent, level, limit: 200 } } }))).items;

/** The subdistricts an agency certifies in, from its area scopes (subdistrict, district or province codes). */
export async function subdistrictsOf(agency: string): Promise<Area[]> {
  const found = (await unwrap(api.GET('/api/v1/agencies'))).items.find((a) => a.code === agency);
  const lists = await Promise.all(
    (found?.areaScopes ?? []).map(async (scope): Promise<Area[]> => {
      if (scope.length === 6) return [await unwrap(api.GET('/api/v1/areas/{code}', { params: { path: { code: scope } } }))];
      if (scope.length === 4) return areasUnder(scope, 'subdistrict');
      const districts = await areasUnder(scope, 'district');
      return (await Promise.all(districts.map((d) => areasUnder(d.code, 'subdistrict')))).flat();
    }),
  );
  return [...new Map(lists.flat().map((a) => [a.code, { code: a.code, name: a.name }])).values()];
}
