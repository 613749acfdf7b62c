// The person's own record, read through the typed client.
import { api, unwrap } from '../../api/client';

export const getScore = (id: string, year: number) => unwrap(api.GET('/api/v1/accounts/{id}/score', { params: { path: { id }, query: { year } } }));
export const getCredits = (id: string, year: number) => unwrap(api.GET('/api/v1/accounts/{id}/credits', { params: { path: { id }, query: { year } } }));
export const getAgencies = () => unwrap(api.GET('/api/v1/agencies'));
