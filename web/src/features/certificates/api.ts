// Certificates through the typed client: the credits of a year (one certificate each), the year's
// volunteer hours and annual statement, and the public check of any certificate.
import { api, unwrap } from '../../api/client';

/** Without a year: the server's current year (its answer says which). */
export const getCredits = (id: string, year?: number) => unwrap(api.GET('/api/v1/accounts/{id}/credits', { params: { path: { id }, query: year === undefined ? {} : { year } } }));

export const creditCertificate = (id: string, creditId: string) => unwrap(api.GET('/api/v1/accounts/{id}/certificates/credits/{creditId}', { params: { path: { id, creditId } } }));
export const volunteerHoursCertificate = (id: string, year: number) =>
  unwrap(api.GET('/api/v1/accounts/{id}/certificates/volunteer-hours', { params: { path: { id }, query: { year } } }));
export const annualStatementCertificate = (id: string, year: number) =>
  unwrap(api.GET('/api/v1/accounts/{id}/certificates/annual-statement', { params: { path: { id }, query: { year } } }));

export const verifyCertificate = (jwt: string) => unwrap(api.POST('/api/v1/certificates/verify', { body: { jwt } }));

export type Credit = Awaited<ReturnType<typeof getCredits>>['items'][number];
export type IssuedCertificate = Awaited<ReturnType<typeof annualStatementCertificate>>;
export type Credential = IssuedCertificate['credential'];
