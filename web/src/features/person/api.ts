// The person's own record, read through the typed client; the types are the API's own.
import { api, unwrap } from '../../api/client';

export const getScore = (id: string, year: number) => unwrap(api.GET('/api/v1/accounts/{id}/score', { params: { path: { id }, query: { year } } }));
export const getCredits = (id: string, year: number) => unwrap(api.GET('/api/v1/accounts/{id}/credits', { params: { path: { id }, query: { year } } }));
export const getAttestations = (id: string, year: number) => unwrap(api.GET('/api/v1/accounts/{id}/attestations', { params: { path: { id }, query: { year } } }));
export const getYears = (id: string) => unwrap(api.GET('/api/v1/accounts/{id}/years', { params: { path: { id } } }));

export type Score = Awaited<ReturnType<typeof getScore>>;
export type Credits = Awaited<ReturnType<typeof getCredits>>;
export type Credit = Credits['items'][number];
export type Attestations = Awaited<ReturnType<typeof getAttestations>>;
export type Deed = Attestations['items'][number];
export type YearScore = Awaited<ReturnType<typeof getYears>>['items'][number];
