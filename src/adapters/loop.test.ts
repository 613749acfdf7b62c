import { describe, expect, it } from 'vitest';
import { startLoop } from './loop.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('background loops', () => {
  it('runs one pass at a time, logs a failing pass and keeps going, and stop waits for the running pass', async () => {
    let passes = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const failures: unknown[] = [];
    const loop = startLoop({
      name: 'test',
      everyMs: 5,
      log: ({ err }) => failures.push(err),
      run: async () => {
        passes += 1;
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await wait(12);
        concurrent -= 1;
        if (passes === 2) throw new Error('pass 2 broke');
      },
    });
    await wait(80);
    await loop.stop();
    const after = passes;
    await wait(30);
    expect(passes).toBe(after);
    expect(passes).toBeGreaterThanOrEqual(3);
    expect(maxConcurrent).toBe(1);
    expect(concurrent).toBe(0);
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toContain('pass 2 broke');
  });
});
