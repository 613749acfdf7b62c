// The counter's calls: confirm a voucher, verify (and use up) an eligibility token, and the partner's
// own privileges for their names. Refusals the screen acts on are typed from the OpenAPI document.
import { ApiError, api, type paths, unwrap } from '../../api/client';
import type { CounterInput } from './codes';

type ConfirmRefusal = paths['/api/v1/partner/vouchers/confirm']['post']['responses'][409]['content']['application/json']['error'];
type VerifyRefusal = paths['/api/v1/partner/eligibility/verify']['post']['responses'][422]['content']['application/json']['error'];
export type AlreadyUsed = Extract<ConfirmRefusal, { code: 'voucher_already_used' }>['details'];
export type Expired = Extract<ConfirmRefusal, { code: 'voucher_expired' }>['details'];
export type TokenExpired = Extract<VerifyRefusal, { code: 'token_expired' }>['details'];

export const confirmVoucher = (body: CounterInput) => unwrap(api.POST('/api/v1/partner/vouchers/confirm', { body }));
export const verifyEligibility = (token: string) => unwrap(api.POST('/api/v1/partner/eligibility/verify', { body: { token } }));
export const ownPrivileges = () => unwrap(api.GET('/api/v1/partner/privileges'));

export type Voucher = Awaited<ReturnType<typeof confirmVoucher>>;
export type Eligibility = Awaited<ReturnType<typeof verifyEligibility>>;

/** The details of a catalogue refusal with `code` whose `key` field is a time, typed as the API declares them. */
export function detailsOf<T extends Record<string, unknown>>(err: unknown, code: string, key: keyof T & string): T | undefined {
  if (!(err instanceof ApiError) || err.code !== code) return undefined;
  const d = err.error.details;
  return typeof d === 'object' && d !== null && typeof (d as Record<string, unknown>)[key] === 'string' ? (d as T) : undefined;
}
