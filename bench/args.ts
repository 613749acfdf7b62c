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
}

const USAGE = `usage: npm run bench -- [--attestations N] [--people N] [--batch N] [--warmup N] [--lookups N] [--sequencer] [--count-queries] [--keep]
  --attestations  attestations timed through the service (default 100000)
  --people        people enrolled before timing (default 20000)
  --batch         items per submitMany call and per raw transaction (default 1000)
  --warmup        untimed warm-up attestations on separate people (default min(2000, attestations))
  --lookups       score lookups timed (default 50000)
  --sequencer     start the log sequencer too (off by default; prints its catch-up time after the ingest)
  --count-queries after timing, count SQL statements per attestation on one extra batch
  --keep          keep the temp directories (their paths are printed)`;

function positiveInt(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer\n${USAGE}`);
  return n;
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = { attestations: 100_000, people: 20_000, batch: 1_000, warmup: -1, lookups: 50_000, keep: false, countQueries: false, sequencer: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq >= 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--attestations': o.attestations = positiveInt(flag, value()); break;
      case '--people': o.people = positiveInt(flag, value()); break;
      case '--batch': o.batch = Math.max(1, positiveInt(flag, value())); break;
      case '--warmup': o.warmup = positiveInt(flag, value()); break;
      case '--lookups': o.lookups = positiveInt(flag, value()); break;
      case '--keep': o.keep = true; break;
      case '--count-queries': o.countQueries = true; break;
      case '--sequencer': o.sequencer = true; break;
      case '--help': case '-h': console.log(USAGE); return process.exit(0);
      default: throw new Error(`unknown flag ${arg}\n${USAGE}`);
    }
  }
  if (o.warmup < 0) o.warmup = Math.min(2_000, o.attestations);
  if (o.people < 1) throw new Error('--people must be at least 1');
  return o;
}
