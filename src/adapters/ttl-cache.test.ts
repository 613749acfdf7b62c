import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock.js';
import { createTtlCache } from './ttl-cache.js';

describe('createTtlCache', () => {
  const setup = (ttlMs = 300_000, maxEntries?: number) => {
    const clock = fixedClock(new Date('2026-06-15T03:00:00Z'));
    let calls = 0;
    const compute = (v: string) => async () => {
      calls += 1;
      return `${v}#${calls}`;
    };
    return { clock, cache: createTtlCache<string>({ ttlMs, clock, ...(maxEntries ? { maxEntries } : {}) }), compute, calls: () => calls };
  };

  it('keeps an answer for its time to live, then computes it again', async () => {
    const { clock, cache, compute, calls } = setup();
    expect(await cache.get('2026', compute('a'))).toBe('a#1');
    clock.advance(299_999);
    expect(await cache.get('2026', compute('a'))).toBe('a#1');
    clock.advance(1);
    expect(await cache.get('2026', compute('a'))).toBe('a#2');
    expect(calls()).toBe(2);
  });

  it('keeps keys apart', async () => {
    const { cache, compute } = setup();
    expect(await cache.get('2025', compute('x'))).toBe('x#1');
    expect(await cache.get('2026', compute('y'))).toBe('y#2');
    expect(await cache.get('2025', compute('x'))).toBe('x#1');
  });

  it('shares one computation among callers who ask at once', async () => {
    const { cache, compute, calls } = setup();
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('2026', compute('a'))));
    expect(new Set(answers)).toEqual(new Set(['a#1']));
    expect(calls()).toBe(1);
  });

  it('does not keep a failure', async () => {
    const { cache, compute } = setup();
    await expect(cache.get('2026', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await cache.get('2026', compute('a'))).toBe('a#1');
  });

  it('forgets the oldest key beyond its size, and everything on clear()', async () => {
    const { cache, compute, calls } = setup(300_000, 2);
    await cache.get('a', compute('a'));
    await cache.get('b', compute('b'));
    await cache.get('c', compute('c'));
    expect(await cache.get('b', compute('b'))).toBe('b#2');
    expect(await cache.get('a', compute('a'))).toBe('a#4');
    cache.clear();
    expect(await cache.get('c', compute('c'))).toBe('c#5');
    expect(calls()).toBe(5);
  });
});
