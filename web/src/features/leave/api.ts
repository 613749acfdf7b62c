// The calls of /me/leave: the privacy status, restriction and its lifting, and erasure.
import { api, unwrap } from '../../api/client';

export const getPrivacy = (id: string) => unwrap(api.GET('/api/v1/accounts/{id}/privacy', { params: { path: { id } } }));

export type Privacy = Awaited<ReturnType<typeof getPrivacy>>;

export const restrict = (id: string, reason: string) => unwrap(api.POST('/api/v1/accounts/{id}/restriction', { params: { path: { id } }, body: reason ? { reason } : {} }));

export const lift = (id: string) => unwrap(api.DELETE('/api/v1/accounts/{id}/restriction', { params: { path: { id } } }));

export const erase = (id: string, confirm: string) => unwrap(api.POST('/api/v1/accounts/{id}/erasure', { params: { path: { id } }, body: { confirm } }));
