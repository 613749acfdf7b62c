// `khwamdee witness …`: run a C2SP tlog-witness for other agencies' logs. The witness key is
// generated in the data directory on first start; its verifier key is printed so log operators
// and verifiers can add it to their witness policy.
import { parseVerifierKey } from '../core/merkle/index.js';
import { buildWitnessApp } from '../witness/app.js';
import { openWitness, type WitnessedLog } from '../witness/witness.js';

export interface RunWitnessOptions {
  port: number;
  host: string;
  dataDir: string;
  /** The logs to witness: origin and the log's Ed25519 verifier key. */
  logs: WitnessedLog[];
  /** The witness's key name, e.g. `witness.agency.example`. */
  name: string;
  /** Submission prefix (default ''): the witness answers at `<prefix>/add-checkpoint`. */
  prefix?: string;
  out?: (line: string) => void;
  logLevel?: string;
}

export interface RunningWitness {
  address: string;
  verifierKey: string;
  stop: () => Promise<void>;
}

/**
 * Parses a `--log` argument: `<origin>=<verifier key>`, or just the verifier key when the log's
 * origin is its key name (the usual case).
 */
export function parseWitnessedLog(arg: string): WitnessedLog {
  const eq = arg.indexOf('=');
  // '=' also ends base64 keys: only a prefix before the first '+' can be an origin.
  const plus = arg.indexOf('+');
  if (eq > 0 && (plus < 0 || eq < plus)) {
    const verifierKey = arg.slice(eq + 1);
    parseVerifierKey(verifierKey);
    return { origin: arg.slice(0, eq), verifierKey };
  }
  return { origin: parseVerifierKey(arg).name, verifierKey: arg };
}

export async function runWitness(opts: RunWitnessOptions): Promise<RunningWitness> {
  const out = opts.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  if (opts.logs.length === 0) throw new Error('a witness needs at least one log to witness');
  const witness = openWitness({ dataDir: opts.dataDir, name: opts.name, logs: opts.logs });
  const app = await buildWitnessApp({ witness, prefix: opts.prefix, logLevel: opts.logLevel });
  let address: string;
  try {
    address = await app.listen({ port: opts.port, host: opts.host });
  } catch (e) {
    await app.close();
    throw e;
  }
  if (witness.keyCreated) out(`generated a new witness key in ${opts.dataDir} (back it up: losing it means a new witness identity)`);
  out(`witness ${opts.name} verifier key: ${witness.verifierKey}`);
  for (const log of opts.logs) {
    const latest = witness.latest(log.origin);
    out(`witnessing ${log.origin} (${log.verifierKey})${latest ? `, last cosigned size ${latest.size}` : ''}`);
  }
  out(`listening on ${address}${(opts.prefix ?? '').replace(/\/+$/, '')}/add-checkpoint`);
  return { address, verifierKey: witness.verifierKey, stop: () => app.close() };
}
