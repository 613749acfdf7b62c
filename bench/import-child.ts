// One file import, measured in processes of its own (bench/imports.ts runs the phases): `setup`
// enrols people and writes a CSV of platelet donations by national ID (what agencies send);
// `import`, in a fresh process as a server's runner would be, uploads it and lets the runner credit
// every row (timed, RSS sampled); `baseline` inserts the very rows the import wrote into a fresh
// database of the same schema the raw way — prepared better-sqlite3 statements on SQLite, `COPY`
// on PostgreSQL. The timed phases print one JSON line.
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { fixedClock } from '../src/adapters/clock.js';
import { withThaiCheckDigit } from '../src/core/ids.js';
import { openPlatform } from '../src/platform.js';
import { limitHeapGrowth } from '../src/adapters/heap.js';
import { loadConfig } from '../src/config.js';
import { copyPosted, freshPostgresCopy, readPostedPg } from './raw-pg.js';
import { freshRawDatabase, insertPosted, openRawConnection, readPosted, rowsOf } from './raw.js';
import { ADMIN, AREA, INDICATOR, TRC_ISSUER, YEAR } from './setup.js';

const DEEDS_PER_PERSON = 14;
import { postmasterOf, startSystemSection } from './proc.js';
import { startSection, type Measured } from './timing.js';

export interface ImportChildResult {
  dialect: 'sqlite' | 'postgres';
  rows: number;
  people: number;
  importSeconds: number;
  importOtherCores: number | undefined;
  baselineSeconds: number;
  baselineOtherCores: number | undefined;
  /** attestations + credits + log entries the import wrote (the baseline writes the same). */
  tableRows: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `--cpu-prof-import`: a CPU profile of the import alone (setup and baseline left out), written to the working directory. */
async function startProfiler(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  return {
    stop() {
      clearInterval(t);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** Streams the CSV to disk (a million rows held as one string would distort the memory figure). */
async function writeCsv(file: string, ids: readonly string[], rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('ref,national_id,indicator,occurred_at,evidence_donationNo\n');
  for (let i = 0; i < rows; i++) {
    // Deed i: person i mod P, that person's k-th donation, 15 days apart (all credited).
    const p = i % ids.length;
    const k = Math.floor(i / ids.length);
    const day = new Date(Date.UTC(YEAR, 0, 1) + ((p % 15) + k * 15) * 86_400_000).toISOString().slice(0, 10);
    if (!out.write(`imp-${i},${ids[p]},${INDICATOR},${day}T09:00:00+07:00,IMP${i}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const open = (dir: string, databaseUrl: string | undefined) =>
  openPlatform({
    dataDir: dir,
    databaseUrl,
    clock: fixedClock(new Date(`${YEAR}-12-31T12:00:00Z`)),
    // Kept in the data directory (secrets.json), so the three phases open the same installation.
    sequencer: { autoStart: false },
    webhooks: { autoStart: false },
    imports: { autoStart: false, limitBytes: 1024 ** 3, sliceMs: 3_600_000 },
  });

/** Phase 1 (untimed): the people and the CSV file. */
async function setup(dir: string, databaseUrl: string | undefined, rows: number, people: number): Promise<void> {
  const p = await open(dir, databaseUrl);
  const ids: string[] = [];
  for (let i = 0; i < people; i++) {
    const nationalId = withThaiCheckDigit(`4${String(i).padStart(11, '0')}`);
    await p.services.enrolment.enrol(ADMIN, { kind: 'person', nationalId, displayName: `ผู้ทดสอบ ${i}`, areaCode: AREA, consents: ['enrolment', 'health'] });
    ids.push(nationalId);
  }
  await writeCsv(join(dir, 'deeds.csv'), ids, rows);
  await p.close();
}

/** Phase 2, in a fresh process as a server's runner would be: the import, timed, its RSS sampled. */
async function runImport(dir: string, databaseUrl: string | undefined, rows: number): Promise<Partial<ImportChildResult>> {
  // The heap setting `khwamdee serve` applies to its process (KHWAMDEE_HEAP_GROWTH_PERCENT, src/adapters/heap.ts).
  limitHeapGrowth(loadConfig(process.env).heapGrowthPercent);
  const p = await open(dir, databaseUrl);
  const file = join(dir, 'deeds.csv');
  (globalThis as { gc?: () => void }).gc?.();
  const profiler = process.argv.includes('--cpu-prof-import') ? await startProfiler() : undefined;
  const rssBefore = process.memoryUsage().rss;
  const memory = sampleRss();
  // On PostgreSQL the server's backends are part of what is measured, not other processes.
  const postmaster = databaseUrl ? await postmasterOf(databaseUrl) : undefined;
  const section = startSystemSection(() => (postmaster ? [postmaster] : []));
  const up = await p.services.imports.upload(TRC_ISSUER, { contentType: 'text/csv', fileName: 'deeds.csv', body: createReadStream(file) });
  await p.services.imports.runOnce();
  const imported = section();
  const peak = memory.stop();
  await profiler?.stop(join(process.cwd(), `import-${databaseUrl ? 'postgres' : 'sqlite'}.cpuprofile`));
  const view = await p.services.imports.get(TRC_ISSUER, up.id);
  if (view.status !== 'done' || view.credited !== rows) throw new Error(`import ended ${view.status} with ${view.credited} of ${rows} credited`);
  await p.close();
  rmSync(file, { force: true });
  return { importSeconds: imported.seconds, importOtherCores: imported.otherCores, rssBeforeMb: mb(rssBefore), peakRssMb: mb(peak) };
}

/** Phase 3: the same rows, written the raw way into an empty copy of the schema. */
async function runBaseline(dir: string, databaseUrl: string | undefined): Promise<Partial<ImportChildResult>> {
  if (databaseUrl) {
    const postmaster = await postmasterOf(databaseUrl);
    const posted = await readPostedPg(databaseUrl);
    const target = await freshPostgresCopy(databaseUrl);
    try {
      const s = startSystemSection(() => (postmaster ? [postmaster] : []));
      let measured: Measured | undefined;
      // Measured while the COPY's backend still lives, so that its CPU counts as the system's.
      await copyPosted(target.url, posted, () => {
        measured = s();
      });
      return { baselineSeconds: measured!.seconds, baselineOtherCores: measured!.otherCores, tableRows: rowsOf(posted) };
    } finally {
      await target.drop();
    }
  }
  const serviceDb = openRawConnection(join(dir, 'khwamdee.sqlite'), true);
  const posted = readPosted(serviceDb);
  serviceDb.close();
  const { raw } = await freshRawDatabase(dir);
  const s = startSection();
  // One transaction per 500 rows, as the import commits one per chunk of 500.
  insertPosted(raw, posted, 500);
  const m = s();
  raw.close();
  return { baselineSeconds: m.seconds, baselineOtherCores: m.otherCores, tableRows: rowsOf(posted) };
}

const mb = (n: number) => Math.round(n / 1024 / 1024);

async function main(): Promise<void> {
  const rows = Number(arg('rows') ?? 100_000);
  const databaseUrl = arg('database-url');
  const dir = arg('dir');
  const phase = arg('phase');
  if (!dir || !['setup', 'import', 'baseline'].includes(phase ?? ''))
    throw new Error('usage: import-child.ts --phase setup|import|baseline --dir DIR --rows N [--database-url URL]');
  // 70 points a platelet donation: 14 a year stay under the yearly ceiling of 1,000, so every row is credited in full.
  const people = Math.max(100, Math.ceil(rows / DEEDS_PER_PERSON));
  if (phase === 'setup') return setup(dir, databaseUrl, rows, people);
  const part = phase === 'import' ? await runImport(dir, databaseUrl, rows) : await runBaseline(dir, databaseUrl);
  console.log(JSON.stringify({ ...part, dialect: databaseUrl ? 'postgres' : 'sqlite', rows, people }));
}

await main();
