// CPU of whole process trees (Linux /proc), for sections whose system under test runs in other
// processes — an HTTP server child, PostgreSQL's postmaster and backends: the disturbance measure of
// timing.ts counts every process but the bench's own as "others", which would blame the server itself.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import pg from 'pg';
import { startSection, type Measured } from './timing.js';

/** Kernel clock ticks per second (USER_HZ): 100 on every Linux architecture Node supports. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in ticks. */
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return undefined;
  }
}

function allStats(): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const out: ProcStat[] = [];
  for (const n of names) {
    if (!/^\d+$/.test(n)) continue;
    const s = readStat(Number(n));
    if (s) out.push(s);
  }
  return out;
}

/** CPU seconds used so far by the given processes and all their living descendants. */
export function treeCpuSeconds(roots: readonly number[]): number {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  let ticks = 0;
  const seen = new Set<number>();
  const stack = roots.map((pid) => byPid.get(pid)).filter((s): s is ProcStat => s !== undefined);
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s.pid)) continue;
    seen.add(s.pid);
    ticks += s.ticks;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

/** The process whose command line names `needle` (PostgreSQL's postmaster: `postgres -D <data directory>`). */
export function findProcess(needle: string): number | undefined {
  for (const n of readdirSync('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    try {
      const cmd = readFileSync(`/proc/${n}/cmdline`, 'utf8').split('\0');
      if (cmd.includes(needle) && /postgres$/.test(cmd[0] ?? '')) return Number(n);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** The postmaster of the PostgreSQL server at `url` (its backends are its children). */
export async function postmasterOf(url: string): Promise<number | undefined> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const dir = (await c.query<{ data_directory: string }>('show data_directory')).rows[0]?.data_directory;
    return dir ? findProcess(dir) : undefined;
  } finally {
    await c.end();
  }
}

export interface SystemMeasured extends Measured {
  /** Cores the system under test (the given process trees) kept busy. */
  systemCores: number;
}

/** startSection() for a system under test in other processes: their CPU is theirs, not "others'". */
export function startSystemSection(roots: () => readonly number[]): () => SystemMeasured {
  const section = startSection();
  const before = treeCpuSeconds(roots());
  return () => {
    const m = section();
    const systemCores = Math.max(0, (treeCpuSeconds(roots()) - before) / m.seconds);
    const otherCores = m.otherCores === undefined ? undefined : Math.min(cpus().length, Math.max(0, m.otherCores - systemCores));
    return { ...m, otherCores, systemCores };
  };
}
