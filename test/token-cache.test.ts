// A resolved bearer token is kept for a short, bounded time (services/agencies.ts): revocation through
// the platform applies at once; a key revoked behind its back (another process on the same database)
// stops working within the time to live; a token nobody holds is never kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { uuidV7 } from '../src/adapters/ids.js';
import { createAgencyService, TOKEN_CACHE_TTL_MS } from '../src/services/agencies.js';
import { ADMIN_TOKEN, auth, DB_KINDS, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { enrolPerson } from './support/helpers.js';

describe.each(DB_KINDS)('resolved tokens on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform(kind);
  });
  afterAll(async () => {
    await p.cleanup();
  });

  const newPersonKey = async () => {
    const { id } = await enrolPerson(p.app);
    const res = await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${id}/tokens`, headers: auth(ADMIN_TOKEN) });
    expect(res.statusCode, res.body).toBe(201);
    return { accountId: id, ...res.json<{ keyId: string; token: string }>() };
  };
  const readScore = (accountId: string, token: string) => p.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/score`, headers: auth(token) });

  it('stops a key revoked through the platform at once, though it was just used', async () => {
    const key = await newPersonKey();
    expect((await readScore(key.accountId, key.token)).statusCode).toBe(200);
    expect((await p.app.inject({ method: 'DELETE', url: `/api/v1/keys/${key.keyId}`, headers: auth(ADMIN_TOKEN) })).statusCode).toBe(204);
    const after = await readScore(key.accountId, key.token);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('stops a key revoked behind its back within the time to live, and keeps no token that resolves to nobody', async () => {
    const ttlMs = 300;
    const agencies = createAgencyService({ db: p.store.db, clock: p.clock, ids: uuidV7, adminToken: undefined, tokenCacheTtlMs: ttlMs });
    const key = await newPersonKey();
    expect(await agencies.authenticate(key.token)).toEqual({ kind: 'person', accountId: key.accountId });
    // Another process revokes it (the CLI on the same database): this one learns it within the TTL.
    await p.store.db.updateTable('api_keys').set({ revoked_at: new Date().toISOString() }).where('id', '=', key.keyId).execute();
    expect(await agencies.authenticate(key.token)).toEqual({ kind: 'person', accountId: key.accountId });
    await sleep(ttlMs + 50);
    expect(await agencies.authenticate(key.token)).toBeUndefined();
    // An unknown token asks the database every time: made valid meanwhile, it works at once.
    const other = await newPersonKey();
    await p.store.db.updateTable('api_keys').set({ revoked_at: new Date().toISOString() }).where('id', '=', other.keyId).execute();
    expect(await agencies.authenticate(other.token)).toBeUndefined();
    await p.store.db.updateTable('api_keys').set({ revoked_at: null }).where('id', '=', other.keyId).execute();
    expect(await agencies.authenticate(other.token)).toEqual({ kind: 'person', accountId: other.accountId });
  });

  it('shares one frozen principal per token: no request can change what the next one gets', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/agencies/trc/keys', headers: auth(ADMIN_TOKEN), payload: {} });
    const { token } = res.json<{ token: string }>();
    const principal = await p.services.agencies.authenticate(token);
    expect(principal).toMatchObject({ kind: 'agency', agency: 'trc' });
    expect(() => {
      (principal as unknown as { agency: string }).agency = 'kp';
    }).toThrow(TypeError);
    expect(() => (principal as unknown as { roles: string[] }).roles.push('admin')).toThrow(TypeError);
    expect(await p.services.agencies.authenticate(token)).toMatchObject({ kind: 'agency', agency: 'trc' });
  });

  it('keeps a resolved token for a few seconds only', () => {
    expect(TOKEN_CACHE_TTL_MS).toBeLessThanOrEqual(5_000);
  });
});
