// CLI flags for the benchmark: `npm run bench -- --attestations 2000 --people 500` for a smoke run.
export interface BenchOptions {
  attestations: number;
  people: number;
  batch: number;
  warmup: number;
  lookups: number;
  keep: boolean;
  countQueries: boolean;
  sequencer: boolean;
  /** Log integration and inclusion proofs. */
  log: boolean;
  proofs: number;
  proofGroup: number;
  /** Saturation: capacity, then acceptance → checkpoint latency at fractions of it, sequencer running. */
  saturation: boolean;
  capacitySeconds: number;
  latencySeconds: number;
  latencyBatch: number;
  /** Score reads over HTTP against hello world, then the mixed run, on server processes. */
  http: boolean;
  httpSeconds: number;
  httpReaders: number;
  mixedSeconds: number;
  /** PostgreSQL in the HTTP, saturation and import sections. */
  postgres: boolean;
  /** Rows of the file-import section (0 skips it). */
  importRows: number;
  /** Redemptions under contention. */
  redemptions: boolean;
  redeemers: number;
  redeemConcurrency: number;
  redeemWaves: number;
}

const USAGE = `usage: npm run bench -- [--attestations N] [--people N] [--batch N] [--warmup N] [--lookups N] [--sequencer] [--count-queries] [--keep]
                        [--no-log] [--proofs N] [--proof-group N] [--no-saturation] [--capacity-seconds S] [--latency-seconds S] [--latency-batch N]
                        [--no-http] [--http-seconds S] [--http-readers N] [--mixed-seconds S] [--no-postgres] [--import-rows N]
                        [--no-redemptions] [--redeemers N] [--redeem-concurrency N] [--redeem-waves N]
  --attestations  attestations timed through the service (default 100000)
  --people        people enrolled before timing (default 20000)
  --batch         items per submitMany call and per raw transaction (default 1000)
  --warmup        untimed warm-up attestations on separate people (default min(2000, attestations))
  --lookups       score lookups timed (default 50000)
  --sequencer     start the log sequencer too (off by default; prints its catch-up time after the ingest;
                  the log section then posts its own entries on a fresh platform)
  --count-queries after timing, count SQL statements per attestation on one extra batch
  --keep          keep the temp directories (their paths are printed)
  --no-log        skip the log sections (integration of the ingested entries, inclusion proofs)
  --proofs        inclusion proofs timed, one by one and through inclusionMany (default 20000; 0 skips)
  --proof-group   leaves per inclusionMany call (default 100)
  --no-saturation skip the saturation section (also --no-latency): capacity with the sequencer running, then
                  acceptance → checkpoint latency offered open loop at 80 % and 120 % of it, SQLite and PostgreSQL
  --capacity-seconds  how long capacity is measured (default 4)
  --latency-seconds  how long each fraction is offered (default 8)
  --latency-batch items per submitMany call there (default 50)
  --no-http       skip the HTTP sections: score reads of the real server process against hello world, then
                  the mixed run (reads and attestation batches at once), SQLite and PostgreSQL
  --http-seconds  each timed load of score reads (default 10, after 3 s of warm-up)
  --http-readers  people with credits and a token each, read round robin (default 1000)
  --mixed-seconds the mixed run (default 15; 0 skips it)
  --no-postgres   the HTTP, saturation and import sections on SQLite only
  --import-rows   rows of the CSV file imported on SQLite and PostgreSQL, each in its own process, against
                  the raw write of the same rows (prepared inserts; COPY), with the import's peak RSS
                  (default 1000000; 0 skips)
  --no-redemptions   skip the redemptions-under-contention section
  --redeemers     people redeeming at once (default 200)
  --redeem-concurrency  redeem calls in flight per person in each wave (default 10)
  --redeem-waves  waves of those calls (default 2)`;

function positiveInt(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer\n${USAGE}`);
  return n;
}

function positiveNumber(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number\n${USAGE}`);
  return n;
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = {
    attestations: 100_000,
    people: 20_000,
    batch: 1_000,
    warmup: -1,
    lookups: 50_000,
    keep: false,
    countQueries: false,
    sequencer: false,
    log: true,
    proofs: 20_000,
    proofGroup: 100,
    saturation: true,
    capacitySeconds: 4,
    latencySeconds: 8,
    latencyBatch: 50,
    http: true,
    httpSeconds: 10,
    httpReaders: 1_000,
    mixedSeconds: 15,
    postgres: true,
    importRows: 1_000_000,
    redemptions: true,
    redeemers: 200,
    redeemConcurrency: 10,
    redeemWaves: 2,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq >= 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--attestations':
        o.attestations = positiveInt(flag, value());
        break;
      case '--people':
        o.people = positiveInt(flag, value());
        break;
      case '--batch':
        o.batch = Math.max(1, positiveInt(flag, value()));
        break;
      case '--warmup':
        o.warmup = positiveInt(flag, value());
        break;
      case '--lookups':
        o.lookups = positiveInt(flag, value());
        break;
      case '--keep':
        o.keep = true;
        break;
      case '--count-queries':
        o.countQueries = true;
        break;
      case '--sequencer':
        o.sequencer = true;
        break;
      case '--no-log':
        o.log = false;
        break;
      case '--proofs':
        o.proofs = positiveInt(flag, value());
        break;
      case '--proof-group':
        o.proofGroup = Math.max(1, positiveInt(flag, value()));
        break;
      case '--no-latency':
      case '--no-saturation':
        o.saturation = false;
        break;
      case '--capacity-seconds':
        o.capacitySeconds = positiveNumber(flag, value());
        break;
      case '--no-http':
        o.http = false;
        break;
      case '--http-seconds':
        o.httpSeconds = positiveNumber(flag, value());
        break;
      case '--http-readers':
        o.httpReaders = Math.max(1, positiveInt(flag, value()));
        break;
      case '--mixed-seconds':
        o.mixedSeconds = positiveInt(flag, value());
        break;
      case '--import-rows':
        o.importRows = positiveInt(flag, value());
        break;
      case '--no-postgres':
        o.postgres = false;
        break;
      case '--latency-seconds':
        o.latencySeconds = positiveNumber(flag, value());
        break;
      case '--latency-batch':
        o.latencyBatch = Math.max(1, positiveInt(flag, value()));
        break;
      case '--no-redemptions':
        o.redemptions = false;
        break;
      case '--redeemers':
        o.redeemers = Math.max(1, positiveInt(flag, value()));
        break;
      case '--redeem-concurrency':
        o.redeemConcurrency = Math.max(1, positiveInt(flag, value()));
        break;
      case '--redeem-waves':
        o.redeemWaves = Math.max(1, positiveInt(flag, value()));
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        return process.exit(0);
      default:
        throw new Error(`unknown flag ${arg}\n${USAGE}`);
    }
  }
  if (o.warmup < 0) o.warmup = Math.min(2_000, o.attestations);
  if (o.people < 1) throw new Error('--people must be at least 1');
  return o;
}
