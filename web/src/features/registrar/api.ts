// The registrar's calls: the agency's areas, assisted enrolment, finding a person (by national ID or
// by the QR of their card) and the printable card. Types come from the OpenAPI document.
import { api, fetchFile, type paths, unwrap } from '../../api/client';

type EnrolBody = paths['/api/v1/accounts']['post']['requestBody']['content']['application/json'];
type ScanRefusal = paths['/api/v1/accounts/scan']['post']['responses'][409]['content']['application/json']['error'];
export type CardReplaced = ScanRefusal['details'];
export type Member = Awaited<ReturnType<typeof scanCard>>;
export type Area = Awaited<ReturnType<typeof getArea>>;

export const getAgencies = () => unwrap(api.GET('/api/v1/agencies'));
export const getArea = (code: string) => unwrap(api.GET('/api/v1/areas/{code}', { params: { path: { code } } }));
export const listAreas = (level: 'district' | 'subdistrict', parent: string) =>
  unwrap(api.GET('/api/v1/areas', { params: { query: { level, parent, limit: 200 } } })).then((r) => r.items);

export const enrol = (body: EnrolBody) => unwrap(api.POST('/api/v1/accounts', { body }));
export const getAccount = (id: string) => unwrap(api.GET('/api/v1/accounts/{id}', { params: { path: { id } } }));
/** The account of a national ID, if it is in the officer's area (404 otherwise). */
export async function findByNationalId(nationalId: string) {
  const { id } = await unwrap(api.POST('/api/v1/accounts/lookup', { body: { nationalId } }));
  return getAccount(id);
}
export const scanCard = (token: string) => unwrap(api.POST('/api/v1/accounts/scan', { body: { token } }));

/** Saves a file the API answers (with the acting agency's header, which a plain link cannot send). */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const blob = await fetchFile(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
