// Khwamdee throughput benchmark: the service layer against raw better-sqlite3 on the same machine,
// in the same run. `npm run bench` (full size) or `npm run bench -- --attestations 2000 --people 500`.
// Then the log (integration against plain leaf hashing, inclusion proofs), acceptance → checkpoint
// latency at fractions of capacity with the sequencer running, redemptions under contention, and
// score reads and a mixed load over HTTP against the real server process (`--help` lists the flags).
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from './args.js';
import { BenchFailure, check } from './check.js';
import { describeReasons, submitAll } from './ingest.js';
import { benchHttp, describeHttp, type HttpBench } from './http-reads.js';
import { benchSaturation, describeSaturation, type SaturationBench } from './latency.js';
import { benchImports, describeImport } from './imports.js';
import type { ImportChildResult } from './import-child.js';
import { benchInclusion, benchIntegration, postPendingEntries, type InclusionBench, type LogIntegration } from './log.js';
import { installStatementCounter } from './querycount.js';
import { countRows, freshRawDatabase, insertAttestationsOnly, insertPosted, openRawConnection, readPosted, rowsOf } from './raw.js';
import { benchRedemptions, type RedemptionBench } from './redemptions.js';
import { loadPersonAccounts, rawLookups, serviceLookups } from './scores.js';
import { enrolPeople, openBenchPlatform, plateletDeeds, tempDir, TRC_ISSUER, YEAR } from './setup.js';
import { int, load, mulberry32, others, ratio, secs, startSection, startTimer, type Measured } from './timing.js';

const TARGET = 0.3;
/** Leaves per second integrated into the log with checkpoints signed, on the 2-core reference machine. */
const LOG_TARGET = 20_000;
/** Other processes using more than this many cores during a section make its figure suspect. */
const DISTURBED_CORES = 0.25;

async function main(dirs: string[]): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const gc = (globalThis as { gc?: () => void }).gc;
  const settle = () => gc?.();

  console.log(`khwamdee bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${load()}`);
  console.log(
    `attestations ${int(opts.attestations)}, people ${int(opts.people)}, batch ${int(opts.batch)}, warm-up ${int(opts.warmup)}, lookups ${int(opts.lookups)}, log sequencer ${opts.sequencer ? 'running' : 'off'}${gc ? ', gc between sections' : ''}`,
  );
  console.log(
    `log sections ${opts.log ? `on (proofs ${int(opts.proofs)})` : 'off'}, saturation ${opts.saturation ? `80 % and 120 % of capacity for ${opts.latencySeconds} s each` : 'off'}, http ${opts.http ? `${opts.httpSeconds} s reads, ${opts.mixedSeconds} s mixed` : 'off'}${opts.postgres ? '' : ' (SQLite only)'}, redemptions ${opts.redemptions ? `${int(opts.redeemers)} people × ${opts.redeemConcurrency} concurrent × ${opts.redeemWaves} waves` : 'off'}`,
  );

  // ── 1. Ingest through the service layer ───────────────────────────────────────────────────────
  const serviceDir = tempDir('service');
  dirs.push(serviceDir);
  const platform = await openBenchPlatform(serviceDir, { sequencer: opts.sequencer });
  const serviceRead = openRawConnection(join(serviceDir, 'khwamdee.sqlite'), true);
  try {
    const enrolTime = startTimer();
    const people = await enrolPeople(platform, opts.people, 1);
    const warmPeople = await enrolPeople(platform, Math.max(1, Math.ceil(opts.warmup / 5)), 2);
    console.log(`\nenrolled ${int(people.length + warmPeople.length)} people in ${secs(enrolTime())} (untimed setup)`);

    const warmInputs = plateletDeeds(warmPeople, opts.warmup, 'warm');
    const inputs = plateletDeeds(people, opts.attestations, 'bench');
    const warmTally = await submitAll(platform, TRC_ISSUER, warmInputs, opts.batch);
    check(warmTally.credited === opts.warmup, `warm-up credited ${warmTally.credited} of ${opts.warmup}: ${describeReasons(warmTally)}`);

    settle();
    let section = startSection();
    const tally = await submitAll(platform, TRC_ISSUER, inputs, opts.batch);
    const service = section();

    console.log(
      `service ingest: ${int(opts.attestations)} attestations in ${secs(service.seconds)} — credited ${int(tally.credited)}, rejected ${int(tally.rejected)}, pending ${int(tally.pending)}, replayed ${int(tally.replayed)} (reasons: ${describeReasons(tally)}); ${others(service)}`,
    );
    if (opts.sequencer) {
      const catchUp = startTimer();
      const size = await platform.sequencer.catchUp();
      console.log(`log sequencer: caught up to tree size ${int(size)} ${secs(catchUp())} after the timed ingest`);
    }
    const serviceRows = countRows(serviceRead);
    const expectedCredits = warmTally.credited + tally.credited;
    console.log(
      `  rows in the service database (incl. warm-up): attestations ${int(serviceRows.attestations)}, credits ${int(serviceRows.credits)}, log_entries ${int(serviceRows.log_entries)}`,
    );
    check(serviceRows.attestations === opts.warmup + opts.attestations, `expected ${opts.warmup + opts.attestations} attestations, found ${serviceRows.attestations}`);
    check(
      serviceRows.credits === expectedCredits && serviceRows.log_entries === expectedCredits,
      `expected ${expectedCredits} credits and log entries, found ${serviceRows.credits} and ${serviceRows.log_entries}`,
    );
    check(tally.credited >= opts.attestations * 0.99, `only ${tally.credited} of ${opts.attestations} attestations were credited`);

    // ── 2. Raw baseline: the same rows, prepared INSERTs, same batch size and pragmas ─────────────
    const posted = readPosted(serviceRead);
    const warmPosted = posted.slice(0, opts.warmup);
    const timedPosted = posted.slice(opts.warmup);
    const timedRows = rowsOf(timedPosted);

    const rawDir = tempDir('raw');
    dirs.push(rawDir);
    const { raw } = await freshRawDatabase(rawDir);
    insertPosted(raw, warmPosted, opts.batch); // warm-up: statements prepared, pages cached
    settle();
    section = startSection();
    insertPosted(raw, timedPosted, opts.batch);
    const rawIngest = section();
    const rawRows = countRows(raw);
    raw.close();
    check(
      rawRows.attestations === serviceRows.attestations && rawRows.credits === serviceRows.credits && rawRows.log_entries === serviceRows.log_entries,
      `raw baseline row counts differ from the service's: ${JSON.stringify(rawRows)}`,
    );
    console.log(`raw ingest: ${int(timedPosted.length)} attestations (${int(timedRows)} rows) in ${secs(rawIngest.seconds)}; ${others(rawIngest)}`);

    const singleDir = tempDir('single');
    dirs.push(singleDir);
    const single = (await freshRawDatabase(singleDir)).raw;
    insertAttestationsOnly(single, warmPosted, opts.batch);
    settle();
    section = startSection();
    insertAttestationsOnly(single, timedPosted, opts.batch);
    const singleTable = section();
    single.close();
    console.log(`raw single-table insert: ${int(timedPosted.length)} attestation rows in ${secs(singleTable.seconds)}; ${others(singleTable)}`);

    // ── 3. Score lookups ─────────────────────────────────────────────────────────────────────────
    const accounts = await loadPersonAccounts(platform);
    const rand = mulberry32(2026);
    const pick = (n: number) => Uint32Array.from({ length: n }, () => Math.floor(rand() * accounts.length));
    const warmPicks = pick(Math.min(2_000, opts.lookups));
    const picks = pick(opts.lookups);

    await serviceLookups(platform, accounts, warmPicks, YEAR);
    settle();
    section = startSection();
    const serviceSum = await serviceLookups(platform, accounts, picks, YEAR);
    const serviceLookup = section();

    rawLookups(serviceRead, accounts, warmPicks, YEAR);
    settle();
    section = startSection();
    const rawSum = rawLookups(serviceRead, accounts, picks, YEAR);
    const rawLookup = section();
    check(serviceSum === rawSum, `score sums differ: service ${serviceSum}, raw ${rawSum}`);
    check(opts.lookups === 0 || serviceSum > 0, 'score lookups found no points');
    console.log(
      `score lookups: ${int(opts.lookups)} over ${int(accounts.length)} accounts, ${int(serviceSum)} points in total (service and raw agree); service ${others(serviceLookup)}, raw ${others(rawLookup)}`,
    );

    // ── 4. Log integration: the pending entries into the Merkle tree, checkpoints signed ─────────────
    const extra: Record<string, Measured> = {};
    let integ: LogIntegration | undefined;
    let inclusion: InclusionBench | undefined;
    if (opts.log) {
      // The ingest left its entries pending unless the sequencer ran; then a fresh platform gets some.
      let logPlatform = platform;
      let logDir = serviceDir;
      let logRead = serviceRead;
      if (opts.sequencer) {
        logDir = tempDir('log');
        dirs.push(logDir);
        logPlatform = await openBenchPlatform(logDir, { sequencer: false });
        await postPendingEntries(logPlatform, opts.attestations, opts.warmup, opts.batch);
        logRead = openRawConnection(join(logDir, 'khwamdee.sqlite'), true);
      }
      try {
        integ = await benchIntegration(logPlatform, logDir, logRead, opts.warmup, settle);
        extra['log integration'] = integ.service;
        extra['raw leaf hashing'] = integ.raw;
        console.log(
          `\nlog integration: ${int(integ.leaves)} leaves in ${integ.batches} integrateOnce() batch${integ.batches === 1 ? '' : 'es'} (${int(integ.warm)} more integrated first, untimed) in ${secs(integ.service.seconds)}; tree size ${int(integ.size)}, indices 0..${int(integ.size - 1)} distinct, signed checkpoint and root verified; ${others(integ.service)}`,
        );
        console.log(`raw leaf hashing: ${int(integ.leaves)} leafHash() of the same leaf texts × ${integ.rawPasses} passes in ${secs(integ.raw.seconds)}; ${others(integ.raw)}`);

        // ── 5. Inclusion proofs against the latest checkpoint ──────────────────────────────────────
        if (opts.proofs > 0) {
          inclusion = await benchInclusion(logPlatform, integ, opts.proofs, opts.proofGroup, settle);
          extra.inclusion = inclusion.single;
          extra.inclusionMany = inclusion.many;
          console.log(
            `inclusion proofs: ${int(inclusion.proofs)} inclusion() in ${secs(inclusion.single.seconds)}, ${int(inclusion.proofs)} through inclusionMany() in groups of ${inclusion.group} in ${secs(inclusion.many.seconds)}; ${int(inclusion.verified)} verified against the checkpoint root; single ${others(inclusion.single)}, many ${others(inclusion.many)}`,
          );
        }
      } finally {
        if (logPlatform !== platform) {
          logRead.close();
          await logPlatform.close();
        }
      }
    }

    // ── 6. Saturation: capacity, then checkpoint latency at 80 % and 120 % of it (fresh platforms) ──
    let saturation: SaturationBench[] = [];
    if (opts.saturation) {
      saturation = await benchSaturation(dirs, {
        seconds: opts.latencySeconds,
        capacitySeconds: opts.capacitySeconds,
        batch: opts.latencyBatch,
        fractions: [0.8, 1.2],
        postgres: opts.postgres,
      });
      for (const b of saturation) {
        console.log(describeSaturation(b).detail.join('\n'));
        extra[`${b.dialect} capacity`] = b.capacitySection;
        for (const r of b.runs) extra[`${b.dialect} ${Math.round(r.fraction * 100)} %`] = r.section;
      }
    }

    // ── 7. Redemptions under contention (on the ingest platform) ───────────────────────────────────
    let redemption: RedemptionBench | undefined;
    if (opts.redemptions) {
      redemption = await benchRedemptions(
        platform,
        serviceRead,
        { people: opts.redeemers, concurrency: opts.redeemConcurrency, waves: opts.redeemWaves, batch: opts.batch, series: [4, 5] },
        settle,
      );
      extra.redemptions = redemption.section;
      console.log(
        `\nredemptions: ${int(opts.redeemers)} people × ${opts.redeemConcurrency} concurrent redeem() × ${opts.redeemWaves} wave${opts.redeemWaves === 1 ? '' : 's'} = ${int(redemption.attempts)} attempts in ${secs(redemption.section.seconds)} — redeemed ${int(redemption.redeemed)}, insufficient_balance ${int(redemption.refused)}; every balance ≥ 0, each person redeemed exactly ⌊balance / ${redemption.cost}⌋, debits = ${int(redemption.redeemed)} × ${redemption.cost}; ${others(redemption.section)}`,
      );
    }

    // ── 7b. Score reads and the mixed run over HTTP, server processes (fresh installations) ─────────
    let http: HttpBench | undefined;
    if (opts.http) {
      http = await benchHttp(dirs, {
        seconds: opts.httpSeconds,
        warmSeconds: 3,
        postgres: opts.postgres,
        readers: opts.httpReaders,
        mixedSeconds: opts.mixedSeconds,
        mixedBatchRate: 10,
        mixedBatch: 50,
      });
      console.log(`\n${describeHttp(http).detail.join('\n')}`);
      extra['http hello'] = http.hello.section;
      for (const r of http.runs) extra[`http ${r.dialect}`] = r.reads.section;
    }

    // ── 7c. A file import of N rows on each database, in processes of its own ───────────────────────
    let imports: ImportChildResult[] = [];
    if (opts.importRows > 0) {
      imports = await benchImports({ rows: opts.importRows, postgres: opts.postgres });
      console.log('');
      for (const r of imports) for (const line of describeImport(r)) console.log(line);
    }

    // ── 8. Optional diagnostic: SQL statements per attestation (untimed, after everything else) ───
    if (opts.countQueries) {
      const extraPeople = await enrolPeople(platform, Math.max(1, Math.ceil(opts.batch / 5)), 3);
      const counter = installStatementCounter();
      const diag = await submitAll(platform, TRC_ISSUER, plateletDeeds(extraPeople, opts.batch, 'diag'), opts.batch);
      counter.uninstall();
      console.log(
        `\nstatements for one submitMany of ${opts.batch} (credited ${diag.credited}): ${int(counter.total())} = ${(counter.total() / opts.batch).toFixed(2)} per attestation`,
      );
      for (const [sqlText, n] of [...counter.counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(6)}  ${sqlText.replace(/\s+/g, ' ').slice(0, 150)}`);
    }

    // ── Summary ──────────────────────────────────────────────────────────────────────────────────
    const serviceAtt = opts.attestations / service.seconds;
    const rawAtt = timedPosted.length / rawIngest.seconds;
    const ingestRatio = serviceAtt / rawAtt;
    const serviceLookupRate = opts.lookups / serviceLookup.seconds;
    const rawLookupRate = opts.lookups / rawLookup.seconds;
    const col = (s: string, w: number) => (s.length < w ? s.padEnd(w) : `${s} `);
    console.log('\nsummary');
    console.log(
      `  ${col('ingest', 15)}service ${col(`${int(serviceAtt)} att/s`, 16)}raw ${col(`${int(rawAtt)} att/s`, 16)}ratio ${ratio(ingestRatio)} (target ≥ ${TARGET}) ${ingestRatio >= TARGET ? 'MET' : 'NOT MET'}`,
    );
    console.log(
      `  ${col('  rows', 15)}service ${col(`${int(timedRows / service.seconds)} rows/s`, 16)}raw ${col(`${int(timedRows / rawIngest.seconds)} rows/s`, 16)}(${int(timedRows)} rows: attestations + credits + log_entries)`,
    );
    console.log(`  ${col('single table', 15)}${' '.repeat(24)}raw ${int(timedPosted.length / singleTable.seconds)} rows/s (attestations only)`);
    if (opts.lookups > 0)
      console.log(
        `  ${col('score lookups', 15)}service ${col(`${int(serviceLookupRate)} /s`, 16)}raw ${col(`${int(rawLookupRate)} /s`, 16)}ratio ${ratio(serviceLookupRate / rawLookupRate)}`,
      );
    console.log(
      `  per item: service ${(1e6 / serviceAtt).toFixed(1)} µs/attestation vs raw ${(1e6 / rawAtt).toFixed(1)} µs` +
        (opts.lookups > 0 ? `; service ${(1e6 / serviceLookupRate).toFixed(1)} µs/lookup vs raw ${(1e6 / rawLookupRate).toFixed(1)} µs` : ''),
    );
    if (integ) {
      const leafRate = integ.leaves / integ.service.seconds;
      const hashRate = (integ.leaves * integ.rawPasses) / integ.raw.seconds;
      console.log(
        `  ${col('log integrate', 15)}service ${col(`${int(leafRate)} leaves/s`, 16)}raw ${col(`${int(hashRate)} leaves/s`, 16)}ratio ${ratio(leafRate / hashRate)} (target ≥ ${int(LOG_TARGET)} leaves/s integrated) ${leafRate >= LOG_TARGET ? 'MET' : 'NOT MET'}`,
      );
      console.log(
        `  ${col('', 15)}(${int(integ.leaves)} leaves, ${integ.batches} signed checkpoint${integ.batches === 1 ? '' : 's'}; raw = SHA-256 RFC 9162 leafHash of the same leaves)`,
      );
    }
    if (inclusion)
      console.log(
        `  ${col('inclusion', 15)}service ${col(`${int(inclusion.proofs / inclusion.single.seconds)} proofs/s`, 16)}many ${int(inclusion.proofs / inclusion.many.seconds)} proofs/s (inclusionMany, groups of ${inclusion.group}; tree of ${int(integ?.size ?? 0)})`,
      );
    if (redemption) {
      const redeemRate = redemption.attempts / redemption.section.seconds;
      console.log(
        `  ${col('redemptions', 15)}service ${col(`${int(redeemRate)} /s`, 16)}${' '.repeat(20)}ratio ${ratio(redeemRate / serviceAtt)} to ingest att/s (${int(redemption.attempts)} attempts: ${int(redemption.redeemed)} redeemed, ${int(redemption.refused)} insufficient_balance)`,
      );
    }
    for (const b of saturation) for (const line of describeSaturation(b).summary) console.log(`  ${line}`);
    if (http) for (const line of describeHttp(http).summary) console.log(`  ${line}`);
    for (const r of imports) for (const line of describeImport(r)) console.log(`  ${line}`);
    for (const r of imports) {
      extra[`import ${r.dialect}`] = { seconds: r.importSeconds, otherCores: r.importOtherCores };
      extra[`import baseline ${r.dialect}`] = { seconds: r.baselineSeconds, otherCores: r.baselineOtherCores };
    }
    const disturbed = Object.entries({
      service: service,
      raw: rawIngest,
      single: singleTable,
      'service lookups': serviceLookup,
      'raw lookups': rawLookup,
      ...extra,
    } satisfies Record<string, Measured>)
      .filter(([, m]) => (m.otherCores ?? 0) > DISTURBED_CORES)
      .map(([name, m]) => `${name} (${others(m)})`);
    if (disturbed.length) console.log(`  WARNING: other processes competed during ${disturbed.join(', ')}: re-run for clean figures`);
  } finally {
    serviceRead.close();
    await platform.close();
  }
}

const dirs: string[] = [];
const keep = process.argv.includes('--keep');
try {
  await main(dirs);
} catch (err) {
  process.exitCode = 1;
  console.error(err instanceof BenchFailure ? `\nFAILED: ${err.message}` : err);
} finally {
  if (keep) console.log(`\nkept: ${dirs.join(' ')}`);
  else for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
