// `khwamdee log verify <url>`: check a Khwamdee transparency log from its public URL alone, and
// that it still extends the checkpoint verified last time (kept, with the log key pinned on first
// use, in a small state file). Exit codes: 0 the log checks out, 1 the log is bad, 2 the check
// could not be made (usage, network, state file).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { verifyLog, type VerifyReport } from '../log/verifier.js';

export interface LogVerifyOptions {
  /** State file (default `~/.khwamdee/verify-<host>.json`). */
  state?: string;
  /** The log's verifier key; default: the one pinned in the state file, else trust on first use. */
  logKey?: string;
  /** Witness cosignature verifier keys. */
  witness?: string[];
  /** Cosignatures required (default: all given witnesses). */
  quorum?: number;
  out: (line: string) => void;
  fetch?: typeof fetch;
  /** Home directory for the default state file (default os.homedir()). */
  home?: string;
}

const stateSchema = z.object({
  version: z.literal(1),
  url: z.string(),
  origin: z.string().min(1),
  size: z.number().int().nonnegative(),
  rootHash: z.string(),
  logKey: z.string().min(1),
  verifiedAt: z.string(),
});

export type VerifyState = z.infer<typeof stateSchema>;

export const EXIT_OK = 0;
export const EXIT_BAD_LOG = 1;
export const EXIT_ERROR = 2;

export function defaultStatePath(url: string, home: string = homedir()): string {
  const host = new URL(url).host.replace(/[^A-Za-z0-9.-]/g, '_');
  return join(home, '.khwamdee', `verify-${host}.json`);
}

function readState(path: string): VerifyState | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`state file ${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`state file ${path} is not a log verification state`);
  return parsed.data;
}

/** Writes the state through a temporary file and a rename, so a crash never leaves half a file. */
function writeState(path: string, state: VerifyState): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function printReport(r: VerifyReport, out: (line: string) => void, keySource: string): void {
  out(`log: ${r.origin ?? '(unknown origin)'} at ${r.baseUrl}`);
  if (r.logKey !== undefined) out(`key: ${r.logKey} (${keySource})`);
  if (r.size !== undefined) out(`checkpoint: size ${r.size}, root ${r.rootHash}`);
  if (r.size !== undefined) out(`checked: ${r.checkedLeaves} entries in ${r.bundlesChecked} entry bundles, ${r.tilesChecked} tiles`);
  const c = r.consistency;
  if (c !== undefined) {
    const proof =
      c.proof === 'verified'
        ? 'consistency proof verified'
        : c.proof === 'trivial'
          ? 'no proof needed'
          : c.proof === 'failed'
            ? 'consistency proof FAILED'
            : 'consistency proof not served';
    out(`previous: size ${c.previousSize}, root ${c.previousRoot}: ${c.ok ? 'extended by this checkpoint' : 'NOT extended by this checkpoint'} (${proof})`);
  }
  const w = r.witnesses;
  if (w !== undefined) {
    out(`witnesses: ${w.signed.length} of ${w.total} cosigned (${w.signed.map((s) => s.name).join(', ') || 'none'}), quorum ${w.quorum}: ${w.quorumMet ? 'met' : 'NOT met'}`);
  }
}

export async function runLogVerify(url: string, opts: LogVerifyOptions): Promise<number> {
  const { out } = opts;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    out(`error: not an http(s) URL: ${url}`);
    return EXIT_ERROR;
  }
  const statePath = opts.state ?? defaultStatePath(url, opts.home);
  let state: VerifyState | undefined;
  try {
    state = readState(statePath);
  } catch (e) {
    out(`error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_ERROR;
  }

  let logKey = opts.logKey ?? state?.logKey;
  let keySource =
    opts.logKey !== undefined
      ? 'given'
      : state !== undefined
        ? `pinned in ${statePath}`
        : 'trust on first use: fetched from the log; compare it with the key its operator publishes';
  if (opts.logKey !== undefined && state !== undefined && opts.logKey !== state.logKey) {
    out(`warning: --log-key differs from the key pinned in ${statePath}; using --log-key`);
    keySource = 'given, replacing the pinned key';
  }
  if (logKey === undefined) keySource = 'trust on first use: fetched from the log; compare it with the key its operator publishes';

  const report = await verifyLog({
    baseUrl: url,
    fetch: opts.fetch,
    logKey,
    previous: state === undefined ? undefined : { size: state.size, rootHash: state.rootHash },
    witnesses: opts.witness,
    quorum: opts.quorum,
  });
  if (report.error !== undefined) {
    out(`error: ${report.error.message}`);
    return EXIT_ERROR;
  }
  logKey = report.logKey;
  printReport(report, out, keySource);

  const problems = [...report.problems];
  let count = report.problemCount;
  if (state !== undefined && report.origin !== undefined && report.origin !== state.origin) {
    problems.unshift({ kind: 'checkpoint', message: `the log's origin is now ${report.origin}, but ${statePath} is for ${state.origin}` });
    count++;
  }
  if (count > 0 || !report.ok) {
    if (report.firstBadEntry !== undefined) out(`BAD: ${report.firstBadEntry.reason} (first bad entry: ${report.firstBadEntry.index})`);
    else out(`BAD: ${problems[0]?.message ?? 'the log does not verify'}`);
    out(`problems (${count}):`);
    for (const p of problems) out(`  - [${p.kind}] ${p.message}`);
    if (count > problems.length) out(`  … and ${count - problems.length} more`);
    out(`state not updated: ${statePath}`);
    return EXIT_BAD_LOG;
  }

  try {
    writeState(statePath, {
      version: 1,
      url,
      origin: report.origin!,
      size: report.size!,
      rootHash: report.rootHash!,
      logKey: logKey!,
      verifiedAt: new Date().toISOString(),
    });
  } catch (e) {
    out(`error: could not save ${statePath}: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_ERROR;
  }
  out(`OK: the log checks out; state saved to ${statePath}`);
  return EXIT_OK;
}
