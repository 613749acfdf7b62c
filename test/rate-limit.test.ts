import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.js';
import { agencyToken } from './support/helpers.js';
import { openTestPlatform, type TestPlatform } from './support/platforms.js';

describe('rate limiting', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  beforeAll(async () => {
    p = await openTestPlatform('sqlite');
    app = await buildApp({ services: p.services, db: p.store.db, sessionSecret: p.sessionSecret, rateLimitPerMinute: 3 });
  });
  afterAll(async () => {
    await app?.close();
    await p?.cleanup();
  });

  it('answers 429 rate_limited from the catalogue once a caller exceeds its share, and counts callers apart', async () => {
    const get = (token?: string) =>
      app.inject({ method: 'GET', url: '/api/v1/indicators', headers: token ? { authorization: `Bearer ${token}`, 'accept-language': 'en' } : { 'accept-language': 'en' } });
    for (let i = 0; i < 3; i++) expect((await get()).statusCode).toBe(200);
    const limited = await get();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'rate_limited', message: 'Too many requests; try again later.' });
    expect(limited.headers['retry-after']).toBeDefined();
    // A different caller (here: a token, even an unknown one, is its own bucket) is not affected.
    expect((await get('another-caller-token')).statusCode).toBe(401);
  });

  it('keys on the principal a token stands for, however the Authorization header is spelled', async () => {
    const token = await agencyToken(p.app, 'trc');
    const spellings = [`Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, `  Bearer    ${token}  `];
    const get = (authorization: string) => app.inject({ method: 'GET', url: '/api/v1/indicators', headers: { authorization } });
    for (const h of spellings.slice(0, 3)) expect((await get(h)).statusCode, h).not.toBe(429);
    const limited = await get(spellings[3]!);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    // A second key of the same agency is the same caller.
    const second = await agencyToken(p.app, 'trc');
    expect((await get(`Bearer ${second}`)).statusCode).toBe(429);
    // Another agency is not.
    const other = await agencyToken(p.app, 'ptt');
    expect((await app.inject({ method: 'GET', url: '/api/v1/indicators', headers: { authorization: `Bearer ${other}` } })).statusCode).not.toBe(429);
  });
});

describe('failed authentications per address', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let valid: string;
  beforeAll(async () => {
    p = await openTestPlatform('sqlite');
    valid = await agencyToken(p.app, 'trc');
    app = await buildApp({
      services: p.services,
      db: p.store.db,
      sessionSecret: p.sessionSecret,
      rateLimitPerMinute: 1000,
      authFailures: { max: 3, windowMs: 60_000 },
      now: () => p.clock.now(),
    });
  });
  afterAll(async () => {
    await app?.close();
    await p?.cleanup();
  });

  const get = (token: string, remoteAddress = '203.0.113.7') =>
    app.inject({ method: 'GET', url: '/api/v1/indicators', remoteAddress, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });

  it('answers a wrong key 401 until the address has used up its failures, then 429 with Retry-After, even for a right key', async () => {
    expect((await get(valid)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) {
      const wrong = await get(`guess-${i}-000000000000000000`);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('unauthenticated');
    }
    const blocked = await get('guess-3-000000000000000000');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatchObject({ code: 'rate_limited', messages: { en: 'Too many requests; try again later.' } });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A right guess now would answer the same as a wrong one: nothing is learnt.
    expect((await get(valid)).statusCode).toBe(429);
    // Other addresses are not affected, and the header's spelling does not matter.
    expect((await get(valid, '198.51.100.9')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/indicators', remoteAddress: '203.0.113.7', headers: { authorization: `bEaReR   ${valid}` } })).statusCode).toBe(429);
    // Requests without a token are not refused for the failures (they are anonymous, limited by rate only).
    expect((await app.inject({ method: 'GET', url: '/api/v1/indicators', remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
    // The window ends: the address may try again.
    p.clock.advance(60_001);
    expect((await get(valid)).statusCode).toBe(200);
    expect((await get('guess-4-000000000000000000')).statusCode).toBe(401);
  });
});
