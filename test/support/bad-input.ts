// Helpers for suites that send bad input: the error envelope is checked field by field, and a bad
// request must leave every table as it found it.
import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src/core/errors.js';
import type { Database } from '../../src/store/schema.js';
import { rowCounts } from './helpers.js';

/** The parts of an `app.inject` response these helpers read. */
export interface InjectedResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  json<T = unknown>(): T;
}

export interface ErrorEnvelope {
  code: string;
  message: string;
  messages: { th: string; en: string };
  correlationId: string;
  details?: unknown;
}

const THAI = /[\u0E00-\u0E7F]/;

/**
 * Asserts the documented error envelope: the status and code of the catalogue, the message in the
 * asked-for language, both messages (Thai in Thai script, English without it), and a correlation id
 * that is also the `x-correlation-id` response header. Lists of statuses/codes are only for
 * known bugs, where the test must stay green whichever of the two the code answers.
 */
export function expectError(res: InjectedResponse, status: number | readonly number[], code: ErrorCode | readonly ErrorCode[], lang: 'th' | 'en' = 'th'): ErrorEnvelope {
  if (typeof status === 'number') expect(res.statusCode, res.body).toBe(status);
  else expect(status, res.body).toContain(res.statusCode);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = res.json<{ error: ErrorEnvelope }>();
  expect(Object.keys(body)).toEqual(['error']);
  const e = body.error;
  if (typeof code === 'string') expect(e.code).toBe(code);
  else expect(code).toContain(e.code);
  const spec = ERROR_CATALOGUE[e.code as ErrorCode];
  expect(res.statusCode).toBe(spec.status);
  expect(e.messages).toEqual({ th: spec.th, en: spec.en });
  expect(e.messages.th).toMatch(THAI);
  expect(e.messages.en).not.toMatch(THAI);
  expect(e.messages.en.length).toBeGreaterThan(0);
  expect(e.message).toBe(e.messages[lang]);
  expect(typeof e.correlationId).toBe('string');
  expect(e.correlationId).toMatch(/^[\w.-]{8,64}$/);
  expect(res.headers['x-correlation-id']).toBe(e.correlationId);
  return e;
}

/** rowCounts of the helpers plus the catalogue and agency tables that catalogue writes touch. */
export async function allRowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const out = await rowCounts(db);
  for (const t of ['indicators', 'agencies'] as const) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  const revoked = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('revoked_at', 'is not', null)
    .executeTakeFirstOrThrow();
  out.api_keys_revoked = Number(revoked.n);
  return out;
}

/**
 * Sends one bad request and checks its error envelope, that no table changed, and that none of
 * `secrets` (national IDs in the request) comes back in the body.
 */
export async function expectRejectedWithoutWrites(
  db: Kysely<Database>,
  send: () => Promise<InjectedResponse>,
  status: number | readonly number[],
  code: ErrorCode | readonly ErrorCode[],
  opts: { lang?: 'th' | 'en'; secrets?: readonly string[] } = {},
): Promise<ErrorEnvelope> {
  const before = await allRowCounts(db);
  const res = await send();
  const e = expectError(res, status, code, opts.lang ?? 'th');
  for (const s of opts.secrets ?? []) expect(res.body).not.toContain(s);
  expect(await allRowCounts(db)).toEqual(before);
  return e;
}

/** The same Thai ID with a wrong check digit. */
export function withWrongCheckDigit(id: string): string {
  const last = Number(id[12]);
  return id.slice(0, 12) + String((last + 1) % 10);
}
