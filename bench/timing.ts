// Timing and number formatting shared by the benchmark sections.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

export function startTimer(): () => number {
  const t0 = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Busy and total CPU ticks of the whole machine (Linux /proc/stat), or undefined elsewhere. */
function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return undefined;
  }
}

export interface Measured {
  seconds: number;
  /** CPU cores other processes kept busy meanwhile (machine busy − this process), if known. */
  otherCores: number | undefined;
}

/** A timed section that also notices when other processes competed for the machine. */
export function startSection(): () => Measured {
  const ticks0 = machineTicks();
  const cpu0 = process.cpuUsage();
  const elapsed = startTimer();
  return () => {
    const seconds = elapsed();
    const cpu = process.cpuUsage(cpu0);
    const ticks1 = machineTicks();
    let otherCores: number | undefined;
    if (ticks0 && ticks1 && ticks1.total > ticks0.total) {
      const machineCores = ((ticks1.busy - ticks0.busy) / (ticks1.total - ticks0.total)) * cpus().length;
      otherCores = Math.max(0, machineCores - (cpu.user + cpu.system) / 1e6 / seconds);
    }
    return { seconds, otherCores };
  };
}

export const others = (m: Measured): string => (m.otherCores === undefined ? '' : `others ${m.otherCores.toFixed(2)} cores`);

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const secs = (s: number): string => `${s.toFixed(2)} s`;
export const ratio = (n: number): string => n.toFixed(2);
export const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

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
