// The person's own data through the typed client: consents (give, withdraw, receipts), the log of who
// read their record, and the export files.
import { api, fetchFile, unwrap } from '../../api/client';

export const getConsents = (id: string) => unwrap(api.GET('/api/v1/accounts/{id}/consents', { params: { path: { id } } }));
export const giveConsent = (id: string, purpose: string) => unwrap(api.POST('/api/v1/accounts/{id}/consents', { params: { path: { id } }, body: { purpose } }));
export const withdrawConsent = (id: string, purpose: string) => unwrap(api.DELETE('/api/v1/accounts/{id}/consents/{purpose}', { params: { path: { id, purpose } } }));
export const getAccessLog = (id: string, cursor?: string) =>
  unwrap(api.GET('/api/v1/accounts/{id}/access-log', { params: { path: { id }, query: cursor ? { cursor, limit: 20 } : { limit: 20 } } }));

export const receiptFile = (id: string, receiptId: string) => fetchFile(`/api/v1/accounts/${encodeURIComponent(id)}/consents/receipts/${encodeURIComponent(receiptId)}`);
export const exportJsonFile = (id: string) => fetchFile(`/api/v1/accounts/${encodeURIComponent(id)}/export`);
export const exportPdfFile = (id: string) => fetchFile(`/api/v1/accounts/${encodeURIComponent(id)}/export.pdf`);

export type Consents = Awaited<ReturnType<typeof getConsents>>;
export type PurposeState = Consents['purposes'][number];
export type Receipt = Consents['receipts'][number];
export type AccessEntry = Awaited<ReturnType<typeof getAccessLog>>['items'][number];

/** Saves a downloaded file under `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
