// The rate limits as server mode counts them: in the database (rate_windows), so two app instances
// on one database — two processes behind a load balancer — meet one limit together. On both
// databases (the table exists on SQLite too, which keeps memory by default), and against the
// in-memory store, which two instances do not share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.js';
import { rateWindowsRepo } from '../src/store/repos/rate-windows.js';
import { createBatchedWindows } from '../src/http/batched-windows.js';
import { CLEAR_ADDRESS_MS } from '../src/http/shared-limits.js';
import { agencyToken } from './support/helpers.js';
import { DB_KINDS, openTestPlatform, type TestPlatform } from './support/platforms.js';

describe.each(DB_KINDS)('limits shared through the database (%s)', (kind) => {
  let p: TestPlatform;
  let apps: FastifyInstance[] = [];
  let memory: FastifyInstance[] = [];
  let valid: string;
  beforeAll(async () => {
    p = await openTestPlatform(kind);
    valid = await agencyToken(p.app, 'trc');
    const build = (limitStore: 'memory' | 'database') =>
      buildApp({
        services: p.services,
        db: p.store.db,
        sessionSecret: p.sessionSecret,
        rateLimitPerMinute: 5,
        authFailures: { max: 3, windowMs: 60_000 },
        limitStore,
        now: () => p.clock.now(),
      });
    apps = [await build('database'), await build('database')];
    memory = [await build('memory'), await build('memory')];
  });
  afterAll(async () => {
    for (const a of [...apps, ...memory]) await a.close();
    await p?.cleanup();
  });

  const get = (app: FastifyInstance, remoteAddress: string, token?: string) =>
    app.inject({ method: 'GET', url: '/api/v1/indicators', remoteAddress, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('counts requests alternated over two instances against one limit, then answers 429 with Retry-After', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await get(apps[i % 2]!, '198.51.100.1')).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await get(apps[0]!, '198.51.100.1');
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another caller has its own window.
    expect((await get(apps[1]!, '198.51.100.2')).statusCode).toBe(200);
    // The window ends for every instance at once.
    p.clock.advance(60_001);
    expect((await get(apps[1]!, '198.51.100.1')).statusCode).toBe(200);
  });

  it('while two in-memory stores would each allow the limit (the test can tell them apart)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await get(memory[i % 2]!, '198.51.100.3')).statusCode);
    expect(codes.filter((c) => c === 429)).toEqual([]);
  });

  it('counts concurrent hits exactly (one UPSERT each, none lost)', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => get(apps[i % 2]!, '198.51.100.4')));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(7);
  });

  it('shares the failed-token limit: failures on either instance block the address on both', async () => {
    const addr = '203.0.113.50';
    expect((await get(apps[0]!, addr, 'guess-a-0000000000000000')).statusCode).toBe(401);
    expect((await get(apps[1]!, addr, 'guess-b-0000000000000000')).statusCode).toBe(401);
    expect((await get(apps[0]!, addr, 'guess-c-0000000000000000')).statusCode).toBe(401);
    const blocked = await get(apps[1]!, addr, valid);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get(apps[0]!, addr, valid)).statusCode).toBe(429);
  });

  it('lets an address blocked elsewhere make at most one more attempt on an instance that found it clear', async () => {
    // Fresh windows for the agency's request budget and for this address.
    p.clock.advance(61_000);
    const addr = '203.0.113.51';
    expect((await get(apps[1]!, addr, valid)).statusCode).toBe(200);
    for (const g of ['guess-d', 'guess-e', 'guess-f']) expect((await get(apps[0]!, addr, `${g}-0000000000000000`)).statusCode).toBe(401);
    expect((await get(apps[0]!, addr, valid)).statusCode).toBe(429);
    // apps[1] found the address clear a moment ago: one more guess is checked, and its failure ends that.
    expect((await get(apps[1]!, addr, 'guess-g-0000000000000000')).statusCode).toBe(401);
    const blocked = await get(apps[1]!, addr, valid);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    // And what it found clear it asks again a second later.
    const other = '203.0.113.52';
    expect((await get(apps[1]!, other, valid)).statusCode).toBe(200);
    for (const g of ['guess-h', 'guess-i', 'guess-j']) expect((await get(apps[0]!, other, `${g}-0000000000000000`)).statusCode).toBe(401);
    p.clock.advance(CLEAR_ADDRESS_MS + 1);
    expect((await get(apps[1]!, other, valid)).statusCode).toBe(429);
  });

  it('stores no caller key in clear, and the cleanup removes ended windows only', async () => {
    const rows = await p.store.db
      .selectFrom('rate_windows' as never)
      .select(['key_hash' as never])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows as Array<{ key_hash: string }>) expect(r.key_hash).toMatch(/^[\w-]{43}$/);
    const now = p.clock.now().getTime();
    await rateWindowsRepo.hit(p.store.db, 'ended', now - 120_000, 60_000);
    await rateWindowsRepo.hit(p.store.db, 'live', now, 60_000);
    expect(await rateWindowsRepo.removeEnded(p.store.db, now)).toBeGreaterThanOrEqual(1);
    expect(await rateWindowsRepo.current(p.store.db, 'ended', now)).toBeUndefined();
    expect(await rateWindowsRepo.current(p.store.db, 'live', now)).toEqual({ hits: 1, resetAt: now + 60_000 });
  });

  describe('batched request windows', () => {
    // A flush loop that never runs on its own in these tests: they flush when they mean to.
    const batched = () => createBatchedWindows({ db: p.store.db, now: () => p.clock.now().getTime(), flushMs: 3_600_000 });
    const shared = (key: string) => rateWindowsRepo.current(p.store.db, key, p.clock.now().getTime());

    it('writes a caller far below the limit only at the flush, with every hit counted once', async () => {
      const w = batched();
      const now = p.clock.now().getTime();
      // The first hit asks the database (no window known here yet); the next ones are counted here.
      for (let i = 1; i <= 10; i++) expect((await w.hit('far', now, 60_000, 100)).hits).toBe(i);
      expect((await shared('far'))?.hits).toBe(1);
      await w.flush(now);
      expect((await shared('far'))?.hits).toBe(10);
      await w.flush(now);
      expect((await shared('far'))?.hits).toBe(10);
      await w.close();
    });

    it('counts every hit in the database before answering once a process sees half the limit', async () => {
      const [a, b] = [batched(), batched()];
      const now = p.clock.now().getTime();
      const hit = (w: typeof a) => w.hit('near', now, 60_000, 10).then((r) => r.hits);
      // The first hit of each asks the database; the second is counted where it arrived.
      expect([await hit(a), await hit(b), await hit(a), await hit(b)]).toEqual([1, 2, 2, 3]);
      expect((await shared('near'))?.hits).toBe(2);
      await b.flush(now);
      expect((await shared('near'))?.hits).toBe(3);
      // a sees 1 known + its own: local up to 4, then at 5 (half of 10) it writes its 3 hits with this one.
      expect([await hit(a), await hit(a), await hit(a)]).toEqual([3, 4, 7]);
      expect((await shared('near'))?.hits).toBe(7);
      // b last knew 3 (its flush): one more below half, then it writes too; from then on both are exact.
      expect([await hit(b), await hit(a), await hit(b), await hit(a)]).toEqual([4, 8, 10, 11]);
      expect((await shared('near'))?.hits).toBe(11);
      await Promise.all([a.close(), b.close()]);
    });

    it('flushes the same callers from two processes at once, in any order, without a deadlock or a lost hit', async () => {
      const now = p.clock.now().getTime();
      const keys = Array.from({ length: 40 }, (_, i) => `many-${String(i).padStart(2, '0')}`);
      const procs = [batched(), batched()];
      for (const [n, w] of procs.entries()) {
        const order = n === 0 ? keys : [...keys].reverse();
        for (const k of order) for (let i = 0; i < 3; i++) await w.hit(k, now, 60_000, 1000);
      }
      for (let round = 0; round < 3; round++) {
        for (const [n, w] of procs.entries()) {
          const order = n === 0 ? keys : [...keys].reverse();
          for (const k of order) await w.hit(k, now, 60_000, 1000);
        }
        await Promise.all(procs.map((w) => w.flush(now)));
      }
      for (const k of keys) expect((await shared(k))?.hits, k).toBe(12);
      await Promise.all(procs.map((w) => w.close()));
    });

    it('starts a new window once the old one ended, dropping what was unflushed of the old', async () => {
      const w = batched();
      const now = p.clock.now().getTime();
      for (let i = 0; i < 3; i++) await w.hit('renew', now, 1_000, 100);
      expect((await w.hit('renew', now + 1_000, 1_000, 100)).hits).toBe(1);
      const again = await rateWindowsRepo.current(p.store.db, 'renew', now + 1_000);
      expect(again).toEqual({ hits: 1, resetAt: now + 2_000 });
      await w.close();
    });
  });
});
