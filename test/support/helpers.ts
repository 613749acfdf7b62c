import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';
import { ADMIN_TOKEN, auth, nextNationalId } from './platforms.js';

export async function agencyToken(app: FastifyInstance, code: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: `/api/v1/agencies/${code}/keys`, headers: auth(ADMIN_TOKEN), payload: {} });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ token: string }>().token;
}

export async function enrolPerson(app: FastifyInstance, opts: { areaCode?: string; consents?: string[]; nationalId?: string } = {}): Promise<{ id: string; nationalId: string }> {
  const nationalId = opts.nationalId ?? nextNationalId();
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: auth(ADMIN_TOKEN),
    payload: { kind: 'person', nationalId, displayName: 'สมชาย ใจดี', areaCode: opts.areaCode ?? '500204', consents: opts.consents ?? ['enrolment', 'health'] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json<{ id: string }>().id, nationalId };
}

export async function personToken(app: FastifyInstance, accountId: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/tokens`, headers: auth(ADMIN_TOKEN) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ token: string }>().token;
}

export async function attest(app: FastifyInstance, token: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/attestations', headers: auth(token), payload });
}

export async function scoreOf(app: FastifyInstance, accountId: string, year: number): Promise<{ points: number; earned: number; max: number; byDomain: Record<string, number> }> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/score?year=${year}`, headers: auth(ADMIN_TOKEN) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'accounts',
    'consents',
    'attestations',
    'credits',
    'log_entries',
    'api_keys',
    'indicator_versions',
    'evidence_files',
    'attestation_evidence',
    'certification_meetings',
  ] as const) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
