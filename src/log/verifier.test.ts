import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cosignatureKeyId,
  cosignatureSigner,
  decodeEntryBundle,
  formatCosignatureVerifierKey,
  formatEd25519VerifierKey,
  parseNote,
  signCosignature,
  signNote,
  toBase64,
} from '../core/merkle/index.js';
import { FakeLog } from './verifier-testlog.js';
import { verifyLog } from './verifier.js';

const BASE = 'https://log.khwamdee.test';

/** Byte offset of the `pos`-th byte of entry `j` inside an entry bundle. */
function entryByteOffset(bundle: Uint8Array, j: number, pos: number): number {
  const entries = decodeEntryBundle(bundle);
  let offset = 0;
  for (let k = 0; k < j; k++) offset += 2 + entries[k]!.length;
  return offset + 2 + pos;
}

function flip(bytes: Uint8Array, offset: number): void {
  bytes[offset] = bytes[offset]! ^ 0x01;
}

describe('verifyLog on a good log', () => {
  it.each([0, 1, 255, 256, 257, 256 * 3 + 17])('accepts a log of %i entries and recomputes every leaf', async (size) => {
    const log = new FakeLog().grow(size);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report).toMatchObject({ origin: log.origin, size, rootHash: toBase64(log.tree.rootHash()), checkedLeaves: size, trustOnFirstUse: false });
    expect(report.bundlesChecked).toBe(Math.ceil(size / 256));
  });

  it('fetches the key from /log/key when none is given, and says so', async () => {
    const log = new FakeLog().grow(10);
    const report = await verifyLog({ baseUrl: `${BASE}/`, fetch: log.fetch });
    expect(report.ok).toBe(true);
    expect(report.trustOnFirstUse).toBe(true);
    expect(report.logKey).toBe(log.verifierKey);
    expect(log.requests).toContain('GET /log/key');
  });

  it('fetches every full and partial tile and bundle of the tree', async () => {
    const log = new FakeLog().grow(256 * 2 + 5);
    await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey, concurrency: 2 });
    const fetched = log.requests
      .filter((r) => r.includes('/tile/'))
      .map((r) => r.slice('GET /log/'.length))
      .sort();
    expect(fetched).toEqual(['tile/0/000', 'tile/0/001', 'tile/0/002.p/5', 'tile/1/000.p/2', 'tile/entries/000', 'tile/entries/001', 'tile/entries/002.p/5'].sort());
  });

  it('falls back to the full tile and bundle once the log has deleted a partial one', async () => {
    const log = new FakeLog({ dropPartials: true }).grow(300);
    const old = log.checkpointNote;
    log.grow(300);
    expect(log.files.has('tile/0/001.p/44')).toBe(false);
    log.checkpointNote = old;
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, size: 300, checkedLeaves: 300 });
  });
});

describe('verifyLog on a tampered log', () => {
  it('names exactly the entry whose bundle was changed', async () => {
    const log = new FakeLog().grow(256 * 3 + 17);
    const bundle = log.files.get('tile/entries/001')!;
    flip(bundle, entryByteOffset(bundle, 210, 20));
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.ok).toBe(false);
    expect(report.firstBadEntry).toEqual({ index: 466, reason: 'entry 466: leaf hash does not match tile 0/1 position 210' });
    expect(report.problems.filter((p) => p.kind === 'entry')).toEqual([{ kind: 'entry', index: 466, message: report.firstBadEntry!.reason }]);
    expect(report.problems.some((p) => p.kind === 'root' && p.message.startsWith('the entries hash to root'))).toBe(true);
    expect(report.problems.some((p) => p.kind === 'tile')).toBe(false);
  });

  it('names an entry changed in the partial bundle', async () => {
    const log = new FakeLog().grow(256 + 40);
    const bundle = log.files.get('tile/entries/001.p/40')!;
    flip(bundle, entryByteOffset(bundle, 39, 5));
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.firstBadEntry?.index).toBe(295);
  });

  it('reports a changed level-0 tile as a tile problem, not an entry problem', async () => {
    const log = new FakeLog().grow(256 * 2 + 9);
    flip(log.files.get('tile/0/001')!, 5 * 32 + 3);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.ok).toBe(false);
    expect(report.firstBadEntry).toBeUndefined();
    const messages = report.problems.map((p) => p.message);
    expect(messages).toContain('tile 0/1 position 5 does not match entry 261 (the entries hash to the signed root, the tiles do not)');
    expect(messages).toContain('tile 1/0 position 1 does not match the hash of tile 0/1');
  });

  it('reports a changed upper tile against the tile below it', async () => {
    const log = new FakeLog().grow(256 * 3 + 1);
    flip(log.files.get('tile/1/000.p/3')!, 2 * 32);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ kind: 'tile', message: 'tile 1/0 position 2 does not match the hash of tile 0/2' }]);
  });

  it('reports a truncated tile and a missing bundle', async () => {
    const log = new FakeLog().grow(600);
    log.files.set('tile/0/000', log.files.get('tile/0/000')!.slice(0, 100));
    log.files.delete('tile/entries/002.p/88');
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind).sort()).toEqual(['missing', 'tile']);
    expect(report.firstBadEntry?.index).toBe(512);
    expect(report.firstBadEntry?.reason).toMatch(/entry 512: entry bundle tile\/entries\/002.p\/88 is not served \(HTTP 404\)/);
  });

  it('catches a log that rewrites tiles and entries together under the old signed root', async () => {
    const good = new FakeLog().grow(300);
    const forged = new FakeLog({ privateKey: good.privateKey, seed: 'forged' }).grow(300);
    forged.checkpointNote = good.checkpointNote;
    const report = await verifyLog({ baseUrl: BASE, fetch: forged.fetch, logKey: good.verifierKey });
    expect(report.ok).toBe(false);
    expect(report.firstBadEntry).toBeUndefined();
    expect(report.problems.map((p) => p.kind)).toEqual(['root', 'root']);
  });
});

describe('verifyLog signatures', () => {
  it('refuses a checkpoint signed by another key', async () => {
    const log = new FakeLog().grow(20);
    log.checkpointNote = log.sign(20, generateKeyPairSync('ed25519').privateKey);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'signature' });
    expect(report.problems[0]!.message).toContain('no signature from a known key');
  });

  it('refuses a checkpoint whose signature bytes were altered', async () => {
    const log = new FakeLog().grow(20);
    const note = parseNote(log.checkpointNote);
    const sig = note.signatures[0]!;
    sig.signature[0] = sig.signature[0]! ^ 0xff;
    log.checkpointNote = signNote(note.text, [], note.signatures);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.ok).toBe(false);
    expect(report.problems[0]!.message).toContain('invalid signature');
  });

  it('refuses a log that is not the one whose key was pinned', async () => {
    const log = new FakeLog().grow(20);
    const other = formatEd25519VerifierKey(log.origin, generateKeyPairSync('ed25519').privateKey);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: other });
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.kind).toBe('signature');
  });
});

describe('verifyLog consistency with a previous checkpoint', () => {
  it('accepts a log that extends the previous checkpoint and checks its consistency proof', async () => {
    const log = new FakeLog().grow(300);
    const previous = { size: 300, rootHash: toBase64(log.tree.rootHash()) };
    log.grow(333);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey, previous });
    expect(report.ok).toBe(true);
    expect(report.consistency).toMatchObject({ previousSize: 300, recomputedRoot: previous.rootHash, proof: 'verified', ok: true });
    expect(log.requests).toContain('GET /api/v1/log/consistency?from=300&to=633');
  });

  it('refuses a larger tree that does not extend the previous one', async () => {
    const a = new FakeLog().grow(300);
    const previous = { size: 300, rootHash: toBase64(a.tree.rootHash()) };
    const b = new FakeLog({ privateKey: a.privateKey, seed: 'fork' }).grow(500);
    const report = await verifyLog({ baseUrl: BASE, fetch: b.fetch, logKey: a.verifierKey, previous });
    expect(report.ok).toBe(false);
    expect(report.consistency).toMatchObject({ ok: false, proof: 'failed' });
    const kinds = report.problems.map((p) => p.kind);
    expect(kinds).toEqual(['consistency', 'consistency']);
    expect(report.problems[0]!.message).toContain('history was rewritten');
    expect(report.problems[1]!.message).toContain('does not verify');
  });

  it('refuses a log smaller than the previous checkpoint', async () => {
    const log = new FakeLog().grow(10);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey, previous: { size: 11, rootHash: toBase64(log.tree.rootHash()) } });
    expect(report.ok).toBe(false);
    expect(report.problems[0]!.message).toContain('the log shrank');
  });

  it('refuses a same-size checkpoint with another root', async () => {
    const log = new FakeLog().grow(10);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey, previous: { size: 10, rootHash: toBase64(log.tree.rootHash(9)) } });
    expect(report.ok).toBe(false);
    expect(report.consistency).toMatchObject({ ok: false, proof: 'trivial' });
  });

  it('refuses a consistency proof that does not verify even when the tree itself is consistent', async () => {
    const log = new FakeLog().grow(300);
    const previous = { size: 100, rootHash: toBase64(log.tree.rootHash(100)) };
    log.consistencyOverride = (from, to) => log.tree.consistencyProof(from + 1, to);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey, previous });
    expect(report.ok).toBe(false);
    expect(report.consistency).toMatchObject({ recomputedRoot: previous.rootHash, proof: 'failed' });
  });

  it('still passes on the recomputation when the proof API is not served', async () => {
    const log = new FakeLog().grow(300);
    const previous = { size: 100, rootHash: toBase64(log.tree.rootHash(100)) };
    log.consistencyOverride = () => undefined;
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey, previous });
    expect(report.ok).toBe(true);
    expect(report.consistency).toMatchObject({ ok: true, proof: 'unavailable' });
  });
});

describe('verifyLog witness policy', () => {
  const witnesses = [0, 1, 2].map((i) => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const name = `witness${i}.test`;
    return { name, privateKey, key: formatCosignatureVerifierKey(name, privateKey) };
  });

  function cosign(log: FakeLog, which: number[]): void {
    const note = parseNote(log.checkpointNote);
    log.checkpointNote = signNote(
      note.text,
      which.map((i) => cosignatureSigner(witnesses[i]!.name, witnesses[i]!.privateKey, 1_750_000_000)),
      note.signatures,
    );
  }

  it('counts cosignatures against a k-of-n quorum', async () => {
    const log = new FakeLog().grow(50);
    cosign(log, [0, 2]);
    const keys = witnesses.map((w) => w.key);
    const two = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey, witnesses: keys, quorum: 2 });
    expect(two.ok).toBe(true);
    expect(two.witnesses).toMatchObject({ quorum: 2, total: 3, quorumMet: true, missing: [keys[1]] });
    expect(two.witnesses!.signed.map((s) => s.name)).toEqual(['witness0.test', 'witness2.test']);
    const all = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey, witnesses: keys });
    expect(all.ok).toBe(false);
    expect(all.problems).toEqual([{ kind: 'witness', message: '2 of 3 witnesses cosigned the checkpoint; the policy requires 3' }]);
  });

  it('does not count a forged cosignature', async () => {
    const log = new FakeLog().grow(5);
    const note = parseNote(log.checkpointNote);
    // A line under witness 0's name and key ID, signed by someone else's key.
    const forged = signCosignature(note.text, generateKeyPairSync('ed25519').privateKey, 1);
    const keyId = cosignatureKeyId(witnesses[0]!.name, witnesses[0]!.privateKey);
    log.checkpointNote = signNote(note.text, [], [...note.signatures, { name: witnesses[0]!.name, keyId, signature: forged }]);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey, witnesses: [witnesses[0]!.key], quorum: 1 });
    expect(report.ok).toBe(false);
    expect(report.witnesses).toMatchObject({ invalid: [witnesses[0]!.key], signed: [] });
  });

  it('is a usage error to ask for more witnesses than given', async () => {
    const log = new FakeLog().grow(5);
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, witnesses: [witnesses[0]!.key], quorum: 2 });
    expect(report.error?.kind).toBe('usage');
    expect(log.requests).toEqual([]);
  });
});

describe('verifyLog errors', () => {
  it('reports an unreachable log as a network error', async () => {
    const report = await verifyLog({ baseUrl: BASE, fetch: () => Promise.reject(new Error('connect ECONNREFUSED')) });
    expect(report).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(report.error!.message).toContain('ECONNREFUSED');
  });

  it('reports a server error while fetching tiles as a network error', async () => {
    const log = new FakeLog().grow(600);
    const fetchFn: typeof fetch = (input, init) => (String(input).includes('tile/0/001') ? Promise.resolve(new Response('busy', { status: 503 })) : log.fetch(input, init));
    const report = await verifyLog({ baseUrl: BASE, fetch: fetchFn, logKey: log.verifierKey });
    expect(report.error?.kind).toBe('network');
  });

  it('reports bad options as usage errors', async () => {
    expect((await verifyLog({ baseUrl: 'not a url' })).error?.kind).toBe('usage');
    expect((await verifyLog({ baseUrl: 'ftp://x' })).error?.kind).toBe('usage');
    expect((await verifyLog({ baseUrl: BASE, previous: { size: 1, rootHash: 'nope' } })).error?.kind).toBe('usage');
    expect((await verifyLog({ baseUrl: BASE, logKey: 'x+y+z' })).error?.kind).toBe('usage');
  });
});

describe('verifyLog on a log with a full level-1 tile', () => {
  const size = 256 * 258 + 5;
  let log: FakeLog;
  beforeAll(() => {
    log = new FakeLog().grow(size);
  });

  it('checks all tile levels, full and partial', async () => {
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, checkedLeaves: size, bundlesChecked: 259, tilesChecked: 259 + 2 + 1 });
  });

  it('reports a changed hash in the full level-1 tile', async () => {
    const tile = log.files.get('tile/1/000')!;
    const saved = tile.slice();
    flip(tile, 7 * 32 + 31);
    try {
      const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
      expect(report.problems).toEqual([
        { kind: 'tile', message: 'tile 1/0 position 7 does not match the hash of tile 0/7' },
        { kind: 'tile', message: 'tile 2/0 position 0 does not match the hash of tile 1/0' },
      ]);
    } finally {
      tile.set(saved);
    }
  });
});

describe('verifyLog against a hostile server', () => {
  it('refuses to read an oversized tile', async () => {
    const log = new FakeLog().grow(300);
    log.files.set('tile/0/000', new Uint8Array(1 << 20));
    const report = await verifyLog({ baseUrl: BASE, fetch: log.fetch, logKey: log.verifierKey });
    expect(report.error?.kind).toBe('network');
    expect(report.error?.message).toContain('exceeds 8192');
  });
});
