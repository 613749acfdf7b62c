// A member's privileges through the typed client: balance, the year's achievements, the published
// privileges of their area, vouchers and eligibility tokens.
import { api, fetchFile, unwrap } from '../../api/client';

export const getBalance = (id: string) => unwrap(api.GET('/api/v1/accounts/{id}/balance', { params: { path: { id } } }));
/** The server's current year and what threshold privileges read from it. */
export const getAchievements = (id: string) => unwrap(api.GET('/api/v1/accounts/{id}/achievements', { params: { path: { id } } }));
export const getPrivileges = (area: string) => unwrap(api.GET('/api/v1/privileges', { params: { query: { area } } }));
export const getAgencies = () => unwrap(api.GET('/api/v1/agencies'));
export const getVouchers = (id: string) => unwrap(api.GET('/api/v1/accounts/{id}/redemptions', { params: { path: { id } } }));

/**
 * The same requestKey for a retry or a second tap: the API answers with the same voucher. The screen
 * shows the sharing notice beside the button, so the request gives the consent to share with the partner.
 */
export const redeem = (id: string, privilege: string, requestKey: string) =>
  unwrap(api.POST('/api/v1/accounts/{id}/redemptions', { params: { path: { id } }, body: { privilege, requestKey, shareWithPartner: true } }));

export const newEligibilityToken = (id: string, privilege: string) =>
  unwrap(api.POST('/api/v1/accounts/{id}/eligibility-tokens', { params: { path: { id } }, body: { privilege, shareWithPartner: true } }));

export const voucherQr = (id: string, voucherId: string) => fetchFile(`/api/v1/accounts/${encodeURIComponent(id)}/redemptions/${encodeURIComponent(voucherId)}/qr.svg`);

export type Balance = Awaited<ReturnType<typeof getBalance>>;
export type Achievements = Awaited<ReturnType<typeof getAchievements>>;
export type Privilege = Awaited<ReturnType<typeof getPrivileges>>['items'][number];
export type Voucher = Awaited<ReturnType<typeof getVouchers>>['items'][number];
export type IssuedVoucher = Awaited<ReturnType<typeof redeem>>;
export type EligibilityPass = Awaited<ReturnType<typeof newEligibilityToken>>;

/** A key for one redemption attempt (getRandomValues works on plain-HTTP village networks too). */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
