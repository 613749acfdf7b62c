// Timing and number formatting shared by the benchmark sections.
import { loadavg } from 'node:os';

export function startTimer(): () => number {
  const t0 = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - t0) / 1e9;
}

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const secs = (s: number): string => `${s.toFixed(2)} s`;
export const ratio = (n: number): string => n.toFixed(2);
export const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

/** A small deterministic PRNG so runs pick the same accounts. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
