// Score reads over HTTP (issue 9): the real server process (`khwamdee serve`, default log level and
// rate limit) on SQLite and on PostgreSQL, each person reading their own score with their own token
// (hashed, looked up, rate-limited, validated and serialised like any request), against a hello-world
// route of the same Fastify in a process of its own, same connections and duration, after a warm-up.
// Then, on the same servers, the mixed run (bench/http-mixed.ts). Standalone:
// `npx tsx bench/http-reads.ts [--seconds 10] [--no-postgres] [--profile]` (--profile: each server
// under node --cpu-prof, and its profile summed up by function).
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, startPostgres } from '../test/support/postgres.js';
import { check } from './check.js';
import { analyseProfile, formatProfile } from './cpu-profile.js';
import { bangkokDay } from '../src/core/calendar.js';
import { fillHttpFixture, slotsThisYear, type HttpFixture } from './http-fill.js';
import { runLoad, statusText, type LoadResult } from './http-load.js';
import { benchMixed, describeMixed, type MixedResult } from './http-mixed.js';
import { startHelloServer, startKhwamdeeServer, type ServerProcess } from './http-servers.js';
import { postmasterOf } from './proc.js';
import { tempDir } from './setup.js';
import { int } from './timing.js';

/** Score reads/s of the platform ≥ this share of hello world's; p99 at most this (issue 9). */
export const HTTP_RATIO_TARGET = 0.4;
export const HTTP_P99_TARGET_MS = 10;
const CONNECTIONS = 16;

export interface HttpOptions {
  seconds: number;
  warmSeconds: number;
  postgres: boolean;
  readers: number;
  /** The mixed run: its length (0 skips it), attestation batches per second and items per batch. */
  mixedSeconds: number;
  mixedBatchRate: number;
  mixedBatch: number;
  /** Run each platform server under --cpu-prof and print where its time went. */
  profile?: boolean;
}

export const HTTP_DEFAULTS: HttpOptions = { seconds: 10, warmSeconds: 3, postgres: true, readers: 1000, mixedSeconds: 15, mixedBatchRate: 10, mixedBatch: 50 };

export interface ReadRun {
  dialect: 'sqlite' | 'postgres';
  reads: LoadResult;
  mixed: MixedResult | undefined;
  profile: string[] | undefined;
}

export interface HttpBench {
  hello: LoadResult;
  runs: ReadRun[];
}

/** Each request a different reader (round robin), their own account, their own token. */
function scoreRequests(f: HttpFixture) {
  let i = 0;
  return () => {
    const r = f.readers[i++ % f.readers.length]!;
    return { method: 'GET' as const, path: `/api/v1/accounts/${r.id}/score?year=${f.year}`, headers: { authorization: `Bearer ${r.token}` } };
  };
}

async function warmAndMeasure(server: ServerProcess, f: HttpFixture, opts: HttpOptions, system: () => number[]): Promise<LoadResult> {
  const base = { url: server.url, connections: CONNECTIONS, system };
  await runLoad({ ...base, seconds: opts.warmSeconds, next: scoreRequests(f) });
  return runLoad({ ...base, seconds: opts.seconds, next: scoreRequests(f) });
}

async function runDialect(dirs: string[], dialect: 'sqlite' | 'postgres', opts: HttpOptions, databaseUrl?: string, postmaster?: number): Promise<ReadRun> {
  const dir = tempDir(`http-${dialect}`);
  dirs.push(dir);
  const dataDir = join(dir, 'data');
  // autocannon prepares requests ahead and overshoots a rate a little: room for half as much again.
  const mixedItems = Math.ceil(opts.mixedBatchRate * opts.mixedBatch * (opts.mixedSeconds + opts.warmSeconds) * 1.5) + 20 * opts.mixedBatch;
  const slots = Math.max(1, slotsThisYear(bangkokDay(new Date())));
  const fixture = await fillHttpFixture({ dataDir, databaseUrl, readers: opts.readers, writers: opts.mixedSeconds > 0 ? Math.ceil(mixedItems / slots) : 0 });
  check(
    fixture.writers.length * fixture.writerSlots >= mixedItems || opts.mixedSeconds === 0,
    `http fixture: ${fixture.writers.length} writers × ${fixture.writerSlots} slots < ${mixedItems} deeds`,
  );
  const profDir = opts.profile ? join(dir, 'prof') : undefined;
  if (profDir) mkdirSync(profDir);
  const server = await startKhwamdeeServer({ dataDir, databaseUrl, logFile: join(dir, 'server.log'), cpuProfDir: profDir });
  const system = () => [server.pid, ...(postmaster ? [postmaster] : [])];
  let reads: LoadResult;
  let mixed: MixedResult | undefined;
  try {
    // One read through fetch first: the answer is the reader's score, with points.
    const r0 = fixture.readers[0]!;
    const res = await fetch(`${server.url}/api/v1/accounts/${r0.id}/score?year=${fixture.year}`, { headers: { authorization: `Bearer ${r0.token}` } });
    const body = (await res.json()) as { points?: number };
    check(res.status === 200 && (body.points ?? 0) > 0, `score read: ${res.status} ${JSON.stringify(body)}`);
    reads = await warmAndMeasure(server, fixture, opts, system);
    // A profile is of the reads alone.
    if (opts.mixedSeconds > 0 && !opts.profile)
      mixed = await benchMixed({ url: server.url, fixture, dialect, opts, system, next: scoreRequests(fixture), connections: CONNECTIONS });
  } finally {
    const code = await server.stop();
    check(code === 0, `khwamdee server (${dialect}) exited with ${code}; log in ${server.logFile}`);
  }
  let profile: string[] | undefined;
  if (profDir) {
    // One profile per thread (tsx runs a loader thread): the main thread's is the largest.
    const file = readdirSync(profDir)
      .filter((n) => n.endsWith('.cpuprofile'))
      .sort((a, b) => statSync(join(profDir, b)).size - statSync(join(profDir, a)).size)[0];
    check(file !== undefined, `no CPU profile written to ${profDir}`);
    profile = formatProfile(analyseProfile(join(profDir, file!)), 25);
    // Kept past the run's temporary directory, for a closer look (bench/cpu-profile.ts FILE 80).
    const kept = join(tmpdir(), `khwamdee-http-${dialect}.cpuprofile`);
    copyFileSync(join(profDir, file!), kept);
    profile.push(`profile kept in ${kept}`);
  }
  return { dialect, reads, mixed, profile };
}

export async function benchHttp(dirs: string[], opts: HttpOptions): Promise<HttpBench> {
  const helloDir = tempDir('http-hello');
  dirs.push(helloDir);
  const hello = await startHelloServer(join(helloDir, 'hello.log'));
  let helloResult: LoadResult;
  try {
    // The very requests of the score reads (path and token), to a route that answers at once.
    const f: HttpFixture = { year: 2026, readers: [{ id: '01900000-0000-7000-8000-000000000000', token: `kdp_${'x'.repeat(43)}` }], writers: [], writerSlots: 0, agencyToken: '' };
    helloResult = await warmAndMeasure(hello, f, opts, () => [hello.pid]);
  } finally {
    await hello.stop();
  }
  const runs = [await runDialect(dirs, 'sqlite', opts)];
  if (opts.postgres) {
    const server = await startPostgres();
    try {
      const url = await createDatabase(server.url, 'bench_http');
      runs.push(await runDialect(dirs, 'postgres', opts, url, await postmasterOf(server.url)));
    } finally {
      await server.stop();
    }
  }
  return { hello: helloResult, runs };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const others = (r: LoadResult) => (r.section.otherCores === undefined ? '' : `; server ${r.section.systemCores.toFixed(2)} cores, others ${r.section.otherCores.toFixed(2)} cores`);

export function describeLoad(label: string, r: LoadResult): string {
  return `${label}: ${int(r.requests)} answers in ${r.section.seconds.toFixed(1)} s = ${int(r.rps)}/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, max ${ms(r.max)} (${statusText(r.status)}${r.errors ? `; ${r.errors} connection errors` : ''})${others(r)}`;
}

/** The detail lines and the summary lines of the section. */
export function describeHttp(b: HttpBench): { detail: string[]; summary: string[] } {
  const detail = [describeLoad(`http hello world (${CONNECTIONS} connections)`, b.hello)];
  const summary: string[] = [];
  for (const run of b.runs) {
    const r = run.reads;
    const ratio = r.rps / b.hello.rps;
    const ok2xx = r.status[200] ?? 0;
    detail.push(describeLoad(`http score reads ${run.dialect} (${CONNECTIONS} connections, own token each)`, r));
    if (run.profile) detail.push(`cpu profile of the ${run.dialect} server (whole run):`, ...run.profile.map((l) => `  ${l}`));
    const clean = ok2xx === r.requests && r.errors === 0;
    summary.push(
      `http reads ${run.dialect.padEnd(8)} ${int(r.rps)}/s vs hello ${int(b.hello.rps)}/s ratio ${ratio.toFixed(2)} (target ≥ ${HTTP_RATIO_TARGET}) ${ratio >= HTTP_RATIO_TARGET ? 'MET' : 'NOT MET'}; p99 ${ms(r.p99)} (target ≤ ${HTTP_P99_TARGET_MS} ms) ${r.p99 <= HTTP_P99_TARGET_MS ? 'MET' : 'NOT MET'}${clean ? '' : `; NOT all 200: ${statusText(r.status)}`}${others(r)}`,
    );
    if (run.mixed) {
      const m = describeMixed(run.mixed);
      detail.push(...m.detail);
      summary.push(...m.summary);
    }
  }
  return { detail, summary };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const opts: HttpOptions = {
    ...HTTP_DEFAULTS,
    seconds: arg('seconds', HTTP_DEFAULTS.seconds),
    readers: arg('readers', HTTP_DEFAULTS.readers),
    mixedSeconds: arg('mixed-seconds', HTTP_DEFAULTS.mixedSeconds),
    postgres: !process.argv.includes('--no-postgres'),
    profile: process.argv.includes('--profile'),
  };
  const dirs: string[] = [];
  try {
    const b = await benchHttp(dirs, opts);
    const { detail, summary } = describeHttp(b);
    for (const l of [...detail, '', ...summary]) console.log(l);
  } finally {
    if (!process.argv.includes('--keep')) for (const d of dirs) rmSync(d, { recursive: true, force: true });
    else console.log(`kept: ${dirs.join(' ')}`);
  }
}
