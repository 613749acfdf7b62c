// Server mode for scale, for real: a PostgreSQL primary and a streaming replica, and two server
// processes started the way `npm start` starts one, on their own ports, sharing the primary (and
// one data directory, for the keys), reading what may lag from the replica. Driven over HTTP, the
// pair must answer as one process would: a ref credited once, a cap held under concurrency, a
// balance never overdrawn, a voucher and an eligibility token used once, one rate limit for a caller
// whichever process it reaches, and one log that verifies and that the replica's reads catch up with.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withThaiCheckDigit } from '../src/core/ids.js';
import { verifyLog } from '../src/log/verifier.js';
import { createDatabase, startPostgres, startReplica, waitForReplay, type PostgresServer } from './support/postgres.js';
import { freePort, runCli, type Running } from './support/process.js';

const ADMIN = 'cluster-admin-token-0123456789abcdef';
const RATE_LIMIT = 300;
const DB = 'khwamdee_cluster';

interface Answer {
  status: number;
  body: { error?: { code: string }; [k: string]: unknown };
  headers: Headers;
}

let primary: PostgresServer | undefined;
let replica: PostgresServer | undefined;
const servers: Running[] = [];
let urls: string[] = [];
let primaryUrl = '';
let replicaUrl = '';
let dataDir = '';

async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}`, 'x-khwamdee-purpose': 'audit' } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {}, headers: res.headers };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    // Not faster: anonymous polls count against this address's rate limit like any request.
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function onPrimary<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: primaryUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

let idSeq = 0;
const nationalId = () => withThaiCheckDigit(`19${String(process.pid % 1000).padStart(3, '0')}${String(++idSeq).padStart(7, '0')}`);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

beforeAll(async () => {
  primary = await startPostgres();
  replica = await startReplica(primary);
  primaryUrl = await createDatabase(primary.url, DB);
  replicaUrl = new URL(primaryUrl.replace(String(primary.port), String(replica.port))).toString();
  await waitForReplay(primary, replica);
  dataDir = mkdtempSync(join(tmpdir(), 'khwamdee-cluster-'));
  const ports = [await freePort(), await freePort()];
  const env = (port: number) => ({
    PORT: String(port),
    KHWAMDEE_DATA_DIR: dataDir,
    DATABASE_URL: primaryUrl,
    KHWAMDEE_DATABASE_REPLICA_URL: replicaUrl,
    KHWAMDEE_DATABASE_POOL_MAX: '6',
    KHWAMDEE_ADMIN_TOKEN: ADMIN,
    KHWAMDEE_RATE_LIMIT: String(RATE_LIMIT),
    KHWAMDEE_AUTH_FAILURE_LIMIT: '3',
    // The one address both stand behind: the issuer of vouchers and tokens either of them checks.
    KHWAMDEE_PUBLIC_URL: `http://127.0.0.1:${ports[0]}`,
  });
  // Started at the same moment on an empty database and an empty data directory: they must agree
  // on one set of keys and one migration and seed, not race to create them.
  for (const port of ports) servers.push(runCli(['serve'], env(port)));
  urls = await Promise.all(servers.map(async (s) => (await s.waitFor(/is running: (http:\/\/\S+)\/docs {2}\(database: postgres, reads from the replica/, 60_000))[1]!));
}, 90_000);

afterAll(async () => {
  await Promise.all(
    servers.map(async (s) => {
      if (s.child.exitCode !== null) return;
      s.child.kill('SIGTERM');
      const stopped = await Promise.race([s.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
      if (!stopped) s.child.kill('SIGKILL');
      await s.exited;
    }),
  );
  await replica?.stop();
  await primary?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('two server processes on one PostgreSQL primary with a read replica', () => {
  let trc: string;
  let ptt: string;
  const [a, b] = [() => urls[0]!, () => urls[1]!];

  async function enrol(on: string) {
    const r = await call(on, 'POST', '/api/v1/accounts', ADMIN, {
      kind: 'person',
      nationalId: nationalId(),
      displayName: 'สมหญิง ใจดี',
      areaCode: '500204',
      consents: ['enrolment', 'health'],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.id as string;
    const t = await call(on, 'POST', `/api/v1/accounts/${id}/tokens`, ADMIN);
    expect(t.status).toBe(201);
    return { id, token: t.body.token as string };
  }
  const attest = (on: string, ref: string, accountId: string, indicator: string, occurredAt: string) =>
    call(on, 'POST', '/api/v1/attestations', trc, { ref, subject: { accountId }, indicator, occurredAt, evidence: { donationNo: ref } });

  beforeAll(async () => {
    // A key made through one process is accepted by the other (the tokens live in the database).
    const k1 = await call(a(), 'POST', '/api/v1/agencies/trc/keys', ADMIN, {});
    const k2 = await call(b(), 'POST', '/api/v1/agencies/ptt/keys', ADMIN, {});
    expect([k1.status, k2.status]).toEqual([201, 201]);
    trc = k1.body.token as string;
    ptt = k2.body.token as string;
  });

  it('started together on empty storage: one set of keys and one log, served alike by both', async () => {
    const keys = await Promise.all(urls.map(async (u) => (await fetch(`${u}/log/key`)).text()));
    expect(keys[0]).toMatch(/^khwamdee\.local\/log\+/);
    expect(keys[1]).toBe(keys[0]);
    const jwks = await Promise.all(urls.map(async (u) => (await fetch(`${u}/.well-known/jwks.json`)).json()));
    expect(jwks[1]).toEqual(jwks[0]);
    const seeded = await onPrimary(async (c) => (await c.query<{ n: number }>("select count(*)::int as n from indicators where code = 'trc.blood.red-cell'")).rows[0]!.n);
    expect(seeded).toBe(1);
  });

  it('credits an attestation once when the same ref reaches both processes at once', async () => {
    const people = await Promise.all([enrol(a()), enrol(b()), enrol(a()), enrol(b())]);
    for (const [i, person] of people.entries()) {
      const ref = `twice-${i}`;
      // The same request, byte for byte (a retry through the load balancer landing elsewhere).
      const at = hoursAgo(2);
      const [x, y] = await Promise.all([attest(a(), ref, person.id, 'trc.blood.red-cell', at), attest(b(), ref, person.id, 'trc.blood.red-cell', at)]);
      expect([x.status, y.status].sort(), JSON.stringify([x.body, y.body])).toEqual([200, 201]);
      expect(x.body.id).toBe(y.body.id);
      expect([x.body.status, y.body.status]).toEqual(['credited', 'credited']);
    }
    const credits = await onPrimary(
      async (c) => (await c.query<{ n: number }>('select count(*)::int as n from credits where account_id = any($1)', [people.map((p) => p.id)])).rows[0]!.n,
    );
    expect(credits).toBe(people.length);
  });

  it('holds a once-per-lifetime cap when one person’s two deeds reach different processes at once', async () => {
    for (let round = 0; round < 3; round++) {
      const person = await enrol(round % 2 ? a() : b());
      const [x, y] = await Promise.all([
        attest(a(), `pledge-${round}-a`, person.id, 'trc.organ-pledge', hoursAgo(3)),
        attest(b(), `pledge-${round}-b`, person.id, 'trc.organ-pledge', hoursAgo(30)),
      ]);
      const outcomes = [x.body, y.body].map((r) => (r.status === 'credited' ? 'credited' : (r.reason as { code: string } | undefined)?.code));
      expect(outcomes.sort(), JSON.stringify([x.body, y.body])).toEqual(['cap_exceeded', 'credited']);
    }
  });

  it('never overdraws a balance redeemed from both processes at once, and confirms a voucher once', async () => {
    const person = await enrol(a());
    expect((await attest(b(), 'balance-70', person.id, 'trc.blood.red-cell', hoursAgo(4))).body.status).toBe('credited');
    // 70 points, 50 a voucher: of four concurrent redemptions with different request keys, one succeeds.
    const tries = await Promise.all(
      [a(), b(), a(), b()].map((on, i) =>
        call(on, 'POST', `/api/v1/accounts/${person.id}/redemptions`, person.token, { privilege: 'ptt.bluepoints', requestKey: `rk-cluster-${i}` }),
      ),
    );
    const won = tries.filter((t) => t.status === 201);
    expect(won, JSON.stringify(tries.map((t) => t.body))).toHaveLength(1);
    expect(tries.filter((t) => t.status !== 201).map((t) => t.body.error?.code)).toEqual(['insufficient_balance', 'insufficient_balance', 'insufficient_balance']);
    for (const on of [a(), b()]) expect((await call(on, 'GET', `/api/v1/accounts/${person.id}/balance`, person.token)).body.balance).toBe(20);

    const shortCode = won[0]!.body.shortCode as string;
    const confirms = await Promise.all([a(), b()].map((on) => call(on, 'POST', '/api/v1/partner/vouchers/confirm', ptt, { shortCode })));
    expect(confirms.map((c) => c.status).sort()).toEqual([200, 409]);
    expect(confirms.find((c) => c.status === 409)!.body.error?.code).toBe('voucher_already_used');
    // The voucher's signed token, issued by one process, is checked by the other (one key, one issuer).
    const token = won[0]!.body.token as string;
    const again = await call(urls[won[0] === tries[0] || won[0] === tries[2] ? 1 : 0]!, 'POST', '/api/v1/partner/vouchers/confirm', ptt, { token });
    expect(again.body.error?.code).toBe('voucher_already_used');
  });

  it('accepts an eligibility token once when it is checked on both processes at once', async () => {
    const person = await enrol(b());
    expect((await attest(a(), 'stem-300', person.id, 'trc.stem-cell', hoursAgo(5))).body.status).toBe('credited');
    const issued = await call(a(), 'POST', `/api/v1/accounts/${person.id}/eligibility-tokens`, person.token, { privilege: 'ptt.fuel-3' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const checks = await Promise.all([a(), b()].map((on) => call(on, 'POST', '/api/v1/partner/eligibility/verify', ptt, { token: issued.body.token })));
    expect(checks.map((c) => c.status).sort()).toEqual([200, 409]);
    expect(checks.find((c) => c.status === 409)!.body.error?.code).toBe('token_already_used');
  });

  it('serves one log from both processes that verifies, and the replica’s reads catch up with the primary', async () => {
    const latestOnPrimary = () => onPrimary(async (c) => (await c.query<{ size: number }>('select max(size)::int as size from log_checkpoints')).rows[0]!.size);
    const entries = await onPrimary(async (c) => (await c.query<{ n: number }>('select count(*)::int as n from log_entries')).rows[0]!.n);
    // Both sequencers integrate (one at a time, under the advisory lock) until every entry is in.
    await until('every entry integrated', async () => ((await latestOnPrimary()) === entries ? true : undefined));
    const checkpoints = await until('both processes serving the primary’s checkpoint', async () => {
      const cps = await Promise.all(urls.map(async (u) => (await fetch(`${u}/log/checkpoint`)).text()));
      return cps[0] === cps[1] && cps[0]!.split('\n')[1] === String(entries) ? cps : undefined;
    });
    expect(checkpoints[0]!.split('\n')[0]).toBe('khwamdee.local/log');
    for (const baseUrl of urls) {
      const report = await verifyLog({ baseUrl, timeoutMs: 10_000 });
      expect(report.problems, baseUrl).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.checkedLeaves).toBe(entries);
    }

    // The public reads really come from the replica: with its replay paused, a new credit shows at
    // once where the primary answers (the balance) and only after the replay resumes where the
    // replica does (the score, the checkpoint).
    const person = await enrol(a());
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    const score = async (on: string) => (await call(on, 'GET', `/api/v1/accounts/${person.id}/score?year=${year}`, person.token)).body.points as number;
    await waitForReplay(primary!, replica!);
    const onReplica = new pg.Client({ connectionString: replicaUrl });
    await onReplica.connect();
    try {
      await onReplica.query('select pg_wal_replay_pause()');
      const before = await (await fetch(`${a()}/log/checkpoint`)).text();
      expect((await attest(b(), 'while-paused', person.id, 'trc.blood.red-cell', hoursAgo(6))).body.status).toBe('credited');
      for (const on of [a(), b()]) expect((await call(on, 'GET', `/api/v1/accounts/${person.id}/balance`, person.token)).body.balance).toBe(70);
      await until('the sequencer integrating on the primary', async () => ((await latestOnPrimary()) === entries + 1 ? true : undefined));
      for (const on of [a(), b()]) expect(await score(on)).toBe(0);
      expect(await (await fetch(`${b()}/log/checkpoint`)).text()).toBe(before);
    } finally {
      await onReplica.query('select pg_wal_replay_resume()');
      await onReplica.end();
    }
    await until('the replica catching up', async () => ((await score(a())) === 70 && (await score(b())) === 70 ? true : undefined));
    await until('both serving the new checkpoint', async () => {
      const cps = await Promise.all(urls.map(async (u) => (await fetch(`${u}/log/checkpoint`)).text()));
      return cps.every((c) => c.split('\n')[1] === String(entries + 1)) ? true : undefined;
    });
  });

  it('answers the replica’s reads from the primary while the replica is down', async () => {
    const person = await enrol(b());
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    const score = async (on: string) => {
      const r = await call(on, 'GET', `/api/v1/accounts/${person.id}/score?year=${year}`, person.token);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.points as number;
    };
    expect((await attest(a(), 'before-replica-stop', person.id, 'trc.blood.red-cell', hoursAgo(6))).body.status).toBe('credited');
    await waitForReplay(primary!, replica!);
    await replica!.stop();
    // Stopped: each process finds out on its next read, says so once, and reads the primary.
    for (const on of [a(), b()]) expect(await score(on)).toBe(70);
    for (const s of servers) await s.waitFor(/read replica/, 10_000);
    expect((await attest(b(), 'after-replica-stop', person.id, 'trc.organ-pledge', hoursAgo(6))).body.status).toBe('credited');
    // The primary has the new credit at once.
    for (const on of [a(), b()]) expect(await score(on)).toBe(270);
    for (const u of urls) expect((await fetch(`${u}/log/checkpoint`)).status).toBe(200);
  });

  it('counts one rate limit for a caller whose requests alternate between the processes', async () => {
    // A caller of its own (the dsd agency), so the requests above do not count against it.
    const dsd = (await call(a(), 'POST', '/api/v1/agencies/dsd/keys', ADMIN, {})).body.token as string;
    const codes: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, (_, j) => call(urls[(i + j) % 2]!, 'GET', '/api/v1/areas?q=500204', dsd)));
      codes.push(...batch.map((r) => r.status));
    }
    expect(codes.filter((c) => c !== 200)).toEqual([]);
    // Each process alone has seen only half of the limit; together they have seen all of it.
    for (const on of [a(), b()]) {
      const over = await call(on, 'GET', '/api/v1/areas?q=500204', dsd);
      expect(over.status).toBe(429);
      expect(over.body.error?.code).toBe('rate_limited');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
  });

  // Last: it blocks every token from this address (127.0.0.1) for the rest of the window.
  it('counts failed token checks from an address across both processes', async () => {
    const guesses = await Promise.all([a(), b(), a()].map((on, i) => call(on, 'GET', '/api/v1/indicators', `guess-${i}-0000000000000000000000`)));
    expect(guesses.map((g) => g.status)).toEqual([401, 401, 401]);
    for (const on of [b(), a()]) {
      const blocked = await call(on, 'GET', '/api/v1/indicators', trc);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
