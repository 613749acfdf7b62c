import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.js';
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
});
