import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWitnessApp } from '../witness/app.js';
import { openWitness } from '../witness/witness.js';
import { FakeLog, injectFetch } from './verifier-testlog.js';
import { verifyLog } from './verifier.js';
import { WitnessError, requestCosignature, verifyCosignedCheckpoint } from './witness-client.js';

const URL1 = 'https://w1.test';
let dirs: string[];
let log: FakeLog;
let witnesses: Array<{ app: FastifyInstance; key: string; fetch: typeof fetch }>;

beforeEach(async () => {
  log = new FakeLog().grow(20);
  dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'khwamdee-wc-')));
  witnesses = await Promise.all(
    dirs.map(async (dataDir, i) => {
      const witness = openWitness({ dataDir, name: `w${i}.test`, logs: [{ origin: log.origin, verifierKey: log.verifierKey }] });
      const app = await buildWitnessApp({ witness });
      return { app, key: witness.verifierKey, fetch: injectFetch(app) };
    }),
  );
});
afterEach(async () => {
  for (const w of witnesses) await w.app.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('requestCosignature', () => {
  it('returns cosignature lines that make the note verify under the witness key', async () => {
    const w = witnesses[0]!;
    const lines = await requestCosignature({ witnessUrl: URL1, oldSize: 0, proof: [], checkpointNote: log.checkpointNote, fetch: w.fetch, witnessKey: w.key });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\u2014 w0\.test .+\n$/);
    expect(verifyCosignedCheckpoint(log.checkpointNote + lines.join(''), log.verifierKey, [w.key])).toMatchObject({ ok: true });
  });

  it('retries once from the size the witness holds after a 409, with a proof for it', async () => {
    const w = witnesses[0]!;
    await requestCosignature({ witnessUrl: URL1, oldSize: 0, proof: [], checkpointNote: log.checkpointNote, fetch: w.fetch });
    log.grow(300);
    const asked: number[] = [];
    const lines = await requestCosignature({
      witnessUrl: URL1,
      oldSize: 0,
      proof: [],
      checkpointNote: log.checkpointNote,
      fetch: w.fetch,
      proofFor: (old) => {
        asked.push(old);
        return log.tree.consistencyProof(old, log.size);
      },
      witnessKey: w.key,
    });
    expect(asked).toEqual([20]);
    expect(verifyCosignedCheckpoint(log.checkpointNote + lines.join(''), log.verifierKey, [w.key]).ok).toBe(true);
  });

  it('reports a 409 without a proof callback, and refusals, as WitnessError', async () => {
    const w = witnesses[0]!;
    await requestCosignature({ witnessUrl: URL1, oldSize: 0, proof: [], checkpointNote: log.checkpointNote, fetch: w.fetch });
    log.grow(1);
    const conflict = await requestCosignature({ witnessUrl: URL1, oldSize: 0, proof: [], checkpointNote: log.checkpointNote, fetch: w.fetch }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(WitnessError);
    expect(conflict).toMatchObject({ status: 409, witnessSize: 20 });

    const fork = new FakeLog({ privateKey: log.privateKey, seed: 'fork' }).grow(30);
    const refused = await requestCosignature({
      witnessUrl: URL1,
      oldSize: 20,
      proof: fork.tree.consistencyProof(20, 30),
      checkpointNote: fork.checkpointNote,
      fetch: w.fetch,
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'WitnessError', status: 422 });

    const down = await requestCosignature({
      witnessUrl: URL1,
      oldSize: 0,
      proof: [],
      checkpointNote: log.checkpointNote,
      fetch: () => Promise.reject(new Error('ECONNREFUSED')),
    }).catch((e: unknown) => e);
    expect(down).toMatchObject({ name: 'WitnessError', status: 0 });
  });

  it('refuses an answer that is not a cosignature by the expected witness', async () => {
    const w = witnesses[0]!;
    const wrongKey = witnesses[1]!.key;
    await expect(requestCosignature({ witnessUrl: URL1, oldSize: 0, proof: [], checkpointNote: log.checkpointNote, fetch: w.fetch, witnessKey: wrongKey })).rejects.toThrow(
      /no valid cosignature from w1\.test/,
    );
    const junk: typeof fetch = async () => new Response('hello\n', { status: 200 });
    await expect(requestCosignature({ witnessUrl: URL1, oldSize: 0, proof: [], checkpointNote: log.checkpointNote, fetch: junk })).rejects.toThrow(/malformed cosignature answer/);
  });
});

describe('a log cosigned by its witnesses, checked by the verifier', () => {
  it('meets a 2-of-3 policy with two cosignatures and fails 3-of-3', async () => {
    let note = log.checkpointNote;
    for (const w of witnesses.slice(0, 2)) {
      note += (await requestCosignature({ witnessUrl: URL1, oldSize: 0, proof: [], checkpointNote: log.checkpointNote, fetch: w.fetch, witnessKey: w.key })).join('');
    }
    log.checkpointNote = note;
    const keys = witnesses.map((w) => w.key);
    const ok = await verifyLog({ baseUrl: 'https://log.test', fetch: log.fetch, logKey: log.verifierKey, witnesses: keys, quorum: 2 });
    expect(ok.ok).toBe(true);
    expect(ok.witnesses).toMatchObject({ quorum: 2, total: 3, quorumMet: true });
    const all = await verifyLog({ baseUrl: 'https://log.test', fetch: log.fetch, logKey: log.verifierKey, witnesses: keys });
    expect(all.ok).toBe(false);
  });

  it('verifyCosignedCheckpoint rejects a note the log did not sign and a bad policy', () => {
    const other = new FakeLog({ origin: log.origin }).grow(20);
    expect(verifyCosignedCheckpoint(other.checkpointNote, log.verifierKey, [], 0)).toMatchObject({ ok: false, logSigned: false });
    expect(() => verifyCosignedCheckpoint(log.checkpointNote, log.verifierKey, [witnesses[0]!.key], 2)).toThrow(/quorum/);
    expect(() => verifyCosignedCheckpoint(log.checkpointNote, log.verifierKey, [log.verifierKey])).toThrow(/witness key/);
    expect(verifyCosignedCheckpoint(log.checkpointNote, log.verifierKey, [witnesses[0]!.key, witnesses[0]!.key]).total).toBe(1);
  });
});
