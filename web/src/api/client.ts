// The one way the web app talks to the platform: openapi-fetch typed from the API's own OpenAPI
// document (schema.d.ts, generated), the session cookie sent along, the CSRF token on every
// state-changing request, and the agency a staff member acts for in its header.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };

export interface CatalogueError {
  code: string;
  message: string;
  messages: { th: string; en: string };
  correlationId: string;
  details?: unknown;
}

/** An answer from the error catalogue, or a network failure (code `network`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: CatalogueError,
  ) {
    super(error.messages.en);
  }
  get code(): string {
    return this.error.code;
  }
}

let csrfToken: string | null = null;
let actingFor: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
/** The agency the signed-in staff member acts for on the current screen (null: as themselves). */
export function setActingFor(agency: string | null): void {
  actingFor = agency;
}

/** Why a staff screen reads people's records (the server records it in each person's access log). */
export type StatedPurpose = 'certification' | 'assisted_enrolment' | 'member_support' | 'card' | 'dispute' | 'audit';
let statedPurpose: StatedPurpose | null = null;
/** The purpose of the current staff screen, sent with its calls (null: none, e.g. the person's own screens). */
export function setStatedPurpose(purpose: StatedPurpose | null): void {
  statedPurpose = purpose;
}

/** The session's headers for a request: CSRF token on state-changing ones, the agency acted for, the screen's purpose. */
export function sessionHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (actingFor) headers['x-khwamdee-agency'] = actingFor;
  if (actingFor && statedPurpose) headers['x-khwamdee-purpose'] = statedPurpose;
  return headers;
}

const session: Middleware = {
  onRequest({ request }) {
    for (const [k, v] of Object.entries(sessionHeaders(request.method))) request.headers.set(k, v);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

export function asCatalogueError(body: unknown): CatalogueError | undefined {
  const e = (body as { error?: CatalogueError } | undefined)?.error;
  return e && typeof e.code === 'string' && e.messages ? e : undefined;
}

/** Unwraps an openapi-fetch answer: the data, or an ApiError carrying the catalogue entry. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Exclude<T, undefined>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, { code: 'network', message: '', messages: { th: '', en: '' }, correlationId: '' });
  }
  if (result.response.ok) return result.data as Exclude<T, undefined>;
  const e = asCatalogueError(result.error);
  throw new ApiError(
    result.response.status,
    e ?? { code: 'internal_error', message: '', messages: { th: '', en: '' }, correlationId: result.response.headers.get('x-correlation-id') ?? '' },
  );
}

/** For endpoints that answer with a file (PDF, CSV, SVG): the blob, or an ApiError. */
export async function fetchFile(path: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: sessionHeaders('GET') });
  } catch {
    throw new ApiError(0, { code: 'network', message: '', messages: { th: '', en: '' }, correlationId: '' });
  }
  if (res.ok) return res.blob();
  const body = await res.json().catch(() => undefined);
  throw new ApiError(res.status, asCatalogueError(body) ?? { code: 'internal_error', message: '', messages: { th: '', en: '' }, correlationId: '' });
}
