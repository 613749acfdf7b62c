import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

export interface PostgresServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** What startReplica needs of the primary it copies. */
const clusters = new WeakMap<PostgresServer, { port: number }>();

function findBinDir(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => /^\d+$/.test(v))
        .filter((v) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(PG_ROOT, v, 'bin', b))))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(`PostgreSQL server binaries not found: install Debian package postgresql (looked for ${PG_ROOT}/<version>/bin/initdb)`);
  }
  return join(PG_ROOT, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForConnection(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** A fresh directory the `postgres` user owns, and a runner of the server's binaries as that user. */
async function serverDir() {
  const bin = findBinDir();
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root, so everything runs as the `postgres` user,
  // which must be able to reach the temp dir (hence /tmp rather than a possibly private TMPDIR).
  const dir = await mkdtemp(join(asRoot ? '/tmp' : tmpdir(), 'pgtest-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  // cwd=dir: the postgres user may not be allowed to read the caller's working directory.
  const pgRun = (cmd: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { cwd: dir }) : run(join(bin, cmd), args, { cwd: dir });
  return { dir, data: join(dir, 'data'), log: join(dir, 'server.log'), pgRun, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Settings both the primary and a replica run with (appended last, so they win over copied ones). */
const serverSettings = (port: number, dir: string) =>
  [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
    'full_page_writes = off',
    'synchronous_commit = off',
    'max_connections = 200',
    // Streaming replication (startReplica): the defaults, stated because the replica depends on them.
    'wal_level = replica',
    'max_wal_senders = 10',
    'hot_standby = on',
    '',
  ].join('\n');

export async function startPostgres(): Promise<PostgresServer> {
  const { dir, data, log, pgRun, cleanup } = await serverDir();
  let started = false;
  try {
    await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    await appendFile(join(data, 'postgresql.conf'), serverSettings(port, dir));
    await pgRun('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', log]);
    started = true;
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitForConnection(url, 30_000);

    const server: PostgresServer = { url, port, stop: stopOnce(pgRun, data, cleanup) };
    clusters.set(server, { port });
    return server;
  } catch (err) {
    const serverLog = await readFile(log, 'utf8').catch(() => '');
    if (started) await pgRun('pg_ctl', ['stop', '-m', 'immediate', '-D', data]).catch(() => undefined);
    await cleanup();
    throw new Error(`Failed to start PostgreSQL: ${String(err)}\n${serverLog}`, { cause: err });
  }
}

/** Stops a server started here (immediately: tests need no clean shutdown) and removes its directory; a second call does nothing. */
function stopOnce(pgRun: (cmd: string, args: string[]) => Promise<unknown>, data: string, cleanup: () => Promise<void>): () => Promise<void> {
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    try {
      await pgRun('pg_ctl', ['stop', '-m', 'immediate', '-w', '-D', data]);
    } finally {
      await cleanup();
    }
  };
}

export const REPLICATION_ROLE = 'khwamdee_replicator';

/**
 * A hot standby of `primary` on its own port, streaming its WAL: a base backup taken by a
 * replication role (pg_basebackup -R writes standby.signal and primary_conninfo), started, and
 * returned once the primary's pg_stat_replication shows it streaming. Read-only, like any replica.
 */
export async function startReplica(primary: PostgresServer, timeoutMs = 30_000): Promise<PostgresServer> {
  const source = clusters.get(primary);
  if (!source) throw new Error('startReplica needs a server started by startPostgres');
  await withAdmin(primary.url, async (c) => {
    const exists = await c.query('select 1 from pg_roles where rolname = $1', [REPLICATION_ROLE]);
    if (exists.rowCount === 0) await c.query(`CREATE ROLE ${pg.escapeIdentifier(REPLICATION_ROLE)} WITH REPLICATION LOGIN`);
  });
  const { dir, data, log, pgRun, cleanup } = await serverDir();
  let started = false;
  try {
    // -X stream: the WAL written during the copy comes along, so the standby starts consistent.
    await pgRun('pg_basebackup', ['-h', '127.0.0.1', '-p', String(source.port), '-U', REPLICATION_ROLE, '-D', data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    const port = await freePort();
    await appendFile(join(data, 'postgresql.conf'), serverSettings(port, dir));
    await pgRun('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', log]);
    started = true;
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitForConnection(url, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const streaming = await withAdmin(primary.url, (c) => c.query("select 1 from pg_stat_replication where usename = $1 and state = 'streaming'", [REPLICATION_ROLE]));
      if (streaming.rowCount) break;
      if (Date.now() > deadline) throw new Error('the replica did not start streaming');
      await new Promise((r) => setTimeout(r, 100));
    }
    return { url, port, stop: stopOnce(pgRun, data, cleanup) };
  } catch (err) {
    const serverLog = await readFile(log, 'utf8').catch(() => '');
    if (started) await pgRun('pg_ctl', ['stop', '-m', 'immediate', '-D', data]).catch(() => undefined);
    await cleanup();
    throw new Error(`Failed to start the PostgreSQL replica: ${String(err)}\n${serverLog}`, { cause: err });
  }
}

/** Waits until `replica` has replayed everything the primary had written when this was called. */
export async function waitForReplay(primary: PostgresServer, replica: PostgresServer, timeoutMs = 10_000): Promise<void> {
  const target = await withAdmin(primary.url, async (c) => (await c.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]!.lsn);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const behind = await withAdmin(
      replica.url,
      async (c) => (await c.query<{ behind: boolean }>('select pg_last_wal_replay_lsn() < $1::pg_lsn as behind', [target])).rows[0]!.behind,
    );
    if (!behind) return;
    if (Date.now() > deadline) throw new Error(`the replica has not replayed up to ${target}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  // FORCE: a test that leaked a connection must not make teardown fail.
  await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}
