// Disputes, ratings and the public per-agency figures, through the typed client; the types are the API's own.
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

type FileBody = paths['/api/v1/accounts/{id}/disputes']['post']['requestBody']['content']['application/json'];
type AnswerBody = paths['/api/v1/disputes/{id}/answer']['post']['requestBody']['content']['application/json'];
type DecisionBody = paths['/api/v1/disputes/{id}/decision']['post']['requestBody']['content']['application/json'];
type CorrectionBody = paths['/api/v1/disputes/{id}/correction']['post']['requestBody']['content']['application/json'];
type RateBody = paths['/api/v1/accounts/{id}/ratings']['post']['requestBody']['content']['application/json'];

export const getMyDisputes = (id: string) => unwrap(api.GET('/api/v1/accounts/{id}/disputes', { params: { path: { id } } }));
export const fileDispute = (id: string, body: FileBody) => unwrap(api.POST('/api/v1/accounts/{id}/disputes', { params: { path: { id } }, body }));
export const acceptAnswer = (id: string) => unwrap(api.POST('/api/v1/disputes/{id}/accept', { params: { path: { id } } }));
export const contestAnswer = (id: string, statement: string) => unwrap(api.POST('/api/v1/disputes/{id}/contest', { params: { path: { id } }, body: { statement } }));
export const getSettings = () => unwrap(api.GET('/api/v1/disputes/settings'));

export const getQueue = (code: string, queue: 'respondent' | 'reviewer') => unwrap(api.GET('/api/v1/agencies/{code}/disputes', { params: { path: { code }, query: { queue } } }));
export const answerDispute = (id: string, body: AnswerBody) => unwrap(api.POST('/api/v1/disputes/{id}/answer', { params: { path: { id } }, body }));
export const decideDispute = (id: string, body: DecisionBody) => unwrap(api.POST('/api/v1/disputes/{id}/decision', { params: { path: { id } }, body }));
export const linkCorrection = (id: string, body: CorrectionBody) => unwrap(api.POST('/api/v1/disputes/{id}/correction', { params: { path: { id } }, body }));

export const getMyRatings = (id: string) => unwrap(api.GET('/api/v1/accounts/{id}/ratings', { params: { path: { id } } }));
export const rate = (id: string, body: RateBody) => unwrap(api.POST('/api/v1/accounts/{id}/ratings', { params: { path: { id } }, body }));
export const getAgencyRatings = (code: string) => unwrap(api.GET('/api/v1/agencies/{code}/ratings', { params: { path: { code } } }));
export const getAgencyStats = () => unwrap(api.GET('/api/v1/stats/agencies'));

export type Dispute = Awaited<ReturnType<typeof getMyDisputes>>['items'][number];
export type DueRating = Awaited<ReturnType<typeof getMyRatings>>['due'][number];
export type AgencyFigures = Awaited<ReturnType<typeof getAgencyStats>>['items'][number];
