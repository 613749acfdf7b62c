// The file-import section of the bench: a CSV of N attestations imported on SQLite and on
// PostgreSQL, each in a child process of its own (bench/import-child.ts: its peak RSS is the
// import's), against the raw write of the same rows in the same run — prepared inserts on SQLite,
// COPY on PostgreSQL. Standalone: `npx tsx bench/imports.ts [--rows 1000000] [--no-postgres]`.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDatabase, startPostgres } from '../test/support/postgres.js';
import type { ImportChildResult } from './import-child.js';
import { tempDir } from './setup.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./import-child.ts', import.meta.url));

/** Import ≥ this share of the raw write of the same rows (issue 9). */
export const IMPORT_TARGET = 0.5;
export const IMPORT_RSS_TARGET_MB = 300;

/** One phase of the import child in a process of its own; its last line of output is JSON. */
async function phase(name: 'setup' | 'import' | 'baseline', dir: string, rows: number, databaseUrl?: string): Promise<Partial<ImportChildResult>> {
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    CHILD,
    '--phase',
    name,
    '--dir',
    dir,
    '--rows',
    String(rows),
    ...(databaseUrl ? ['--database-url', databaseUrl] : []),
    ...(process.argv.includes('--cpu-prof-import') ? ['--cpu-prof-import'] : []),
  ];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024, timeout: 60 * 60_000 });
  const last = stdout.trim().split('\n').at(-1);
  return name === 'setup' || !last ? {} : (JSON.parse(last) as Partial<ImportChildResult>);
}

/** Setup, import and baseline each in a fresh process: the import's RSS is what a runner would use, not the setup's leftovers. */
async function child(rows: number, databaseUrl?: string): Promise<ImportChildResult> {
  const dir = tempDir('import');
  try {
    await phase('setup', dir, rows, databaseUrl);
    const imported = await phase('import', dir, rows, databaseUrl);
    const baseline = await phase('baseline', dir, rows, databaseUrl);
    return { ...imported, ...baseline } as ImportChildResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchImports(opts: { rows: number; postgres: boolean }): Promise<ImportChildResult[]> {
  const results = [await child(opts.rows)];
  if (opts.postgres) {
    const server = await startPostgres();
    try {
      results.push(await child(opts.rows, await createDatabase(server.url, 'bench_import')));
    } finally {
      await server.stop();
    }
  }
  return results;
}

const f = (n: number) => Math.round(n).toLocaleString('en-US');

export function describeImport(r: ImportChildResult): string[] {
  const importRate = r.rows / r.importSeconds;
  const rawRate = r.rows / r.baselineSeconds;
  const ratio = importRate / rawRate;
  const baseline = r.dialect === 'postgres' ? 'COPY' : 'raw insert';
  const others = (n: number | undefined) => (n === undefined ? '' : `, others ${n.toFixed(2)} cores`);
  return [
    `import ${r.dialect}: ${f(r.rows)} CSV rows (${f(r.people)} people) in ${r.importSeconds.toFixed(1)} s = ${f(importRate)} rows/s${others(r.importOtherCores)}; ${baseline} of the same ${f(r.tableRows)} rows in ${r.baselineSeconds.toFixed(1)} s = ${f(rawRate)} attestations/s${others(r.baselineOtherCores)}`,
    `  ratio ${ratio.toFixed(2)} (target ≥ ${IMPORT_TARGET}) ${ratio >= IMPORT_TARGET ? 'MET' : 'NOT MET'}; RSS ${r.rssBeforeMb} MB before → peak ${r.peakRssMb} MB (target ≤ ${IMPORT_RSS_TARGET_MB}) ${r.peakRssMb <= IMPORT_RSS_TARGET_MB ? 'MET' : 'NOT MET'}`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--rows');
  const rows = i >= 0 ? Number(process.argv[i + 1]) : 1_000_000;
  for (const r of await benchImports({ rows, postgres: !process.argv.includes('--no-postgres') })) for (const line of describeImport(r)) console.log(line);
}
