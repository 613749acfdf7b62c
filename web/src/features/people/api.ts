// The agency administrator's calls, each naming the agency acted for in its own header.
import { api, unwrap } from '../../api/client';

const as = (agency: string) => ({ 'x-khwamdee-agency': agency });

export const getStaff = (agency: string) => unwrap(api.GET('/api/v1/agencies/{code}/staff', { params: { path: { code: agency } }, headers: as(agency) }));

export type Grant = Awaited<ReturnType<typeof getStaff>>['items'][number];
export type StaffRole = Grant['role'];

export const grantRole = (agency: string, body: { nationalId: string; role: StaffRole; label: string }) =>
  unwrap(api.POST('/api/v1/agencies/{code}/staff', { params: { path: { code: agency } }, body, headers: as(agency) }));

export const revokeRole = (agency: string, id: string) => unwrap(api.DELETE('/api/v1/agencies/{code}/staff/{id}', { params: { path: { code: agency, id } }, headers: as(agency) }));
