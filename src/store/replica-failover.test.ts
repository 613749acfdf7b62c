import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { replicaWithFallback } from './replica-failover.js';

/** A pool that hands out named clients, or fails while `down` is set. */
function pool(name: string) {
  const p = {
    down: false,
    connects: 0,
    ended: false,
    async connect() {
      p.connects++;
      if (p.down) throw new Error(`${name} refused`);
      return { name } as unknown as pg.PoolClient;
    },
    async end() {
      p.ended = true;
    },
  };
  return p;
}
const nameOf = (c: pg.PoolClient) => (c as unknown as { name: string }).name;

describe('replicaWithFallback', () => {
  it('reads the replica while it answers, the primary while it is down, and tries it again after retryMs', async () => {
    const replica = pool('replica');
    const primary = pool('primary');
    let t = 0;
    const told: unknown[] = [];
    const p = replicaWithFallback(replica as unknown as pg.Pool, primary as unknown as pg.Pool, { retryMs: 1000, now: () => t, onFallback: (e) => told.push(e) });
    expect(nameOf(await p.connect())).toBe('replica');
    replica.down = true;
    expect(nameOf(await p.connect())).toBe('primary');
    // Within retryMs the replica is not asked again, and the outage is told once.
    t = 999;
    expect(nameOf(await p.connect())).toBe('primary');
    expect(replica.connects).toBe(2);
    expect(told).toHaveLength(1);
    // Still down when tried again: the primary answers, nothing told twice.
    t = 1000;
    expect(nameOf(await p.connect())).toBe('primary');
    expect(replica.connects).toBe(3);
    expect(told).toHaveLength(1);
    // Back: the replica again, and a later outage is told again.
    replica.down = false;
    t = 2000;
    expect(nameOf(await p.connect())).toBe('replica');
    replica.down = true;
    expect(nameOf(await p.connect())).toBe('primary');
    expect(told).toHaveLength(2);
  });

  it('ends only the replica’s pool (the primary belongs to the primary Kysely)', async () => {
    const replica = pool('replica');
    const primary = pool('primary');
    await replicaWithFallback(replica as unknown as pg.Pool, primary as unknown as pg.Pool).end();
    expect([replica.ended, primary.ended]).toEqual([true, false]);
  });
});
