// The issuer console's calls, typed from the API's OpenAPI document. The server stays the authority:
// what the screens filter (indicators in the agency's scopes) only saves a round trip.
import { api, fetchFile, unwrap, type paths } from '../../api/client';
import { matchesIndicatorScope } from '../../../../src/core/access';

export type Indicator = paths['/api/v1/indicators']['get']['responses'][200]['content']['application/json']['items'][number];
export type AttestationBody = NonNullable<paths['/api/v1/attestations']['post']['requestBody']>['content']['application/json'];
export type AttestationResult = paths['/api/v1/attestations']['post']['responses'][201]['content']['application/json'];
export type ImportView = paths['/api/v1/imports/{id}']['get']['responses'][200]['content']['application/json'];
export type ErrorsPage = paths['/api/v1/imports/{id}/errors']['get']['responses'][200]['content']['application/json'];
export type ReportLine = ErrorsPage['items'][number];

/** Indicators in force that this agency may attest for a person (its indicator scopes). */
export async function attestableIndicators(agency: string): Promise<Indicator[]> {
  const [agencies, indicators] = await Promise.all([unwrap(api.GET('/api/v1/agencies')), unwrap(api.GET('/api/v1/indicators', { params: { query: { accountKind: 'person' } } }))]);
  const scopes = agencies.items.find((a) => a.code === agency)?.indicatorScopes ?? [];
  return indicators.items.filter((i) => matchesIndicatorScope(scopes, i.code));
}

/** Posts one deed; `replayed` is true when the ref had been recorded before (200 instead of 201). */
export async function attest(body: AttestationBody): Promise<{ result: AttestationResult; replayed: boolean }> {
  const call = api.POST('/api/v1/attestations', { body });
  const result = await unwrap(call);
  return { result, replayed: (await call).response.status === 200 };
}

/** Sends the file as the raw request body, typed by its format. */
export function uploadImport(file: File): Promise<ImportView> {
  const jsonl = /\.(jsonl|ndjson)$/i.test(file.name) || file.type === 'application/x-ndjson';
  return unwrap(
    api.POST('/api/v1/imports', {
      params: { query: { fileName: file.name } },
      body: '',
      bodySerializer: () => file,
      headers: { 'content-type': jsonl ? 'application/x-ndjson' : 'text/csv' },
    }),
  );
}

export const getImport = (id: string) => unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id } } }));
export const listImports = (limit = 10) => unwrap(api.GET('/api/v1/imports', { params: { query: { limit } } }));
export const errorsPage = (id: string, after?: ErrorsPage['next'], limit = 20) =>
  unwrap(api.GET('/api/v1/imports/{id}/errors', { params: { path: { id }, query: { limit, ...(after ?? {}) } } }));

/** The error report as a file (fetched with the agency header, which a plain link cannot send). */
export const errorsCsv = (view: ImportView) => fetchFile(view.errorsUrl);
