// Khwamdee throughput benchmark: the service layer against raw better-sqlite3 on the same machine,
// in the same run. `npm run bench` (full size) or `npm run bench -- --attestations 2000 --people 500`.
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from './args.js';
import { describeReasons, submitAll, type Tally } from './ingest.js';
import { installStatementCounter } from './querycount.js';
import { countRows, freshRawDatabase, insertAttestationsOnly, insertPosted, openRawConnection, readPosted, rowsOf } from './raw.js';
import { loadPersonAccounts, rawLookups, serviceLookups } from './scores.js';
import { enrolPeople, openBenchPlatform, plateletDeeds, tempDir, TRC_ISSUER, YEAR } from './setup.js';
import { int, load, mulberry32, ratio, secs, startTimer } from './timing.js';

const TARGET = 0.3;
const opts = parseArgs(process.argv.slice(2));
const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => gc?.();
const dirs: string[] = [];
const fail = (msg: string): never => {
  console.error(`\nFAILED: ${msg}`);
  process.exitCode = 1;
  throw new Error(msg);
};

console.log(`khwamdee bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${load()}`);
console.log(
  `attestations ${int(opts.attestations)}, people ${int(opts.people)}, batch ${int(opts.batch)}, warm-up ${int(opts.warmup)}, lookups ${int(opts.lookups)}${gc ? ', gc between sections' : ''}`,
);

// ── 1. Ingest through the service layer ─────────────────────────────────────────────────────────
const serviceDir = tempDir('service');
dirs.push(serviceDir);
const platform = await openBenchPlatform(serviceDir);
const serviceFile = join(serviceDir, 'khwamdee.sqlite');

let t = startTimer();
const people = await enrolPeople(platform, opts.people, 1);
const warmPeople = await enrolPeople(platform, Math.max(1, Math.ceil(opts.warmup / 5)), 2);
console.log(`\nenrolled ${int(people.length + warmPeople.length)} people in ${secs(t())} (untimed setup)`);

const warmInputs = plateletDeeds(warmPeople, opts.warmup, 'warm');
const inputs = plateletDeeds(people, opts.attestations, 'bench');
const warmTally = await submitAll(platform, TRC_ISSUER, warmInputs, opts.batch);
if (warmTally.credited !== opts.warmup) fail(`warm-up credited ${warmTally.credited} of ${opts.warmup}: ${describeReasons(warmTally)}`);

settle();
const loadBefore = load();
t = startTimer();
const tally: Tally = await submitAll(platform, TRC_ISSUER, inputs, opts.batch);
const serviceSeconds = t();
const loadAfter = load();

const serviceRead = openRawConnection(serviceFile, true);
const serviceRows = countRows(serviceRead);
const expectedCredits = warmTally.credited + tally.credited;
console.log(
  `service ingest: ${int(opts.attestations)} attestations in ${secs(serviceSeconds)} — credited ${int(tally.credited)}, rejected ${int(tally.rejected)}, pending ${int(tally.pending)}, replayed ${int(tally.replayed)} (reasons: ${describeReasons(tally)}); load ${loadBefore} → ${loadAfter}`,
);
console.log(`  rows in the service database: attestations ${int(serviceRows.attestations)}, credits ${int(serviceRows.credits)}, log_entries ${int(serviceRows.log_entries)}`);
if (serviceRows.credits !== expectedCredits || serviceRows.log_entries !== expectedCredits)
  fail(`expected ${expectedCredits} credits and log entries, found ${serviceRows.credits} and ${serviceRows.log_entries}`);
if (serviceRows.attestations !== opts.warmup + opts.attestations) fail(`expected ${opts.warmup + opts.attestations} attestations, found ${serviceRows.attestations}`);
if (tally.credited < opts.attestations * 0.99) fail(`only ${tally.credited} of ${opts.attestations} attestations were credited`);

// ── 2. Raw baseline: the same rows, prepared INSERTs, same batch size and pragmas ──────────────────
const posted = readPosted(serviceRead);
const warmPosted = posted.slice(0, opts.warmup);
const timedPosted = posted.slice(opts.warmup);
const timedRows = rowsOf(timedPosted);

const rawDir = tempDir('raw');
dirs.push(rawDir);
const { raw } = await freshRawDatabase(rawDir);
insertPosted(raw, warmPosted, opts.batch); // warm-up: statements prepared, pages cached
settle();
t = startTimer();
insertPosted(raw, timedPosted, opts.batch);
const rawSeconds = t();
const rawRows = countRows(raw);
if (rawRows.attestations !== serviceRows.attestations || rawRows.credits !== serviceRows.credits || rawRows.log_entries !== serviceRows.log_entries)
  fail(`raw baseline row counts differ from the service's: ${JSON.stringify(rawRows)}`);
raw.close();
console.log(`raw ingest: ${int(timedPosted.length)} attestations (${int(timedRows)} rows) in ${secs(rawSeconds)}`);

const singleDir = tempDir('single');
dirs.push(singleDir);
const single = (await freshRawDatabase(singleDir)).raw;
insertAttestationsOnly(single, warmPosted, opts.batch);
settle();
t = startTimer();
insertAttestationsOnly(single, timedPosted, opts.batch);
const singleSeconds = t();
single.close();
console.log(`raw single-table insert: ${int(timedPosted.length)} attestation rows in ${secs(singleSeconds)}`);

// ── 3. Score lookups ───────────────────────────────────────────────────────────────────────────
const accounts = await loadPersonAccounts(platform);
const rand = mulberry32(2026);
const pick = (n: number) => Uint32Array.from({ length: n }, () => Math.floor(rand() * accounts.length));
const warmPicks = pick(Math.min(2_000, opts.lookups));
const picks = pick(opts.lookups);

await serviceLookups(platform, accounts, warmPicks, YEAR);
settle();
t = startTimer();
const serviceSum = await serviceLookups(platform, accounts, picks, YEAR);
const serviceLookupSeconds = t();

rawLookups(serviceRead, accounts, warmPicks, YEAR);
settle();
t = startTimer();
const rawSum = rawLookups(serviceRead, accounts, picks, YEAR);
const rawLookupSeconds = t();
if (serviceSum !== rawSum) fail(`score sums differ: service ${serviceSum}, raw ${rawSum}`);
if (opts.lookups > 0 && serviceSum === 0) fail('score lookups found no points');
console.log(`score lookups: ${int(opts.lookups)} over ${int(accounts.length)} accounts, ${int(serviceSum)} points in total (service and raw agree)`);

// ── 4. Optional diagnostic: SQL statements per attestation ──────────────────────────────────────
if (opts.countQueries) {
  const extraPeople = await enrolPeople(platform, Math.max(1, Math.ceil(opts.batch / 5)), 3);
  const counter = installStatementCounter();
  const diag = await submitAll(platform, TRC_ISSUER, plateletDeeds(extraPeople, opts.batch, 'diag'), opts.batch);
  counter.uninstall();
  console.log(`\nstatements for one submitMany of ${opts.batch} (credited ${diag.credited}): ${int(counter.total())} = ${(counter.total() / opts.batch).toFixed(2)} per attestation`);
  for (const [sqlText, n] of [...counter.counts].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(n).padStart(6)}  ${sqlText.replace(/\s+/g, ' ').slice(0, 150)}`);
}

serviceRead.close();
await platform.close();

// ── Summary ──────────────────────────────────────────────────────────────────────────────────────
const serviceAtt = opts.attestations / serviceSeconds;
const rawAtt = timedPosted.length / rawSeconds;
const ingestRatio = serviceAtt / rawAtt;
const serviceLookupRate = opts.lookups / serviceLookupSeconds;
const rawLookupRate = opts.lookups / rawLookupSeconds;
const col = (s: string, w: number) => s.padEnd(w);
console.log('\nsummary');
console.log(`  ${col('ingest', 15)}service ${col(`${int(serviceAtt)} att/s`, 16)}raw ${col(`${int(rawAtt)} att/s`, 16)}ratio ${ratio(ingestRatio)} (target ≥ ${TARGET}) ${ingestRatio >= TARGET ? 'MET' : 'NOT MET'}`);
console.log(`  ${col('  rows', 15)}service ${col(`${int(timedRows / serviceSeconds)} rows/s`, 16)}raw ${col(`${int(timedRows / rawSeconds)} rows/s`, 16)}(${int(timedRows)} rows: attestations + credits + log_entries)`);
console.log(`  ${col('single table', 15)}${' '.repeat(24)}raw ${int(timedPosted.length / singleSeconds)} rows/s (attestations only)`);
console.log(`  ${col('score lookups', 15)}service ${col(`${int(serviceLookupRate)} /s`, 16)}raw ${col(`${int(rawLookupRate)} /s`, 16)}ratio ${ratio(serviceLookupRate / rawLookupRate)}`);
console.log(`  per item: service ${(1e6 / serviceAtt).toFixed(1)} µs/attestation vs raw ${(1e6 / rawAtt).toFixed(1)} µs; service ${(1e6 / serviceLookupRate).toFixed(1)} µs/lookup vs raw ${(1e6 / rawLookupRate).toFixed(1)} µs`);

if (opts.keep) console.log(`\nkept: ${dirs.join(' ')}`);
else for (const d of dirs) rmSync(d, { recursive: true, force: true });
