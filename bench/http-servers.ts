// The servers the HTTP sections load, each a process of its own: the real Khwamdee server started
// the way `npm start` starts it (`src/cli/main.ts serve`, configured by the environment only, default
// log level), and a hello-world route of the same Fastify (bench/http-server-child.ts). Their output
// goes to a file, as a service's would go to its log, not through a pipe the bench must drain.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort, ROOT } from '../test/support/process.js';

const ENTRY = join(ROOT, 'src/cli/main.ts');
const HELLO = fileURLToPath(new URL('./http-server-child.ts', import.meta.url));

export interface ServerProcess {
  url: string;
  pid: number;
  logFile: string;
  /** SIGTERM and wait for the exit (a --cpu-prof profile is written then). */
  stop(): Promise<number | null>;
}

async function startProcess(
  args: string[],
  env: Record<string, string>,
  logFile: string,
  ready: RegExp,
  timeoutMs = 120_000,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const out = readFileSync(logFile, 'utf8');
    const m = out.match(ready);
    if (m) return { child, match: m };
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${out.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within ${timeoutMs} ms:\n${out.slice(-4000)}`);
    }
    await sleep(50);
  }
}

function stopper(child: ChildProcess): () => Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  return async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
}

export interface KhwamdeeServerOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  logFile: string;
  /** Directory for a V8 CPU profile of the whole run (node --cpu-prof), written when it stops. */
  cpuProfDir?: string | undefined;
  env?: Record<string, string>;
  /** More options for node (e.g. --trace-gc, --max-semi-space-size). */
  nodeArgs?: string[];
}

export async function startKhwamdeeServer(opts: KhwamdeeServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const env: Record<string, string> = { PORT: String(port), HOST: '127.0.0.1', KHWAMDEE_DATA_DIR: opts.dataDir, ...opts.env };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  const { child, match } = await startProcess([...prof, ...(opts.nodeArgs ?? []), '--import', 'tsx', ENTRY, 'serve'], env, opts.logFile, /is running: (http:\/\/\S+)\/docs/);
  return { url: match[1]!, pid: child.pid!, logFile: opts.logFile, stop: stopper(child) };
}

export async function startHelloServer(logFile: string): Promise<ServerProcess> {
  const port = await freePort();
  const { child, match } = await startProcess(['--import', 'tsx', HELLO], { PORT: String(port) }, logFile, /hello world listening at (http:\/\/\S+)/);
  return { url: match[1]!, pid: child.pid!, logFile, stop: stopper(child) };
}
