import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cosignatureVerifierFromKey, ed25519PublicKeyFromBytes, parseNote, parseVerifierKey, verifyCosignature, verifyNote } from '../core/merkle/index.js';
import { FakeLog } from '../log/verifier-testlog.js';
import { verifyCosignedCheckpoint } from '../log/witness-client.js';
import { formatAddCheckpointBody, parseAddCheckpointBody } from './protocol.js';
import { openWitness, type Witness } from './witness.js';

const NAME = 'witness.khwamdee.test';
let dir: string;
let log: FakeLog;
let witness: Witness;

const body = (old: number, proof: Uint8Array[], note: string) => formatAddCheckpointBody(old, proof, note);
const open = (name = NAME) => openWitness({ dataDir: dir, name, logs: [{ origin: log.origin, verifierKey: log.verifierKey }], now: () => 1_750_000_000_000 });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'khwamdee-witness-'));
  log = new FakeLog().grow(10);
  witness = open();
});
afterEach(() => {
  witness.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('witness add-checkpoint', () => {
  it('cosigns a consistent sequence of checkpoints with cosignatures that verify', () => {
    const first = witness.addCheckpoint(body(0, [], log.checkpointNote));
    expect(first).toMatchObject({ status: 200, contentType: 'text/plain; charset=utf-8' });
    expect(first.body).toMatch(/^\u2014 witness\.khwamdee\.test \S+\n$/);
    const cosigned = log.checkpointNote + first.body;
    const v = cosignatureVerifierFromKey(witness.verifierKey);
    const opened = verifyNote(cosigned, [v]);
    expect(opened.ok).toBe(true);
    const sig = parseNote(cosigned).signatures[1]!;
    const { key } = parseVerifierKey(witness.verifierKey);
    expect(verifyCosignature(parseNote(cosigned).text, ed25519PublicKeyFromBytes(key), sig.signature)).toEqual({ ok: true, timestamp: 1_750_000_000 });

    log.grow(290);
    expect(witness.addCheckpoint(body(10, log.tree.consistencyProof(10, 300), log.checkpointNote)).status).toBe(200);
    expect(witness.latest(log.origin)).toMatchObject({ size: 300, note: log.checkpointNote });
    // The same checkpoint again is cosigned again.
    expect(witness.addCheckpoint(body(300, [], log.checkpointNote)).status).toBe(200);
  });

  it('answers 409 with its size when old is stale', () => {
    witness.addCheckpoint(body(0, [], log.checkpointNote));
    log.grow(5);
    const stale = witness.addCheckpoint(body(0, [], log.checkpointNote));
    expect(stale).toEqual({ status: 409, contentType: 'text/x.tlog.size', body: '10\n' });
    const ahead = witness.addCheckpoint(body(12, log.tree.consistencyProof(12, 15), log.checkpointNote));
    expect(ahead).toEqual({ status: 409, contentType: 'text/x.tlog.size', body: '10\n' });
  });

  it('refuses a checkpoint inconsistent with the one it cosigned, and still does after a restart', () => {
    log.grow(290);
    expect(witness.addCheckpoint(body(0, [], log.checkpointNote)).status).toBe(200);
    const fork = new FakeLog({ privateKey: log.privateKey, seed: 'fork' }).grow(400);
    const forked = body(300, fork.tree.consistencyProof(300, 400), fork.checkpointNote);
    expect(witness.addCheckpoint(forked).status).toBe(422);
    const sameSize = witness.addCheckpoint(body(300, [], fork.sign(300)));
    expect(sameSize).toEqual({ status: 409, contentType: 'text/x.tlog.size', body: '300\n' });
    expect(witness.store.evidence(log.origin).map((e) => e.reason)).toEqual([
      'consistency proof from 300 to 400 does not verify',
      'checkpoint of size 300 with another root than the one cosigned',
    ]);

    const before = witness.verifierKey;
    witness.close();
    witness = open();
    expect(witness.verifierKey).toBe(before);
    expect(witness.latest(log.origin)?.size).toBe(300);
    expect(witness.addCheckpoint(forked).status).toBe(422);
    expect(witness.addCheckpoint(body(0, [], fork.checkpointNote))).toMatchObject({ status: 409, body: '300\n' });
    log.grow(1);
    expect(witness.addCheckpoint(body(300, log.tree.consistencyProof(300, 301), log.checkpointNote)).status).toBe(200);
  });

  it('refuses unknown logs, bad signatures and malformed requests', () => {
    const stranger = new FakeLog({ origin: 'elsewhere.test/log' }).grow(3);
    expect(witness.addCheckpoint(body(0, [], stranger.checkpointNote)).status).toBe(404);
    const forged = log.sign(10, generateKeyPairSync('ed25519').privateKey);
    expect(witness.addCheckpoint(body(0, [], forged)).status).toBe(403);
    expect(witness.addCheckpoint(body(11, [], log.checkpointNote)).status).toBe(400);
    expect(witness.addCheckpoint('old 0\n').status).toBe(400);
    expect(witness.addCheckpoint(`old 00\n\n${log.checkpointNote}`).status).toBe(400);
    expect(witness.addCheckpoint(`old 0\nnot-base64\n\n${log.checkpointNote}`).status).toBe(400);
    expect(witness.addCheckpoint(new Uint8Array([0xff, 0xfe])).status).toBe(400);
    expect(witness.addCheckpoint(body(0, [], 'not a note\n')).status).toBe(400);
    // An empty-size-0 proof must be empty.
    expect(witness.addCheckpoint(body(0, log.tree.consistencyProof(3, 10), log.checkpointNote)).status).toBe(422);
    expect(witness.latest(log.origin)).toBeUndefined();
  });

  it('produces cosignatures that count toward a k-of-n quorum', () => {
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'khwamdee-witness-')));
    const others = dirs.map((d, i) => openWitness({ dataDir: d, name: `w${i}.test`, logs: [{ origin: log.origin, verifierKey: log.verifierKey }] }));
    try {
      let note = log.checkpointNote;
      for (const w of [witness, others[0]!]) note += w.addCheckpoint(body(0, [], log.checkpointNote)).body;
      const keys = [witness.verifierKey, ...others.map((w) => w.verifierKey)];
      const two = verifyCosignedCheckpoint(note, log.verifierKey, keys, 2);
      expect(two).toMatchObject({ ok: true, logSigned: true, quorumMet: true, total: 3, missing: [keys[2]], invalid: [] });
      expect(two.signed.map((s) => s.name)).toEqual([NAME, 'w0.test']);
      expect(verifyCosignedCheckpoint(note, log.verifierKey, keys).quorumMet).toBe(false);
      // A cosignature is over the checkpoint text: it does not move to another checkpoint.
      log.grow(1);
      const moved = log.checkpointNote + note.slice(note.indexOf(`\u2014 ${NAME}`));
      expect(verifyCosignedCheckpoint(moved, log.verifierKey, keys, 1)).toMatchObject({ quorumMet: false, invalid: [keys[0], keys[1]] });
    } finally {
      for (const w of others) w.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('witness key and configuration', () => {
  it('keeps its key private in the data dir and refuses another name', () => {
    expect(statSync(join(dir, 'witness-key')).mode & 0o777).toBe(0o600);
    witness.close();
    expect(() => open('other.test')).toThrow(/holds the key of witness/);
    witness = open();
  });

  it('refuses a corrupt key file and a malformed log key', () => {
    witness.close();
    writeFileSync(join(dir, 'witness-key'), 'garbage\n');
    expect(() => open()).toThrow(/not a valid witness key/);
    rmSync(join(dir, 'witness-key'));
    expect(() => openWitness({ dataDir: dir, name: NAME, logs: [{ origin: 'x', verifierKey: 'nope' }] })).toThrow(/verifier key/);
    witness = open();
  });
});

describe('add-checkpoint body format', () => {
  it('round-trips and limits proof lines to 63', () => {
    const proof = log.tree.consistencyProof(3, 10);
    expect(parseAddCheckpointBody(body(3, proof, log.checkpointNote))).toEqual({ oldSize: 3, proof, note: log.checkpointNote });
    const many = Array.from({ length: 64 }, () => proof[0]!);
    expect(() => formatAddCheckpointBody(3, many, log.checkpointNote)).toThrow(RangeError);
    const text = `old 3\n${'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n'.repeat(64)}\n${log.checkpointNote}`;
    expect(() => parseAddCheckpointBody(text)).toThrow(/more than 63/);
  });
});
