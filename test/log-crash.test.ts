// Crash safety of the log with a real process kill: a server process is SIGKILLed in the middle of a
// burst of attestations, twice, and restarted on the same
// database. Afterwards every accepted credit has exactly one leaf, leaf indices are 0..n-1 without
// a gap or a repeat, the tree has caught up, the new checkpoint is consistent with the last one
// seen before the kill, and every entry, tile and inclusion proof verifies over plain HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fromBase64, verifyConsistency } from '../src/core/merkle/index.js';
import { openStore, type Store } from '../src/store/database.js';
import { ADMIN_TOKEN, DB_KINDS, nextNationalId } from './support/platforms.js';
import { createDatabase, dropDatabase } from './support/postgres.js';
import { auditLog, readCheckpoint, type Get } from './log-support.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Server {
  proc: ChildProcess;
  base: string;
  exited: Promise<void>;
  stderr: string[];
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/log-crash-child.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  proc.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    proc.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${stderr.join('')}`)));
  });
  return { proc, base: `http://127.0.0.1:${port}`, exited, stderr };
}

const httpGet =
  (base: string): Get =>
  async (path) => {
    const res = await fetch(base + path);
    return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' };
  };

// biome-ignore lint/suspicious/noExplicitAny: the test reads loose JSON answers
async function call(base: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

/** Runs `task` over `items` with `width` in flight; stops taking new items once `stop()` is true. */
async function pool<T>(items: T[], width: number, task: (item: T) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length && !stop()) await task(items[next++]!);
    }),
  );
}

describe.each(DB_KINDS)('log crash safety with a killed server process (%s)', (kind) => {
  let dataDir: string;
  let env: Record<string, string>;
  let dbName: string | undefined;
  let server: Server | undefined;
  const accepted: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'khwamdee-crash-'));
    env = { DATA_DIR: dataDir, ADMIN_TOKEN, LOG_INTERVAL_MS: '20', LOG_BATCH_MAX: '64', DATABASE_URL: '' };
    if (kind === 'postgres') {
      dbName = `t_${randomBytes(6).toString('hex')}`;
      env.DATABASE_URL = await createDatabase(inject('pgUrl'), dbName);
    }
  });
  afterAll(async () => {
    if (server) {
      server.proc.kill('SIGKILL');
      await server.exited;
    }
    if (dbName) await dropDatabase(inject('pgUrl'), dbName);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function withStore<T>(fn: (s: Store) => Promise<T>): Promise<T> {
    const store = await openStore({ databaseUrl: env.DATABASE_URL || undefined, sqliteFile: join(dataDir, 'khwamdee.sqlite') });
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  }

  const countPending = () =>
    withStore(async (s) =>
      Number(
        (
          await s.db
            .selectFrom('log_entries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('leaf_index', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );

  /** Enrols people, then attests for them `width` at a time and SIGKILLs the server after `killAfter` acceptances. */
  async function burstAndKill(s: Server, people: number, killAfter: number, tag: string): Promise<{ lastSeen: { size: number; root: Uint8Array } }> {
    const trc = (await call(s.base, 'POST', '/api/v1/agencies/trc/keys', ADMIN_TOKEN, {})).json.token as string;
    const persons: string[] = [];
    await pool(
      [...Array(people).keys()],
      8,
      async () => {
        const r = await call(s.base, 'POST', '/api/v1/accounts', ADMIN_TOKEN, {
          kind: 'person',
          nationalId: nextNationalId(),
          displayName: 'ทดสอบ',
          areaCode: '500204',
          consents: ['enrolment', 'health'],
        });
        expect(r.status).toBe(201);
        persons.push(r.json.id);
      },
      () => false,
    );
    let lastSeen = await readCheckpoint(httpGet(s.base));
    let killed = false;
    let thisBurst = 0;
    await pool(
      persons,
      12,
      async (id) => {
        try {
          const r = await call(s.base, 'POST', '/api/v1/attestations', trc, {
            ref: `${tag}-${id}`,
            subject: { accountId: id },
            indicator: 'trc.blood.red-cell',
            occurredAt: '2026-05-01T09:00:00+07:00',
            evidence: { donationNo: `D-${id}` },
          });
          if (r.status === 201 && r.json.status === 'credited') {
            accepted.push(r.json.id);
            thisBurst++;
          }
          if (thisBurst % 25 === 0 && !killed) lastSeen = await readCheckpoint(httpGet(s.base));
        } catch {
          // Requests in flight when the server dies have no answer: their outcome is unknown to us.
        }
        if (thisBurst >= killAfter && !killed) {
          killed = true;
          s.proc.kill('SIGKILL');
        }
      },
      () => killed,
    );
    await s.exited;
    expect(killed).toBe(true);
    return { lastSeen: { size: lastSeen.size, root: lastSeen.rootHash } };
  }

  it('loses no accepted credit, duplicates no leaf, and catches up with every proof verifying', { timeout: 180_000 }, async () => {
    const seen: { size: number; root: Uint8Array }[] = [];
    const pendingAtKill: number[] = [];
    // First the sequencer is too slow to integrate anything during the burst (the restart must catch
    // up on all of it); then it integrates every 5 ms, so the kill likely lands inside a batch.
    for (const [cycle, interval, killAfter] of [
      [1, '60000', 90],
      [2, '5', 140],
    ] as const) {
      server = await startServer({ ...env, LOG_INTERVAL_MS: interval });
      seen.push((await burstAndKill(server, 200, killAfter, `c${cycle}`)).lastSeen);
      pendingAtKill.push(await countPending());
    }
    expect(pendingAtKill[0]).toBeGreaterThanOrEqual(90);
    server = await startServer(env);
    const get = httpGet(server.base);

    // The restarted server integrates what the killed ones left pending.
    const deadline = Date.now() + 30_000;
    for (;;) {
      if ((await countPending()) === 0) break;
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 50));
    }

    await withStore(async ({ db }) => {
      const credits = await db
        .selectFrom('credits')
        .leftJoin('log_entries', 'log_entries.ref_id', 'credits.id')
        .select(['credits.attestation_id', 'log_entries.leaf_index'])
        .execute();
      const byAttestation = new Map(credits.map((c) => [c.attestation_id, c.leaf_index]));
      for (const id of accepted) expect(byAttestation.get(id), `accepted attestation ${id}`).toEqual(expect.any(Number));
      const entries = await db.selectFrom('log_entries').select(['ref_id', 'leaf_index']).orderBy('leaf_index').execute();
      // One entry per credit, and indices 0..n-1: no leaf lost, none repeated.
      expect(entries).toHaveLength(credits.length);
      expect(new Set(entries.map((e) => e.ref_id)).size).toBe(entries.length);
      expect(entries.map((e) => Number(e.leaf_index))).toEqual([...entries.keys()]);
      expect(accepted.length).toBeGreaterThanOrEqual(230);
    });

    const audit = await auditLog(get);
    expect(audit.mismatched).toEqual([]);
    expect(audit.size).toBeGreaterThanOrEqual(accepted.length);
    // What was published before each kill is a prefix of what is published now.
    for (const before of seen) {
      const res = await get(`/api/v1/log/consistency?from=${before.size}&to=${audit.size}`);
      const proof = (JSON.parse(new TextDecoder().decode(res.body)).proof as string[]).map((x) => fromBase64(x)!);
      expect(verifyConsistency(before.size, audit.size, proof, before.root, audit.root)).toBe(true);
    }

    server.proc.kill('SIGTERM');
    await server.exited;
    server = undefined;
  });
});
