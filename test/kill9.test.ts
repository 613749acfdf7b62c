// kill -9 of the real server process, on SQLite and on PostgreSQL: in the middle of a file import
// and in the middle of a burst of attestation batches. After a restart on the same data every
// acknowledged row is credited exactly once, none twice, the import resumes where it stopped and
// the log verifies and extends what it had published before the kill. The same file or the same
// batches sent again credit nothing twice; what was in flight is credited once then.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { withThaiCheckDigit } from '../src/core/ids.js';
import { DB_KINDS } from './support/platforms.js';
import { createDatabase, dropDatabase } from './support/postgres.js';
import {
  ADMIN,
  DONATIONS_PER_PERSON,
  api,
  checkpointNow,
  donationDay,
  enrolPeople,
  kill9,
  openReader,
  pool,
  startServer,
  stop,
  until,
  verifiedLog,
  type Reader,
  type Server,
  type Storage,
} from './kill9-support.js';

/** Refs of `prefix` credited, with how many credits each has (the schema allows one; this checks it). */
async function creditsByRef(reader: Reader, prefix: string): Promise<Map<string, { id: string; credits: number }>> {
  const rows = await reader.rows<{ ref: string; id: string; credits: number | string }>(
    `select a.ref, a.id, count(c.id) as credits from attestations a join credits c on c.attestation_id = a.id
     where a.issuer_code = 'trc' and a.ref like '${prefix}%' group by a.ref, a.id`,
  );
  const out = new Map<string, { id: string; credits: number }>();
  for (const r of rows) {
    expect(out.has(r.ref), `ref ${r.ref} recorded twice`).toBe(false);
    out.set(r.ref, { id: r.id, credits: Number(r.credits) });
  }
  return out;
}

/**
 * Every credited attestation has its one credit and every credit its log entry: they are written in
 * one transaction, so a crash cannot split them.
 */
async function expectEveryCreditLogged(reader: Reader): Promise<void> {
  const uncredited = await reader.count(`select count(*) from attestations a left join credits c on c.attestation_id = a.id where a.status = 'credited' and c.id is null`);
  expect(uncredited).toBe(0);
  const unlogged = await reader.count(`select count(*) from credits c left join log_entries e on e.kind = 'credit' and e.ref_id = c.id where e.seq is null`);
  expect(unlogged).toBe(0);
  const doubly = await reader.count(`select count(*) from (select ref_id from log_entries group by kind, ref_id having count(*) > 1) d`);
  expect(doubly).toBe(0);
}

describe.each(DB_KINDS)('kill -9 of the server (%s)', (kind) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** A fresh data directory (and PostgreSQL database) that outlives the server processes on it. */
  async function freshStorage(): Promise<Storage> {
    const dataDir = mkdtempSync(join(tmpdir(), 'khwamdee-kill9-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    if (kind === 'sqlite') return { dataDir, databaseUrl: undefined };
    const name = `kill9_${randomBytes(5).toString('hex')}`;
    const databaseUrl = await createDatabase(inject('pgUrl'), name);
    cleanups.push(() => dropDatabase(inject('pgUrl'), name));
    return { dataDir, databaseUrl };
  }

  async function serve(storage: Storage): Promise<Server> {
    const server = await startServer(storage);
    cleanups.push(() => stop(server));
    return server;
  }

  async function reader(storage: Storage): Promise<Reader> {
    const r = await openReader(storage);
    cleanups.push(() => r.close());
    return r;
  }

  it('resumes a file import killed mid-chunk: each row credited once, totals exact, the log verifies', { timeout: 120_000 }, async () => {
    const storage = await freshStorage();
    let server = await serve(storage);
    const db = await reader(storage);
    const trc = (await api(server.url, 'POST', '/api/v1/agencies/trc/keys', ADMIN, {})).json.token as string;
    const people = await enrolPeople(server.url, 500, '5');

    // Four plasma donations of each person (2,000 credits); 20 more donations too soon after one
    // of them (rejected by the 14-day interval); 14 rows for people never enrolled (failed).
    const header = 'ref,national_id,indicator,occurred_at,evidence_donationNo';
    const lines: string[] = [];
    const good = new Set<string>();
    const row = (ref: string, nationalId: string, day: string) => lines.push(`${ref},${nationalId},trc.blood.plasma,${day},D-${ref}`);
    for (let k = 0; k < DONATIONS_PER_PERSON; k++)
      people.forEach((p, j) => {
        row(`IMP-${k}-${j}`, p.nationalId, donationDay(k));
        good.add(`IMP-${k}-${j}`);
        if (k === 2 && j % 38 === 0) row(`IMP-X-${j}`, withThaiCheckDigit(`8${String(j).padStart(11, '0')}`), donationDay(k));
        if (k === 3 && j % 25 === 0) row(`IMP-R-${j}`, p.nationalId, new Date(Date.parse(donationDay(1)) + 3 * 86_400_000).toISOString());
      });
    const rejected = lines.filter((l) => l.startsWith('IMP-R-')).length;
    const failed = lines.filter((l) => l.startsWith('IMP-X-')).length;
    expect([lines.length, rejected, failed]).toEqual([2034, 20, 14]);
    const file = `${header}\n${lines.join('\n')}\n`;
    const upload = async () => {
      const res = await fetch(`${server.url}/api/v1/imports?fileName=kill9.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${trc}`, 'content-type': 'text/csv' },
        body: file,
      });
      expect(res.status).toBe(202);
      return ((await res.json()) as { id: string }).id;
    };
    const importId = await upload();
    const importRow = async () =>
      (
        await db.rows<{ status: string; position: number; size_bytes: number; rows_read: number; credited: number; started_at: string }>(
          `select status, position, size_bytes, rows_read, credited, started_at from imports where id = '${importId}'`,
        )
      )[0]!;
    const creditedInDb = () => db.count(`select count(*) from credits c join attestations a on a.id = c.attestation_id where a.ref like 'IMP-%'`);

    // Kill when the import reports some rows credited but not all, and more credits are committed
    // than it has recorded: a chunk is half posted. A kill that lands just after the chunk is
    // recorded proves less, so the server is started again and killed again (at most three times).
    let published = await checkpointNow(server.url);
    const kills: Array<{ position: number; rowsRead: number; credited: number; inDb: number }> = [];
    let startedAt: string | undefined;
    for (let attempt = 0; attempt < 3 && !kills.some((k) => k.inDb > k.credited); attempt++) {
      let seenAt = 0;
      await until(
        'a chunk half posted',
        async () => {
          const r = await importRow();
          const [recorded, inDb] = [Number(r.credited), await creditedInDb()];
          if (r.status === 'running' && recorded > 0 && recorded < good.size && inDb > recorded) return true;
          // A checkpoint published before the kill, which the log must still extend after it. (Not
          // fetched once the moment has come: SQLite keeps the server busy until its next turn.)
          if (Date.now() - seenAt > 300) [published, seenAt] = [await checkpointNow(server.url), Date.now()];
          return false;
        },
        60_000,
        10,
      );
      await kill9(server);
      const r = await importRow();
      startedAt ??= r.started_at;
      kills.push({ position: Number(r.position), rowsRead: Number(r.rows_read), credited: Number(r.credited), inDb: await creditedInDb() });
      // What the dead server left: an import part-way through the file, still marked running.
      expect(r.status).toBe('running');
      expect(Number(r.position)).toBeGreaterThan(0);
      expect(Number(r.position)).toBeLessThan(Number(r.size_bytes));
      expect(Number(r.rows_read)).toBeGreaterThan(0);
      expect(Number(r.rows_read)).toBeLessThan(lines.length);
      await expectEveryCreditLogged(db);
      server = await serve(storage);
      // The restarted server goes on from the recorded position, not from the top of the file.
      const resumed = (await api(server.url, 'GET', `/api/v1/imports/${importId}`, trc)).json;
      expect(resumed.position).toBeGreaterThanOrEqual(Number(r.position));
      expect(resumed.rowsRead).toBeGreaterThanOrEqual(Number(r.rows_read));
    }
    expect(kills.some((k) => k.inDb > k.credited)).toBe(true);

    const done = await until(
      'the import to finish',
      async () => {
        const s = (await api(server.url, 'GET', `/api/v1/imports/${importId}`, trc)).json;
        return s.status === 'done' || s.status === 'failed' ? s : undefined;
      },
      60_000,
      100,
    );
    // It went on from where it stopped: the same import, started once, read to the end, and the
    // rows of the half-posted chunk counted once.
    expect(done).toMatchObject({
      status: 'done',
      rowsRead: lines.length,
      credited: good.size,
      rejected,
      failed,
      pending: 0,
      alreadyRecorded: 0,
      errorCount: rejected + failed,
      position: file.length,
      sizeBytes: file.length,
      startedAt,
    });
    expect(done.credited + done.rejected + done.failed).toBe(lines.length);

    const credited = await creditsByRef(db, 'IMP-');
    expect([...credited.keys()].sort()).toEqual([...good].sort());
    expect([...credited.values()].every((c) => c.credits === 1)).toBe(true);
    expect(await db.count(`select count(*) from attestations where ref like 'IMP-%'`)).toBe(good.size + rejected);
    expect(await db.count(`select count(*) from (select distinct "row" from import_errors where import_id = '${importId}') d`)).toBe(rejected + failed);
    await expectEveryCreditLogged(db);
    // Finished after the restart as after a clean run: the spooled file (it held national IDs) is
    // deleted and the refs kept while the file was read are dropped.
    expect(readdirSync(join(storage.dataDir, 'imports')).filter((f) => f !== 'location')).toEqual([]);
    expect(await db.count(`select count(*) from import_refs where import_id = '${importId}'`)).toBe(0);
    const report = await verifiedLog(server.url, db, published);
    expect(report.size).toBe(await db.count('select count(*) from credits'));

    // The same file again: every row replays, nothing new is credited or logged.
    const before = { credits: await db.count('select count(*) from credits'), entries: await db.count('select count(*) from log_entries') };
    const againId = await upload();
    const again = await until(
      'the file sent again to finish',
      async () => {
        const s = (await api(server.url, 'GET', `/api/v1/imports/${againId}`, trc)).json;
        return s.status === 'done' ? s : undefined;
      },
      30_000,
      100,
    );
    expect(again).toMatchObject({ rowsRead: lines.length, credited: good.size, rejected, failed, alreadyRecorded: good.size + rejected });
    expect({ credits: await db.count('select count(*) from credits'), entries: await db.count('select count(*) from log_entries') }).toEqual(before);
    await verifiedLog(server.url, db, { size: report.size!, rootHash: report.rootHash! });
  });

  it('credits every acknowledged batch item once after a kill in a burst, and the unacknowledged once when sent again', { timeout: 120_000 }, async () => {
    const storage = await freshStorage();
    let server = await serve(storage);
    const db = await reader(storage);
    const trc = (await api(server.url, 'POST', '/api/v1/agencies/trc/keys', ADMIN, {})).json.token as string;
    const people = await enrolPeople(server.url, 200, '6');

    // 800 plasma donations in 80 batches of 10, each item with the issuer's ref.
    const items = people.flatMap((p, j) =>
      Array.from({ length: DONATIONS_PER_PERSON }, (_, k) => ({
        ref: `B-${k}-${j}`,
        subject: { accountId: p.id },
        indicator: 'trc.blood.plasma',
        occurredAt: donationDay(k),
        evidence: { donationNo: `D-B-${k}-${j}` },
      })),
    );
    const batches = Array.from({ length: items.length / 10 }, (_, b) => items.filter((_, i) => i % 80 === b));
    type BatchAnswer = { items: Array<{ ok: boolean; result?: { id: string; status: string } }> };
    type Outcome = { state: 'acknowledged'; ids: string[] } | { state: 'in flight' } | { state: 'refused'; status: number };
    const outcomes = new Map<number, Outcome>();
    const send = (url: string, b: number) =>
      fetch(`${url}/api/v1/attestations/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${trc}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items: batches[b] }),
      });

    // SIGKILL once 30 batches are acknowledged, at a moment the database holds credits of batches not
    // yet answered if one comes within a second (a commit whose answer the kill cuts off), and
    // before 50 are, so that others are still in flight.
    let killed = false;
    let published = await checkpointNow(server.url);
    const dying = server;
    const answeredItems = () => [...outcomes.values()].filter((o) => o.state === 'acknowledged').length * 10;
    const killer = (async () => {
      await until('30 batches acknowledged', async () => answeredItems() >= 300, 60_000, 5);
      published = await checkpointNow(dying.url);
      const deadline = Date.now() + 1_000;
      const committed = () => db.count(`select count(*) from credits c join attestations a on a.id = c.attestation_id where a.ref like 'B-%'`);
      // A pause between reads: answers keep coming in while it looks.
      while (Date.now() < deadline && answeredItems() < 500 && (await committed()) <= answeredItems()) await new Promise((r) => setTimeout(r, 1));
      killed = true;
      process.kill(dying.pid, 'SIGKILL');
    })();
    await pool(
      [...batches.keys()],
      10,
      async (b) => {
        let answer: { status: number; body: BatchAnswer } | undefined;
        try {
          const res = await send(dying.url, b);
          answer = { status: res.status, body: (await res.json()) as BatchAnswer };
        } catch {
          // No answer: the server died with this request in flight, its outcome unknown to the client.
          outcomes.set(b, { state: 'in flight' });
          return;
        }
        if (answer.status !== 200) {
          outcomes.set(b, { state: 'refused', status: answer.status });
          return;
        }
        expect(answer.body.items.map((i) => i.ok && i.result?.status)).toEqual(batches[b]!.map(() => 'credited'));
        outcomes.set(b, { state: 'acknowledged', ids: answer.body.items.map((i) => i.result!.id) });
      },
      () => killed,
    );
    await killer;
    await dying.running.exited;
    const acknowledged = [...outcomes].filter((e): e is [number, Outcome & { state: 'acknowledged' }] => e[1].state === 'acknowledged');
    const inFlight = [...outcomes].filter(([, o]) => o.state === 'in flight').map(([b]) => b);
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);
    expect(inFlight.length).toBeGreaterThan(0);
    expect([...outcomes.values()].filter((o) => o.state === 'refused')).toEqual([]);

    // Read while the server is dead: every acknowledged item is there once, with the id it was answered with.
    const afterKill = await creditsByRef(db, 'B-');
    for (const [b, o] of acknowledged)
      batches[b]!.forEach((item, i) => {
        expect(afterKill.get(item.ref), `acknowledged ${item.ref}`).toEqual({ id: o.ids[i], credits: 1 });
      });
    await expectEveryCreditLogged(db);
    const unacknowledged = items.filter((it) => !acknowledged.some(([b]) => batches[b]!.includes(it)));
    const committedUnanswered = unacknowledged.filter((it) => afterKill.has(it.ref)).length;

    server = await serve(storage);
    const restarted = await verifiedLog(server.url, db, published);

    // Every batch again, acknowledged or not, with the same refs.
    await pool([...batches.keys()], 6, async (b) => {
      const res = await send(server.url, b);
      expect(res.status).toBe(200);
      const body = (await res.json()) as BatchAnswer;
      expect(body.items.map((i) => i.ok && i.result?.status)).toEqual(batches[b]!.map(() => 'credited'));
      const before = outcomes.get(b);
      if (before?.state === 'acknowledged') expect(body.items.map((i) => i.result!.id)).toEqual(before.ids);
    });
    const final = await creditsByRef(db, 'B-');
    expect(final.size).toBe(items.length);
    expect([...final.values()].every((c) => c.credits === 1)).toBe(true);
    // What had been committed before the kill kept its id: it replayed, it was not credited again.
    for (const [ref, c] of afterKill) expect(final.get(ref)?.id).toBe(c.id);
    expect(unacknowledged.length - committedUnanswered).toBe(final.size - afterKill.size);
    expect(await db.count('select count(*) from credits')).toBe(items.length);
    await expectEveryCreditLogged(db);
    const report = await verifiedLog(server.url, db, { size: restarted.size!, rootHash: restarted.rootHash! });
    expect(report.size).toBe(items.length);
  });
});
