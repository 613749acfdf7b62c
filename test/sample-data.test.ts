// The demo's sample data gives the public dashboard something true to show: provinces with figures
// and one with fewer people than the minimum, withheld together with a complement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleData } from '../src/services/sample-data.js';
import { DB_KINDS, openTestPlatform, type TestPlatform } from './support/platforms.js';

interface Cell {
  people: number | null;
  suppressed: boolean;
}

describe.each(DB_KINDS)('sample data for the demo (%s)', (kind) => {
  let p: TestPlatform;
  const now = new Date('2026-11-20T03:00:00Z');
  beforeAll(async () => {
    p = await openTestPlatform(kind, now, { sequencer: { autoStart: false }, webhooks: { autoStart: false } });
  });
  afterAll(async () => p?.cleanup());

  it('fills the public statistics with figures and withholds the small province', async () => {
    const result = await loadSampleData(p.services, 2026, now);
    expect(result.people).toHaveLength(3);
    // The statistics count what was recorded before today: tomorrow the sample is counted.
    p.clock.advance(24 * 3600_000);
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/stats?year=2026' });
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json<{ national: Cell; provinces: Array<Cell & { code: string }> }>();
    const province = (code: string) => stats.provinces.find((x) => x.code === code)!;
    expect(stats.national).toMatchObject({ people: 44, suppressed: false });
    expect(province('50')).toMatchObject({ people: 16, suppressed: false });
    expect(province('38')).toMatchObject({ people: null, suppressed: true });
    // Kanchanaburi and Bangkok have 12 each: one is published, the other withheld as the complement.
    expect([province('71'), province('10')].map((c) => c.suppressed).sort()).toEqual([false, true]);
    expect(stats.provinces.filter((c) => c.suppressed)).toHaveLength(2);
    for (const c of stats.provinces) if (!c.suppressed) expect(c.people === 0 || c.people! >= 10, c.code).toBe(true);
  });
});
