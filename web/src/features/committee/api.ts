// The committee's calls. Each names the agency the member acts for in its own header, so that a call
// made as the screen opens never goes out before the staff gate has set it.
import { api, unwrap } from '../../api/client';

const as = (agency: string) => ({ 'x-khwamdee-agency': agency });

export const getProposals = (agency: string) => unwrap(api.GET('/api/v1/committee/proposals', { headers: as(agency) }));
export const getCatalogue = (agency: string) => unwrap(api.GET('/api/v1/committee/catalogue', { headers: as(agency) }));

export type Proposal = Awaited<ReturnType<typeof getProposals>>['items'][number];
export type IndicatorProposal = Extract<Proposal, { type: 'indicator_version' }>;
export type PrivilegeProposal = Extract<Proposal, { type: 'privilege' }>;
export type CatalogueEntry = Awaited<ReturnType<typeof getCatalogue>>['items'][number];
export type IndicatorVersion = CatalogueEntry['versions'][number];
/** The rule fields an approved version and a proposed one share (what a comparison reads). */
export type Rule = IndicatorProposal['proposed'] | NonNullable<IndicatorProposal['previous']>;

export const approveVersion = (agency: string, code: string, version: number) =>
  unwrap(api.POST('/api/v1/indicators/{code}/versions/{version}/approve', { params: { path: { code, version } }, headers: as(agency) }));
export const refuseVersion = (agency: string, code: string, version: number, reason: string) =>
  unwrap(api.POST('/api/v1/indicators/{code}/versions/{version}/refuse', { params: { path: { code, version } }, body: { reason }, headers: as(agency) }));
export const approvePrivilege = (agency: string, code: string) => unwrap(api.POST('/api/v1/privileges/{code}/approve', { params: { path: { code } }, headers: as(agency) }));
export const refusePrivilege = (agency: string, code: string, reason: string) =>
  unwrap(api.POST('/api/v1/privileges/{code}/refuse', { params: { path: { code } }, body: { reason }, headers: as(agency) }));

export const getArea = (code: string) => unwrap(api.GET('/api/v1/areas/{code}', { params: { path: { code } } }));
