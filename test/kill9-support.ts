// For test/kill9.test.ts: the real server process (`khwamdee serve`) on a data directory and a
// database that outlive it, a plain reader of that database from the test process (the server may
// be dead while it reads), and the log's verifier run over HTTP.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { verifyLog, type VerifyReport } from '../src/log/verifier.js';
import { nextNationalId } from './support/platforms.js';
import { runCli, type Running } from './support/process.js';

export const ADMIN = 'kill9-admin-token-0123456789abcdef';
const DAY = 86_400_000;

export interface Storage {
  dataDir: string;
  /** Absent: the embedded SQLite file in dataDir. */
  databaseUrl: string | undefined;
}

export interface Server {
  running: Running;
  url: string;
  pid: number;
}

/** Starts `khwamdee serve` on `storage` (loopback, a fresh port) and waits until it answers. */
export async function startServer(storage: Storage): Promise<Server> {
  const running = runCli(['serve'], {
    PORT: '0',
    HOST: '127.0.0.1',
    KHWAMDEE_DATA_DIR: storage.dataDir,
    DATABASE_URL: storage.databaseUrl ?? '',
    KHWAMDEE_ADMIN_TOKEN: ADMIN,
    // The burst comes from one address; the per-address limit is not what is under test here.
    KHWAMDEE_RATE_LIMIT: '0',
  });
  const [, url] = await running.waitFor(/is running: (http:\/\/\S+)\/docs/);
  return { running, url: url!, pid: running.child.pid! };
}

/** kill -9: no shutdown hook of the server runs. */
export async function kill9(server: Server): Promise<void> {
  process.kill(server.pid, 'SIGKILL');
  await server.running.exited;
  expect(server.running.child.signalCode).toBe('SIGKILL');
}

export async function stop(server: Server): Promise<void> {
  if (server.running.child.exitCode !== null || server.running.child.signalCode !== null) return;
  server.running.child.kill('SIGTERM');
  await server.running.exited;
}

export interface Reader {
  /** Rows of a query without parameters (the tests put only their own ids and literals in it). */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  count(sql: string): Promise<number>;
  close(): Promise<void>;
}

/** Reads the server's database directly, whether the server is up or dead. */
export async function openReader(storage: Storage): Promise<Reader> {
  if (storage.databaseUrl) {
    const client = new pg.Client({ connectionString: storage.databaseUrl });
    await client.connect();
    const rows = async <T>(sql: string) => (await client.query(sql)).rows as T[];
    return {
      rows,
      count: async (sql) => Number(Object.values((await rows<Record<string, unknown>>(sql))[0]!)[0]),
      close: () => client.end(),
    };
  }
  const db = new Database(join(storage.dataDir, 'khwamdee.sqlite'));
  db.pragma('busy_timeout = 5000');
  const rows = async <T>(sql: string) => db.prepare(sql).all() as T[];
  return {
    rows,
    count: async (sql) => Number(Object.values(db.prepare(sql).get() as Record<string, unknown>)[0]),
    close: async () => {
      db.close();
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read loose JSON answers
export async function api(url: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'x-khwamdee-purpose': 'audit', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

/** Runs `task` over `items`, `width` at a time, until `stop()` says no more are to be started. */
export async function pool<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length && !stop()) await task(items[next++]!);
    }),
  );
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface Person {
  id: string;
  nationalId: string;
}

/** Enrols `n` people with the health consent (plasma donations are health deeds). */
export async function enrolPeople(url: string, n: number, prefix: string): Promise<Person[]> {
  const people: Person[] = [];
  await pool([...Array(n).keys()], 6, async () => {
    const nationalId = nextNationalId(prefix);
    const r = await api(url, 'POST', '/api/v1/accounts', ADMIN, { kind: 'person', nationalId, displayName: 'ทดสอบ', areaCode: '500204', consents: ['enrolment', 'health'] });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    people.push({ id: r.json.id as string, nationalId });
  });
  return people;
}

/**
 * The day of a person's k-th plasma donation: yesterday and every 15 days before (the deed needs 14
 * days between two). Four of them fit in 46 days, inside the 60 days' grace after a year ends, so
 * every one is credited whatever the date the suite runs on.
 */
export const donationDay = (k: number, now = Date.now()): string => new Date(now - DAY - k * 15 * DAY).toISOString();
export const DONATIONS_PER_PERSON = 4;

/** The signed checkpoint's size and root as served now (the verifier checks the signature later). */
export async function checkpointNow(url: string): Promise<{ size: number; rootHash: string }> {
  const [, size, rootHash] = (await (await fetch(`${url}/log/checkpoint`)).text()).split('\n');
  return { size: Number(size), rootHash: rootHash! };
}

/**
 * Waits until the sequencer has integrated every entry in the database, then verifies the whole log
 * over HTTP (signature, every leaf, every tile, the root) and that it extends `previous`.
 */
export async function verifiedLog(url: string, reader: Reader, previous?: { size: number; rootHash: string }): Promise<VerifyReport> {
  const entries = await reader.count('select count(*) from log_entries');
  await until('the sequencer to integrate every log entry', async () => (await reader.count('select count(*) from log_entries where leaf_index is null')) === 0);
  await until('the checkpoint to cover every entry', async () => (await checkpointNow(url)).size === entries);
  const report = await verifyLog({ baseUrl: url, ...(previous ? { previous } : {}) });
  expect(report.problems).toEqual([]);
  expect(report).toMatchObject({ ok: true, size: entries, checkedLeaves: entries });
  if (previous) expect(report.consistency).toMatchObject({ ok: true, previousSize: previous.size });
  return report;
}
