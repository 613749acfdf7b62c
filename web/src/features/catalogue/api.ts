// The good-deed catalogue as the platform serves it: public opportunities and indicators, and for a
// signed-in member the same list nearest their home with what each would earn them.
import { api, type paths, unwrap } from '../../api/client';

export type ListQuery = NonNullable<paths['/api/v1/opportunities']['get']['parameters']['query']>;
export type AreaLevel = 'province' | 'district' | 'subdistrict';

export const listOpportunities = (query: ListQuery) => unwrap(api.GET('/api/v1/opportunities', { params: { query } }));
export const listMyOpportunities = (accountId: string, query: ListQuery) => unwrap(api.GET('/api/v1/accounts/{id}/opportunities', { params: { path: { id: accountId }, query } }));
export const getOpportunity = (id: string) => unwrap(api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } }));
export const predictOpportunity = (accountId: string, opportunity: string) =>
  unwrap(api.GET('/api/v1/accounts/{id}/predictions', { params: { path: { id: accountId }, query: { opportunity } } }));
export const getIndicators = () => unwrap(api.GET('/api/v1/indicators'));
export const getAgencies = () => unwrap(api.GET('/api/v1/agencies'));
export const getArea = (code: string) => unwrap(api.GET('/api/v1/areas/{code}', { params: { path: { code } } }));
export const getAreas = (level: AreaLevel, parent?: string) =>
  unwrap(api.GET('/api/v1/areas', { params: { query: { level, limit: 200, ...(parent ? { parent } : {}) } } })).then((r) => r.items);

export type Opportunity = Awaited<ReturnType<typeof getOpportunity>>;
export type Prediction = Awaited<ReturnType<typeof predictOpportunity>>;
export type MyOpportunity = Awaited<ReturnType<typeof listMyOpportunities>>['items'][number];
export type Indicator = Awaited<ReturnType<typeof getIndicators>>['items'][number];
export type Agency = Awaited<ReturnType<typeof getAgencies>>['items'][number];
