// An issuer's calls: its own opportunities (the public list filtered by agency), publishing,
// changing and cancelling them. The session's CSRF token and the acting agency go with each call.
import { api, unwrap } from '../../api/client';
import type { CreateBody, PatchBody } from './form';

export type Status = 'published' | 'cancelled';

export const listOwn = (agency: string, status: Status, cursor?: string) =>
  unwrap(api.GET('/api/v1/opportunities', { params: { query: { agency, status, limit: 20, ...(cursor ? { cursor } : {}) } } }));
export const getOne = (id: string) => unwrap(api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } }));
export const publish = (body: CreateBody) => unwrap(api.POST('/api/v1/opportunities', { body }));
export const update = (id: string, body: PatchBody) => unwrap(api.PATCH('/api/v1/opportunities/{id}', { params: { path: { id } }, body }));
export const cancel = (id: string) => unwrap(api.POST('/api/v1/opportunities/{id}/cancel', { params: { path: { id } } }));
export const getIndicators = () => unwrap(api.GET('/api/v1/indicators'));
export const getAgencies = () => unwrap(api.GET('/api/v1/agencies'));

export type OwnOpportunity = Awaited<ReturnType<typeof getOne>>;
