// The browser's reading of the public log (web/src/features/log) against the server's own code:
// entry bundle paths and format (C2SP tlog-tiles), the leaf formats, and witness cosignature lines.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  cosignatureSigner,
  decodeEntryBundle as serverDecode,
  ed25519NoteSigner,
  encodeEntryBundle,
  encodeTileIndex as serverEncode,
  entryBundlePath,
  formatCheckpoint,
  signNote,
  tileWidth,
} from '../src/core/merkle/index.js';
import { creditLeaf, redemptionLeaf } from '../src/log/leaf.js';
import { parseEntry } from '../web/src/features/log/entry.js';
import { noteSignatures } from '../web/src/features/log/note.js';
import { decodeEntryBundle, encodeTileIndex, entryBundleFor } from '../web/src/features/log/tiles.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('the log as the browser reads it', () => {
  it('names the entry bundle of every index as the server serves it', () => {
    for (const n of [0, 1, 999, 1000, 1234067, 2 ** 40]) expect(encodeTileIndex(n)).toBe(serverEncode(n));
    for (const [index, size] of [
      [0, 1],
      [5, 6],
      [255, 256],
      [255, 300],
      [256, 300],
      [299, 300],
      [600, 70_000],
      [69_999, 70_000],
    ] as const) {
      const tile = Math.floor(index / 256);
      const width = tileWidth(0, tile, size);
      expect(entryBundleFor(index, size), `${index}/${size}`).toEqual({ path: `/log/${entryBundlePath(tile, width)}`, offset: index % 256 });
    }
    for (const [index, size] of [
      [-1, 5],
      [5, 5],
      [0, 0],
      [1.5, 5],
    ] as const)
      expect(() => entryBundleFor(index, size)).toThrow(RangeError);
  });

  it('reads entry bundles like the server and refuses truncated ones', () => {
    const entries = [utf8('a'), utf8(''), utf8('x'.repeat(300)), utf8('ความดี')];
    const bundle = encodeEntryBundle(entries);
    expect(decodeEntryBundle(bundle)).toEqual(serverDecode(bundle));
    expect(decodeEntryBundle(bundle)).toEqual(entries);
    expect(() => decodeEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow(RangeError);
    expect(() => decodeEntryBundle(new Uint8Array([0]))).toThrow(RangeError);
  });

  it('reads the public content of credit, redemption and refund leaves', () => {
    const credit = { id: 'c1', subject: 'S0', indicator: 'trc.blood.red-cell', ruleVersion: 2, points: 70, year: 2026, day: '2026-06-10', issuer: 'trc', certifier: null };
    expect(parseEntry(utf8(creditLeaf(credit)))).toEqual({ kind: 'credit', ...credit });
    expect(parseEntry(utf8(creditLeaf({ ...credit, certifier: 'khuangpao' })))).toMatchObject({ certifier: 'khuangpao' });
    for (const kind of ['redemption', 'refund'] as const) {
      const r = { kind, id: 'r1', subject: 'S1', privilege: 'ptt.bluepoints', partner: 'ptt', points: 50, day: '2026-06-11' };
      expect(parseEntry(utf8(redemptionLeaf(r)))).toEqual(r);
    }
    // Anything else is shown as its text, never half-read.
    for (const text of ['', 'not json', '[1]', '{"v":1,"kind":"credit","points":"70"}', '{"kind":"vote"}']) expect(parseEntry(utf8(text))).toEqual({ kind: 'other', text });
  });

  it('lists the witnesses that cosigned a checkpoint, with the time each signed', () => {
    const { privateKey: logKey } = generateKeyPairSync('ed25519');
    const { privateKey: witnessKey } = generateKeyPairSync('ed25519');
    const text = formatCheckpoint({ origin: 'khwamdee.example/log', size: 3, rootHash: new Uint8Array(32) });
    const note = signNote(text, [ed25519NoteSigner('khwamdee.example/log', logKey), cosignatureSigner('witness.trc.example', witnessKey, 1_781_000_000)]);
    expect(noteSignatures(note)).toEqual([{ name: 'khwamdee.example/log' }, { name: 'witness.trc.example', cosignedAt: 1_781_000_000 }]);
    expect(noteSignatures('no signatures')).toEqual([]);
    expect(noteSignatures(`${text}\n\u2014 broken !!!\n`)).toEqual([]);
  });
});
