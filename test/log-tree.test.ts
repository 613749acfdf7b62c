// The transparency log end to end on SQLite and PostgreSQL: credits become leaves, checkpoints are
// signed, tiles and proofs served over HTTP verify, an edited credit is named, and a batch that
// fails midway leaves the log as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { loadOrCreateLogKey } from '../src/adapters/log-key.js';
import { emptyRoot, fromBase64, noteVerifierFromKey, parseVerifierKey, toHex, verifyConsistency, verifyNote, parseCheckpoint } from '../src/core/merkle/index.js';
import { createSequencer } from '../src/log/sequencer.js';
import { DEFAULT_LOG_ORIGIN } from '../src/platform.js';
import { logTreeRepo } from '../src/store/repos/log.js';
import { DB_KINDS, auth, openTestPlatform, ADMIN_TOKEN, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson } from './support/helpers.js';
import { auditLog, readCheckpoint, type Get } from './log-support.js';

const injectGet =
  (app: FastifyInstance): Get =>
  async (path) => {
    const res = await app.inject({ method: 'GET', url: path });
    return { status: res.statusCode, body: new Uint8Array(res.rawPayload), type: String(res.headers['content-type'] ?? '') };
  };

describe.each(DB_KINDS)('transparency log (%s)', (kind) => {
  let p: TestPlatform;
  let get: Get;
  let trc: string;
  const credited: string[] = [];

  /** A sequencer on the platform's key with its own options (the platform's own loop is stopped). */
  const sequencer = (opts: { batchMax?: number; beforeCheckpoint?: () => void } = {}) => {
    const key = loadOrCreateLogKey(p.dataDir, DEFAULT_LOG_ORIGIN);
    return createSequencer({ db: p.store.db, dialect: p.store.dialect, clock: p.clock, origin: key.origin, signer: key.signer, onError: () => {}, ...opts });
  };

  async function creditSome(n: number, tag: string): Promise<void> {
    for (let i = 0; i < n; i++) {
      const person = await enrolPerson(p.app);
      const r = await attest(p.app, trc, {
        ref: `${tag}-${i}`,
        subject: { accountId: person.id },
        indicator: 'trc.blood.red-cell',
        occurredAt: '2026-05-01T09:00:00+07:00',
        evidence: { donationNo: `D-${tag}-${i}` },
      });
      expect(r.json().status, r.body).toBe('credited');
      credited.push(r.json().id);
    }
  }

  /** Entries of another kind stand in for volume: enough to fill several tiles quickly. */
  async function appendFiller(n: number, tag: string): Promise<void> {
    const rows = Array.from({ length: n }, (_, i) => ({
      kind: 'test',
      ref_id: `${tag}-${i}`,
      leaf: JSON.stringify({ v: 1, kind: 'test', n: i, tag }),
      created_at: '2026-06-15T03:00:00.000Z',
      leaf_index: null,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await p.store.db
        .insertInto('log_entries')
        .values(rows.slice(i, i + 200))
        .execute();
  }

  async function pendingCount(): Promise<number> {
    const r = await p.store.db
      .selectFrom('log_entries')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('leaf_index', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  beforeAll(async () => {
    p = await openTestPlatform(kind);
    await p.sequencer.stop();
    get = injectGet(p.app);
    trc = await agencyToken(p.app, 'trc');
  });
  afterAll(async () => p?.cleanup());

  it('starts with a signed empty checkpoint verifiable with /log/key', async () => {
    expect((await p.sequencer.integrateOnce()).size).toBe(0);
    const key = await p.app.inject({ method: 'GET', url: '/log/key' });
    expect(key.headers['content-type']).toMatch(/^text\/plain/);
    expect(parseVerifierKey(key.body)).toMatchObject({ name: DEFAULT_LOG_ORIGIN, type: 1 });
    const cp = await readCheckpoint(get);
    expect(cp).toMatchObject({ origin: DEFAULT_LOG_ORIGIN, size: 0, extensions: [] });
    expect(toHex(cp.rootHash)).toBe(toHex(emptyRoot()));
  });

  it('integrates credited attestations and filler in batches, each batch one signed checkpoint', async () => {
    await creditSome(3, 'a');
    await appendFiller(600, 'f1');
    await creditSome(2, 'b');
    const total = 605;
    expect(await pendingCount()).toBe(total);
    const seq = sequencer({ batchMax: 250 });
    expect(await seq.integrateOnce()).toEqual({ integrated: 250, size: 250 });
    expect(await seq.catchUp()).toBe(total);
    expect(await pendingCount()).toBe(0);

    const indices = await p.store.db.selectFrom('log_entries').select(['leaf_index']).orderBy('leaf_index').execute();
    expect(indices.map((r) => Number(r.leaf_index))).toEqual([...Array(total).keys()]);
    // Entries keep their posting order.
    const bySeq = await p.store.db.selectFrom('log_entries').select(['leaf_index']).orderBy('seq').execute();
    expect(bySeq.map((r) => Number(r.leaf_index))).toEqual([...Array(total).keys()]);

    const audit = await auditLog(get, (n) => [0, 1, 255, 256, 257, 511, 512, n - 1]);
    expect(audit.size).toBe(total);
    expect(audit.mismatched).toEqual([]);
  });

  it('proves consistency between every pair of published checkpoints', async () => {
    const sizes = [0, 250, 500, 605];
    const roots = new Map<number, Uint8Array>();
    for (const s of sizes) {
      if (s === 0) {
        roots.set(0, emptyRoot());
        continue;
      }
      const res = await p.app.inject({ method: 'GET', url: `/api/v1/log/inclusion?index=0&size=${s}` });
      expect(res.statusCode, res.body).toBe(200);
      const note = res.json().checkpoint as string;
      const key = (await p.app.inject({ method: 'GET', url: '/log/key' })).body;
      const opened = verifyNote(note, [noteVerifierFromKey(key)]);
      expect(opened.ok).toBe(true);
      if (opened.ok) roots.set(s, parseCheckpoint(opened.text).rootHash);
    }
    for (const from of sizes) {
      for (const to of sizes.filter((t) => t >= from)) {
        const res = await p.app.inject({ method: 'GET', url: `/api/v1/log/consistency?from=${from}&to=${to}` });
        expect(res.statusCode, res.body).toBe(200);
        const proof = (res.json().proof as string[]).map((x) => fromBase64(x)!);
        expect(verifyConsistency(from, to, proof, roots.get(from)!, roots.get(to)!), `${from} -> ${to}`).toBe(true);
      }
    }
  });

  it('refuses sizes the log has not published and tile paths beyond the checkpoint', async () => {
    const cases = [
      ['/api/v1/log/inclusion?index=0&size=606', 404, 'log_size_unknown'],
      ['/api/v1/log/consistency?from=1&to=9999', 404, 'log_size_unknown'],
      ['/api/v1/log/inclusion?index=605', 400, 'validation_failed'],
      ['/api/v1/log/consistency?from=10&to=5', 400, 'validation_failed'],
      ['/api/v1/log/inclusion?index=-1', 400, 'validation_failed'],
      ['/log/tile/0/002', 404, 'not_found'],
      ['/log/tile/0/002.p/94', 404, 'not_found'],
      ['/log/tile/entries/003.p/1', 404, 'not_found'],
      ['/log/tile/0/2', 404, 'not_found'],
      ['/log/tile/9/x1/000', 404, 'not_found'],
    ] as const;
    for (const [url, status, code] of cases) {
      const res = await p.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(status);
      expect(res.json().error.code, url).toBe(code);
    }
    // A smaller width of a grown tile is its prefix; a full tile is immutable.
    const full = await p.app.inject({ method: 'GET', url: '/log/tile/0/000' });
    const prefix = await p.app.inject({ method: 'GET', url: '/log/tile/0/000.p/3' });
    expect(full.headers['cache-control']).toMatch(/immutable/);
    expect(Buffer.compare(prefix.rawPayload, full.rawPayload.subarray(0, 96))).toBe(0);
    expect((await p.app.inject({ method: 'GET', url: '/log/tile/0/002.p/93' })).statusCode).toBe(200);
  });

  it('serves entry bundles immutable and gzip-compressed when asked, identical once unzipped', async () => {
    const plain = await p.app.inject({ method: 'GET', url: '/log/tile/entries/000' });
    const zipped = await p.app.inject({ method: 'GET', url: '/log/tile/entries/000', headers: { 'accept-encoding': 'gzip;q=1, br;q=0.5' } });
    const refused = await p.app.inject({ method: 'GET', url: '/log/tile/entries/000', headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(zipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Buffer.compare(gunzipSync(zipped.rawPayload), plain.rawPayload)).toBe(0);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    const tile = await p.app.inject({ method: 'GET', url: '/log/tile/0/000', headers: { 'accept-encoding': 'gzip' } });
    expect(tile.headers['content-encoding']).toBe('gzip');
  });

  it('gives each credit its log index and an inclusion proof against the latest checkpoint', async () => {
    const person = await enrolPerson(p.app);
    const r = await attest(p.app, trc, {
      ref: `shown-${person.id}`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-05-02T09:00:00+07:00',
      evidence: { donationNo: 'D-S' },
    });
    expect(r.json().status).toBe('credited');
    const listed = async () => (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2026`, headers: auth(ADMIN_TOKEN) })).json().items[0];
    expect((await listed()).logIndex).toBeNull();
    await p.sequencer.integrateOnce();
    const index = (await listed()).logIndex as number;
    expect(index).toBe(605);
    const proofs = await p.services.log.inclusionMany([index, 9_999]);
    expect([...proofs.keys()]).toEqual([index]);
    const cp = await readCheckpoint(get);
    const answer = proofs.get(index)!;
    expect(answer.checkpoint).toBe(cp.note);
    const served = (await p.app.inject({ method: 'GET', url: `/api/v1/log/inclusion?index=${index}` })).json();
    expect(served).toEqual(answer);
  });

  it('names a credit edited in the database: its served entry no longer hashes to the leaf in the tiles', async () => {
    const before = await auditLog(get, () => []);
    expect(before.mismatched).toEqual([]);
    const victim = await p.store.db
      .selectFrom('credits')
      .innerJoin('log_entries', 'log_entries.ref_id', 'credits.id')
      .select(['credits.id', 'credits.points', 'log_entries.leaf_index'])
      .where('credits.attestation_id', '=', credited[3]!)
      .executeTakeFirstOrThrow();
    await p.store.db
      .updateTable('credits')
      .set({ points: victim.points + 100 })
      .where('id', '=', victim.id)
      .execute();
    try {
      const after = await auditLog(get, () => []);
      expect(after.mismatched).toEqual([Number(victim.leaf_index)]);
      expect(toHex(after.root)).toBe(toHex(before.root));
    } finally {
      await p.store.db.updateTable('credits').set({ points: victim.points }).where('id', '=', victim.id).execute();
    }
    // Moving a credit to another account is named too; a deleted credit serves an entry that cannot match.
    const other = await enrolPerson(p.app);
    const original = await p.store.db.selectFrom('credits').select('account_id').where('id', '=', victim.id).executeTakeFirstOrThrow();
    await p.store.db.updateTable('credits').set({ account_id: other.id }).where('id', '=', victim.id).execute();
    expect((await auditLog(get, () => [])).mismatched).toEqual([Number(victim.leaf_index)]);
    await p.store.db.updateTable('credits').set({ account_id: original.account_id }).where('id', '=', victim.id).execute();
    expect((await auditLog(get, () => [])).mismatched).toEqual([]);
  });

  it('serves the stored leaf once the subject key is erased, and the log still verifies', async () => {
    const row = await p.store.db
      .selectFrom('credits')
      .innerJoin('accounts', 'accounts.id', 'credits.account_id')
      .select(['accounts.id', 'accounts.subject_key_enc'])
      .where('credits.attestation_id', '=', credited[0]!)
      .executeTakeFirstOrThrow();
    await p.store.db.updateTable('accounts').set({ subject_key_enc: null }).where('id', '=', row.id).execute();
    try {
      expect((await auditLog(get, () => [])).mismatched).toEqual([]);
    } finally {
      await p.store.db.updateTable('accounts').set({ subject_key_enc: row.subject_key_enc }).where('id', '=', row.id).execute();
    }
  });

  it('rolls back a batch that fails before its checkpoint, then integrates it in full', async () => {
    let fail = false;
    const seq = sequencer({
      batchMax: 300,
      beforeCheckpoint: () => {
        if (fail) throw new Error('simulated crash inside the batch');
      },
    });
    // The first batch caches the right edge; the failed one must not disturb it.
    await appendFiller(10, 'g0');
    const start = (await seq.integrateOnce()).size;
    await appendFiller(400, 'g1');
    const tilesBefore = await logTreeRepo.readTiles(
      p.store.db,
      [0, 1, 2, 3].map((idx) => ({ level: 0, idx })),
    );
    fail = true;
    await expect(seq.integrateOnce()).rejects.toThrow(/simulated crash/);
    expect(await pendingCount()).toBe(400);
    expect((await logTreeRepo.latestCheckpoint(p.store.db))!.size).toBe(start);
    expect(
      await logTreeRepo.readTiles(
        p.store.db,
        [0, 1, 2, 3].map((idx) => ({ level: 0, idx })),
      ),
    ).toEqual(tilesBefore);

    fail = false;
    expect(await seq.catchUp()).toBe(start + 400);
    const counts = await p.store.db
      .selectFrom('log_entries')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.count('leaf_index').distinct().as('distinct'), eb.fn.max('leaf_index').as('max')])
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(start + 400);
    expect(Number(counts.distinct)).toBe(start + 400);
    expect(Number(counts.max)).toBe(start + 399);
    const audit = await auditLog(get, (n) => [0, start - 1, start, n - 1]);
    expect(audit.mismatched).toEqual([]);
  });

  it('documents the log routes in OpenAPI', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/log/checkpoint', '/log/key', '/log/tile/{*}', '/api/v1/log/inclusion', '/api/v1/log/consistency']));
  });

  it('integrates in the background while the platform runs', async () => {
    const seq = sequencer();
    seq.start();
    try {
      await creditSome(1, 'bg');
      const deadline = Date.now() + 5_000;
      while ((await pendingCount()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await pendingCount()).toBe(0);
    } finally {
      await seq.stop();
    }
    expect((await auditLog(get, (n) => [n - 1])).mismatched).toEqual([]);
  });
});
