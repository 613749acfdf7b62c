// File import throughput on SQLite: a CSV of platelet donations by national ID (what agencies
// send), uploaded through the import service and processed by its runner, against the same number
// of deeds posted straight through attestations.submitMany (the batch API's path) in the same run.
// `npx tsx bench/imports.ts [--rows 100000] [--people 5000]`; memory is sampled while it runs.
import { createReadStream, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withThaiCheckDigit } from '../src/core/ids.js';
import { openPlatform, type Platform } from '../src/platform.js';
import { fixedClock } from '../src/adapters/clock.js';
import { generateSecrets } from '../src/adapters/secrets.js';
import { ADMIN, AREA, INDICATOR, MAX_DEEDS_PER_PERSON, tempDir, TRC_ISSUER, YEAR } from './setup.js';
import type { AttestationInput } from '../src/services/attestations.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const rows = arg('rows', 100_000);
const people = arg('people', Math.max(100, Math.ceil(rows / (MAX_DEEDS_PER_PERSON - 1))));
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;

async function open(dir: string): Promise<Platform> {
  return openPlatform({
    dataDir: dir,
    clock: fixedClock(new Date(`${YEAR}-12-31T12:00:00Z`)),
    secrets: generateSecrets(),
    sequencer: { autoStart: false },
    webhooks: { autoStart: false },
    imports: { autoStart: false, limitBytes: 1024 ** 3, sliceMs: 3_600_000 },
  });
}

async function enrol(p: Platform, series: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < people; i++) {
    const nationalId = withThaiCheckDigit(`${series}${String(i).padStart(11, '0')}`);
    await p.services.enrolment.enrol(ADMIN, { kind: 'person', nationalId, displayName: `ผู้ทดสอบ ${i}`, areaCode: AREA, consents: ['enrolment', 'health'] });
    ids.push(nationalId);
  }
  return ids;
}

/** Deed i: person i mod P, that person's k-th donation, 15 days apart (all credited). */
function deed(ids: readonly string[], i: number, prefix: string): AttestationInput {
  const p = i % ids.length;
  const k = Math.floor(i / ids.length);
  const day = new Date(Date.UTC(YEAR, 0, 1) + ((p % 15) + k * 15) * 86_400_000).toISOString().slice(0, 10);
  return { ref: `${prefix}-${i}`, subject: { nationalId: ids[p]! }, indicator: INDICATOR, occurredAt: `${day}T09:00:00+07:00`, evidence: { donationNo: `${prefix}${i}` } };
}

function sampleMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(t);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

async function main(): Promise<void> {
  const dirs: string[] = [];
  try {
    // Import through a file.
    const dir = tempDir('imports');
    dirs.push(dir);
    const p = await open(dir);
    const ids = await enrol(p, 4);
    const file = join(dir, 'bench.csv');
    const lines = ['ref,national_id,indicator,occurred_at,evidence_donationNo'];
    for (let i = 0; i < rows; i++) {
      const d = deed(ids, i, 'imp');
      lines.push(`${d.ref},${(d.subject as { nationalId: string }).nationalId},${d.indicator},${d.occurredAt},${d.evidence!.donationNo}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    lines.length = 0;
    console.log(`khwamdee import bench — node ${process.version}; ${rows.toLocaleString()} rows over ${people.toLocaleString()} people (setup untimed)`);

    const memory = sampleMemory();
    const before = process.memoryUsage().rss;
    let t = performance.now();
    const up = await p.services.imports.upload(TRC_ISSUER, { contentType: 'text/csv', fileName: 'bench.csv', body: createReadStream(file) });
    const uploadMs = performance.now() - t;
    t = performance.now();
    await p.services.imports.runOnce();
    const runMs = performance.now() - t;
    const peak = memory.stop();
    const view = await p.services.imports.get(TRC_ISSUER, up.id);
    if (view.status !== 'done' || view.credited !== rows) throw new Error(`import ended ${view.status} with ${view.credited} credited: ${JSON.stringify(view)}`);
    console.log(`upload (spool, UTF-8 + header check) ${mb(view.sizeBytes)} in ${(uploadMs / 1000).toFixed(2)} s`);
    console.log(`import: ${Math.round(rows / (runMs / 1000)).toLocaleString()} rows/s (${(runMs / 1000).toFixed(1)} s), all credited; RSS ${mb(before)} → peak ${mb(peak)}`);
    await p.close();

    // The same deeds straight through submitMany, 500 at a time.
    const dir2 = tempDir('imports-direct');
    dirs.push(dir2);
    const q = await open(dir2);
    const ids2 = await enrol(q, 4);
    t = performance.now();
    let credited = 0;
    for (let start = 0; start < rows; start += 500) {
      const batch = Array.from({ length: Math.min(500, rows - start) }, (_, j) => deed(ids2, start + j, 'dir'));
      for (const o of await q.services.attestations.submitMany(TRC_ISSUER, batch)) if (o.ok && o.result.status === 'credited') credited++;
    }
    const directMs = performance.now() - t;
    if (credited !== rows) throw new Error(`submitMany credited ${credited} of ${rows}`);
    console.log(
      `submitMany directly: ${Math.round(rows / (directMs / 1000)).toLocaleString()} rows/s (${(directMs / 1000).toFixed(1)} s) → the import runs at ${((directMs / runMs) * 100).toFixed(0)} % of it`,
    );
    await q.close();
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

await main();
