// The calls of the declaration screen. The evidence upload goes through XMLHttpRequest (fetch has no
// upload progress) with the same session headers as the typed client; everything else through `api`.
import { ApiError, api, asCatalogueError, type paths, sessionHeaders, unwrap } from '../../api/client';

type Declaration = paths['/api/v1/accounts/{id}/declarations']['post']['requestBody']['content']['application/json'];
export type Uploaded = paths['/api/v1/accounts/{id}/evidence']['post']['responses'][201]['content']['application/json'];
export type MyDeed = paths['/api/v1/accounts/{id}/attestations']['get']['responses'][200]['content']['application/json']['items'][number];

export const getIndicators = (accountKind: 'person' | 'community' | 'organisation') =>
  unwrap(api.GET('/api/v1/indicators', { params: { query: { accountKind } } })).then((r) => r.items);

export const getArea = (code: string) => unwrap(api.GET('/api/v1/areas/{code}', { params: { path: { code } } }));

export const getMyDeeds = (id: string, year: number) => unwrap(api.GET('/api/v1/accounts/{id}/attestations', { params: { path: { id }, query: { year } } })).then((r) => r.items);

export const declare = (id: string, body: Declaration) => unwrap(api.POST('/api/v1/accounts/{id}/declarations', { params: { path: { id } }, body }));

const networkError = () => new ApiError(0, { code: 'network', message: '', messages: { th: '', en: '' }, correlationId: '' });

/** Uploads one file as multipart/form-data (field "file"), reporting progress from 0 to 1. */
export function uploadEvidence(accountId: string, file: Blob, name: string, onProgress: (fraction: number) => void): { done: Promise<Uploaded>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Uploaded>((resolve, reject) => {
    xhr.open('POST', `/api/v1/accounts/${encodeURIComponent(accountId)}/evidence`);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(sessionHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 200 || xhr.status === 201) {
        onProgress(1);
        resolve(xhr.response as Uploaded);
        return;
      }
      const e = asCatalogueError(xhr.response);
      reject(new ApiError(xhr.status, e ?? { code: 'internal_error', message: '', messages: { th: '', en: '' }, correlationId: xhr.getResponseHeader('x-correlation-id') ?? '' }));
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const form = new FormData();
    form.append('file', file, name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
